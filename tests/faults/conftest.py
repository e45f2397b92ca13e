"""The fault suite's own PostgreSQL clusters, Redis server and hub processes.

Everything listens on loopback and is stopped and removed afterwards, even when a test
fails; the machine's shared PostgreSQL and Redis are never touched. Without the
programs (PostgreSQL 15's binaries, redis-server) the suite is skipped, except in CI,
where it must run.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator

import pytest

from tests.faults.environment import migrated, one_worker_env
from tests.faults.processes import (
    HubServer,
    PostgresCluster,
    RedisServer,
    hub_server,
    missing_programs,
    postgres_cluster,
    redis_server,
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    missing = missing_programs()
    if not missing:
        return
    if os.environ.get("CI"):
        raise pytest.UsageError(f"CI must run the fault suite; missing: {', '.join(missing)}")
    skip = pytest.mark.skip(reason=f"the fault suite needs {', '.join(missing)}")
    for item in items:
        if "tests/faults/" in item.nodeid:
            item.add_marker(skip)


@pytest.fixture(scope="session")
async def shared_cluster() -> AsyncIterator[PostgresCluster]:
    """A cluster that stays up: for the scenarios whose fault is not PostgreSQL."""
    with postgres_cluster() as cluster:
        yield await migrated(cluster)


@pytest.fixture(scope="session")
def one_worker(
    shared_cluster: PostgresCluster, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[HubServer]:
    """One worker admitting 4 requests at a time, no rate limit: for overload and
    hostile input, which share it to save a start-up (each takes many seconds)."""
    env = one_worker_env(shared_cluster.url)
    with hub_server(env, tmp_path_factory.mktemp("one-worker")) as server:
        yield server


@pytest.fixture(scope="session")
def redis() -> Iterator[RedisServer]:
    with redis_server() as server:
        yield server
