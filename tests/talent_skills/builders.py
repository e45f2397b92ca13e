"""Programmes and applications for these tests, written as rows (the talent branch owns
their services); credentials and pairings go through this branch's own services."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from hub.creators.enums import SkillLevel
from hub.disciplines.models import Discipline
from hub.talent.credentials.service import issue_credential
from hub.talent.enums import ApplicationStatus, ProgrammeFormat, ProgrammeKind, ProgrammeStatus
from hub.talent.models import (
    Programme,
    ProgrammeApplication,
    ProgrammeDiscipline,
    ProgrammeSession,
)

_sequence = itertools.count(1)


async def programme(
    sessions: async_sessionmaker[AsyncSession],
    host: int,
    *,
    discipline: str = "animation",
    also: Sequence[str] = (),
    level: SkillLevel = SkillLevel.ADVANCED,
    status: ProgrammeStatus = ProgrammeStatus.FINISHED,
    session_count: int = 3,
    **fields: object,
) -> int:
    number = next(_sequence)
    async with sessions() as session, session.begin():
        row = Programme(
            slug=f"test-programme-{number}",
            title=fields.pop("title", f"Test programme {number}"),
            summary="A test programme.",
            kind=ProgrammeKind.COURSE,
            host_organisation_id=host,
            level_taught=level,
            languages=["ru"],
            format=ProgrammeFormat.ONLINE,
            time_zone="Asia/Almaty",
            capacity=fields.pop("capacity", 10),
            status=status,
            **fields,
        )
        session.add(row)
        await session.flush()
        for slug in (discipline, *also):
            discipline_id = await session.scalar(
                select(Discipline.id).where(Discipline.slug == slug)
            )
            assert discipline_id is not None
            session.add(ProgrammeDiscipline(programme_id=row.id, discipline_id=discipline_id))
        start = datetime(2026, 10, 1, 9, tzinfo=UTC)
        for index in range(session_count):
            begins = start + timedelta(days=7 * index)
            session.add(
                ProgrammeSession(
                    programme_id=row.id,
                    title=f"Session {index + 1}",
                    starts_at=begins,
                    ends_at=begins + timedelta(hours=2),
                    online_url="https://meet.example/x",
                )
            )
        await session.flush()
        return row.id


async def application(
    sessions: async_sessionmaker[AsyncSession],
    programme_id: int,
    creator: int,
    status: ApplicationStatus = ApplicationStatus.COMPLETED,
) -> int:
    async with sessions() as session, session.begin():
        row = ProgrammeApplication(
            programme_id=programme_id, creator_id=creator, status=status, motivation="To learn."
        )
        session.add(row)
        await session.flush()
        return row.id


async def credential(
    sessions: async_sessionmaker[AsyncSession], host: int, creator: int, **fields: object
) -> int:
    """A credential for ``creator`` from a finished programme of ``host`` (teaching
    ``discipline`` and every one of ``also``)."""
    programme_id = await programme(sessions, host, **fields)  # type: ignore[arg-type]
    application_id = await application(sessions, programme_id, creator)
    async with sessions() as session, session.begin():
        return await issue_credential(session, application_id)
