"""Redis when it answers, this process's own stores when it does not.

An outage must not refuse every request: while Redis is unreachable or failing, rate
limits and persisted queries hold per process (one logged warning says so), and Redis
is tried again after ``retry_after`` seconds rather than on every request.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

from redis.exceptions import RedisError

from hub.server.limits.buckets import BucketStore, Spend
from hub.server.limits.documents import DocumentStore

logger = logging.getLogger("hub.limits")

T = TypeVar("T")

OUTAGE_ERRORS = (RedisError, OSError, TimeoutError)


class Failover:
    """One per Redis connection, shared by the stores that use it."""

    def __init__(
        self, *, retry_after: float = 30.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._retry_after = retry_after
        self._clock = clock
        self._down_until: float | None = None

    @property
    def is_degraded(self) -> bool:
        return self._down_until is not None

    async def run(self, shared: Callable[[], Awaitable[T]], local: Callable[[], Awaitable[T]]) -> T:
        if self._down_until is not None and self._clock() < self._down_until:
            return await local()
        try:
            result = await shared()
        except OUTAGE_ERRORS as error:
            if self._down_until is None:
                logger.warning(
                    "Redis is unavailable (%s: %s); rate limits and persisted queries hold "
                    "per process until it answers again",
                    type(error).__name__,
                    error,
                )
            self._down_until = self._clock() + self._retry_after
            return await local()
        if self._down_until is not None:
            logger.warning("Redis answers again; rate limits and persisted queries are shared")
            self._down_until = None
        return result


class FailoverBuckets:
    def __init__(self, failover: Failover, shared: BucketStore, local: BucketStore) -> None:
        self._failover, self._shared, self._local = failover, shared, local

    async def spend(self, key: str, cost: int, limit: int, window: float) -> Spend:
        return await self._failover.run(
            lambda: self._shared.spend(key, cost, limit, window),
            lambda: self._local.spend(key, cost, limit, window),
        )


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
