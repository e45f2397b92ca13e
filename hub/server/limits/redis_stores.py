"""The shared stores in Redis, so several servers spend one budget and share documents.

Spending is one Lua script, which Redis runs atomically: two servers spending for the
same client at once cannot both squeeze under the limit.
"""

from __future__ import annotations

from redis.asyncio import Redis

from hub.server.limits.buckets import Spend

# KEYS[1] the bucket; ARGV cost, limit, window in ms. Returns {allowed, used, ms left}.
_SPEND = """
local cost = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local window = tonumber(ARGV[3])
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
    """A client that gives up quickly, so an outage degrades requests instead of hanging them."""
    return Redis.from_url(
        url,
        decode_responses=True,
        socket_connect_timeout=timeout_seconds,
        socket_timeout=timeout_seconds,
        retry_on_timeout=False,
    )


class RedisBuckets:
    def __init__(self, redis: Redis, prefix: str) -> None:
        self._prefix = f"{prefix}rate:"
        self._script = redis.register_script(_SPEND)

    async def spend(self, key: str, cost: int, limit: int, window: float) -> Spend:
        allowed, used, left_ms = await self._script(
            keys=[self._prefix + key], args=[cost, limit, int(window * 1000)]
        )
        return Spend(bool(allowed), int(used), int(left_ms) / 1000)


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
