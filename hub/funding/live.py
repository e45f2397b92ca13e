"""Live updates of campaigns: who is told when a campaign's totals, backers or status change.

A write calls ``announce`` in its transaction. On PostgreSQL that is a ``NOTIFY`` on
``hub_funding``, delivered only when the write commits, to every server process that
``listens`` (each fans it out to its own subscribers), so an event published by one
process reaches subscribers connected to another. SQLite has one server process: the
event is kept with the session and handed to this process's subscribers after commit.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlalchemy.orm import Session

logger = logging.getLogger("hub.funding")

CHANNEL = "hub_funding"
PENDING = "hub_funding_pending"
QUEUE_SIZE = 100


class Broadcast:
    """This process's subscribers, by campaign: each has a queue of campaign ids."""

    def __init__(self) -> None:
        self._queues: dict[int, set[asyncio.Queue[int]]] = defaultdict(set)

    @asynccontextmanager
    async def subscribe(self, campaign_id: int) -> AsyncIterator[asyncio.Queue[int]]:
        queue: asyncio.Queue[int] = asyncio.Queue(QUEUE_SIZE)
        self._queues[campaign_id].add(queue)
        try:
            yield queue
        finally:
            self._queues[campaign_id].discard(queue)
            if not self._queues[campaign_id]:
                del self._queues[campaign_id]

    def deliver(self, campaign_id: int) -> None:
        """Tell this process's subscribers; a subscriber far behind misses nothing but
        repeats (it reloads the campaign on each event, so one event stands for many)."""
        for queue in self._queues.get(campaign_id, ()):
            with contextlib.suppress(asyncio.QueueFull):
                queue.put_nowait(campaign_id)


BROADCAST = Broadcast()
"""The process's subscribers."""


async def announce(session: AsyncSession, campaign_id: int) -> None:
    """The campaign changed: tell subscribers everywhere once this transaction commits."""
    if session.get_bind().dialect.name == "postgresql":
        await session.execute(
            text("SELECT pg_notify(:channel, :payload)"),
            {"channel": CHANNEL, "payload": str(campaign_id)},
        )
    else:
        session.info.setdefault(PENDING, set()).add(campaign_id)


@event.listens_for(Session, "after_commit")
def _deliver_committed(session: Session) -> None:
    for campaign_id in session.info.pop(PENDING, set()):
        BROADCAST.deliver(campaign_id)


@event.listens_for(Session, "after_rollback")
def _forget_rolled_back(session: Session) -> None:
    session.info.pop(PENDING, None)


@asynccontextmanager
async def listening(engine: AsyncEngine, broadcast: Broadcast = BROADCAST) -> AsyncIterator[None]:
    """While inside, hand every campaign event of the database to ``broadcast``."""
    if engine.dialect.name != "postgresql":
        yield
        return

    def notified(*args: Any) -> None:
        payload = args[-1]
        try:
            broadcast.deliver(int(payload))
        except ValueError:
            logger.warning("ignored a malformed campaign event %r", payload)

    async with engine.connect() as connection:
        raw = await connection.get_raw_connection()
        driver = raw.driver_connection
        assert driver is not None
        await driver.add_listener(CHANNEL, notified)
        try:
            yield
        finally:
            with contextlib.suppress(Exception):
                await driver.remove_listener(CHANNEL, notified)
