"""Who may offer mentoring and move a pairing.

A creator's owner sets what they offer and asks for a mentor for their own profile;
the mentor's owner answers a proposal; either side may complete or end an active
pairing. Staff may do all but speak for a person (offering, answering).
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from hub.api.principal import Denied, Principal
from hub.creators.policy import owns_creator, require_own_creator
from hub.i18n.messages import _
from hub.talent.mentoring.enums import PairingStatus
from hub.talent.mentoring.models import MentorshipPairing


async def require_proposer(session: AsyncSession, principal: Principal, mentee_id: int) -> None:
    """The mentee's owner asks for a mentor; staff may pair anyone."""
    if principal.is_staff:
        return
    await require_own_creator(
        session, principal, mentee_id, _("Only the creator to be mentored may ask for a mentor.")
    )


async def require_pairing_mover(
    session: AsyncSession, principal: Principal, pairing_id: int, wanted: PairingStatus
) -> None:
    pairing = await session.get(MentorshipPairing, pairing_id)
    if pairing is None:
        return
    if wanted in (PairingStatus.ACTIVE, PairingStatus.DECLINED):
        if await owns_creator(session, principal, pairing.mentor_id):
            return
        raise Denied(_("Only the mentor answers a proposed pairing."))
    if principal.is_staff:
        return
    for side in (pairing.mentor_id, pairing.mentee_id):
        if await owns_creator(session, principal, side):
            return
    raise Denied(_("Only the mentor or the creator mentored may end a pairing."))


async def require_pair_member(session: AsyncSession, principal: Principal, pairing_id: int) -> None:
    """The mentor's or the mentee's owner sets a pairing's goals; staff may too."""
    pairing = await session.get(MentorshipPairing, pairing_id)
    if pairing is None or principal.is_staff:
        return
    for side in (pairing.mentor_id, pairing.mentee_id):
        if await owns_creator(session, principal, side):
            return
    raise Denied(_("Only the mentor or the creator mentored may change a pairing's goals."))


__all__ = [
    "require_own_creator",
    "require_pair_member",
    "require_pairing_mover",
    "require_proposer",
]
