"""What a seat sponsor may see of the seat their pledge paid for (read side).

Whether the pledge funds a seat, and, only with the student's consent, the programme,
where the student comes from (their profile's country and region) and whether they
graduated (completed the programme). Without consent, nothing about the student.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.creators.models import Creator
from hub.funding.models import SeatSponsorship, SponsorConsent
from hub.talent.enums import ApplicationStatus
from hub.talent.models import ProgrammeApplication


@dataclass(frozen=True)
class SeatView:
    """A sponsored seat as its sponsor sees it; the student's details are None without
    consent."""

    assigned_at: datetime
    consent_given: bool
    programme_id: int | None = None
    country_code: str | None = None
    region_code: str | None = None
    has_graduated: bool | None = None


async def seats_of(session: AsyncSession, pledge_ids: Sequence[int]) -> dict[int, SeatView]:
    """The seats these pledges funded, in one statement (pledges funding none are absent)."""
    rows = await session.execute(
        select(
            SeatSponsorship.pledge_id,
            SeatSponsorship.assigned_at,
            SponsorConsent.application_id.is_not(None).label("consent"),
            ProgrammeApplication.programme_id,
            ProgrammeApplication.status,
            Creator.country_code,
            Creator.region_code,
        )
        .join(ProgrammeApplication, ProgrammeApplication.id == SeatSponsorship.application_id)
        .join(Creator, Creator.id == ProgrammeApplication.creator_id)
        .outerjoin(SponsorConsent, SponsorConsent.application_id == SeatSponsorship.application_id)
        .where(SeatSponsorship.pledge_id.in_(list(pledge_ids)))
    )
    seats: dict[int, SeatView] = {}
    for pledge, assigned_at, consent, programme, status, country, region in rows:
        if not consent:
            seats[pledge] = SeatView(assigned_at, consent_given=False)
            continue
        seats[pledge] = SeatView(
            assigned_at,
            consent_given=True,
            programme_id=programme,
            country_code=country,
            region_code=region,
            has_graduated=status is ApplicationStatus.COMPLETED,
        )
    return seats
