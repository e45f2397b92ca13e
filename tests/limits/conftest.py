"""Fixtures for the limits: apps with their own settings, and a Redis key space per test."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager
from typing import Any

import httpx
import pytest
from redis.asyncio import Redis
from redis.exceptions import RedisError
from starlette.applications import Starlette

from tests.api import app_for, client_for

REDIS_URL = "redis://127.0.0.1:6379/0"
DEAD_REDIS_URL = "redis://127.0.0.1:1/0"

AppClient = Callable[..., AbstractAsyncContextManager[httpx.AsyncClient]]
App = Callable[..., AbstractAsyncContextManager[Starlette]]


@pytest.fixture
def app_client(settings, database, sessions) -> AppClient:
    """``async with app_client(**overrides) as client``: a fresh app with its own stores."""

    def build(**overrides: Any) -> AbstractAsyncContextManager[httpx.AsyncClient]:
        return client_for(settings, engine=database.engine, session_factory=sessions, **overrides)

    return build


@pytest.fixture
def app_with(settings, database, sessions) -> App:
    """``async with app_with(**overrides) as app``: for several clients of one app."""

    def build(**overrides: Any) -> AbstractAsyncContextManager[Starlette]:
        return app_for(settings, engine=database.engine, session_factory=sessions, **overrides)

    return build


@pytest.fixture
async def redis_prefix() -> AsyncIterator[str]:
    """A key prefix of this test's own in the Redis at 127.0.0.1:6379, deleted afterwards."""
    redis = Redis.from_url(REDIS_URL)
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
