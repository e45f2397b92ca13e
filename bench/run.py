"""One-command benchmark of the GraphQL read path, on PostgreSQL or the embedded SQLite.

    ./dev python bench/run.py                      # 100,000 creators on the local PostgreSQL
    ./dev python bench/run.py --backend sqlite     # the same on an SQLite file
    ./dev python bench/run.py --creators 20000 --duration 10 --workloads nested point

It creates (or, with --reuse, keeps) a benchmark database, loads `hub seed synthetic`,
starts one `hub serve` process, and loads it over loopback from this process: first
with one client (latency: what one request costs), then with --concurrency clients in
a closed loop (throughput). On PostgreSQL it also measures the same answers built by
PostgreSQL alone through asyncpg (the physical limit). The figures replace this
backend's section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import re
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import asyncpg
import httpx
import orjson
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

sys.path.insert(0, str(Path(__file__).resolve().parent))
from loadgen import Result, post_request, run_calls, run_http
from workloads import WORKLOADS, Sample, Workload

ROOT = Path(__file__).resolve().parent.parent
HUB = str(Path(sys.executable).parent / "hub")


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["postgresql", "sqlite"], default="postgresql")
    parser.add_argument(
        "--server",
        default="postgresql://postgres@127.0.0.1:5432/postgres",
        help="PostgreSQL server to create the benchmark database on",
    )
    parser.add_argument("--database", default="hub_bench")
    parser.add_argument(
        "--sqlite-file", type=Path, default=Path(tempfile.gettempdir()) / "hub_bench.db"
    )
    parser.add_argument("--creators", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--warmup", type=float, default=3.0)
    parser.add_argument("--duration", type=float, default=15.0)
    parser.add_argument("--workloads", nargs="+", choices=[w.name for w in WORKLOADS], default=None)
    parser.add_argument("--reuse", action="store_true", help="keep an existing bench database")
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "benchmarks.md")
    return parser.parse_args()


def _hub(env: dict[str, str], *arguments: str) -> None:
    subprocess.run([HUB, *arguments], env=env, check=True)


async def _create_postgres_database(args: argparse.Namespace) -> str:
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
    return url.render_as_string(hide_password=False)


def _remove_sqlite(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


async def _prepare_database(args: argparse.Namespace) -> str:
    """A migrated database with the synthetic dataset; its SQLAlchemy URL."""
    if args.backend == "postgresql":
        database_url = await _create_postgres_database(args)
    else:
        if not args.reuse:
            _remove_sqlite(args.sqlite_file)
        database_url = f"sqlite+aiosqlite:///{args.sqlite_file}"
    env = {**os.environ, "HUB_DATABASE_URL": database_url, "HUB_LOG_LEVEL": "WARNING"}
    await asyncio.to_thread(_hub, env, "db", "upgrade")
    engine = create_async_engine(database_url)
    async with engine.connect() as connection:
        creators = await connection.scalar(text("SELECT count(*) FROM creator"))
    await engine.dispose()
    if creators == 0:
        started = time.perf_counter()
        arguments = ["seed", "synthetic", "--creators", str(args.creators), "--seed"]
        await asyncio.to_thread(_hub, env, *arguments, str(args.seed))
        print(f"seeded {args.creators} creators in {time.perf_counter() - started:.1f} s")
    return database_url


async def _sample(database_url: str) -> Sample:
    engine = create_async_engine(database_url)
    async with engine.connect() as connection:
        handles = await connection.scalars(
            text("SELECT handle FROM creator ORDER BY id LIMIT 2000")
        )
        roles = await connection.scalars(
            text(
                "SELECT id FROM open_role WHERE is_open AND filled_count < headcount "
                "ORDER BY id LIMIT 2000"
            )
        )
        collaborating = await connection.scalars(
            text(
                "SELECT DISTINCT creator_id FROM participant WHERE creator_id IS NOT NULL "
                "ORDER BY creator_id LIMIT 5000"
            )
        )
        young = await connection.scalars(
            text("SELECT id FROM creator WHERE birth_year >= 2001 ORDER BY id LIMIT 2000")
        )
        sample = Sample(list(handles), list(roles), list(collaborating), list(young))
    await engine.dispose()
    return sample


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _start_server(database_url: str, port: int) -> subprocess.Popen[bytes]:
    # One load generator is one client address: the rate limit would measure itself. The
    # nested workload (50 x 50 x ...) is dearer than the default maximum query cost; the
    # benchmark measures the read path, so it lifts that cap rather than change the query.
    env = {
        **os.environ,
        "HUB_DATABASE_URL": database_url,
        "HUB_LOG_LEVEL": "WARNING",
        "HUB_RATE_LIMIT_PER_MINUTE": "0",
        "HUB_MAX_QUERY_COST": "1000000",
    }
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


@dataclass(frozen=True)
class Measurement:
    workload: Workload
    latency: Result
    throughput: Result
    sql: Result | None


async def _measure(
    workload: Workload,
    args: argparse.Namespace,
    port: int,
    sample: Sample,
    pool: asyncpg.Pool | None,
) -> Measurement:
    requests = [
        post_request(
            "127.0.0.1",
            port,
            "/graphql",
            orjson.dumps({"query": workload.graphql, "variables": variables}),
        )
        for variables in workload.variables(sample)
    ]

    async def load(concurrency: int) -> Result:
        return await run_http(
            "127.0.0.1",
            port,
            requests,
            concurrency=concurrency,
            warmup=args.warmup,
            duration=args.duration,
            check=_has_data,
        )

    latency = await load(1)
    throughput = await load(args.concurrency)
    sql = None
    if pool is not None and workload.sql is not None:
        arguments = workload.sql_arguments(sample)

        async def one_sql_answer(choice: int) -> object:
            async with pool.acquire() as connection:
                return await connection.fetchval(workload.sql, *arguments[choice % len(arguments)])

        sql = await run_calls(
            one_sql_answer,
            concurrency=args.concurrency,
            warmup=args.warmup,
            duration=args.duration,
        )
    return Measurement(workload, latency, throughput, sql)


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


def _ms(value: float) -> str:
    return f"{value:.1f}"


def _section(rows: list[Measurement], args: argparse.Namespace, database: str) -> str:
    command = (
        f"python bench/run.py --backend {args.backend} --creators {args.creators} "
        f"--seed {args.seed} --concurrency {args.concurrency} --warmup {args.warmup:g} "
        f"--duration {args.duration:g}"
    )
    lines = [
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {_machine()}, {database}, "
        f"with `{command}`.",
        "",
        "| workload | 1 client: p50 ms | p95 ms | p99 ms "
        f"| {args.concurrency} clients: req/s | p50 ms | p99 ms | errors "
        "| raw SQL req/s | raw SQL p50 ms | GraphQL / SQL |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        one, many, sql = row.latency, row.throughput, row.sql
        lines.append(
            f"| {row.workload.name}: {row.workload.description} "
            f"| {_ms(one.percentile(0.5))} | {_ms(one.percentile(0.95))} "
            f"| {_ms(one.percentile(0.99))} "
            f"| {many.rate:,.0f} | {_ms(many.percentile(0.5))} | {_ms(many.percentile(0.99))} "
            f"| {one.errors + many.errors} "
            f"| {f'{sql.rate:,.0f}' if sql else 'n/a'} "
            f"| {_ms(sql.percentile(0.5)) if sql else 'n/a'} "
            f"| {f'{many.rate / sql.rate:.0%}' if sql else 'n/a'} |"
        )
    return "\n".join(lines)


def _write_section(output: Path, backend: str, section: str) -> None:
    """Replace this backend's part of the page, leaving the other backend's figures be."""
    start, end = f"<!-- bench:{backend} -->", f"<!-- /bench:{backend} -->"
    block = f"{start}\n{section}\n{end}"
    page = output.read_text(encoding="utf-8") if output.exists() else ""
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.DOTALL)
    if pattern.search(page):
        page = pattern.sub(lambda _: block, page)
    else:
        page = f"{page.rstrip()}\n\n## {backend}\n\n{block}\n"
    output.write_text(page, encoding="utf-8")


async def main() -> None:
    args = _arguments()
    chosen = [w for w in WORKLOADS if args.workloads is None or w.name in args.workloads]
    database_url = await _prepare_database(args)
    sample = await _sample(database_url)
    port = _free_port()
    server = _start_server(database_url, port)
    pool = None
    database = "SQLite (embedded)"
    try:
        if args.backend == "postgresql":
            dsn = make_url(database_url).set(drivername="postgresql")
            pool = await asyncpg.create_pool(
                dsn.render_as_string(hide_password=False),
                min_size=args.concurrency,
                max_size=args.concurrency,
                server_settings={"jit": "off"},
            )
            async with pool.acquire() as connection:
                database = f"PostgreSQL {await connection.fetchval('SHOW server_version')}"
        rows = []
        for workload in chosen:
            row = await _measure(workload, args, port, sample, pool)
            print(
                f"{workload.name}: 1 client p50 {row.latency.percentile(0.5):.1f} ms "
                f"p95 {row.latency.percentile(0.95):.1f} ms; {args.concurrency} clients "
                f"{row.throughput.rate:,.0f} req/s; "
                f"{row.latency.errors + row.throughput.errors} errors"
            )
            rows.append(row)
    finally:
        if pool is not None:
            await pool.close()
        server.terminate()
        server.wait(timeout=20)
    _write_section(args.output, args.backend, _section(rows, args, database))
    print(f"wrote {args.output}")


if __name__ == "__main__":
    asyncio.run(main())
