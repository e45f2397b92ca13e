"""Registering by email: an account exists only once its address is confirmed.

``register`` answers the same whether or not the email has an account, and does the same
work either way (an argon2 hash, then one message), so neither its answer nor its timing
tells which addresses are known. A new address gets a pending registration and a mailed
code; an address with an account gets a note that someone tried. ``confirm_registration``
turns a code into the account and its first session. Codes are 256-bit secrets kept as
sha256 digests, like refresh tokens.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.accounts.errors import AccountErrorCode
from hub.accounts.models import PendingRegistration, User
from hub.accounts.passwords import Passwords
from hub.accounts.service import SessionTokens, checked_credentials, start_session
from hub.accounts.tokens import digest, new_secret
from hub.config import Settings
from hub.core.jobs.mail import queue_mail
from hub.core.lookups import any_row
from hub.core.mail import Message
from hub.core.validation import Rejected
from hub.i18n.messages import _


@dataclass(frozen=True)
class Registration:
    """An accepted registration and the message queued for it (sent once its write commits)."""

    message: Message

    @property
    def audit_key(self) -> None:
        """No entity: no user exists yet, and the audit record is the same either way."""
        return None


async def register(
    session: AsyncSession, settings: Settings, email: str, password: str
) -> Registration:
    address = checked_credentials(email, password)
    # Hashed whether or not the address has an account, so both answers take as long.
    password_hash = await Passwords(settings).hash(password)
    now = datetime.now(UTC)
    await session.execute(delete(PendingRegistration).where(PendingRegistration.expires_at <= now))
    if await any_row(session, select(User.id).where(User.email == address)):
        return await _mailed(session, _someone_tried(address))
    code = new_secret()
    expires_at = now + timedelta(seconds=settings.registration_ttl)
    session.add(
        PendingRegistration(
            email=address,
            password_hash=password_hash,
            token_hash=digest(code),
            expires_at=expires_at,
        )
    )
    await session.flush()
    return await _mailed(session, _confirmation(address, code, expires_at))


async def _mailed(session: AsyncSession, message: Message) -> Registration:
    await queue_mail(session, message)
    return Registration(message)


async def confirm_registration(
    session: AsyncSession, settings: Settings, token: str
) -> SessionTokens:
    """Create the account a code was mailed for and log it in; the code is used up."""
    found = (
        await session.execute(
            select(
                PendingRegistration.id,
                PendingRegistration.email,
                PendingRegistration.password_hash,
                PendingRegistration.expires_at,
            ).where(PendingRegistration.token_hash == digest(token))
        )
    ).first()
    now = datetime.now(UTC)
    if found is None or found.expires_at <= now:
        raise _invalid_token()
    # One statement takes every registration waiting for the address, so of two
    # confirmations racing for it (or for one code) only one finds its own among them.
    taken = await session.scalars(
        delete(PendingRegistration)
        .where(PendingRegistration.email == found.email)
        .returning(PendingRegistration.id)
        .execution_options(synchronize_session=False)
    )
    if found.id not in taken.all():
        raise _invalid_token()
    if await any_row(session, select(User.id).where(User.email == found.email)):
        raise _invalid_token()
    user = User(email=found.email, password_hash=found.password_hash, last_login_at=now)
    session.add(user)
    await session.flush()
    return await start_session(session, settings, user.id)


def _invalid_token() -> Rejected:
    return Rejected.one(
        "token",
        AccountErrorCode.INVALID_TOKEN,
        _("The code is not valid, has expired or was already used; register again."),
    )


def _confirmation(email: str, code: str, expires_at: datetime) -> Message:
    return Message(
        to=email,
        subject="Confirm your email to finish registering",
        body=(
            "Someone, hopefully you, asked to open an account with this email address.\n\n"
            "To finish, confirm it (`confirmRegistration`) with this code, which works once, "
            f"until {expires_at:%Y-%m-%d %H:%M} UTC:\n\n"
            f"    {code}\n\n"
            "If it was not you, ignore this message: no account opens without the code.\n"
        ),
    )


def _someone_tried(email: str) -> Message:
    return Message(
        to=email,
        subject="Someone tried to register with your email",
        body=(
            "Someone, perhaps you, asked to open an account with this email address, but it "
            "already has one, so nothing changed.\n\n"
            "If it was you, log in with this address instead. If it was not, you can ignore "
            "this message: your account and its password are as they were.\n"
        ),
    )
