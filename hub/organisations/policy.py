"""Who may create, change and delete an organisation, in the terms of its members' roles."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from hub.accounts.policy import (
    refuse_api_keys,
    require_organisation_admin,
    require_organisation_owner,
)
from hub.api.principal import Principal


def require_organisation_founder(principal: Principal) -> None:
    """A person (or staff) founds an organisation and becomes its owner; a key cannot."""
    refuse_api_keys(principal)


async def require_organisation_editor(
    session: AsyncSession, principal: Principal, organisation_id: int
) -> None:
    """Its owners and admins (and its WRITE keys) edit an organisation."""
    await require_organisation_admin(session, principal, organisation_id)


async def require_organisation_deleter(
    session: AsyncSession, principal: Principal, organisation_id: int
) -> None:
    """Only its owners delete an organisation."""
    await require_organisation_owner(session, principal, organisation_id)
