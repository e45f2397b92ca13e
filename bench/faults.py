"""The fault scenarios of tests/faults, run longer, with their figures printed.

    ./dev python bench/faults.py                       # all four scenarios
    ./dev python bench/faults.py outage overload       # some of them

Each scenario starts its own PostgreSQL cluster, redis-server and hub processes on
loopback (never the machine's shared ones), breaks something and measures how the hub
answers. The tests assert what must hold; this prints how fast and how much, for
docs/operations.md.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from sqlalchemy.ext.asyncio import AsyncEngine

from hub.core.db import create_engine
from tests.faults import hostile, outage, overload, redis_restart, sqlite_kill
from tests.faults.answers import ServerLog, status_histogram
from tests.faults.environment import (
    ADMIN_TOKEN,
    ONE_WORKER_CONCURRENCY,
    hub_settings,
    migrated,
    one_worker_env,
    outage_env,
    shared_budget_env,
)
from tests.faults.processes import (
    HubServer,
    hub_server,
    hub_servers,
    postgres_cluster,
    redis_server,
)

BUDGET = 600
SCENARIOS = ("outage", "sqlite", "redis", "overload", "hostile")


def show(title: str, figures: dict[str, object]) -> None:
    print(f"\n## {title}")
    for name, value in figures.items():
        if isinstance(value, float):
            value = f"{value:.2f}"
        print(f"- {name}: {value}")


async def bench_outage(directory: Path, writers: int) -> None:
    with postgres_cluster() as cluster:
        await migrated(cluster)
        engine: AsyncEngine = create_engine(cluster.url)
        server = HubServer(outage_env(cluster.url), directory, workers=2)
        try:
            server.launch()
            race = await outage.prepare(engine, hub_settings(cluster.url), invitees=18, headcount=5)
            await asyncio.to_thread(server.wait_until_healthy, 180)
            run = await outage.run(cluster, server.base, race, ADMIN_TOKEN, writers=writers)
            await engine.dispose()
            stored = await outage.read_back(engine, race)
            await outage.retry_unacknowledged(run, server.base)
            after = await outage.read_back(engine, race)
        finally:
            server.stop()
            await engine.dispose()
        log = ServerLog(server.log_text())
    acknowledged = [w for w in run.creates if w.acknowledged and w not in run.retried]
    unacknowledged = [w for w in run.creates if w in run.retried]
    stored_anyway = [w for w in unacknowledged if outage.handle_of(w) in stored.creators]
    during = [a for w in [*run.creates, *run.fills] for a in w.during_outage]
    show(
        f"PostgreSQL outage ({writers} writers, 2 workers, stops: fast and immediate, 3 s each)",
        {
            "creates sent": len(run.creates),
            "acknowledged": len(acknowledged),
            "unacknowledged": len(unacknowledged),
            "unacknowledged but committed (found whole afterwards)": len(stored_anyway),
            "acknowledged and missing": sum(
                outage.handle_of(w) not in stored.creators for w in acknowledged
            ),
            "creators without exactly one audit record": sum(
                stored.creator_audits[key] != 1 for key in stored.creators.values()
            ),
            "answers by status and code": status_histogram(during),
            "seconds from PostgreSQL's return to /readyz ready": [
                round(s, 2) for s in run.seconds_to_ready()
            ],
            "/readyz probes while down answered 503": (
                f"{sum(p.answer.status == 503 for p in run.probes_while_down())}"
                f" of {len(run.probes_while_down())}"
            ),
            "role places filled / headcount": f"{after.filled} / {after.headcount}",
            "invitees acknowledged": sum(w.acknowledged for w in run.fills),
            "retries (same Idempotency-Key) by status and code": status_histogram(run.retries),
            "retries answered DUPLICATE": sum(
                "DUPLICATE" in a.user_error_codes for a in run.retries
            ),
            "tracebacks in the server log": log.tracebacks,
        },
    )


async def bench_sqlite_kill(directory: Path, kills: int) -> None:
    (directory / "sqlite").mkdir()
    run = await sqlite_kill.run(directory / "sqlite", kills=kills)
    engine = create_engine(run.url)
    try:
        creators, audits = await outage.read_creators(engine)
    finally:
        await engine.dispose()
    acknowledged = [w for w in run.creates if w.acknowledged]
    show(
        f"SQLite server killed with SIGKILL mid-write ({kills} times, 8 writers)",
        {
            "creates sent": len(run.creates),
            "acknowledged": len(acknowledged),
            "acknowledged and missing": sum(
                outage.handle_of(w) not in creators for w in acknowledged
            ),
            "unacknowledged but committed (found whole afterwards)": sum(
                outage.handle_of(w) in creators for w in run.creates if not w.acknowledged
            ),
            "creators without exactly one audit record": sum(
                audits[key] != 1 for key in creators.values()
            ),
            "answers by status": status_histogram(a for w in run.creates for a in w.answers),
        },
    )


async def bench_redis(directory: Path) -> None:
    with postgres_cluster() as cluster, redis_server() as redis:
        await migrated(cluster)
        env = shared_budget_env(cluster.url, redis.url, BUDGET)
        with hub_servers([env, env], directory) as (first, second):
            run = await redis_restart.run(
                redis, (first.base, second.base), BUDGET, wait_for_shared=60, spend_for=60
            )
    assert run.exhaust is not None
    show(
        f"Redis restart (2 servers, budget {BUDGET} points a minute, Redis down 2 s)",
        {
            "shared before the restart": run.before.shared,
            "seconds from Redis's return to a shared budget": run.seconds_to_shared(),
            "one client's spend in the minute around the restart": (
                f"{run.spender.admitted_points} points in {run.spender_seconds:.0f} s"
                f" against a budget of {BUDGET}"
            ),
            "spender's answers by status": status_histogram(run.spender.answers),
            "a fresh client afterwards, admitted points before both refuse": (
                run.exhaust.admitted_points
            ),
        },
    )


async def bench_overload(directory: Path, clients: int, seconds: float) -> None:
    with postgres_cluster() as cluster:
        await migrated(cluster)
        with hub_server(one_worker_env(cluster.url), directory) as server:
            run = await overload.run(server.base, clients=clients, seconds=seconds)
    show(
        f"Overload ({clients} clients, 1 worker admitting {ONE_WORKER_CONCURRENCY}, {seconds} s)",
        {
            "requests answered": len(run.answers),
            "answers by status and code": status_histogram(run.answers),
            "503 share": f"{100 * run.refused_share:.1f}%",
            "admitted p50 ms": run.admitted_ms(0.5),
            "admitted p99 ms": run.admitted_ms(0.99),
            "admitted per second": len(run.admitted) / seconds,
            "/healthz answered": f"{sum(a.status == 200 for a in run.health)} of {len(run.health)}",
            "/healthz p50 ms": run.health_ms(0.5),
            "/healthz p99 ms": run.health_ms(0.99),
        },
    )


async def bench_hostile(directory: Path, count: int) -> None:
    with postgres_cluster() as cluster:
        await migrated(cluster)
        with hub_server(one_worker_env(cluster.url), directory) as server:
            port = int(server.base.rsplit(":", 1)[1])
            run = await hostile.run(port, count=count, concurrency=ONE_WORKER_CONCURRENCY - 1)
            log = ServerLog(server.log_text())
    by_kind: Counter[str] = Counter()
    for request, answer in run.judged():
        by_kind[f"{request.kind} -> {answer.status} {','.join(sorted(set(answer.codes)))}"] += 1
    show(
        f"Garbled and hostile requests ({count}, seed 10)",
        {
            "requests by kind": run.kinds(),
            "answers by status": run.histogram(),
            "5xx answers": sum((a.status or 0) >= 500 for _, a in run.judged()),
            "answers by kind, status and code": dict(sorted(by_kind.items())),
            "tracebacks in the server log": log.tracebacks,
        },
    )


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "scenarios",
        nargs="*",
        metavar="scenario",
        help=f"{', '.join(SCENARIOS)} (default: all)",
    )
    parser.add_argument("--writers", type=int, default=30)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--requests", type=int, default=3000)
    arguments = parser.parse_args()
    directory = Path(tempfile.mkdtemp(prefix="hub-bench-faults-"))
    for scenario in arguments.scenarios or list(SCENARIOS):
        if scenario not in SCENARIOS:
            parser.error(f"unknown scenario {scenario!r}; choose from {', '.join(SCENARIOS)}")
        if scenario == "outage":
            await bench_outage(directory, arguments.writers)
        elif scenario == "sqlite":
            await bench_sqlite_kill(directory, kills=3)
        elif scenario == "redis":
            await bench_redis(directory)
        elif scenario == "overload":
            await bench_overload(directory, arguments.clients, arguments.seconds)
        else:
            await bench_hostile(directory, arguments.requests)
    print(f"\nServer logs: {directory}")


if __name__ == "__main__":
    asyncio.run(main())
