"""Organisations' API keys: created with their secret shown once, listed, revoked."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from hub.accounts.authentication import API_KEY_PREFIX
from hub.accounts.errors import ApiKeyErrorCode
from hub.accounts.models import ApiKey
from hub.accounts.tokens import digest, new_secret
from hub.api.principal import Scope
from hub.core.checks import check_text
from hub.core.lookups import get_or_reject
from hub.core.validation import Problems, Rejected
from hub.i18n.messages import _
from hub.organisations.service import get_organisation


@dataclass(frozen=True)
class NewApiKey:
    """A key just made; ``secret`` is shown to its creator once and never stored."""

    key_id: int
    secret: str

    @property
    def audit_key(self) -> int:
        return self.key_id


async def create_api_key(
    session: AsyncSession,
    organisation_id: int,
    name: str,
    scopes: Sequence[Scope],
    created_by: int | None,
) -> NewApiKey:
    await get_organisation(session, organisation_id, "organisation_id")
    problems = Problems()
    checked_name = check_text(problems, "name", name, max_length=100)
    if not scopes:
        problems.add(
            "scopes", ApiKeyErrorCode.REQUIRED, _("Give at least one scope: READ or WRITE.")
        )
    if problems:
        raise Rejected(problems.errors)
    secret = new_secret()
    key = ApiKey(
        organisation_id=organisation_id,
        name=checked_name,
        secret_hash=digest(secret),
        scopes=sorted({scope.value for scope in scopes}),
        created_by_user_id=created_by,
    )
    session.add(key)
    await session.flush()
    return NewApiKey(key.id, f"{API_KEY_PREFIX}{key.id}_{secret}")


async def revoke_api_key(session: AsyncSession, key_id: int) -> int:
    """Stop a key from working; revoking it again changes nothing."""
    key = await get_or_reject(session, ApiKey, key_id, missing=_("No API key has this id."))
    if key.revoked_at is None:
        key.revoked_at = datetime.now(UTC)
        await session.flush()
    return key_id
