"""Who may change a creator profile and its affiliations.

A profile speaks for a person: only its owner adds it to anything. Staff may edit and
delete profiles, but not act as their owner.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from hub.accounts.policy import administers_organisation
from hub.api.principal import Denied, Principal
from hub.creators.models import Affiliation, Creator
from hub.i18n.messages import Message, _

NOT_OWNER = _("Only the person who owns this creator profile may do this.")


async def owns_creator(session: AsyncSession, principal: Principal, creator_id: int | None) -> bool:
    """The caller is the person who owns this creator profile."""
    if creator_id is None or principal.user_id is None:
        return False
    creator = await session.get(Creator, creator_id)
    return creator is not None and creator.owner_user_id == principal.user_id


async def require_creator_owner(
    session: AsyncSession, principal: Principal, creator_id: int
) -> None:
    """Only a creator profile's owner, or staff, edits it."""
    if principal.is_staff:
        return
    await require_own_creator(session, principal, creator_id)


async def require_own_creator(
    session: AsyncSession, principal: Principal, creator_id: int, refusal: Message = NOT_OWNER
) -> None:
    """The caller owns this creator profile; staff are no exception (it speaks for a person)."""
    if await session.get(Creator, creator_id) is None:
        return
    if not await owns_creator(session, principal, creator_id):
        raise Denied(refusal)


async def require_affiliation_remover(
    session: AsyncSession, principal: Principal, affiliation_id: int
) -> None:
    """The creator may drop an affiliation, and so may the organisation's admins."""
    affiliation = await session.get(Affiliation, affiliation_id)
    if affiliation is None or principal.is_staff:
        return
    if await administers_organisation(session, principal, affiliation.organisation_id):
        return
    await require_own_creator(session, principal, affiliation.creator_id)
