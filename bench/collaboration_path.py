"""Latency of `collaborationPath` (and the other graph fields) in-process, over ASGI.

    HUB_DATABASE_URL=postgresql+asyncpg://postgres@127.0.0.1:5432/hub_graph_bench \\
        ./dev python bench/collaboration_path.py --pairs 400

Point it at a database loaded with `hub seed synthetic`. Requests go one at a time
through the whole application (parsing, validation, resolvers, SQL, serialisation),
without a socket; the figures are therefore a lower bound for the same request over
HTTP. Pairs are drawn with a fixed seed from creators who take part in a
collaborative project (the searches that do work) and from all creators.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import time
from collections import Counter, defaultdict

import httpx
from sqlalchemy import select
from strawberry.relay import to_base64

from hub.collaboration.pairs import SharedProject
from hub.config import Settings
from hub.core.db import create_engine
from hub.creators.models import Creator
from hub.server.app import create_app

PATH = """
query ($from: ID!, $to: ID!, $maxHops: Int!) {
  collaborationPath(from: $from, to: $to, maxHops: $maxHops) {
    hops creators { handle } links { project { slug } }
  }
}
"""
COLLABORATORS = """
query { creators(first: 50) { nodes { collaborators(first: 5) {
  totalCount nodes { sharedProjectCount creator { handle } latestSharedProject { slug } } } } } }
"""
COUNTRIES = (
    "{ countryCollaboration(fromYear: 2025, toYear: 2026) { countries { code } projectCount } }"
)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=400)
    parser.add_argument("--max-hops", type=int, default=6)
    parser.add_argument("--seed", type=int, default=7)
    return parser.parse_args()


def _summary(name: str, timings: list[float]) -> str:
    ordered = sorted(timings)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    return (
        f"{name:<28} n={len(ordered):<4} p50={statistics.median(ordered):6.1f} ms  "
        f"p95={p95:6.1f} ms  max={ordered[-1]:6.1f} ms"
    )


def _walk(rng: random.Random, neighbours: dict[int, list[int]], steps: int) -> tuple[int, int]:
    """A pair joined by a chain of ``steps`` links (the shortest may be shorter)."""
    start = current = rng.choice(sorted(neighbours))
    for _ in range(steps):
        current = rng.choice(neighbours[current])
    return start, current


async def _timed(client: httpx.AsyncClient, query: str, variables: dict) -> tuple[float, dict]:
    started = time.perf_counter()
    response = await client.post("/graphql", json={"query": query, "variables": variables})
    elapsed = (time.perf_counter() - started) * 1000
    body = response.json()
    assert "errors" not in body, body["errors"]
    return elapsed, body["data"]


async def main() -> None:
    arguments = _arguments()
    settings = Settings()
    engine = create_engine(settings.database_url)
    shared = SharedProject()
    async with engine.connect() as connection:
        edges = await connection.execute(
            shared.select(shared.mine.creator_id, shared.theirs.creator_id).distinct()
        )
        everyone = list((await connection.execute(select(Creator.id))).scalars())
    neighbours: dict[int, list[int]] = defaultdict(list)
    for source, target in edges:
        neighbours[source].append(target)
    active = sorted(neighbours)
    rng = random.Random(arguments.seed)
    samples = {
        "pairs of active creators": [tuple(rng.sample(active, 2)) for _ in range(arguments.pairs)],
        "pairs of any creators": [tuple(rng.sample(everyone, 2)) for _ in range(arguments.pairs)],
        "random walks of 2-6 steps": [
            _walk(rng, neighbours, rng.randint(2, 6)) for _ in range(arguments.pairs)
        ],
    }
    app = create_app(settings, engine=engine)
    transport = httpx.ASGITransport(app=app)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="http://bench") as client,
    ):
        for _ in range(20):  # warm-up: connections, plans, the schema
            await _timed(
                client,
                PATH,
                {
                    "from": to_base64("Creator", active[0]),
                    "to": to_base64("Creator", active[1]),
                    "maxHops": 4,
                },
            )
        print(f"{len(active)} creators take part in collaborative projects, of {len(everyone)}")
        for name, pairs in samples.items():
            timings, hops = [], Counter()
            for source, target in pairs:
                variables = {
                    "from": to_base64("Creator", source),
                    "to": to_base64("Creator", target),
                    "maxHops": arguments.max_hops,
                }
                elapsed, data = await _timed(client, PATH, variables)
                timings.append(elapsed)
                found = data["collaborationPath"]
                hops[found["hops"] if found else None] += 1
            print(_summary(f"collaborationPath, {name}", timings))
            print(f"{'':28} hops found: {dict(sorted(hops.items(), key=str))}")
        for name, query in (
            ("50 creators x collaborators", COLLABORATORS),
            ("countryCollaboration", COUNTRIES),
        ):
            timings = [(await _timed(client, query, {}))[0] for _ in range(30)]
            print(_summary(name, timings))
    await engine.dispose()


if __name__ == "__main__":
    asyncio.run(main())
