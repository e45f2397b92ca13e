"""A worker admits a bounded number of GraphQL requests; the rest are refused at once
with 503 OVERLOADED and Retry-After, while /healthz and /readyz never wait behind them."""

from __future__ import annotations

import asyncio

import pytest

import hub.countries.queries as country_queries
from hub.config import Settings
from hub.core.db import create_session_factory
from hub.server.limits.concurrency import ConcurrencyLimit, Overloaded
from tests.api import client_for

COUNTRY = '{ country(code: "KZ") { code } }'


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """These tests break a resolver or a session on purpose: the compiled read path, which
    runs neither, is off so that the resolver tree answers."""
    return settings.model_copy(update={"compiled_reads": False})


async def test_a_free_slot_is_taken_at_once_and_given_back():
    limit = ConcurrencyLimit(2, wait_seconds=0)

    async with limit.slot():
        assert limit.running == 1
        async with limit.slot():
            assert limit.running == 2
    assert limit.running == 0


async def test_without_a_free_slot_a_request_is_refused_after_the_wait():
    limit = ConcurrencyLimit(1, wait_seconds=0.05)

    async with limit.slot():
        started = asyncio.get_running_loop().time()
        with pytest.raises(Overloaded):
            async with limit.slot():
                pytest.fail("admitted past the limit")
        waited = asyncio.get_running_loop().time() - started

    assert 0.04 <= waited < 1
    # The refused wait took nothing: the slot is free again.
    async with limit.slot():
        assert limit.running == 1


async def test_a_slot_freed_during_the_wait_admits_the_waiting_request():
    limit = ConcurrencyLimit(1, wait_seconds=1)
    release = asyncio.Event()

    async def holder() -> None:
        async with limit.slot():
            await release.wait()

    task = asyncio.create_task(holder())
    await asyncio.sleep(0)
    asyncio.get_running_loop().call_later(0.02, release.set)
    async with limit.slot():
        assert limit.running == 1
    await task


async def test_many_refusals_never_leak_a_slot():
    limit = ConcurrencyLimit(3, wait_seconds=0.001)
    hold = asyncio.Event()

    async def holder() -> None:
        async with limit.slot():
            await hold.wait()

    holders = [asyncio.create_task(holder()) for _ in range(3)]
    await asyncio.sleep(0)

    async def try_once() -> bool:
        try:
            async with limit.slot():
                return True
        except Overloaded:
            return False

    outcomes = await asyncio.gather(*(try_once() for _ in range(50)))
    hold.set()
    await asyncio.gather(*holders)

    assert not any(outcomes)
    assert limit.running == 0
    admitted = await asyncio.gather(*(try_once() for _ in range(3)))
    assert all(admitted)


async def test_a_request_over_the_limit_is_refused_with_503_while_health_answers(
    settings, database, monkeypatch
):
    entered, release = asyncio.Event(), asyncio.Event()
    find_one = country_queries.find_one

    async def slow(*args: object, **kwargs: object) -> object:
        entered.set()
        await release.wait()
        return await find_one(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(country_queries, "find_one", slow)
    async with client_for(
        settings,
        engine=database.engine,
        session_factory=create_session_factory(database.engine),
        max_concurrent_requests=1,
        admission_wait_seconds=0,
    ) as client:
        running = asyncio.create_task(client.post("/graphql", json={"query": COUNTRY}))
        await entered.wait()
        refused = await client.post(
            "/graphql", json={"query": COUNTRY}, headers={"X-Request-ID": "busy-1"}
        )
        health = await client.get("/healthz")
        ready = await client.get("/readyz")
        release.set()
        admitted = await running
        after = await client.post("/graphql", json={"query": COUNTRY})

    assert refused.status_code == 503
    assert refused.headers["Retry-After"] == "2"
    assert refused.json() == {
        "errors": [
            {
                "message": "The server is busy; nothing was run. Retry after the delay in the "
                "Retry-After header (request id busy-1).",
                "extensions": {"code": "OVERLOADED", "requestId": "busy-1"},
            }
        ]
    }
    assert health.status_code == 200
    assert ready.status_code == 200
    assert admitted.status_code == 200
    assert admitted.json()["data"] == {"country": {"code": "KZ"}}
    assert after.status_code == 200


def test_the_defaults_bound_work_within_the_connection_pool():
    settings = Settings()

    assert settings.max_concurrent_requests == 16
    assert settings.admission_wait_seconds == 0.5
    assert settings.db_pool_timeout == 3.0


async def test_the_pool_wait_follows_the_setting(tmp_path):
    from hub.core.db import create_engine

    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'hub.db'}", pool_timeout=1.5)
    try:
        assert engine.pool.timeout() == 1.5  # type: ignore[attr-defined]
    finally:
        await engine.dispose()
