"""Buckets of cost points per client and window, and the one-process store of them.

A window starts with a client's first request and lasts ``window`` seconds; the client
may spend ``limit`` points in it. The store decides atomically, so concurrent requests
never spend more than the limit together.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Spend:
    """The outcome of spending: whether it fit, points used in the window, time left."""

    allowed: bool
    used: int
    reset_in: float


# Points used in an open window and the seconds it has left.
Window = tuple[int, float]


class BucketStore(Protocol):
    async def spend(self, key: str, cost: int, limit: int, window: float) -> Spend:
        """Spend ``cost`` points of ``key``'s bucket if they fit; ``cost`` 0 only looks."""
        ...


class MemoryBuckets:
    """Buckets in this process: exact for one server, per-process for several."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._windows: dict[str, tuple[int, float]] = {}
        self._sweep_above = 1_024

    async def spend(self, key: str, cost: int, limit: int, window: float) -> Spend:
        now = self._clock()
        used, ends = self._windows.get(key, (0, now + window))
        if ends <= now:
            used, ends = 0, now + window
        if used + cost > limit:
            return Spend(False, used, ends - now)
        if cost > 0:
            self._windows[key] = (used + cost, ends)
            self._sweep(now)
        return Spend(True, used + cost, ends - now)

    def record(self, key: str, used: int, reset_in: float) -> None:
        """Take a bucket's state from elsewhere (the shared store), to go on from it.

        Within an open window the count only grows: answers to concurrent spends can
        arrive out of order, and the last one is not always the highest.
        """
        now = self._clock()
        known, ends = self._windows.get(key, (0, now))
        self._windows[key] = (max(used, known) if ends > now else used, now + reset_in)
        self._sweep(now)

    def window(self, key: str) -> Window | None:
        """Points used in ``key``'s open window and the seconds it has left; None if none."""
        now = self._clock()
        used, ends = self._windows.get(key, (0, now))
        return (used, ends - now) if ends > now else None

    def _sweep(self, now: float) -> None:
        """Forget ended windows now and then, so idle clients do not accumulate."""
        if len(self._windows) <= self._sweep_above:
            return
        self._windows = {k: v for k, v in self._windows.items() if v[1] > now}
        self._sweep_above = max(1_024, 2 * len(self._windows))
