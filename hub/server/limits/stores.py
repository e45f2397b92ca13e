"""The stores behind rate limits and persisted queries, chosen by ``HUB_REDIS_URL``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from hub.config import Settings
from hub.server.limits.buckets import BucketStore, MemoryBuckets
from hub.server.limits.documents import DocumentStore, MemoryDocuments

if TYPE_CHECKING:
    from redis.asyncio import Redis

    from hub.server.limits.failover import Failover


@dataclass
class Stores:
    buckets: BucketStore
    documents: DocumentStore
    redis: Redis | None = None
    failover: Failover | None = None

    async def close(self) -> None:
        if self.failover is not None:
            await self.failover.close()
        if self.redis is not None:
            await self.redis.aclose()


def open_stores(settings: Settings) -> Stores:
    """In memory for one process; in Redis, falling back to memory, for several."""
    if settings.redis_url is None:
        return Stores(MemoryBuckets(), MemoryDocuments())
    # Imported only when Redis is configured: its client costs a process about 15 MB.
    from hub.server.limits.failover import Failover, FailoverBuckets, FailoverDocuments
    from hub.server.limits.redis_stores import RedisBuckets, RedisDocuments, connect, ping

    redis = connect(settings.redis_url, settings.redis_timeout_seconds)
    failover = Failover(lambda: ping(redis), probe_seconds=settings.redis_probe_seconds)
    prefix = settings.redis_prefix
    return Stores(
        FailoverBuckets(failover, RedisBuckets(redis, prefix), MemoryBuckets()),
        FailoverDocuments(failover, RedisDocuments(redis, prefix), MemoryDocuments()),
        redis,
        failover,
    )
