"""Users and their sessions: log in, refresh, log out, change a password.

People register by email (``hub.accounts.registration``); ``create_user`` makes a user
directly, for staff on the command line and for tests.

Login refusals are generic (``INVALID_CREDENTIALS``) and take the same time whether or
not the email has an account. A refresh token is used once: refreshing rotates it, and
presenting a rotated token again revokes its whole session (the token has leaked).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from hub.accounts.errors import AccountErrorCode
from hub.accounts.models import AuthSession, RefreshToken, User
from hub.accounts.passwords import MAX_LENGTH, MIN_LENGTH, Passwords
from hub.accounts.tokens import IssuedToken, digest, issue_access_token, new_secret, new_session_id
from hub.config import Settings
from hub.core.checks import check_email, normalise_email
from hub.core.lookups import any_row
from hub.core.validation import Problems, Rejected
from hub.i18n.locales import Locale
from hub.i18n.messages import _, _n


@dataclass(frozen=True)
class SessionTokens:
    """What a client keeps after logging in: a short access token and a refresh token."""

    user_id: int
    access: IssuedToken
    refresh: IssuedToken

    @property
    def audit_key(self) -> int:
        return self.user_id


@dataclass(frozen=True)
class ReusedRefreshToken:
    """A rotated refresh token came back: someone else holds a copy, so its session ended."""

    user_id: int

    @property
    def audit_key(self) -> int:
        return self.user_id

    def rejection(self) -> Rejected:
        return Rejected.one(
            "refresh_token",
            AccountErrorCode.INVALID_REFRESH_TOKEN,
            _(
                "The refresh token was already used, so its session has been ended in case it "
                "leaked; log in again."
            ),
        )


def check_password(problems: Problems, path: str, password: str) -> None:
    if len(password) < MIN_LENGTH:
        problems.add(
            path,
            AccountErrorCode.TOO_SHORT,
            _n(
                "A password needs {count} character.",
                "A password needs {count} characters.",
                MIN_LENGTH,
            ),
        )
    elif len(password) > MAX_LENGTH:
        problems.add(
            path,
            AccountErrorCode.TOO_LONG,
            _n(
                "A password has at most {count} character.",
                "A password has at most {count} characters.",
                MAX_LENGTH,
            ),
        )


def checked_credentials(email: str, password: str) -> str:
    """The normalised email; every problem with the email and the password otherwise."""
    problems = Problems()
    address = check_email(problems, "email", email)
    check_password(problems, "password", password)
    if problems:
        raise Rejected(problems.errors)
    assert address is not None, "check_email normalises any string"
    return address


async def create_user(
    session: AsyncSession, settings: Settings, email: str, password: str, *, is_staff: bool = False
) -> User:
    """A user made directly (no confirmation mail): the command line and tests."""
    address = checked_credentials(email, password)
    if await any_row(session, select(User.id).where(User.email == address)):
        raise Rejected.one(
            "email",
            AccountErrorCode.DUPLICATE,
            _("An account with this email exists; log in instead."),
        )
    user = User(
        email=address, password_hash=await Passwords(settings).hash(password), is_staff=is_staff
    )
    session.add(user)
    await session.flush()
    return user


async def login(
    session: AsyncSession, settings: Settings, email: str, password: str
) -> SessionTokens:
    user = await session.scalar(select(User).where(User.email == normalise_email(email)))
    passwords = Passwords(settings)
    if not await passwords.verify(user.password_hash if user else None, password) or not user:
        raise Rejected.one(
            (), AccountErrorCode.INVALID_CREDENTIALS, _("The email or the password is not right.")
        )
    if passwords.needs_rehash(user.password_hash):
        user.password_hash = await passwords.hash(password)
    user.last_login_at = datetime.now(UTC)
    return await start_session(session, settings, user.id)


async def start_session(session: AsyncSession, settings: Settings, user_id: int) -> SessionTokens:
    """A new session for a user whose credentials were checked: its first tokens."""
    auth_session = AuthSession(id=new_session_id(), user_id=user_id)
    session.add(auth_session)
    await session.flush()
    return await _issue(session, settings, user_id, auth_session.id)


async def _issue(
    session: AsyncSession, settings: Settings, user_id: int, session_id: str
) -> SessionTokens:
    now = datetime.now(UTC)
    secret = new_secret()
    expires_at = now + timedelta(seconds=settings.refresh_token_ttl)
    session.add(
        RefreshToken(session_id=session_id, token_hash=digest(secret), expires_at=expires_at)
    )
    await session.flush()
    access = issue_access_token(settings, user_id, session_id, now)
    return SessionTokens(user_id, access, IssuedToken(secret, expires_at))


def _invalid_refresh_token() -> Rejected:
    return Rejected.one(
        "refresh_token",
        AccountErrorCode.INVALID_REFRESH_TOKEN,
        _("The refresh token is not valid, has expired or its session has ended; log in again."),
    )


async def refresh_session(
    session: AsyncSession, settings: Settings, refresh_token: str
) -> SessionTokens | ReusedRefreshToken:
    """New tokens for a refresh token, which is used up; on reuse, the session ends."""
    found = (
        await session.execute(
            select(RefreshToken, AuthSession)
            .join(AuthSession, AuthSession.id == RefreshToken.session_id)
            .where(RefreshToken.token_hash == digest(refresh_token))
        )
    ).first()
    if found is None:
        raise _invalid_refresh_token()
    token, auth_session = found
    if auth_session.revoked_at is not None or token.expires_at <= datetime.now(UTC):
        raise _invalid_refresh_token()
    # Only one of two concurrent refreshes with the same token can rotate it.
    rotated = await session.execute(
        update(RefreshToken)
        .where(RefreshToken.id == token.id, RefreshToken.rotated_at.is_(None))
        .values(rotated_at=datetime.now(UTC))
    )
    if rotated.rowcount != 1:  # type: ignore[attr-defined]
        await revoke_session(session, auth_session.id)
        return ReusedRefreshToken(auth_session.user_id)
    return await _issue(session, settings, auth_session.user_id, auth_session.id)


async def revoke_session(session: AsyncSession, session_id: str) -> int:
    """End a session (log out): its refresh tokens and access tokens stop working."""
    auth_session = await session.get(AuthSession, session_id)
    if auth_session is None:
        raise _invalid_refresh_token()
    if auth_session.revoked_at is None:
        auth_session.revoked_at = datetime.now(UTC)
        await session.flush()
    return auth_session.user_id


async def revoke_sessions(session: AsyncSession, user_id: int, *, keep: str | None) -> None:
    """End every session of a user but ``keep``."""
    await session.execute(
        update(AuthSession)
        .where(
            AuthSession.user_id == user_id,
            AuthSession.revoked_at.is_(None),
            AuthSession.id != (keep or ""),
        )
        .values(revoked_at=datetime.now(UTC))
    )


async def change_password(
    session: AsyncSession,
    settings: Settings,
    user_id: int,
    session_id: str | None,
    current: str,
    new: str,
) -> int:
    """Set a new password after checking the current one; other sessions end."""
    user = await session.get(User, user_id)
    assert user is not None, "an authenticated user exists"
    passwords = Passwords(settings)
    problems = Problems()
    if not await passwords.verify(user.password_hash, current):
        problems.add(
            "current_password",
            AccountErrorCode.INVALID_CREDENTIALS,
            _("The current password is not right."),
        )
    check_password(problems, "new_password", new)
    if problems:
        raise Rejected(problems.errors)
    user.password_hash = await passwords.hash(new)
    await revoke_sessions(session, user_id, keep=session_id)
    await session.flush()
    return user_id


async def set_preferred_locale(session: AsyncSession, user_id: int, locale: Locale | None) -> int:
    """The language mail to the user is written in; None: the hub's default."""
    user = await session.get(User, user_id)
    assert user is not None, "an authenticated user exists"
    user.preferred_locale = None if locale is None else locale.tag
    await session.flush()
    return user_id


async def user_by_email(session: AsyncSession, email: str, path: str) -> int:
    """The id of the user with this email, for staff assigning things; NOT_FOUND otherwise."""
    user_id = await session.scalar(select(User.id).where(User.email == normalise_email(email)))
    if user_id is None:
        raise Rejected.one(path, AccountErrorCode.NOT_FOUND, _("No user has this email."))
    return user_id
