"""Redis when it answers, this process's own stores when it does not.

An outage must not refuse every request: while Redis is unreachable, rate limits and
persisted queries hold per process (one warning when it starts, one when it ends), and
one background PING per process notices within ``probe_seconds`` that Redis is back.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Protocol, TypeVar

from redis.exceptions import RedisError

from hub.server.limits.buckets import MemoryBuckets, Spend, Window
from hub.server.limits.documents import DocumentStore

logger = logging.getLogger("hub.limits")

T = TypeVar("T")

OUTAGE_ERRORS = (RedisError, OSError, TimeoutError)

Check = Callable[[], Awaitable[None]]

# A call failing while Redis answers (a blip, or Redis refusing the command) is logged
# at most this often: a persistent refusal would otherwise log a line per request.
BLIP_WARNING_SECONDS = 60.0


class Failover:
    """Whether the stores sharing one Redis client use it; one per client.

    A failed call never switches a worker off Redis by itself: that call is answered
    from the local store, and the failure asks for a confirmation, a PING through the
    same client (whose retry replaces a dead pooled connection by a fresh one). Only a
    failed PING declares an outage. A PING rather than "N failures in a row": it is one
    round trip bounded by the client's timeout whatever the traffic, where N failures
    take a quiet worker long to collect and a busy one collects them in a 1 ms blip.

    While degraded, calls go straight to the local store and one background probe PINGs
    every ``probe_seconds``; when it answers, the points spent locally are carried into
    Redis (``on_recovery``) before calls go back to it.

    Concurrent calls never race on the state: only the confirmation and the probe change
    it, one of them at a time, and each change bumps ``generation``. A call's failure
    counts only in the generation it started in, so a failure from before a recovery
    cannot start a new outage; a check's result applies only if the generation is still
    the one it started in; and a call's success changes nothing, so a slow success
    cannot hide a fresh outage.
    """

    def __init__(
        self,
        ping: Check,
        *,
        probe_seconds: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._ping = ping
        self._probe_seconds = probe_seconds
        self._clock = clock
        self._sleep = sleep
        self._recovery_steps: list[Check] = []
        self.generation = 0
        self._degraded_since: float | None = None
        self._local_answers = 0
        self._confirming: asyncio.Task[None] | None = None
        self._probing: asyncio.Task[None] | None = None
        self._quiet_until = 0.0

    @property
    def is_degraded(self) -> bool:
        return self._degraded_since is not None

    def on_recovery(self, step: Check) -> None:
        """Run ``step`` whenever Redis is confirmed to answer, before calls use it again."""
        self._recovery_steps.append(step)

    async def run(self, shared: Callable[[], Awaitable[T]], local: Callable[[], Awaitable[T]]) -> T:
        if self._degraded_since is not None:
            self._local_answers += 1
            return await local()
        generation = self.generation
        try:
            return await shared()
        except OUTAGE_ERRORS as error:
            # Answered locally first, so a recovery step can carry what this call spent.
            result = await local()
            await self._confirm_after(generation, error)
            return result

    async def close(self) -> None:
        for task in (self._confirming, self._probing):
            if task is not None:
                task.cancel()
        await asyncio.gather(
            *(t for t in (self._confirming, self._probing) if t is not None),
            return_exceptions=True,
        )

    async def _confirm_after(self, generation: int, error: BaseException) -> None:
        """Start one confirmation for every call failing meanwhile, and wait for it."""
        if generation != self.generation or self._degraded_since is not None:
            return
        if self._confirming is None:
            self._confirming = asyncio.create_task(self._confirm(generation, error))
        await asyncio.shield(self._confirming)

    async def _confirm(self, generation: int, error: BaseException) -> None:
        try:
            is_up = await self._check(carry_required=False)
        finally:
            self._confirming = None
        if generation != self.generation:
            return
        if not is_up:
            self._degrade(error)
        elif self._clock() >= self._quiet_until:
            self._quiet_until = self._clock() + BLIP_WARNING_SECONDS
            logger.warning(
                "A call to Redis failed (%s: %s) but Redis answers: that call was limited "
                "per process, the next ones go to Redis",
                type(error).__name__,
                error,
            )

    async def _check(self, *, carry_required: bool) -> bool:
        """Whether Redis answers a PING, then hand it what was spent here meanwhile.

        Coming back from an outage, the hand-over must succeed too: a Redis that lost its
        buckets in a restart would otherwise give every client a fresh budget. After a
        single failed call it need not: Redis answers, and the few points wait for the
        next hand-over rather than turn a blip into an outage.
        """
        try:
            await self._ping()
        except OUTAGE_ERRORS:
            return False
        try:
            for step in self._recovery_steps:
                await step()
        except OUTAGE_ERRORS:
            return not carry_required
        return True

    def _degrade(self, error: BaseException) -> None:
        self.generation += 1
        self._degraded_since = self._clock()
        self._local_answers = 0
        logger.warning(
            "Redis is unavailable (%s: %s); rate limits and persisted queries hold per "
            "process until it answers again (checked every %g s)",
            type(error).__name__,
            error,
            self._probe_seconds,
        )
        self._probing = asyncio.create_task(self._probe(self.generation))

    async def _probe(self, generation: int) -> None:
        while True:
            await self._sleep(self._probe_seconds)
            try:
                if await self._check(carry_required=True):
                    break
            except Exception:
                # A fault of ours must not leave the process off Redis for good.
                logger.exception("The Redis probe failed; it tries again")
        if generation != self.generation or self._degraded_since is None:
            return
        self.generation += 1
        logger.warning(
            "Redis answers again after %.1f s (%d calls answered per process meanwhile); "
            "rate limits and persisted queries are shared",
            self._clock() - self._degraded_since,
            self._local_answers,
        )
        self._degraded_since = None
        self._probing = None


class SharedBuckets(Protocol):
    async def spend(
        self,
        key: str,
        cost: int,
        limit: int,
        window: float,
        known: Window | None = None,
        carried: int = 0,
    ) -> Spend:
        """Spend; ``known`` (this process's view of the window) restores a lost bucket,
        ``carried`` adds points let through here while Redis was away."""
        ...

    async def carry(self, spends: Sequence[tuple[str, int, Window]]) -> None:
        """Hand over ``(key, points let through here, window as known here)``."""
        ...


class FailoverBuckets:
    """Spends in Redis, keeping a copy of each bucket here to go on from in an outage.

    The copy bounds an outage: a client who spent 50 000 of 60 000 points before it can
    spend 10 000 more in this process, not a fresh 60 000. What the local store lets
    through is carried into Redis when Redis answers again (added to the bucket, or
    restoring a bucket a restart lost), so it counts against the rest of the window. The
    copy also restores a bucket that a restart too quick to notice lost.
    """

    def __init__(self, failover: Failover, shared: SharedBuckets, local: MemoryBuckets) -> None:
        self._failover, self._shared, self._local = failover, shared, local
        self._uncarried: dict[str, int] = {}
        failover.on_recovery(self._carry)

    async def spend(self, key: str, cost: int, limit: int, window: float) -> Spend:
        return await self._failover.run(
            lambda: self._spend_shared(key, cost, limit, window),
            lambda: self._spend_local(key, cost, limit, window),
        )

    async def _spend_shared(self, key: str, cost: int, limit: int, window: float) -> Spend:
        known = self._local.window(key)
        carried = self._uncarried.pop(key, 0) if known is not None else 0
        try:
            spend = await self._shared.spend(key, cost, limit, window, known, carried)
        except BaseException:
            self._keep(key, carried)
            raise
        self._local.record(key, spend.used, spend.reset_in)
        return spend

    async def _spend_local(self, key: str, cost: int, limit: int, window: float) -> Spend:
        spend = await self._local.spend(key, cost, limit, window)
        if spend.allowed:
            self._keep(key, cost)
        return spend

    def _keep(self, key: str, points: int) -> None:
        if points > 0:
            self._uncarried[key] = self._uncarried.get(key, 0) + points

    async def _carry(self) -> None:
        """Hand Redis the points let through here while it was away (those of ended
        windows no longer count). Calls answered locally during the hand-over are
        carried in a next round; on failure, the points wait for the next hand-over or
        the key's next call to Redis."""
        for _ in range(3):
            if not self._uncarried:
                return
            uncarried, self._uncarried = self._uncarried, {}
            spends = []
            for key, points in uncarried.items():
                window = self._local.window(key)
                if window is not None:
                    spends.append((key, points, window))
            try:
                await self._shared.carry(spends)
            except BaseException:
                for key, points in uncarried.items():
                    self._keep(key, points)
                raise


class FailoverDocuments:
    def __init__(self, failover: Failover, shared: DocumentStore, local: DocumentStore) -> None:
        self._failover, self._shared, self._local = failover, shared, local

    async def get(self, sha256: str) -> str | None:
        return await self._failover.run(
            lambda: self._shared.get(sha256), lambda: self._local.get(sha256)
        )

    async def put(self, sha256: str, document: str) -> None:
        await self._failover.run(
            lambda: self._shared.put(sha256, document), lambda: self._local.put(sha256, document)
        )
