"""Claiming and settling queued jobs, so that each run happens once among many workers.

A claim is one short transaction: on PostgreSQL ``FOR UPDATE SKIP LOCKED`` lets workers
pass over each other's rows; on SQLite a write transaction is one writer at a time, which
serialises claims by itself. The claimed row becomes ``RUNNING`` with a lease; a lease
that runs out (its worker died) makes the job claimable again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, delete, exists, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from hub.core.columns import utcnow
from hub.core.db import begin_write
from hub.core.jobs.definition import backoff
from hub.core.jobs.models import JobStatus, QueuedJob

MAX_ERROR_LENGTH = 2_000


@dataclass(frozen=True)
class Claim:
    """One run of a job this worker holds until ``locked_until``."""

    id: int
    name: str
    arguments: dict[str, Any]
    attempt: int
    max_attempts: int
    locked_until: datetime


def _due(now: datetime) -> Any:
    return or_(
        and_(QueuedJob.status == JobStatus.TODO, QueuedJob.run_at <= now),
        and_(QueuedJob.status == JobStatus.RUNNING, QueuedJob.locked_until < now),
    )


async def claim_next(sessions: async_sessionmaker[AsyncSession], lease: timedelta) -> Claim | None:
    """Take the job due first, or None when nothing is due."""
    # A plain read first: an idle runner never takes SQLite's one write lock to find nothing.
    async with sessions() as session:
        if not await session.scalar(exists(select(QueuedJob.id).where(_due(utcnow()))).select()):
            return None
    async with sessions() as session, session.begin():
        await begin_write(session)
        now = utcnow()
        due = _due(now)
        found = (
            await session.execute(
                select(
                    QueuedJob.id,
                    QueuedJob.name,
                    QueuedJob.arguments,
                    QueuedJob.attempts,
                    QueuedJob.max_attempts,
                )
                .where(due)
                .order_by(QueuedJob.run_at, QueuedJob.id)
                .limit(1)
                .with_for_update(skip_locked=True)
            )
        ).first()
        if found is None:
            return None
        locked_until = now + lease
        await session.execute(
            update(QueuedJob)
            .where(QueuedJob.id == found.id)
            .values(
                status=JobStatus.RUNNING,
                attempts=found.attempts + 1,
                locked_until=locked_until,
            )
        )
    return Claim(
        found.id, found.name, found.arguments, found.attempts + 1, found.max_attempts, locked_until
    )


def _held(claim: Claim) -> Any:
    """The claimed row, as long as no other worker took it over after the lease ran out."""
    return and_(
        QueuedJob.id == claim.id,
        QueuedJob.status == JobStatus.RUNNING,
        QueuedJob.attempts == claim.attempt,
    )


async def complete(sessions: async_sessionmaker[AsyncSession], claim: Claim) -> None:
    """A done job leaves the table: its arguments (a mailed code, say) are kept no longer."""
    async with sessions() as session, session.begin():
        await begin_write(session)
        await session.execute(delete(QueuedJob).where(_held(claim)))


async def fail(
    sessions: async_sessionmaker[AsyncSession], claim: Claim, error: str, *, retry: bool = True
) -> JobStatus:
    """Try again after a backoff, or give up after the last attempt (kept as ``FAILED``)."""
    gives_up = not retry or claim.attempt >= claim.max_attempts
    status = JobStatus.FAILED if gives_up else JobStatus.TODO
    async with sessions() as session, session.begin():
        await begin_write(session)
        await session.execute(
            update(QueuedJob)
            .where(_held(claim))
            .values(
                status=status,
                run_at=utcnow() + backoff(claim.attempt),
                locked_until=None,
                last_error=error[:MAX_ERROR_LENGTH],
            )
        )
    return status
