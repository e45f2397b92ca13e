"""Waking idle workers when a job is queued: PostgreSQL's LISTEN/NOTIFY, polling elsewhere.

``NOTIFY`` inside the queuing transaction is delivered only when it commits, so a worker
never wakes for a job it cannot see yet. SQLite has no such channel: its workers live in
the server process and poll (``HUB_JOBS_POLL_INTERVAL``).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from hub.core.listen import listening_to

logger = logging.getLogger("hub.jobs")

CHANNEL = "hub_jobs"
QUEUED = "hub_jobs_queued"
"""Marks, in ``session.info``, a session that queued work: its server may wake a runner."""


def queued_work(session: AsyncSession) -> bool:
    """Whether ``session`` queued a job or an event since last asked."""
    return bool(session.info.pop(QUEUED, False))


async def wake_workers(session: AsyncSession) -> None:
    session.info[QUEUED] = True
    if session.get_bind().dialect.name == "postgresql":
        await session.execute(text("SELECT pg_notify(:channel, '')"), {"channel": CHANNEL})


@asynccontextmanager
async def listening(engine: AsyncEngine, wakeup: asyncio.Event) -> AsyncIterator[None]:
    """Set ``wakeup`` whenever a job is queued, while inside; nothing to do on SQLite."""
    async with listening_to(engine, CHANNEL, lambda _payload: wakeup.set()):
        yield
