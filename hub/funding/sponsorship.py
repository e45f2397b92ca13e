"""Seat sponsorships: which student's scholarship seat a SEAT_SPONSORSHIP pledge paid
for, and the student's consent that its sponsor sees where the seat went.

The programme's host links a collected pledge at a seat sponsorship tier to an
application of the tier's programme that holds a scholarship seat (accepted, enrolled or
completed): one pledge, one seat, each used once. The student (the applying profile's
owner) gives or withdraws consent at any time; without it (the default) the sponsor
learns nothing about the student. Writes only; ``sponsored_seats`` reads.
"""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.lookups import get_or_reject
from hub.core.validation import FieldCode, Rejected
from hub.funding.enums import PledgeStatus, TierKind
from hub.funding.errors import FundingErrorCode
from hub.funding.models import Pledge, RewardTier, SeatSponsorship, SponsorConsent
from hub.funding.pledges import NO_PLEDGE
from hub.i18n.messages import _
from hub.talent.applications import get_application
from hub.talent.enums import ApplicationStatus

SEAT_STATUSES = frozenset(
    {ApplicationStatus.ACCEPTED, ApplicationStatus.ENROLLED, ApplicationStatus.COMPLETED}
)
"""An application in one of these holds (or held, to the end) a seat a pledge may fund."""


async def assign_seat(session: AsyncSession, pledge_id: int, application_id: int) -> int:
    """Link a collected seat sponsorship to the scholarship seat it paid for; the pledge."""
    pledge = await get_or_reject(session, Pledge, pledge_id, missing=NO_PLEDGE, path="pledgeId")
    tier = None if pledge.tier_id is None else await session.get(RewardTier, pledge.tier_id)
    if tier is None or tier.kind is not TierKind.SEAT_SPONSORSHIP:
        raise Rejected.one(
            "pledgeId",
            FundingErrorCode.NOT_A_SEAT_SPONSORSHIP,
            _("The pledge was not made at a seat sponsorship tier."),
        )
    if pledge.status is not PledgeStatus.CAPTURED:
        raise Rejected.one(
            "pledgeId",
            FundingErrorCode.PLEDGE_NOT_COLLECTED,
            _(
                "Only a collected pledge funds a seat; this one is {status}.",
                status=pledge.status.value,
            ),
        )
    application = await get_application(session, application_id, path="applicationId")
    if (
        application.programme_id != tier.programme_id
        or not application.has_scholarship
        or application.status not in SEAT_STATUSES
    ):
        raise Rejected.one(
            "applicationId",
            FundingErrorCode.NOT_A_SCHOLARSHIP_SEAT,
            _(
                "The application holds no scholarship seat in the programme the tier "
                "sponsors (accepted, enrolled or completed, with a scholarship)."
            ),
        )
    taken = await session.scalar(
        select(SeatSponsorship.id).where(
            (SeatSponsorship.pledge_id == pledge_id)
            | (SeatSponsorship.application_id == application_id)
        )
    )
    if taken is not None:
        raise Rejected.one(
            "pledgeId",
            FieldCode.DUPLICATE,
            _("The pledge already funds a seat, or the seat already has its sponsor."),
        )
    session.add(SeatSponsorship(pledge_id=pledge_id, application_id=application_id))
    await session.flush()
    return pledge_id


async def set_consent(session: AsyncSession, application_id: int, consent: bool) -> int:
    """Give (``True``) or withdraw the consent; doing it twice changes nothing more."""
    await get_application(session, application_id, path="applicationId")
    given = await session.get(SponsorConsent, application_id)
    if consent and given is None:
        session.add(SponsorConsent(application_id=application_id))
    elif not consent and given is not None:
        await session.execute(
            delete(SponsorConsent).where(SponsorConsent.application_id == application_id)
        )
    await session.flush()
    return application_id
