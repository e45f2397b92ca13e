"""Registration confirmed by email: nobody learns from `register` whether an address has
an account, and an account opens only with the code mailed to its address."""

import asyncio
import logging
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy import func, select, update

from hub.accounts import registration
from hub.accounts.models import AuditRecord, PendingRegistration, User
from hub.accounts.passwords import Passwords
from hub.accounts.tokens import digest
from hub.core.db import create_session_factory
from hub.core.jobs.models import JobStatus, QueuedJob
from hub.core.mail import Message
from hub.server.app import create_app
from tests.accounts.registering import (
    REGISTER,
    code_in,
    confirm,
    register,
    register_and_confirm,
)
from tests.conftest import migrated_engine
from tests.factories import PASSWORD
from tests.helpers import data_of, graphql

ME = "{ me { email isStaff } }"
INVALID_TOKEN = {
    "field": ["token"],
    "code": "INVALID_TOKEN",
    "message": "The code is not valid, has expired or was already used; register again.",
}


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def _count(session, model, *where) -> int:
    return int(await session.scalar(select(func.count()).select_from(model).where(*where)))


async def test_registering_a_new_address_mails_it_a_code_and_creates_no_user(
    client, mailbox, session
):
    users = await _count(session, User)
    payload = await register(client, "  Aruzhan@Example.KZ ")
    assert payload == {"accepted": True, "userErrors": []}
    [message] = mailbox.messages
    assert message.to == "aruzhan@example.kz"
    assert code_in(message) is not None
    assert await _count(session, User) == users
    assert await _count(session, PendingRegistration) == 1


async def test_confirming_the_code_opens_the_account_and_logs_you_in(client, mailbox, session):
    payload = await register_and_confirm(client, mailbox, "  Aruzhan@Example.KZ ")
    assert payload["userErrors"] == []
    assert payload["viewer"] == {"email": "aruzhan@example.kz", "isStaff": False}
    assert payload["tokens"]["tokenType"] == "Bearer"
    me = await data_of(client, ME, headers=bearer(payload["tokens"]["accessToken"]))
    assert me["me"] == {"email": "aruzhan@example.kz", "isStaff": False}
    assert await _count(session, PendingRegistration) == 0


async def test_the_new_account_logs_in_with_the_password_given_at_registration(client, mailbox):
    await register_and_confirm(client, mailbox, "returning@example.org", "my own passphrase")
    login = await data_of(
        client,
        "mutation ($i: LoginInput!) { login(input: $i) { userErrors { code } } }",
        {"i": {"email": "returning@example.org", "password": "my own passphrase"}},
    )
    assert login["login"]["userErrors"] == []


async def test_registering_a_taken_address_answers_exactly_as_for_a_new_one(
    client, factory, mailbox, session
):
    await factory.user(email="dana@example.org")
    users = await _count(session, User)
    variables = {"email": "ＤＡＮＡ@example.org", "password": "another passphrase"}
    taken = await graphql(client, REGISTER, {"i": variables})
    new = await graphql(client, REGISTER, {"i": {**variables, "email": "new@example.org"}})
    assert taken["data"] == new["data"] == {"register": {"accepted": True, "userErrors": []}}
    assert "errors" not in taken
    assert await _count(session, User) == users
    assert (
        await _count(session, PendingRegistration, PendingRegistration.email == "dana@example.org")
        == 0
    )

    tried, confirmation = mailbox.messages
    assert tried.to == "dana@example.org"
    assert "already has one" in tried.body
    assert code_in(tried) is None
    assert confirmation.to == "new@example.org"


async def test_registering_hashes_the_password_whether_or_not_the_address_has_an_account(
    client, factory, monkeypatch
):
    """The slow part of the work is done either way, so timing does not tell them apart."""
    hashed: list[str] = []
    original = Passwords.hash

    async def counting(self, password: str) -> str:
        hashed.append(password)
        return await original(self, password)

    await factory.user(email="known@example.org")
    monkeypatch.setattr(Passwords, "hash", counting)
    await register(client, "known@example.org", "first passphrase")
    await register(client, "unknown@example.org", "second passphrase")
    assert hashed == ["first passphrase", "second passphrase"]


async def test_a_wrong_code_is_refused_generically_and_creates_nothing(client, mailbox, session):
    await register(client, "guess@example.org")
    users = await _count(session, User)
    payload = await confirm(client, "not-the-code")
    assert payload == {"viewer": None, "tokens": None, "userErrors": [INVALID_TOKEN]}
    assert await _count(session, User) == users
    assert await _count(session, PendingRegistration) == 1


async def test_an_expired_code_is_refused_generically_and_creates_nothing(client, mailbox, session):
    await register(client, "slow@example.org")
    code = code_in(mailbox.messages[0])
    await session.execute(
        update(PendingRegistration).values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
    )
    await session.commit()
    users = await _count(session, User)
    assert (await confirm(client, code))["userErrors"] == [INVALID_TOKEN]
    assert await _count(session, User) == users


async def test_a_code_works_once(client, mailbox, session):
    await register(client, "once@example.org")
    code = code_in(mailbox.messages[0])
    assert (await confirm(client, code))["userErrors"] == []
    users = await _count(session, User)
    assert (await confirm(client, code))["userErrors"] == [INVALID_TOKEN]
    assert await _count(session, User) == users


async def test_of_two_registrations_for_one_email_the_first_confirmed_opens_the_account(
    client, mailbox, session
):
    await register(client, "twice@example.org", "the first passphrase")
    await register(client, "twice@example.org", "the second passphrase")
    first, second = (code_in(message) for message in mailbox.messages)
    assert await _count(session, PendingRegistration) == 2

    assert (await confirm(client, second))["viewer"] == {
        "email": "twice@example.org",
        "isStaff": False,
    }
    users = await _count(session, User)
    assert (await confirm(client, first))["userErrors"] == [INVALID_TOKEN]
    assert await _count(session, User) == users
    assert await _count(session, PendingRegistration) == 0


async def test_a_code_for_an_address_that_got_an_account_meanwhile_creates_nothing(
    client, factory, mailbox, session
):
    await register(client, "meanwhile@example.org")
    await factory.user(email="meanwhile@example.org")
    users = await _count(session, User)
    payload = await confirm(client, code_in(mailbox.messages[0]))
    assert payload["userErrors"] == [INVALID_TOKEN]
    assert await _count(session, User) == users


@pytest.mark.parametrize(
    ("email", "password", "expected"),
    [
        ("not-an-email", "short", {("email", "INVALID"), ("password", "TOO_SHORT")}),
        ("long@example.org", "x" * 257, {("password", "TOO_LONG")}),
    ],
    ids=["bad email, short password", "long password"],
)
async def test_an_invalid_input_is_reported_field_by_field_and_sends_nothing(
    client, mailbox, session, email, password, expected
):
    payload = await register(client, email, password)
    assert payload["accepted"] is False
    assert {(e["field"][0], e["code"]) for e in payload["userErrors"]} == expected
    assert mailbox.messages == []
    assert await _count(session, PendingRegistration) == 0


async def test_a_registration_keeps_the_password_hashed_and_the_code_digested(
    client, mailbox, session
):
    await register(client, "stored@example.org", PASSWORD)
    code = code_in(mailbox.messages[0])
    pending = await session.scalar(select(PendingRegistration))
    assert pending.password_hash.startswith("$argon2id$")
    assert pending.token_hash == digest(code)
    assert code not in str(vars(pending))
    assert PASSWORD not in str(vars(pending))
    lifetime = pending.expires_at - pending.created_at
    assert abs(lifetime - timedelta(hours=24)) < timedelta(minutes=1)


async def test_registering_clears_registrations_that_expired(client, mailbox, session):
    await register(client, "forgotten@example.org")
    await session.execute(
        update(PendingRegistration).values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
    )
    await session.commit()
    await register(client, "someone-else@example.org")
    emails = (await session.scalars(select(PendingRegistration.email))).all()
    assert emails == ["someone-else@example.org"]


async def test_register_and_confirm_are_audited_without_passwords_or_codes(
    client, mailbox, session
):
    payload = await register_and_confirm(client, mailbox, "audited@example.org")
    code = code_in(mailbox.messages[0])
    user = await session.scalar(select(User.id).where(User.email == "audited@example.org"))
    records = {
        r.action: r
        for r in await session.scalars(
            select(AuditRecord).where(AuditRecord.action.in_(["register", "confirmRegistration"]))
        )
    }
    assert (records["register"].entity_type, records["register"].entity_id) == ("User", None)
    assert records["register"].fields == ["email"]
    assert (records["confirmRegistration"].entity_id, records["confirmRegistration"].fields) == (
        user,
        [],
    )
    everything = str([vars(r) for r in await session.scalars(select(AuditRecord))])
    for secret in (PASSWORD, code, payload["tokens"]["refreshToken"]):
        assert secret not in everything


class _UnreachableServer:
    async def send(self, message: Message) -> None:
        raise ConnectionRefusedError("the mail server is down")


async def test_a_message_that_cannot_be_sent_is_logged_and_the_answer_stays_the_same(
    settings, database, sessions, session, caplog
):
    app = create_app(
        settings,
        engine=database.engine,
        session_factory=sessions,
        check_migrations=False,
        mailer=_UnreachableServer(),
    )
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://hub.test") as client:
        with caplog.at_level(logging.ERROR, logger="hub.mail"):
            payload = await register(client, "unlucky@example.org")
    assert payload == {"accepted": True, "userErrors": []}
    [record] = [r for r in caplog.records if r.name == "hub.mail"]
    assert "unlucky@example.org" in record.getMessage()
    # The registration stays: registering again sends a new code.
    assert await _count(session, PendingRegistration) == 1
    # The message waits in the job queue to be tried again later.
    [job] = (await session.scalars(select(QueuedJob))).all()
    assert (job.name, job.status, job.attempts) == ("mail.send", JobStatus.TODO, 1)
    assert job.run_at > job.created_at


async def test_confirmations_racing_for_one_email_open_one_account(database, settings, tmp_path):
    """Three at once, each on its own connection: two codes for one address, one of them
    sent twice. One opens the account; the others get the generic refusal."""
    async with migrated_engine(database.backend, tmp_path) as engine:
        sessions = create_session_factory(engine)
        codes = []
        for password in ("the first passphrase", "the second passphrase"):
            async with sessions() as session, session.begin():
                accepted = await registration.register(
                    session, settings, "race@example.org", password
                )
            codes.append(code_in(accepted.message))
        app = create_app(settings, engine=engine, session_factory=sessions, check_migrations=False)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://hub.test") as client:
            outcomes = await asyncio.gather(
                *(confirm(client, code) for code in [codes[0], codes[0], codes[1]])
            )
        async with sessions() as session:
            assert await _count(session, User) == 1
            assert await _count(session, PendingRegistration) == 0
    errors = sorted(str(outcome["userErrors"]) for outcome in outcomes)
    assert errors == sorted([str([INVALID_TOKEN])] * 2 + ["[]"])
