"""Scenario B: redis-server restarts while a client spends its budget through two servers.

Whether two server processes share a client's budget is read from what they answer: a
fresh client (a new forwarded address) spends once through the first server, then once
through the second; the second reports the first's spend too only if both count in
Redis. A process that fell back to its own buckets starts the client at a full budget.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from dataclasses import dataclass, field

import httpx

from tests.faults.answers import Answer, post
from tests.faults.processes import RedisServer

QUERY = {"query": "{ rateLimit { cost remaining } }"}

_addresses = itertools.count(1)


def fresh_address() -> str:
    """A client address nobody has used, as a trusted proxy forwards it."""
    number = next(_addresses)
    return f"10.{(number >> 16) & 255}.{(number >> 8) & 255}.{number & 255}"


def remaining(answer: Answer) -> int | None:
    body = answer.body
    try:
        return int(body["extensions"]["cost"]["throttleStatus"]["remaining"])
    except (KeyError, TypeError, ValueError):
        return None


def cost(answer: Answer) -> int:
    body = answer.body
    try:
        return int(body["extensions"]["cost"]["requestedQueryCost"])
    except (KeyError, TypeError, ValueError):
        return 0


@dataclass(frozen=True)
class PairProbe:
    """One fresh client's two requests, through the first server and then the second."""

    sent_at: float
    first: Answer
    second: Answer

    @property
    def shared(self) -> bool:
        before, after = remaining(self.first), remaining(self.second)
        spent = cost(self.second)
        return before is not None and after is not None and after == before - spent


async def probe_pair(client: httpx.AsyncClient, bases: tuple[str, str]) -> PairProbe:
    headers = {"X-Forwarded-For": fresh_address()}
    sent = time.monotonic()
    first = await post(client, f"{bases[0]}/graphql", QUERY, headers)
    second = await post(client, f"{bases[1]}/graphql", QUERY, headers)
    return PairProbe(sent, first, second)


@dataclass
class Spender:
    """One client spending through both servers in turn, as fast as it is answered."""

    address: str
    answers: list[Answer] = field(default_factory=list)

    @property
    def admitted_points(self) -> int:
        return sum(cost(a) for a in self.answers if a.status == 200)

    async def spend(
        self, client: httpx.AsyncClient, bases: tuple[str, str], stop: asyncio.Event
    ) -> None:
        headers = {"X-Forwarded-For": self.address}
        for turn in itertools.count():
            if stop.is_set():
                return
            answer = await post(client, f"{bases[turn % 2]}/graphql", QUERY, headers)
            self.answers.append(answer)
            if answer.status == 429:
                await asyncio.sleep(0.05)


@dataclass
class RedisRun:
    budget: int
    before: PairProbe
    probes: list[PairProbe]
    returned_at: float
    spender: Spender
    spender_seconds: float
    exhaust: Spender | None = None

    def seconds_to_shared(self, streak: int = 3) -> float:
        """From Redis answering again to the first of ``streak`` shared probes in a row."""
        run: list[PairProbe] = []
        for probe in self.probes:
            run = [*run, probe] if probe.shared else []
            if len(run) == streak:
                return run[0].sent_at - self.returned_at
        return float("inf")

    @property
    def answers(self) -> list[Answer]:
        pairs = [a for p in [self.before, *self.probes] for a in (p.first, p.second)]
        exhausted = self.exhaust.answers if self.exhaust else []
        return pairs + self.spender.answers + exhausted


async def exhaust_budget(client: httpx.AsyncClient, bases: tuple[str, str], budget: int) -> Spender:
    """A fresh client spends through both servers in turn until both refuse it."""
    spender = Spender(fresh_address())
    headers = {"X-Forwarded-For": spender.address}
    refused_in_a_row = 0
    for turn in range(4 * budget + 10):
        answer = await post(client, f"{bases[turn % 2]}/graphql", QUERY, headers)
        spender.answers.append(answer)
        refused_in_a_row = refused_in_a_row + 1 if answer.status == 429 else 0
        if refused_in_a_row == 4:
            break
    return spender


async def run(
    redis: RedisServer,
    bases: tuple[str, str],
    budget: int,
    *,
    down_seconds: float = 2.0,
    wait_for_shared: float = 40.0,
    spend_for: float | None = None,
) -> RedisRun:
    """Restart Redis under a spending client; probe until the budget is shared again.

    ``spend_for`` keeps the spender going that many seconds from its first request (60
    for the minute bench/faults.py reports); by default it stops once sharing is back.
    """
    async with httpx.AsyncClient(timeout=httpx.Timeout(10.0)) as client:
        before = await probe_pair(client, bases)
        spender = Spender(fresh_address())
        stop = asyncio.Event()
        started = time.monotonic()
        spending = asyncio.create_task(spender.spend(client, bases, stop))
        await asyncio.sleep(1.0)
        await asyncio.to_thread(redis.stop)
        await asyncio.sleep(down_seconds)
        await asyncio.to_thread(redis.start)
        returned_at = time.monotonic()
        probes: list[PairProbe] = []
        recorded = RedisRun(budget, before, probes, returned_at, spender, 0.0)
        while time.monotonic() - returned_at < wait_for_shared:
            probes.append(await probe_pair(client, bases))
            if recorded.seconds_to_shared() != float("inf"):
                break
            await asyncio.sleep(0.25)
        if spend_for is not None:
            await asyncio.sleep(max(0.0, started + spend_for - time.monotonic()))
        stop.set()
        await spending
        recorded.spender_seconds = time.monotonic() - started
        recorded.exhaust = await exhaust_budget(client, bases, budget)
    return recorded
