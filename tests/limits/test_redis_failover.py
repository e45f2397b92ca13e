"""The failover's states, on a fake clock with fake stores: when Redis counts as down,
how it is trusted again, and what the local fallback lets a client spend meanwhile."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence

import pytest
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from hub.server.limits.buckets import MemoryBuckets, Spend, Window
from hub.server.limits.failover import Failover, FailoverBuckets

KEY, LIMIT, WINDOW = "ip:198.51.100.7", 100, 60.0


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class FakeRedis:
    """A shared bucket store and its PING, which fail while ``is_down``.

    ``hold`` makes the next spends wait until the test releases them, to interleave
    concurrent calls in a chosen order.
    """

    def __init__(self, clock: Clock) -> None:
        self.buckets = MemoryBuckets(clock)
        self.is_down = False
        self.is_broken = False
        self.fail_next = 0
        self.pings = 0
        self.spends = 0
        self.carried: list[tuple[str, int, Window]] = []
        self.carry_fails = False
        self.hold: asyncio.Event | None = None

    def lose_everything(self) -> None:
        self.buckets = MemoryBuckets(self.buckets._clock)

    async def ping(self) -> None:
        self.pings += 1
        if self.is_broken:
            raise RuntimeError("a bug")
        if self.is_down:
            raise RedisConnectionError("Connection refused")

    async def spend(
        self,
        key: str,
        cost: int,
        limit: int,
        window: float,
        known: Window | None = None,
        carried: int = 0,
    ) -> Spend:
        self.spends += 1
        hold = self.hold
        if hold is not None:
            await hold.wait()
        if self.fail_next:
            self.fail_next -= 1
            raise RedisTimeoutError("Timeout reading from socket")
        if self.is_down:
            raise RedisConnectionError("Connection refused")
        if known is not None:
            self._take(key, carried, known)
        return await self.buckets.spend(key, cost, limit, window)

    async def carry(self, spends: Sequence[tuple[str, int, Window]]) -> None:
        if self.carry_fails or self.is_down:
            raise RedisConnectionError("Connection reset by peer")
        self.carried.extend(spends)
        for key, points, known in spends:
            self._take(key, points, known)

    def _take(self, key: str, points: int, known: Window) -> None:
        """As the script does: add the points to a bucket it has, restore one it lost."""
        window = self.buckets.window(key)
        if window is None:
            self.buckets.record(key, *known)
        else:
            self.buckets.record(key, window[0] + points, window[1])

    def used(self, key: str = KEY) -> int:
        window = self.buckets.window(key)
        return window[0] if window else 0


class Ticks:
    """The probe's sleep: each one lasts until the test calls ``tick``."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._sleepers: list[asyncio.Future[None]] = []

    async def __call__(self, seconds: float) -> None:
        sleeper = asyncio.get_running_loop().create_future()
        self._sleepers.append(sleeper)
        await sleeper

    @property
    def sleeping(self) -> int:
        return len(self._sleepers)

    async def tick(self, seconds: float = 1.0) -> None:
        self._clock.now += seconds
        sleepers, self._sleepers = self._sleepers, []
        for sleeper in sleepers:
            sleeper.set_result(None)
        await settle()


async def settle() -> None:
    """Let every task that can run, run."""
    for _ in range(20):
        await asyncio.sleep(0)


class World:
    def __init__(self) -> None:
        self.clock = Clock()
        self.redis = FakeRedis(self.clock)
        self.ticks = Ticks(self.clock)
        self.failover = Failover(self.redis.ping, clock=self.clock, sleep=self.ticks)
        self.local = MemoryBuckets(self.clock)
        self.store = FailoverBuckets(self.failover, self.redis, self.local)

    async def spend(self, cost: int = 1) -> Spend:
        return await self.store.spend(KEY, cost, LIMIT, WINDOW)


@pytest.fixture
async def world():
    world = World()
    yield world
    await world.failover.close()


def warnings_of(caplog) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.name == "hub.limits" and r.levelno == logging.WARNING
    ]


async def test_one_failed_call_is_answered_locally_and_redis_stays_trusted(world, caplog):
    await world.spend(10)
    world.redis.fail_next = 1

    with caplog.at_level(logging.WARNING, logger="hub.limits"):
        failed = await world.spend(5)
        after = await world.spend(1)

    assert failed.allowed
    assert failed.used == 15  # the local copy went on from Redis's 10
    assert not world.failover.is_degraded
    assert world.redis.pings == 1  # the confirmation
    assert world.redis.used() == 16  # the locally spent 5 were carried, then 1 spent
    assert after.used == 16
    [warning] = warnings_of(caplog)
    assert "but Redis answers" in warning


async def test_a_failed_call_and_a_failed_ping_declare_an_outage_with_one_warning(world, caplog):
    world.redis.is_down = True

    with caplog.at_level(logging.WARNING, logger="hub.limits"):
        spends = [await world.spend() for _ in range(5)]

    assert world.failover.is_degraded
    assert [s.used for s in spends] == [1, 2, 3, 4, 5]
    assert world.redis.spends == 1  # degraded calls do not try Redis
    assert world.redis.pings == 1
    [warning] = warnings_of(caplog)
    assert "Redis is unavailable" in warning


async def test_one_background_probe_pings_per_interval_not_per_request(world):
    world.redis.is_down = True
    await world.spend()
    for _ in range(3):
        for _ in range(50):
            await world.spend()
        await world.ticks.tick()

    assert world.redis.pings == 1 + 3
    assert world.ticks.sleeping == 1
    assert world.failover.is_degraded


async def test_redis_is_trusted_again_at_the_first_probe_that_answers(world, caplog):
    world.redis.is_down = True
    with caplog.at_level(logging.WARNING, logger="hub.limits"):
        await world.spend()  # fails: the outage starts
        await world.ticks.tick()
        await world.spend()  # answered locally while degraded
        world.redis.is_down = False
        world.redis.lose_everything()
        await world.ticks.tick()
        back = await world.spend()

    assert not world.failover.is_degraded
    assert world.ticks.sleeping == 0  # the probe stopped
    assert back.used == 3  # the restarted Redis got the outage's 2 points, then this one
    messages = warnings_of(caplog)
    assert len(messages) == 2
    assert "answers again after 2.0 s (1 calls answered per process meanwhile)" in messages[1]


async def test_concurrent_failures_share_one_confirmation(world):
    world.redis.is_down = True

    spends = await asyncio.gather(*(world.spend() for _ in range(10)))

    assert world.redis.pings == 1
    assert world.failover.is_degraded
    assert sorted(s.used for s in spends) == list(range(1, 11))


async def test_a_failure_from_before_a_recovery_does_not_start_a_new_outage(world):
    hold = asyncio.Event()
    world.redis.hold = hold
    stale = asyncio.create_task(world.spend())  # reaches Redis, then waits for an answer
    await settle()
    world.redis.hold = None
    world.redis.is_down = True
    await world.spend()  # the outage
    world.redis.is_down = False
    await world.ticks.tick()  # the recovery
    generation, pings = world.failover.generation, world.redis.pings

    world.redis.fail_next = 1  # the stale call's answer: the timeout of the old outage
    hold.set()
    answered = await stale

    assert answered.allowed
    assert not world.failover.is_degraded
    assert world.failover.generation == generation
    assert world.redis.pings == pings  # it did not even ask for a confirmation


async def test_a_success_from_before_an_outage_does_not_hide_it(world):
    hold = asyncio.Event()
    world.redis.hold = hold
    slow = asyncio.create_task(world.spend())  # reaches Redis while it answers
    await settle()
    world.redis.hold = None
    world.redis.is_down = True
    await world.spend()  # a fresh outage is declared meanwhile
    world.redis.is_down = False  # the slow call's answer arrives, successful

    hold.set()
    late = await slow

    assert late.allowed
    assert world.failover.is_degraded  # only the probe may say Redis is back
    assert world.redis.spends == 2


async def test_the_local_budget_goes_on_from_what_redis_had_counted(world):
    await world.spend(90)
    world.redis.is_down = True

    spends = [await world.spend(5) for _ in range(4)]

    assert [s.allowed for s in spends] == [True, True, False, False]
    assert spends[-1].used == 100


async def test_points_spent_in_an_outage_count_in_redis_after_it(world):
    await world.spend(40)
    world.redis.is_down = True
    for _ in range(6):
        await world.spend(10)  # 60 more locally: the budget is spent
    world.redis.is_down = False
    world.redis.lose_everything()  # a restart without persistence
    await world.ticks.tick()

    after = await world.spend(1)

    assert world.redis.carried == [(KEY, 60, (100, WINDOW - 1.0))]
    assert not after.allowed
    assert world.redis.used() == 100  # 40 before, 60 during, nothing after


async def test_a_bucket_redis_still_has_gets_the_local_spend_added(world):
    await world.spend(40)
    world.redis.is_down = True
    await world.spend(10)
    await world.spend(10)
    await world.redis.buckets.spend(KEY, 30, LIMIT, WINDOW)  # another server, meanwhile
    world.redis.is_down = False
    await world.ticks.tick()

    assert world.redis.used() == 40 + 30 + 20


async def test_points_whose_window_ended_are_not_carried(world):
    world.redis.is_down = True
    await world.spend(30)
    world.clock.now += WINDOW + 1
    world.redis.is_down = False
    await world.ticks.tick()

    assert not world.failover.is_degraded
    assert world.redis.carried == []
    assert world.redis.used() == 0


async def test_a_failed_carry_keeps_the_outage_going_and_loses_no_points(world):
    world.redis.is_down = True
    await world.spend(30)
    world.redis.is_down = False
    world.redis.carry_fails = True
    await world.ticks.tick()
    assert world.failover.is_degraded
    await world.spend(5)

    world.redis.carry_fails = False
    await world.ticks.tick()

    assert not world.failover.is_degraded
    assert world.redis.used() == 35


async def test_a_bucket_lost_in_an_unnoticed_restart_is_restored(world):
    await world.spend(70)
    world.redis.lose_everything()  # a restart between two calls: nothing failed

    after = await world.spend(40)

    assert not after.allowed
    assert world.redis.used() == 70
    assert world.redis.pings == 0


async def test_closing_stops_the_probe(world):
    world.redis.is_down = True
    await world.spend()
    assert world.ticks.sleeping == 1

    await world.failover.close()
    await settle()

    assert world.failover.is_degraded
    assert world.redis.pings == 1


async def test_calls_failing_while_redis_answers_warn_once_a_minute(world, caplog):
    with caplog.at_level(logging.WARNING, logger="hub.limits"):
        for _ in range(3):
            world.redis.fail_next = 1
            await world.spend()
        world.clock.now += 61
        world.redis.fail_next = 1
        await world.spend()

    assert not world.failover.is_degraded
    assert world.redis.pings == 4
    assert len(warnings_of(caplog)) == 2


async def test_a_probe_that_breaks_unexpectedly_keeps_probing(world, caplog):
    world.redis.is_down = True
    await world.spend()

    world.redis.is_broken = True
    with caplog.at_level(logging.ERROR, logger="hub.limits"):
        await world.ticks.tick()
    world.redis.is_broken = False
    world.redis.is_down = False
    await world.ticks.tick()

    assert "The Redis probe failed" in caplog.text
    assert not world.failover.is_degraded
