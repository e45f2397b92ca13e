"""The shared stores in Redis, so several servers spend one budget and share documents.

Spending is one Lua script, which Redis runs atomically: two servers spending for the
same client at once cannot both squeeze under the limit.
"""

from __future__ import annotations

from collections.abc import Sequence

from redis.asyncio import Redis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError

from hub.server.limits.buckets import Spend, Window

# KEYS[1] the bucket. ARGV: cost, limit, window in ms; then what this process knows that
# Redis may not: the window's count as it saw it and the ms left in it (0 0 if nothing),
# and the points it let through alone while Redis was away. A bucket Redis has gets those
# points added; a bucket it lacks while the process knows the window is open was lost in
# a restart, and is restored from the process's count (which includes them). Returns
# {allowed, used, ms left}.
_SPEND = """
local cost = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local window = tonumber(ARGV[3])
local known = tonumber(ARGV[4])
local known_left = tonumber(ARGV[5])
local carried = tonumber(ARGV[6])
if redis.call('EXISTS', KEYS[1]) == 1 then
  if carried > 0 then redis.call('INCRBY', KEYS[1], carried) end
elseif known > 0 and known_left > 0 then
  redis.call('SET', KEYS[1], known, 'PX', known_left)
end
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
local left = redis.call('PTTL', KEYS[1])
if left < 0 then left = window end
if used + cost > limit then return {0, used, left} end
if cost > 0 then
  used = redis.call('INCRBY', KEYS[1], cost)
  if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], window) end
end
return {1, used, left}
"""

DOCUMENT_TTL_SECONDS = 7 * 24 * 3600


def connect(url: str, timeout_seconds: float) -> Redis:
    """A client that gives up quickly, so an outage degrades requests instead of hanging them.

    A connection error is retried once at once: the failed connection is closed first, so
    the retry runs on a fresh one. That is what a pooled connection left dead by a Redis
    restart needs, and it costs nothing when Redis is really down (a refused connect is
    immediate). Timeouts are not retried: a second wait would double a request's delay.
    """
    return Redis.from_url(
        url,
        decode_responses=True,
        socket_connect_timeout=timeout_seconds,
        socket_timeout=timeout_seconds,
        retry=Retry(NoBackoff(), retries=1, supported_errors=(RedisConnectionError,)),
    )


async def ping(redis: Redis) -> None:
    """A round trip that raises when Redis cannot answer (through the retry above, a
    dead pooled connection is replaced by a fresh one first)."""
    await redis.ping()


class RedisBuckets:
    def __init__(self, redis: Redis, prefix: str) -> None:
        self._redis = redis
        self._prefix = f"{prefix}rate:"
        self._script = redis.register_script(_SPEND)

    async def spend(
        self,
        key: str,
        cost: int,
        limit: int,
        window: float,
        known: Window | None = None,
        carried: int = 0,
    ) -> Spend:
        """Spend as ``BucketStore`` does. ``known`` (this process's view of the window:
        points used, seconds left) restores a bucket Redis lost; ``carried`` adds points
        let through here while Redis was away."""
        used, left = known or (0, 0.0)
        allowed, used, left_ms = await self._script(
            keys=[self._prefix + key],
            args=[cost, limit, int(window * 1000), used, int(left * 1000), carried],
        )
        return Spend(bool(allowed), int(used), int(left_ms) / 1000)

    async def carry(self, spends: Sequence[tuple[str, int, Window]]) -> None:
        """Hand over points let through elsewhere: ``(key, points, window as known)``,
        in one round trip."""
        if not spends:
            return
        pipeline = self._redis.pipeline(transaction=False)
        for key, carried, (used, left) in spends:
            args = [0, 0, 0, used, int(left * 1000), carried]
            await self._script(keys=[self._prefix + key], args=args, client=pipeline)
        await pipeline.execute()


class RedisDocuments:
    """Documents expire a week after they were last registered."""

    def __init__(self, redis: Redis, prefix: str) -> None:
        self._redis = redis
        self._prefix = f"{prefix}apq:"

    async def get(self, sha256: str) -> str | None:
        document: bytes | str | None = await self._redis.get(self._prefix + sha256)
        return document.decode() if isinstance(document, bytes) else document

    async def put(self, sha256: str, document: str) -> None:
        await self._redis.set(self._prefix + sha256, document, ex=DOCUMENT_TTL_SECONDS)
