"""One-command benchmark of the GraphQL read path against its raw-SQL limit.

    ./dev python bench/run.py                # 100,000 creators on the local PostgreSQL
    ./dev python bench/run.py --creators 20000 --duration 10

It creates (or, with --reuse, keeps) a benchmark database, loads
`hub seed synthetic`, starts one `hub serve` process, loads it over loopback from
this process with keep-alive connections (warm-up, then a fixed time), measures the
same answers built by PostgreSQL alone through asyncpg, and writes the table to
docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import asyncpg
import httpx
import orjson
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parent))
from loadgen import Result, post_request, run_calls, run_http
from workloads import WORKLOADS, Workload

ROOT = Path(__file__).resolve().parent.parent
HUB = str(Path(sys.executable).parent / "hub")


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--server",
        default="postgresql://postgres@127.0.0.1:5432/postgres",
        help="PostgreSQL server to create the benchmark database on",
    )
    parser.add_argument("--database", default="hub_bench")
    parser.add_argument("--creators", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--warmup", type=float, default=5.0)
    parser.add_argument("--duration", type=float, default=20.0)
    parser.add_argument("--reuse", action="store_true", help="keep an existing bench database")
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "benchmarks.md")
    return parser.parse_args()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def _prepare_database(args: argparse.Namespace) -> str:
    server = make_url(args.server)
    admin = await asyncpg.connect(str(server.set(drivername="postgresql")))
    try:
        exists = await admin.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", args.database)
        if exists and not args.reuse:
            await admin.execute(f'DROP DATABASE "{args.database}" WITH (FORCE)')
        if not exists or not args.reuse:
            await admin.execute(f'CREATE DATABASE "{args.database}"')
    finally:
        await admin.close()
    url = server.set(drivername="postgresql+asyncpg", database=args.database)
    database_url = url.render_as_string(hide_password=False)
    env = {**os.environ, "HUB_DATABASE_URL": database_url, "HUB_LOG_LEVEL": "WARNING"}
    await asyncio.to_thread(subprocess.run, [HUB, "db", "upgrade"], env=env, check=True)
    raw = await asyncpg.connect(str(url.set(drivername="postgresql")))
    try:
        creators = await raw.fetchval("SELECT count(*) FROM creator")
    finally:
        await raw.close()
    if creators == 0:
        started = time.perf_counter()
        await asyncio.to_thread(
            subprocess.run,
            [HUB, "seed", "synthetic", "--creators", str(args.creators), "--seed", str(args.seed)],
            env=env,
            check=True,
        )
        print(f"seeded {args.creators} creators in {time.perf_counter() - started:.1f} s")
    return database_url


def _start_server(database_url: str, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "HUB_DATABASE_URL": database_url, "HUB_LOG_LEVEL": "WARNING"}
    process = subprocess.Popen([HUB, "serve", "--port", str(port)], env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=1).status_code == 200:
                return process
        except httpx.TransportError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit("the server did not start")


def _has_data(body: bytes) -> bool:
    answer = orjson.loads(body)
    return "errors" not in answer and bool(answer.get("data"))


async def _measure(
    workload: Workload, args: argparse.Namespace, port: int, pool: asyncpg.Pool, handles: list[str]
) -> tuple[Result, Result]:
    bodies = [
        orjson.dumps({"query": workload.graphql, "variables": {"handle": handle}})
        for handle in (handles if workload.takes_handle else [""])
    ]
    requests = [post_request("127.0.0.1", port, "/graphql", body) for body in bodies]
    graphql = await run_http(
        "127.0.0.1",
        port,
        requests,
        concurrency=args.concurrency,
        warmup=args.warmup,
        duration=args.duration,
        check=_has_data,
    )

    async def one_sql_answer(choice: int) -> object:
        async with pool.acquire() as connection:
            if workload.takes_handle:
                return await connection.fetchval(workload.sql, handles[choice % len(handles)])
            return await connection.fetchval(workload.sql)

    sql = await run_calls(
        one_sql_answer, concurrency=args.concurrency, warmup=args.warmup, duration=args.duration
    )
    return graphql, sql


def _machine() -> str:
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return (
        f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )


def _table(rows: list[tuple[Workload, Result, Result]], args, pg_version: str) -> str:
    lines = [
        "# Benchmarks",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {_machine()}, PostgreSQL "
        f"{pg_version}, with `python bench/run.py --creators {args.creators} --seed {args.seed} "
        f"--concurrency {args.concurrency} --warmup {args.warmup:g} --duration {args.duration:g}`.",
        "",
        "One `hub serve` process (one uvicorn worker) on the synthetic dataset, loaded over "
        "loopback by a separate process with keep-alive connections in a closed loop. The "
        "raw-SQL column is the same answer built as one JSON document by PostgreSQL through "
        "asyncpg with the same concurrency: the physical limit the API is compared with.",
        "",
        "| workload | GraphQL req/s | p50 ms | p99 ms | errors | raw SQL req/s | p50 ms | p99 ms "
        "| GraphQL / SQL |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for workload, graphql, sql in rows:
        lines.append(
            f"| {workload.name}: {workload.description} | {graphql.rate:,.0f} | "
            f"{graphql.percentile(0.5):.1f} | {graphql.percentile(0.99):.1f} | {graphql.errors} | "
            f"{sql.rate:,.0f} | {sql.percentile(0.5):.1f} | {sql.percentile(0.99):.1f} | "
            f"{graphql.rate / sql.rate:.0%} |"
        )
    lines += [
        "",
        "For reference, the best GraphQL-over-PostgreSQL engines answer the nested workload "
        "at about a quarter of the raw-SQL rate and the point lookup at about 40% of it; a "
        "field-by-field Python resolver tree is several times slower than that. hub's read "
        "path issues one statement per level of nesting (see docs/architecture.md); the "
        "mapping it reads from is the seam for compiling a whole selection into one statement.",
        "",
    ]
    return "\n".join(lines)


async def main() -> None:
    args = _arguments()
    database_url = await _prepare_database(args)
    port = _free_port()
    server = _start_server(database_url, port)
    dsn = make_url(database_url).set(drivername="postgresql").render_as_string(False)
    pool = await asyncpg.create_pool(dsn, min_size=args.concurrency, max_size=args.concurrency)
    try:
        async with pool.acquire() as connection:
            handles = [
                r["handle"]
                for r in await connection.fetch("SELECT handle FROM creator ORDER BY id LIMIT 2000")
            ]
            pg_version = await connection.fetchval("SHOW server_version")
        rows = []
        for workload in WORKLOADS:
            graphql, sql = await _measure(workload, args, port, pool, handles)
            print(
                f"{workload.name}: GraphQL {graphql.rate:,.0f} req/s "
                f"(p50 {graphql.percentile(0.5):.1f} ms, p99 {graphql.percentile(0.99):.1f} ms, "
                f"{graphql.errors} errors); SQL {sql.rate:,.0f} req/s"
            )
            rows.append((workload, graphql, sql))
    finally:
        await pool.close()
        server.terminate()
        server.wait(timeout=20)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(_table(rows, args, pg_version), encoding="utf-8")
    print(f"wrote {args.output}")


if __name__ == "__main__":
    asyncio.run(main())
