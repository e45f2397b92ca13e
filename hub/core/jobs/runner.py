"""Running queued jobs: drained on demand (``run_due``) or until stopped (``run``).

``hub worker`` runs a ``Runner`` alone; ``hub serve`` runs one beside the API unless
``HUB_JOBS_IN_SERVER`` is off. A job that raises is tried again after a backoff; one
that outlives its lease is cancelled, so no second worker ever runs it at the same time.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncEngine

from hub.core.jobs.definition import JobContext, JobRegistry, UnknownJob
from hub.core.jobs.queue import Claim, claim_next, complete, fail
from hub.core.jobs.wakeup import listening
from hub.core.outbox import Subscriptions, relay_events

logger = logging.getLogger("hub.jobs")

MAX_ROUNDS = 8
"""Relay-and-run rounds in one ``run_due``: how long a chain of events and jobs it follows."""

Housekeeping = Callable[[], Awaitable[int]]
"""A periodic clean-up (expired idempotency keys): returns how many rows it removed."""


class Runner:
    """Runs the jobs of ``registry`` and hands outbox events to their subscribers."""

    def __init__(
        self,
        registry: JobRegistry,
        context: JobContext,
        *,
        subscriptions: Subscriptions | None = None,
        lease: timedelta = timedelta(minutes=5),
        poll_interval: float = 1.0,
        housekeeping: Sequence[Housekeeping] = (),
        housekeeping_interval: float = 3600.0,
    ) -> None:
        self.registry = registry
        self.context = context
        self.subscriptions = subscriptions or Subscriptions({})
        unknown = {name for name in self.subscriptions.jobs if name not in registry}
        if unknown:
            raise ValueError(f"subscribed jobs missing from the registry: {sorted(unknown)}")
        self.lease = lease
        self.poll_interval = poll_interval
        self.housekeeping = tuple(housekeeping)
        self.housekeeping_interval = housekeeping_interval
        self._last_housekeeping: float | None = None

    async def run_due(self, limit: int | None = None) -> int:
        """Relay waiting events, then run due jobs; again while the jobs run published
        events of their own (an expired offer freeing a seat for the waitlist), so one
        pass carries a chain of work through. Stops when a round relays nothing new, after
        ``limit`` jobs, or after ``MAX_ROUNDS`` rounds (a chain that never ends waits for
        the next pass). Returns how many jobs ran."""
        sessions = self.context.sessions
        ran = 0
        for _round in range(MAX_ROUNDS):
            relayed = 0
            while moved := await relay_events(sessions, self.subscriptions):
                relayed += moved
            if _round > 0 and not relayed:
                break
            ran_before = ran
            while limit is None or ran < limit:
                claim = await claim_next(sessions, self.lease)
                if claim is None:
                    break
                await self._run(claim)
                ran += 1
            if ran == ran_before or (limit is not None and ran >= limit):
                break
        return ran

    async def run(
        self, engine: AsyncEngine, stop: asyncio.Event, nudge: asyncio.Event | None = None
    ) -> None:
        """Run jobs as they come due until ``stop`` is set; a failing pass is logged.

        ``nudge`` wakes the runner early: the server sets it when a request queued work.
        """
        wakeup = nudge or asyncio.Event()
        async with listening(engine, wakeup):
            while not stop.is_set():
                wakeup.clear()
                try:
                    await self.keep_house()
                    await self.run_due()
                except Exception:
                    logger.exception("job runner pass failed; trying again")
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(_first_of(wakeup, stop), timeout=self.poll_interval)

    async def keep_house(self) -> None:
        """Run the housekeeping tasks (purging what expired) when their interval is up.

        Every runner does it; the tasks are plain deletes, harmless when repeated.
        """
        now = time.monotonic()
        last = self._last_housekeeping
        if last is not None and now - last < self.housekeeping_interval:
            return
        self._last_housekeeping = now
        for task in self.housekeeping:
            removed = await task()
            if removed:
                logger.info("housekeeping removed %s expired rows", removed)

    async def _run(self, claim: Claim) -> None:
        sessions = self.context.sessions
        try:
            job = self.registry[claim.name]
        except UnknownJob:
            logger.error("job %s (%s) is unknown to this process", claim.id, claim.name)
            await fail(sessions, claim, f"unknown job {claim.name!r}", retry=False)
            return
        timeout = self.lease.total_seconds() * 0.9
        try:
            await asyncio.wait_for(job.run(self.context, claim.arguments), timeout)
        except Exception as error:
            # Arguments are never logged: they may hold a secret (a mailed code).
            status = await fail(sessions, claim, f"{type(error).__name__}: {error}")
            logger.exception(
                "job %s (%s) failed on attempt %s of %s; now %s",
                claim.id,
                claim.name,
                claim.attempt,
                claim.max_attempts,
                status.value,
            )
            return
        await complete(sessions, claim)


async def _first_of(*events: asyncio.Event) -> None:
    waiters = [asyncio.ensure_future(event.wait()) for event in events]
    try:
        await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for waiter in waiters:
            waiter.cancel()
