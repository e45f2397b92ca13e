"""A transactional outbox: events recorded with the change that causes them.

``publish`` adds an event in the caller's transaction, so it exists exactly when the
change committed. The job runner relays events: in one transaction it queues one job per
subscriber of the event's topic and deletes the event, so each subscriber gets each event
once (mail now; webhooks and live updates later).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import delete, exists, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from hub.core.db import begin_write
from hub.core.jobs.definition import Job
from hub.core.jobs.models import OutboxEvent
from hub.core.jobs.wakeup import wake_workers

logger = logging.getLogger("hub.outbox")

RELAY_BATCH = 100


async def publish(session: AsyncSession, topic: str, payload: Mapping[str, Any]) -> None:
    """Record that ``topic`` happened, inside ``session``'s transaction."""
    session.add(OutboxEvent(topic=topic, payload=dict(payload)))
    await session.flush()
    await wake_workers(session)


class Subscriptions:
    """Which jobs receive which topics; each job is called with the event's payload."""

    def __init__(self, subscribers: Mapping[str, Sequence[Job[Any]]]) -> None:
        self._subscribers = {topic: tuple(jobs) for topic, jobs in subscribers.items()}

    def of(self, topic: str) -> tuple[Job[Any], ...]:
        return self._subscribers.get(topic, ())

    @property
    def jobs(self) -> set[str]:
        """The names of every subscribed job."""
        return {job.name for jobs in self._subscribers.values() for job in jobs}


async def relay_events(
    sessions: async_sessionmaker[AsyncSession], subscriptions: Subscriptions
) -> int:
    """Turn up to ``RELAY_BATCH`` waiting events into jobs; how many were relayed."""
    async with sessions() as session:
        if not await session.scalar(exists(select(OutboxEvent.id)).select()):
            return 0
    async with sessions() as session, session.begin():
        await begin_write(session)
        events = (
            await session.execute(
                select(OutboxEvent.id, OutboxEvent.topic, OutboxEvent.payload)
                .order_by(OutboxEvent.id)
                .limit(RELAY_BATCH)
                .with_for_update(skip_locked=True)
            )
        ).all()
        for event in events:
            subscribers = subscriptions.of(event.topic)
            if not subscribers:
                logger.info("event %s (%s) has no subscriber", event.id, event.topic)
            for subscriber in subscribers:
                await subscriber.defer(session, **event.payload)
        if events:
            await session.execute(
                delete(OutboxEvent).where(OutboxEvent.id.in_([event.id for event in events]))
            )
    return len(events)
