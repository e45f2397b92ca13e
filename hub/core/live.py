"""Live events: what subscribers hear when a write commits, from whichever process made it.

A write calls ``publish`` inside its transaction: the event is kept with the session and
sent only if the transaction commits (a rolled-back write announces nothing). On
PostgreSQL it is sent as one ``NOTIFY hub_live`` just before the commit, which the
database delivers at commit to every server process that ``listening`` started; each
hands it to its own subscribers. SQLite has one server process: the session hands its
events to this process's subscribers after the commit. Either way an event is a topic
(``campaign``, ``project``), the key of the thing it is about, a small JSON object, and
the instant it was published; the same event published twice in one transaction is
sent once.
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import orjson
from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlalchemy.orm import Session

from hub.core.columns import utcnow
from hub.core.listen import listening_to

logger = logging.getLogger("hub.live")

CHANNEL = "hub_live"
PENDING = "hub_live_pending"
QUEUE_SIZE = 100
"""Events a subscriber may fall behind by; past it, it is told it missed some."""


@dataclass(frozen=True)
class LiveEvent:
    topic: str
    key: int
    data: Mapping[str, Any]
    at: datetime

    def encoded(self) -> str:
        return orjson.dumps(
            {"topic": self.topic, "key": self.key, "data": self.data, "at": self.at.isoformat()}
        ).decode()

    @classmethod
    def decoded(cls, payload: str) -> LiveEvent:
        """The event a ``NOTIFY`` carried; ``ValueError`` when it is not one."""
        try:
            raw = orjson.loads(payload)
            return cls(
                str(raw["topic"]),
                int(raw["key"]),
                dict(raw["data"]),
                datetime.fromisoformat(raw["at"]),
            )
        except (orjson.JSONDecodeError, KeyError, TypeError) as error:
            raise ValueError(f"not a live event: {payload!r}") from error


@dataclass(eq=False)
class Subscriber:
    """One subscription's events, in order; ``fell_behind`` once one had to be dropped."""

    queue: asyncio.Queue[LiveEvent] = field(default_factory=lambda: asyncio.Queue(QUEUE_SIZE))
    fell_behind: bool = False

    async def next(self) -> LiveEvent:
        return await self.queue.get()

    async def any_news(self) -> None:
        """Wait for an event, and take every other one waiting with it: for a subscriber
        that reads the thing afresh, one read answers them all."""
        await self.queue.get()
        while not self.queue.empty():
            self.queue.get_nowait()
        self.fell_behind = False


class Broadcast:
    """This process's subscribers, by topic and key."""

    def __init__(self) -> None:
        self._subscribers: dict[tuple[str, int], set[Subscriber]] = defaultdict(set)

    @asynccontextmanager
    async def subscribe(self, topic: str, key: int) -> AsyncIterator[Subscriber]:
        subscriber = Subscriber()
        self._subscribers[topic, key].add(subscriber)
        try:
            yield subscriber
        finally:
            self._subscribers[topic, key].discard(subscriber)
            if not self._subscribers[topic, key]:
                del self._subscribers[topic, key]

    def deliver(self, live_event: LiveEvent) -> None:
        """Hand the event to this process's subscribers of its topic and key; never blocks."""
        for subscriber in self._subscribers.get((live_event.topic, live_event.key), ()):
            try:
                subscriber.queue.put_nowait(live_event)
            except asyncio.QueueFull:
                subscriber.fell_behind = True

    def count(self, topic: str, key: int) -> int:
        """How many subscribers in this process listen to ``topic`` and ``key``."""
        return len(self._subscribers.get((topic, key), ()))


BROADCAST = Broadcast()
"""The process's subscribers."""


def publish(session: AsyncSession | Session, topic: str, key: int, **data: Any) -> None:
    """Announce an event about ``key`` of ``topic`` once ``session``'s transaction commits."""
    pending: dict[tuple[str, int, bytes], LiveEvent] = session.info.setdefault(PENDING, {})
    identity = (topic, key, orjson.dumps(data, option=orjson.OPT_SORT_KEYS))
    if identity not in pending:
        pending[identity] = LiveEvent(topic, key, data, utcnow())


def _pending(session: Session) -> list[LiveEvent]:
    return list(session.info.get(PENDING, {}).values())


@event.listens_for(Session, "before_commit")
def _notify_before_commit(session: Session) -> None:
    """On PostgreSQL, in the committing transaction: delivered when (and if) it commits."""
    events = _pending(session)
    if not events or session.get_bind().dialect.name != "postgresql":
        return
    for live_event in events:
        session.execute(
            text("SELECT pg_notify(:channel, :payload)"),
            {"channel": CHANNEL, "payload": live_event.encoded()},
        )


@event.listens_for(Session, "after_commit")
def _deliver_after_commit(session: Session) -> None:
    events = _pending(session)
    session.info.pop(PENDING, None)
    if events and session.get_bind().dialect.name != "postgresql":
        for live_event in events:
            BROADCAST.deliver(live_event)


@event.listens_for(Session, "after_rollback")
def _forget_rolled_back(session: Session) -> None:
    session.info.pop(PENDING, None)


@asynccontextmanager
async def listening(engine: AsyncEngine, broadcast: Broadcast = BROADCAST) -> AsyncIterator[None]:
    """While inside, hand every live event of the database to ``broadcast`` (PostgreSQL;
    on SQLite the committing session does it)."""

    def notified(payload: str) -> None:
        try:
            broadcast.deliver(LiveEvent.decoded(payload))
        except ValueError:
            logger.warning("ignored a malformed live event %r", payload)

    async with listening_to(engine, CHANNEL, notified):
        yield
