"""Demo seat sponsorships: the first seats of the demo programme, each paid for by a
patron's pledge, held by scholarship students, two of whom let their sponsor see where
the seat went (one has graduated). Loaded through the same services the API uses.

The programme takes its scholars (OPEN), then runs (CLOSED, RUNNING), so it no longer
shows among the programmes open for applications; the offers' jobs, mail and events this
leaves are removed, as the talent demo does.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.jobs.models import OutboxEvent, QueuedJob
from hub.core.paths import db_dir
from hub.creators.models import Creator
from hub.funding import sponsorship
from hub.funding.enums import PledgeStatus, TierKind
from hub.funding.models import Campaign, Pledge, RewardTier
from hub.talent import applications, programmes
from hub.talent.enums import ApplicationStatus, ProgrammeStatus


def _read() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (db_dir() / "seed" / "demo" / "sponsorships.json").read_text(encoding="utf-8")
    )
    return data


async def _seat_pledges(session: AsyncSession, campaign_slug: str) -> list[int]:
    """The campaign's collected seat sponsorships, oldest first."""
    rows = await session.scalars(
        select(Pledge.id)
        .join(Campaign, Campaign.id == Pledge.campaign_id)
        .join(RewardTier, RewardTier.id == Pledge.tier_id)
        .where(
            Campaign.slug == campaign_slug,
            RewardTier.kind == TierKind.SEAT_SPONSORSHIP,
            Pledge.status == PledgeStatus.CAPTURED,
        )
        .order_by(Pledge.id)
    )
    return list(rows)


async def load_demo_sponsorships(session: AsyncSession, programme_ids: dict[str, int]) -> int:
    """Seat the demo's scholars and link each to a sponsor's pledge; how many seats."""
    last_job = await session.scalar(select(func.max(QueuedJob.id))) or 0
    last_event = await session.scalar(select(func.max(OutboxEvent.id))) or 0
    data = _read()
    programme = programme_ids[data["programme"]]
    await programmes.change_programme_status(session, programme, ProgrammeStatus.OPEN)
    seats: list[tuple[int, dict[str, Any]]] = []
    for scholar in data["scholars"]:
        creator = await session.scalar(
            select(Creator.id).where(Creator.handle == scholar["creator"])
        )
        assert creator is not None, scholar["creator"]
        fields = applications.ApplicationFields(
            motivation="I would like to learn 2D animation.", wants_scholarship=True
        )
        application = await applications.apply(session, programme, creator, fields)
        await applications.decide(session, application, ApplicationStatus.ACCEPTED)
        await applications.enrol(session, application)
        seats.append((application, scholar))
    for status in (ProgrammeStatus.CLOSED, ProgrammeStatus.RUNNING):
        await programmes.change_programme_status(session, programme, status)
    pledges = await _seat_pledges(session, data["campaign"])
    for pledge, (application, scholar) in zip(pledges, seats, strict=True):
        await sponsorship.assign_seat(session, pledge, application)
        await sponsorship.set_consent(session, application, scholar["consents"])
        if scholar.get("outcome"):
            outcome = ApplicationStatus(scholar["outcome"])
            await applications.record_outcome(session, application, outcome)
    await session.execute(delete(QueuedJob).where(QueuedJob.id > last_job))
    await session.execute(delete(OutboxEvent).where(OutboxEvent.id > last_event))
    return len(seats)
