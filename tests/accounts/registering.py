"""Registering as a person does through the API: register, read the mail, confirm."""

from __future__ import annotations

import re
from typing import Any

import httpx

from hub.core.mail import MemoryMailer, Message
from tests.factories import PASSWORD
from tests.helpers import data_of

SESSION_FIELDS = """
  viewer { email isStaff }
  tokens { accessToken refreshToken tokenType accessTokenExpiresAt }
  userErrors { field code message }
"""
REGISTER = """
mutation ($i: RegisterInput!) { register(input: $i) { accepted userErrors { field code message } } }
"""
CONFIRM = f"""
mutation ($i: ConfirmRegistrationInput!) {{
  confirmRegistration(input: $i) {{ {SESSION_FIELDS} }}
}}
"""
_CODE = re.compile(r"^    (\S+)$", re.MULTILINE)


def code_in(message: Message) -> str | None:
    """The confirmation code a message carries, on a line of its own; None without one."""
    found = _CODE.search(message.body)
    return found.group(1) if found else None


async def register(
    client: httpx.AsyncClient, email: str, password: str = PASSWORD
) -> dict[str, Any]:
    data = await data_of(client, REGISTER, {"i": {"email": email, "password": password}})
    payload: dict[str, Any] = data["register"]
    return payload


async def confirm(client: httpx.AsyncClient, code: str) -> dict[str, Any]:
    data = await data_of(client, CONFIRM, {"i": {"token": code}})
    payload: dict[str, Any] = data["confirmRegistration"]
    return payload


async def register_and_confirm(
    client: httpx.AsyncClient, mailbox: MemoryMailer, email: str, password: str = PASSWORD
) -> dict[str, Any]:
    """The ``confirmRegistration`` payload of a new account: its viewer and tokens."""
    assert (await register(client, email, password))["accepted"]
    code = code_in(mailbox.messages[-1])
    assert code is not None, mailbox.messages[-1].body
    return await confirm(client, code)
