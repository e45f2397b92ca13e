"""Fixtures for the limits: apps with their own settings, and a Redis key space per test."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable

import pytest
from redis.asyncio import Redis
from redis.exceptions import RedisError

from tests.api.conftest import app_client, app_with

__all__ = ["app_client", "app_with"]

REDIS_URL = "redis://127.0.0.1:6379/0"
DEAD_REDIS_URL = "redis://127.0.0.1:1/0"
# The live Redis gets far longer than the production default (half a second): on a busy
# test machine a slow answer would otherwise switch the limits to per-process buckets.
REDIS_TIMEOUT_SECONDS = 10.0
LIVE_REDIS = {"redis_url": REDIS_URL, "redis_timeout_seconds": REDIS_TIMEOUT_SECONDS}


@pytest.fixture
async def redis_prefix(record_property: Callable[[str, object], None]) -> AsyncIterator[str]:
    """A key prefix of this test's own in the Redis at 127.0.0.1:6379, deleted afterwards.

    The test is marked in the JUnit report, so CI can tell that the Redis tests ran.
    """
    record_property("service", "redis")
    redis = Redis.from_url(
        REDIS_URL,
        socket_connect_timeout=REDIS_TIMEOUT_SECONDS,
        socket_timeout=REDIS_TIMEOUT_SECONDS,
    )
    try:
        await redis.ping()
    except (RedisError, OSError):
        await redis.aclose()
        pytest.skip("needs Redis at 127.0.0.1:6379")
    prefix = f"hub-test:{uuid.uuid4().hex}:"
    try:
        yield prefix
    finally:
        keys = [key async for key in redis.scan_iter(match=f"{prefix}*")]
        if keys:
            await redis.delete(*keys)
        await redis.aclose()
