"""Who may link a seat sponsorship to a seat, and who consents to what its sponsor sees.

The programme's host knows which student holds which scholarship seat, so its admins (and
staff) link a pledge to a seat. Consent speaks for the student: only the owner of the
applying creator profile gives or withdraws it (staff are no exception).
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from hub.api.principal import Principal
from hub.funding.models import Pledge, RewardTier
from hub.talent.policy import require_applicant, require_host


async def require_seat_assigner(
    session: AsyncSession, principal: Principal, pledge_id: int
) -> None:
    """The host of the programme the pledge's tier sponsors; the service refuses a pledge
    that is missing or not a seat sponsorship."""
    pledge = await session.get(Pledge, pledge_id)
    tier = (
        None
        if pledge is None or pledge.tier_id is None
        else await session.get(RewardTier, pledge.tier_id)
    )
    if tier is not None and tier.programme_id is not None:
        await require_host(session, principal, tier.programme_id)


async def require_student(session: AsyncSession, principal: Principal, application_id: int) -> None:
    await require_applicant(session, principal, application_id)
