"""In-process timings of ``matchCreators(first: 20)`` for random open roles (not a test).

Run against a database filled by ``hub seed synthetic``::

    HUB_DATABASE_URL=... python -m tests.matching.timing --roles 300

It serves the app in-process (no network), warms up on other roles (SQLAlchemy compiles
each statement shape once per process), then prints p50/p95/max of the whole GraphQL
request. ``docs/matchmaking.md`` records the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import random
import statistics
import time

import httpx
from sqlalchemy import select
from strawberry.relay import to_base64

from hub.config import Settings
from hub.core.db import create_engine
from hub.projects.models import OpenRole
from hub.server.app import create_app

QUERY = """
query ($role: ID!) {
  matchCreators(roleId: $role, first: 20) {
    edges { cursor node {
      score
      creator { handle displayName country { name } disciplines { level discipline { slug } } }
      reasons { factor weight contribution detail }
    } }
    pageInfo { hasNextPage endCursor }
  }
}
"""


async def _open_roles(settings: Settings, count: int, seed: int) -> list[int]:
    engine = create_engine(settings.database_url)
    async with engine.connect() as connection:
        keys = list(
            await connection.scalars(
                select(OpenRole.id).where(
                    OpenRole.is_open.is_(True), OpenRole.filled_count < OpenRole.headcount
                )
            )
        )
    await engine.dispose()
    return random.Random(seed).sample(keys, min(count, len(keys)))


async def main(roles: int, warm_up: int, seed: int, freeze: bool) -> None:
    settings = Settings()
    keys = await _open_roles(settings, warm_up + roles, seed)
    app = create_app(settings)
    timings: list[float] = []
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://hub") as client:
            for index, key in enumerate(keys):
                variables = {"role": to_base64("OpenRole", key)}
                started = time.perf_counter()
                response = await client.post(
                    "/graphql", json={"query": QUERY, "variables": variables}
                )
                elapsed = time.perf_counter() - started
                assert "errors" not in response.json(), response.text
                if index == warm_up - 1 and freeze:
                    gc.freeze()
                if index >= warm_up:
                    timings.append(elapsed * 1000)
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(
        f"{len(timings)} roles: p50 {statistics.median(timings):.1f} ms, "
        f"p95 {p95:.1f} ms, max {timings[-1]:.1f} ms"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--roles", type=int, default=300)
    parser.add_argument(
        "--warm-up",
        type=int,
        default=100,
        help="Roles requested first and not timed: each statement shape is compiled once.",
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--freeze-gc",
        action="store_true",
        help="gc.freeze() after the warm-up, so full collections skip the long-lived heap.",
    )
    arguments = parser.parse_args()
    asyncio.run(main(arguments.roles, arguments.warm_up, arguments.seed, arguments.freeze_gc))
