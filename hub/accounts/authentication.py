"""Who is calling: one function turns a request's credentials into a ``Principal``.

Credentials come as ``Authorization: Bearer <token>`` (an access token, an API key
``hub_<id>_<secret>`` or the bootstrap admin token) or as ``X-API-Key: hub_...``. No
credential means an anonymous caller; a credential that is wrong in any way refuses
the whole request, so a client never mistakes a bad token for a public answer.
"""

from __future__ import annotations

import hmac
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import ClassVar

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from hub.accounts.models import ApiKey, AuthSession, User
from hub.accounts.tokens import InvalidToken, digest, read_access_token, same_digest
from hub.api.principal import ANONYMOUS, Principal, PrincipalKind, Scope
from hub.config import Settings

API_KEY_PREFIX = "hub_"
# Recording every use would turn each read into a write; once a minute is enough to audit.
LAST_USED_RESOLUTION = timedelta(minutes=1)
_NO_KEY_DIGEST = digest("no such key")
_LARGEST_ID = 2**31 - 1


class Unauthenticated(Exception):
    """The request carries a credential that is not valid; nothing of it is served."""

    headers: ClassVar[dict[str, str]] = {"WWW-Authenticate": 'Bearer error="invalid_token"'}


def carries_credentials(headers: Mapping[str, str]) -> bool:
    """Whether the request names a caller at all; without a credential it is anonymous."""
    return "authorization" in headers or "x-api-key" in headers


async def authenticate(
    headers: Mapping[str, str], settings: Settings, session: AsyncSession
) -> Principal:
    """The caller of a request; ``Unauthenticated`` when its credential is not valid."""
    authorization = headers.get("authorization")
    api_key = headers.get("x-api-key")
    if authorization is not None and api_key is not None:
        raise Unauthenticated("Send one credential: `Authorization` or `X-API-Key`, not both.")
    if api_key is not None:
        return await _api_key_principal(session, api_key.strip())
    if authorization is None:
        return ANONYMOUS
    scheme, _, token = authorization.partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise Unauthenticated("Send credentials as `Authorization: Bearer <token>`.")
    if _is_admin_token(settings, token):
        return Principal.admin_token()
    if token.startswith(API_KEY_PREFIX):
        return await _api_key_principal(session, token)
    return await _user_principal(settings, session, token)


def _is_admin_token(settings: Settings, token: str) -> bool:
    if settings.admin_token is None:
        return False
    return hmac.compare_digest(token.encode(), settings.admin_token.get_secret_value().encode())


async def _user_principal(settings: Settings, session: AsyncSession, token: str) -> Principal:
    try:
        claims = read_access_token(settings, token)
    except InvalidToken as error:
        raise Unauthenticated(str(error)) from error
    is_staff = await session.scalar(
        select(User.is_staff)
        .join(AuthSession, AuthSession.user_id == User.id)
        .where(
            User.id == claims.user_id,
            AuthSession.id == claims.session_id,
            AuthSession.revoked_at.is_(None),
        )
    )
    if is_staff is None:
        raise Unauthenticated("The session has ended (logged out or revoked); log in again.")
    return Principal(
        PrincipalKind.USER,
        user_id=claims.user_id,
        is_staff=is_staff,
        session_id=claims.session_id,
    )


def parse_api_key(value: str) -> tuple[int, str] | None:
    """``(id, secret)`` from ``hub_<id>_<secret>``, or ``None`` when it has another shape."""
    prefix, _, rest = value.partition(API_KEY_PREFIX)
    key_id, _, secret = rest.partition("_")
    if prefix or not key_id.isdigit() or not secret or int(key_id) > _LARGEST_ID:
        return None
    return int(key_id), secret


async def _api_key_principal(session: AsyncSession, value: str) -> Principal:
    parsed = parse_api_key(value)
    key = await session.get(ApiKey, parsed[0]) if parsed else None
    # Compare against something even when there is no key, so timing tells nothing.
    stored = key.secret_hash if key else _NO_KEY_DIGEST
    matches = same_digest(parsed[1] if parsed else value, stored)
    if key is None or not matches or key.revoked_at is not None:
        raise Unauthenticated("The API key is not valid, or it has been revoked.")
    await _record_use(session, key)
    return Principal(
        PrincipalKind.API_KEY,
        api_key_id=key.id,
        organisation_id=key.organisation_id,
        scopes=frozenset(Scope(scope) for scope in key.scopes),
    )


async def _record_use(session: AsyncSession, key: ApiKey) -> None:
    now = datetime.now(UTC)
    if key.last_used_at is not None and now - key.last_used_at < LAST_USED_RESOLUTION:
        return
    await session.execute(
        update(ApiKey)
        .where(
            ApiKey.id == key.id,
            or_(ApiKey.last_used_at.is_(None), ApiKey.last_used_at < now - LAST_USED_RESOLUTION),
        )
        .values(last_used_at=now)
    )
    await session.commit()
