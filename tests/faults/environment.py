"""The settings the fault suite runs the hub with, and how it prepares a database.

Shared by the tests and by bench/faults.py, which runs the same scenarios for longer.
"""

from __future__ import annotations

import asyncio

from hub.config import Settings
from hub.core.db import create_engine, create_session_factory
from hub.seed.reference import load_reference_data
from tests.faults.processes import PostgresCluster, hub_command

ADMIN_TOKEN = "faults-admin-token"
JWT_SECRET = "faults-jwt-secret-long-enough-for-hs256-signing"
ONE_WORKER_CONCURRENCY = 4
"""``HUB_MAX_CONCURRENT_REQUESTS`` of the overloaded worker."""

# What every hub process of the suite is told: the contract's settings kept short so a
# scenario takes seconds, and the cheapest password hashing (not what is measured).
BASE_ENV = {
    "HUB_ADMIN_TOKEN": ADMIN_TOKEN,
    "HUB_JWT_SECRET": JWT_SECRET,
    "HUB_RETRY_AFTER_SECONDS": "1",
    "HUB_DB_POOL_TIMEOUT": "2",
    "HUB_ADMISSION_WAIT_SECONDS": "0.1",
    "HUB_ARGON2_TIME_COST": "1",
    "HUB_ARGON2_MEMORY_KIB": "8",
    "HUB_ARGON2_PARALLELISM": "1",
    "HUB_GRAPHIQL": "false",
}


def outage_env(database_url: str) -> dict[str, str]:
    """Writers are not rate limited, and are shed only far above their number."""
    return {
        **BASE_ENV,
        "HUB_DATABASE_URL": database_url,
        "HUB_RATE_LIMIT_PER_MINUTE": "0",
        "HUB_MAX_CONCURRENT_REQUESTS": "64",
    }


def one_worker_env(database_url: str) -> dict[str, str]:
    """A worker that admits few requests at once, with no rate limit in the way.

    Its reads go through the resolver tree: the compiled path answers the overload's
    query in about a millisecond, so 100 clients would rarely keep 4 slots busy past
    the half-second admission wait, and whether anyone is shed would depend on how
    fast the machine is that day rather than on the limit.
    """
    return {
        **BASE_ENV,
        "HUB_DATABASE_URL": database_url,
        "HUB_RATE_LIMIT_PER_MINUTE": "0",
        "HUB_MAX_CONCURRENT_REQUESTS": str(ONE_WORKER_CONCURRENCY),
        "HUB_COMPILED_READS": "false",
    }


def shared_budget_env(database_url: str, redis_url: str, budget: int) -> dict[str, str]:
    """Servers counting ``budget`` points a minute per client in one Redis; clients are
    told apart by the address loopback (a trusted proxy) forwards."""
    return {
        **BASE_ENV,
        "HUB_DATABASE_URL": database_url,
        "HUB_REDIS_URL": redis_url,
        "HUB_RATE_LIMIT_PER_MINUTE": str(budget),
        "HUB_MAX_QUERY_COST": str(budget),
        "HUB_TRUSTED_PROXIES": "127.0.0.1/32",
    }


def hub_settings(url: str) -> Settings:
    """The settings the suite's own code uses to build data the servers will accept."""
    return Settings(
        database_url=url,
        admin_token=ADMIN_TOKEN,
        jwt_secret=JWT_SECRET,
        argon2_time_cost=1,
        argon2_memory_kib=8,
        argon2_parallelism=1,
    )


async def migrated(cluster: PostgresCluster) -> PostgresCluster:
    await prepared(cluster.url)
    return cluster


async def prepared(url: str) -> None:
    """The database migrated by the hub's own command, as an operator does, with the
    reference data (countries, disciplines) every write names."""
    await asyncio.to_thread(hub_command, "db", "upgrade", env={"HUB_DATABASE_URL": url})
    engine = create_engine(url)
    try:
        async with create_session_factory(engine)() as session, session.begin():
            await load_reference_data(session)
    finally:
        await engine.dispose()
