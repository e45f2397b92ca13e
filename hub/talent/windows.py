"""Application windows: a programme opens and closes for applications at its times.

Setting a window on a programme schedules two jobs: at its start a DRAFT programme
becomes OPEN, at its end an OPEN one becomes CLOSED. A job checks the programme's
window as it is when it runs, so one scheduled for a window since moved does nothing
(the job for the new times does the work). Each move a job makes is audited as the
system's, naming the job.
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from hub.accounts.audit import record_system_audit
from hub.core.columns import utcnow
from hub.core.db import begin_write
from hub.core.jobs.definition import JobContext, job
from hub.talent.enums import ProgrammeStatus
from hub.talent.models import Programme
from hub.talent.states import PROGRAMME_STATUS

logger = logging.getLogger("hub.talent")


def takes_applications(
    status: ProgrammeStatus, opens: datetime | None, closes: datetime | None, now: datetime
) -> bool:
    """OPEN, and inside its window when it has one (``queries.open_for_applications`` is
    the same rule in SQL)."""
    return (
        status is ProgrammeStatus.OPEN
        and (opens is None or opens <= now)
        and (closes is None or now < closes)
    )


async def schedule_window(
    session: AsyncSession, programme_id: int, opens: datetime | None, closes: datetime | None
) -> None:
    """Queue the opening and closing of a programme's window (now, if already past)."""
    if opens is not None:
        await open_window.schedule(session, opens, programme=programme_id)
    if closes is not None:
        await close_window.schedule(session, closes, programme=programme_id)


SYSTEM_ACTIONS = {
    ProgrammeStatus.OPEN: "openApplications",
    ProgrammeStatus.CLOSED: "closeApplications",
}
"""The audit action of a programme move a job makes, by the status it enters."""


async def set_status(
    session: AsyncSession, programme: Programme, wanted: ProgrammeStatus, *, job: str | None = None
) -> None:
    """Move a programme (checked by the state machine, kept in its history); ``job``
    names the job making the move, which is then audited as the system's."""
    await PROGRAMME_STATUS.record(session, programme.id, programme.status, wanted)
    if job is not None:
        action = SYSTEM_ACTIONS.get(wanted, "changeProgrammeStatus")
        await record_system_audit(session, job, action, "Programme", programme.id, ("status",))
    programme.status = wanted
    await session.flush()


async def open_if_due(session: AsyncSession, programme_id: int, *, job: str | None = None) -> bool:
    programme = await session.get(Programme, programme_id, with_for_update=True)
    now = utcnow()
    if (
        programme is None
        or programme.status is not ProgrammeStatus.DRAFT
        or programme.applications_open_at is None
        or programme.applications_open_at > now
        or (programme.applications_close_at is not None and programme.applications_close_at <= now)
    ):
        return False
    await set_status(session, programme, ProgrammeStatus.OPEN, job=job)
    return True


async def close_if_due(session: AsyncSession, programme_id: int, *, job: str | None = None) -> bool:
    programme = await session.get(Programme, programme_id, with_for_update=True)
    if (
        programme is None
        or programme.status is not ProgrammeStatus.OPEN
        or programme.applications_close_at is None
        or programme.applications_close_at > utcnow()
    ):
        return False
    await set_status(session, programme, ProgrammeStatus.CLOSED, job=job)
    return True


@job("talent.window.open")
async def open_window(context: JobContext, *, programme: int) -> None:
    async with context.sessions() as session, session.begin():
        await begin_write(session)
        if await open_if_due(session, programme, job=open_window.name):
            logger.info("programme %s opened for applications", programme)


@job("talent.window.close")
async def close_window(context: JobContext, *, programme: int) -> None:
    async with context.sessions() as session, session.begin():
        await begin_write(session)
        if await close_if_due(session, programme, job=close_window.name):
            logger.info("programme %s closed for applications", programme)
