"""With Redis, several servers share one budget; without it, limits hold per process."""

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest
from httpx import AsyncClient
from pydantic import ValidationError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from hub.config import Settings
from hub.server.limits.redis_stores import RedisBuckets, connect
from hub.server.limits.stores import open_stores
from tests.api import client_of, run
from tests.limits.conftest import DEAD_REDIS_URL, LIVE_REDIS, REDIS_TIMEOUT_SECONDS, REDIS_URL

ACCEPT = "application/graphql-response+json"
ELEVEN = "{ creators(first: 10) { nodes { handle } } }"
TEN_WITHOUT_SQL = "{ " + " ".join(f"r{i}: rateLimit {{ cost }}" for i in range(10)) + " }"
LIMITS = {"rate_limit_per_minute": 30, "max_query_cost": 30}


@asynccontextmanager
async def two_servers(app_with, **settings) -> AsyncIterator[tuple[AsyncClient, AsyncClient]]:
    """A client on each of two apps with the same settings, as behind a load balancer."""
    async with (
        app_with(**settings) as one,
        app_with(**settings) as two,
        client_of(one) as on_one,
        client_of(two) as on_two,
    ):
        yield on_one, on_two


def warnings_of(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "hub.limits" and r.levelno == logging.WARNING]


async def test_two_servers_sharing_redis_share_one_budget(app_with, redis_prefix):
    shared = {**LIMITS, **LIVE_REDIS, "redis_prefix": redis_prefix}
    async with two_servers(app_with, **shared) as (on_one, on_two):
        first = await run(on_one, "POST", ELEVEN, accept=ACCEPT)
        second = await run(on_two, "POST", ELEVEN, accept=ACCEPT)
        third = await run(on_one, "POST", ELEVEN, accept=ACCEPT)

    assert first.json()["extensions"]["cost"]["throttleStatus"]["remaining"] == 19
    assert second.json()["extensions"]["cost"]["throttleStatus"]["remaining"] == 8
    assert third.status_code == 429


async def test_servers_without_redis_each_keep_their_own_budget(app_with):
    async with two_servers(app_with, **LIMITS) as (on_one, on_two):
        first = await run(on_one, "POST", ELEVEN, accept=ACCEPT)
        second = await run(on_two, "POST", ELEVEN, accept=ACCEPT)

    assert first.json()["extensions"]["cost"]["throttleStatus"]["remaining"] == 19
    assert second.json()["extensions"]["cost"]["throttleStatus"]["remaining"] == 19


async def test_concurrent_requests_on_two_servers_never_overspend(app_with, redis_prefix):
    shared = {"rate_limit_per_minute": 100, "max_query_cost": 100, **LIVE_REDIS}
    async with two_servers(app_with, **shared, redis_prefix=redis_prefix) as (on_one, on_two):
        responses = await asyncio.gather(
            *(run(c, "POST", TEN_WITHOUT_SQL, accept=ACCEPT) for c in [on_one, on_two] * 15)
        )

    assert sorted(r.status_code for r in responses) == [200] * 10 + [429] * 20


async def test_redis_spending_is_atomic_across_connections(redis_prefix):
    """Many concurrent spends through separate clients, as separate servers would."""
    clients = [connect(REDIS_URL, REDIS_TIMEOUT_SECONDS) for _ in range(4)]
    stores = [RedisBuckets(redis, redis_prefix) for redis in clients]
    try:
        spends = await asyncio.gather(
            *(stores[n % 4].spend("ip:198.51.100.1", 7, 100, 60) for n in range(60))
        )
    finally:
        for redis in clients:
            await redis.aclose()

    allowed = [s for s in spends if s.allowed]
    assert len(allowed) == 100 // 7
    assert max(s.used for s in spends) == 7 * (100 // 7)


async def test_dead_redis_degrades_to_per_process_limits_with_one_warning(app_with, caplog):
    with caplog.at_level(logging.WARNING, logger="hub.limits"):
        async with app_with(**LIMITS, redis_url=DEAD_REDIS_URL) as app, client_of(app) as client:
            responses = [await run(client, "POST", ELEVEN, accept=ACCEPT) for _ in range(3)]

    assert [r.status_code for r in responses] == [200, 200, 429]
    [warning] = warnings_of(caplog)
    assert "Redis is unavailable" in warning.getMessage()


async def test_persisted_queries_are_shared_through_redis(app_with, redis_prefix):
    from hub.server.limits.persisted import sha256_of

    query = "{ __typename }"
    persisted = {"persistedQuery": {"version": 1, "sha256Hash": sha256_of(query)}}
    shared = {**LIVE_REDIS, "redis_prefix": redis_prefix}
    async with two_servers(app_with, **shared) as (on_one, on_two):
        registered = await on_one.post("/graphql", json={"query": query, "extensions": persisted})
        by_hash = await on_two.post("/graphql", json={"extensions": persisted})

    assert registered.json()["data"] == {"__typename": "Query"}
    assert by_hash.json()["data"] == {"__typename": "Query"}


async def test_the_redis_timeouts_come_from_the_settings():
    stores = open_stores(Settings(redis_url=DEAD_REDIS_URL, redis_timeout_seconds=2.5))
    try:
        assert stores.redis is not None
        options = stores.redis.connection_pool.connection_kwargs
    finally:
        await stores.close()

    assert options["socket_connect_timeout"] == 2.5
    assert options["socket_timeout"] == 2.5
    assert Settings().redis_timeout_seconds == 0.5
    with pytest.raises(ValidationError):
        Settings(redis_timeout_seconds=0)


async def test_a_connection_error_is_retried_once_and_a_timeout_never():
    stores = open_stores(Settings(redis_url=DEAD_REDIS_URL))
    try:
        assert stores.redis is not None
        retry = stores.redis.connection_pool.connection_kwargs["retry"]
    finally:
        await stores.close()

    assert retry.get_retries() == 1
    assert RedisConnectionError in retry._supported_errors
    assert RedisTimeoutError not in retry._supported_errors


def test_redis_is_probed_every_second_by_default_and_at_most_every_minute():
    assert Settings().redis_probe_seconds == 1.0
    assert Settings(redis_probe_seconds=0.25).redis_probe_seconds == 0.25
    for wrong in (0, 61):
        with pytest.raises(ValidationError):
            Settings(redis_probe_seconds=wrong)
