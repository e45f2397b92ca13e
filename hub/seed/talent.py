"""The Talent Factory's demo programmes: created, opened, applied to and run through the
same services as the API, so every application passes the eligibility rules and every
status is reached by legal moves.

Times are relative to the day the demo is loaded (windows and sessions in days from it),
so the demo stays current. The demo is a snapshot: the mail and scheduled jobs its moves
queue (offers to fictional people, window openings) and the events they publish are
removed once it is loaded.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.columns import utcnow
from hub.core.jobs.models import OutboxEvent, QueuedJob
from hub.core.paths import db_dir
from hub.creators.enums import SkillLevel
from hub.talent import applications, programmes
from hub.talent.enums import (
    ApplicationStatus,
    ProgrammeFormat,
    ProgrammeKind,
    ProgrammeStatus,
)
from hub.talent.models import ProgrammeApplication
from hub.talent.seats import expire_if_due

A = ApplicationStatus
ROUTES: dict[ApplicationStatus, tuple[ApplicationStatus, ...]] = {
    A.SUBMITTED: (),
    A.WAITLISTED: (A.WAITLISTED,),
    A.ACCEPTED: (A.ACCEPTED,),
    A.REJECTED: (A.REJECTED,),
    A.ENROLLED: (A.ACCEPTED, A.ENROLLED),
    A.COMPLETED: (A.ACCEPTED, A.ENROLLED, A.COMPLETED),
    A.DROPPED: (A.ACCEPTED, A.ENROLLED, A.DROPPED),
    A.NO_SHOW: (A.ACCEPTED, A.ENROLLED, A.NO_SHOW),
    A.WITHDRAWN: (A.WITHDRAWN,),
    A.EXPIRED: (A.ACCEPTED, A.EXPIRED),
}
"""The moves that bring an application to each status, in order."""
STATUS_PATH = (
    ProgrammeStatus.OPEN,
    ProgrammeStatus.CLOSED,
    ProgrammeStatus.RUNNING,
    ProgrammeStatus.FINISHED,
)


@dataclass(frozen=True)
class Prerequisite:
    discipline: str
    minimum_level: SkillLevel


@dataclass(frozen=True)
class Fee:
    amount: Decimal
    currency_code: str


def _read() -> list[dict[str, Any]]:
    path = db_dir() / "seed" / "demo" / "programmes.json"
    data: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _instant(today: date, days: int, hour: int = 0, zone: str = "UTC") -> datetime:
    local = datetime.combine(today + timedelta(days=days), time(hour), tzinfo=ZoneInfo(zone))
    return local.astimezone(UTC)


async def load_programmes(
    session: AsyncSession,
    today: date,
    organisation_ids: dict[str, int],
    creator_ids: dict[str, int],
) -> dict[str, int]:
    """Load the demo programmes; how many programmes and applications it added."""
    last_job = await session.scalar(select(func.max(QueuedJob.id))) or 0
    last_event = await session.scalar(select(func.max(OutboxEvent.id))) or 0
    items = _read()
    count = 0
    for item in items:
        count += await _load_programme(session, today, item, organisation_ids, creator_ids)
    await session.execute(delete(QueuedJob).where(QueuedJob.id > last_job))
    await session.execute(delete(OutboxEvent).where(OutboxEvent.id > last_event))
    return {"programmes": len(items), "applications": count}


def _fields(item: dict[str, Any]) -> programmes.ProgrammeFields:
    fee = item.get("fee")
    return programmes.ProgrammeFields(
        slug=item["slug"],
        title=item["title"],
        summary=item.get("summary", ""),
        kind=ProgrammeKind(item["kind"]),
        disciplines=item.get("disciplines", []),
        level_taught=SkillLevel(item["levelTaught"]),
        languages=item.get("languages", []),
        format=ProgrammeFormat(item["format"]),
        country=item.get("country"),
        region=item.get("region"),
        city=item.get("city"),
        time_zone=item["timeZone"],
        capacity=item["capacity"],
        scholarship_seats=item.get("scholarshipSeats", 0),
        waitlist_size=item.get("waitlistSize", 0),
        min_age=item.get("minAge"),
        max_age=item.get("maxAge"),
        eligible_countries=item.get("eligibleCountries", []),
        eligible_regions=item.get("eligibleRegions", []),
        prerequisites=[
            Prerequisite(p["discipline"], SkillLevel(p["minimumLevel"]))
            for p in item.get("prerequisites", [])
        ],
        fee=Fee(Decimal(fee["amount"]), fee["currency"]) if fee else None,
    )


async def _load_programme(
    session: AsyncSession,
    today: date,
    item: dict[str, Any],
    organisation_ids: dict[str, int],
    creator_ids: dict[str, int],
) -> int:
    programme = await programmes.create_programme(
        session, organisation_ids[item["host"]], _fields(item)
    )
    status = ProgrammeStatus(item["status"])
    for mentor in item.get("mentors", []):
        key = await programmes.invite_mentor(
            session, programme, creator_ids[mentor["creator"]], None
        )
        if mentor["status"] != "INVITED":
            await programmes.answer_mentor_invitation(session, key, mentor["status"] == "ACCEPTED")
    for meeting in item.get("sessions", []):
        start = _instant(today, meeting["startsInDays"], meeting["localHour"], item["timeZone"])
        await programmes.add_session(
            session,
            programme,
            programmes.SessionFields(
                title=meeting["title"],
                starts_at=start,
                ends_at=start + timedelta(hours=meeting["hours"]),
                place=meeting.get("place"),
                online_url=meeting.get("onlineUrl"),
            ),
        )
    apps = item.get("applications", [])
    if status is not ProgrammeStatus.DRAFT and status is not ProgrammeStatus.CANCELLED:
        await programmes.change_programme_status(session, programme, ProgrammeStatus.OPEN)
    for application in apps:
        await _apply(session, programme, creator_ids[application["creator"]], application)
    window = item.get("window")
    if window:
        await programmes.update_programme(
            session,
            programme,
            programmes.ProgrammeFields(
                applications_open_at=_instant(today, window["opensInDays"]),
                applications_close_at=_instant(today, window["closesInDays"]),
            ),
        )
    if status is ProgrammeStatus.CANCELLED:
        await programmes.change_programme_status(session, programme, status)
    elif status is not ProgrammeStatus.DRAFT:
        for step in STATUS_PATH[1 : STATUS_PATH.index(status) + 1]:
            await programmes.change_programme_status(session, programme, step)
    return len(apps)


async def _apply(session: AsyncSession, programme: int, creator: int, item: dict[str, Any]) -> None:
    key = await applications.apply(
        session,
        programme,
        creator,
        applications.ApplicationFields(
            motivation=item["motivation"], portfolio_links=item.get("portfolioLinks", [])
        ),
    )
    for move in ROUTES[ApplicationStatus(item["status"])]:
        if move in applications.HOST_DECISIONS:
            await applications.decide(session, key, move)
        elif move is A.ENROLLED:
            await applications.enrol(session, key)
        elif move is A.WITHDRAWN:
            await applications.withdraw(session, key)
        elif move is A.EXPIRED:
            # The offer's deadline passes: as the expiry job finds it.
            await session.execute(
                update(ProgrammeApplication)
                .where(ProgrammeApplication.id == key)
                .values(offer_expires_at=utcnow() - timedelta(seconds=1))
            )
            await expire_if_due(session, key)
        else:
            await applications.record_outcome(session, key, move)
