"""Scenario C: far more clients than one worker admits at once.

Each client sends a query, waits for its answer and sends the next (a closed loop),
while a probe asks ``/healthz`` ten times a second. The worker should admit what it can
answer quickly and refuse the rest at once with 503 ``OVERLOADED`` and ``Retry-After``.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass

import httpx

from tests.faults.answers import Answer, get, percentile, post

QUERY = {
    "query": "{ countries(first: 20) { nodes { code name } } "
    "disciplines(first: 20) { nodes { slug name } } creators(first: 20) { totalCount } }"
}


@dataclass
class OverloadRun:
    clients: int
    seconds: float
    answers: list[Answer]
    health: list[Answer]

    @property
    def admitted(self) -> list[Answer]:
        return [a for a in self.answers if a.status == 200]

    @property
    def refused_share(self) -> float:
        refused = sum(a.status == 503 for a in self.answers)
        return refused / len(self.answers) if self.answers else float("nan")

    def admitted_ms(self, fraction: float) -> float:
        return 1000 * percentile((a.seconds for a in self.admitted), fraction)

    def health_ms(self, fraction: float) -> float:
        return 1000 * percentile((a.seconds for a in self.health), fraction)


async def _client(client: httpx.AsyncClient, url: str, until: float) -> list[Answer]:
    answers = []
    while time.monotonic() < until:
        answer = await post(client, url, QUERY)
        answers.append(answer)
        if answer.status == 503:
            # Obeying Retry-After would hide the shedding this measures: come back soon.
            await asyncio.sleep(0.05)
    return answers


async def _health(client: httpx.AsyncClient, url: str, until: float) -> list[Answer]:
    answers = []
    while time.monotonic() < until:
        answers.append(await get(client, url))
        await asyncio.sleep(0.1)
    return answers


async def run(base: str, *, clients: int = 100, seconds: float = 8.0) -> OverloadRun:
    limits = httpx.Limits(max_connections=clients + 2, max_keepalive_connections=clients + 2)
    async with (
        httpx.AsyncClient(limits=limits, timeout=httpx.Timeout(30.0)) as load,
        httpx.AsyncClient(timeout=httpx.Timeout(30.0)) as probe,
    ):
        until = time.monotonic() + seconds
        health = asyncio.create_task(_health(probe, f"{base}/healthz", until))
        answered = await asyncio.gather(
            *(_client(load, f"{base}/graphql", until) for _ in range(clients))
        )
        return OverloadRun(
            clients, seconds, [answer for batch in answered for answer in batch], await health
        )
