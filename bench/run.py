"""One-command benchmark of the GraphQL read path, on PostgreSQL or the embedded SQLite.

    ./dev python bench/run.py                      # 100,000 creators on the local PostgreSQL
    ./dev python bench/run.py --backend sqlite     # the same on an SQLite file
    ./dev python bench/run.py --creators 20000 --duration 10 --workloads nested point

It creates (or, with --reuse, keeps) a benchmark database, loads `hub seed synthetic`,
starts one `hub serve` process, and loads it over loopback from this process: first
with one client (latency: what one request costs), then with --concurrency clients in
a closed loop (throughput), in each mode: the hub as configured (compiled reads), the
hub with HUB_COMPILED_READS=false (the resolver tree), and on PostgreSQL the same
answers each built by one statement and served over HTTP by a minimal ASGI app under
uvicorn in one process (bench/raw_http.py), so that the comparison isolates what the
GraphQL layer costs. Each figure is the median of --rounds rounds. The figures replace
this backend's section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import re
import socket
import statistics
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
from loadgen import Result, post_request, run_http
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
    parser.add_argument("--rounds", type=int, default=3, help="report the median of rounds")
    parser.add_argument(
        "--modes",
        nargs="+",
        choices=list(MODES),
        default=list(MODES),
        help="compiled: the hub as configured; resolvers: HUB_COMPILED_READS=false; "
        "raw: each answer from one statement over HTTP (PostgreSQL only)",
    )
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


MODES = {"compiled": "true", "resolvers": "false", "raw": ""}


def _start_server(database_url: str, port: int, mode: str) -> subprocess.Popen[bytes]:
    # One load generator is one client address: the rate limit would measure itself. The
    # nested workload (50 x 50 x ...) is dearer than the default maximum query cost; the
    # benchmark measures the read path, so it lifts that cap rather than change the query.
    env = {
        **os.environ,
        "HUB_DATABASE_URL": database_url,
        "HUB_LOG_LEVEL": "WARNING",
        "HUB_RATE_LIMIT_PER_MINUTE": "0",
        "HUB_MAX_QUERY_COST": "1000000",
        "HUB_COMPILED_READS": MODES[mode],
    }
    command = [HUB, "serve", "--port", str(port)]
    if mode == "raw":
        # The baseline: a minimal ASGI app under uvicorn, one process, as the hub is.
        dsn = make_url(database_url).set(drivername="postgresql")
        env["RAW_SQL_DSN"] = dsn.render_as_string(hide_password=False)
        uvicorn = str(Path(sys.executable).parent / "uvicorn")
        bench = str(Path(__file__).resolve().parent)
        command = [uvicorn, "raw_http:app", "--app-dir", bench, "--port", str(port)]
        command += ["--log-level", "warning"]
    process = subprocess.Popen(command, env=env)
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
    """One workload in one mode: latency with one client, throughput with many."""

    latency: Result
    throughput: Result


async def _measure(
    workload: Workload, args: argparse.Namespace, port: int, sample: Sample
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

    return Measurement(await load(1), await load(args.concurrency))


@dataclass(frozen=True)
class Figures:
    """The medians over rounds of one workload in one mode."""

    p50: float
    p95: float
    rate: float
    many_p50: float
    many_p99: float
    errors: int

    @classmethod
    def of(cls, rounds: list[Measurement]) -> Figures:
        def median(values: list[float]) -> float:
            return float(statistics.median(values))

        return cls(
            p50=median([m.latency.percentile(0.5) for m in rounds]),
            p95=median([m.latency.percentile(0.95) for m in rounds]),
            rate=median([m.throughput.rate for m in rounds]),
            many_p50=median([m.throughput.percentile(0.5) for m in rounds]),
            many_p99=median([m.throughput.percentile(0.99) for m in rounds]),
            errors=sum(m.latency.errors + m.throughput.errors for m in rounds),
        )


def _rss_mb(process: subprocess.Popen[bytes]) -> float | None:
    status = Path(f"/proc/{process.pid}/status")
    if not status.exists():
        return None
    for line in status.read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return None


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


def _section(
    figures: dict[tuple[str, str], Figures],
    workloads: list[Workload],
    args: argparse.Namespace,
    database: str,
    rss: dict[str, float | None],
) -> str:
    command = (
        f"python bench/run.py --backend {args.backend} --creators {args.creators} "
        f"--seed {args.seed} --concurrency {args.concurrency} --warmup {args.warmup:g} "
        f"--duration {args.duration:g} --rounds {args.rounds} --modes {' '.join(args.modes)}"
    )
    lines = [
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {_machine()}, {database}, "
        f"with `{command}`; medians of {args.rounds} rounds.",
        "",
        "| workload | mode | 1 client: p50 ms | p95 ms "
        f"| {args.concurrency} clients: req/s | p50 ms | p99 ms | errors "
        "| share of raw SQL over HTTP |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for workload in workloads:
        raw = figures.get((workload.name, "raw"))
        for mode in args.modes:
            found = figures.get((workload.name, mode))
            if found is None:
                continue
            share = f"{found.rate / raw.rate:.0%}" if raw else "n/a"
            lines.append(
                f"| {workload.name} | {mode} | {_ms(found.p50)} | {_ms(found.p95)} "
                f"| {found.rate:,.0f} | {_ms(found.many_p50)} | {_ms(found.many_p99)} "
                f"| {found.errors} | {share} |"
            )
    memory = ", ".join(f"{mode} {value:.0f} MB" for mode, value in rss.items() if value is not None)
    lines += ["", f"Server RSS after the run: {memory}."]
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
    modes = [m for m in args.modes if m != "raw" or args.backend == "postgresql"]
    args.modes = modes
    database_url = await _prepare_database(args)
    sample = await _sample(database_url)
    ports = {mode: _free_port() for mode in modes}
    servers = {mode: _start_server(database_url, ports[mode], mode) for mode in modes}
    database = "SQLite (embedded)"
    rounds: dict[tuple[str, str], list[Measurement]] = {}
    rss: dict[str, float | None] = {}
    try:
        if args.backend == "postgresql":
            dsn = make_url(database_url).set(drivername="postgresql")
            connection = await asyncpg.connect(dsn.render_as_string(hide_password=False))
            database = f"PostgreSQL {await connection.fetchval('SHOW server_version')}"
            await connection.close()
        for number in range(args.rounds):
            for workload in chosen:
                for mode in modes:
                    if mode == "raw" and workload.sql is None:
                        continue
                    row = await _measure(workload, args, ports[mode], sample)
                    rounds.setdefault((workload.name, mode), []).append(row)
                    print(
                        f"round {number + 1} {workload.name} {mode}: 1 client p50 "
                        f"{row.latency.percentile(0.5):.2f} ms; {args.concurrency} clients "
                        f"{row.throughput.rate:,.0f} req/s; "
                        f"{row.latency.errors + row.throughput.errors} errors",
                        flush=True,
                    )
        rss = {mode: _rss_mb(server) for mode, server in servers.items()}
    finally:
        for server in servers.values():
            server.terminate()
            server.wait(timeout=20)
    figures = {key: Figures.of(found) for key, found in rounds.items()}
    _write_section(args.output, args.backend, _section(figures, chosen, args, database, rss))
    print(f"wrote {args.output}")


if __name__ == "__main__":
    asyncio.run(main())
