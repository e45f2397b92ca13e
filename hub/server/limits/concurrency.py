"""A per-process bound on the GraphQL requests that run at once; the rest are refused.

Past a point, admitting more requests only makes every one of them slower: they queue
for the event loop and for the database pool until their clients give up. A semaphore
admits ``HUB_MAX_CONCURRENT_REQUESTS``; a request that finds no slot waits at most
``HUB_ADMISSION_WAIT_SECONDS`` for one, then is refused at once (503 ``OVERLOADED`` with
``Retry-After``), so clients back off and the admitted ones stay fast. Only ``/graphql``
takes a slot: the health probes never wait behind it.
"""

from __future__ import annotations

import asyncio


class Overloaded(Exception):
    """No slot came free within the admission wait."""


class ConcurrencyLimit:
    def __init__(self, limit: int, wait_seconds: float) -> None:
        self.limit = limit
        self.wait_seconds = wait_seconds
        self._slots = asyncio.Semaphore(limit)
        self._running = 0

    @property
    def running(self) -> int:
        """Requests holding a slot now."""
        return self._running

    def slot(self) -> ConcurrencyLimit:
        """Hold a slot while inside; raises ``Overloaded`` when none came in time.

        The limit is its own context manager: taking a slot allocates nothing.
        """
        return self

    async def __aenter__(self) -> None:
        await self._acquire()
        self._running += 1

    async def __aexit__(self, *_exc_info: object) -> None:
        self._running -= 1
        self._slots.release()

    async def _acquire(self) -> None:
        if not self._slots.locked():
            await self._slots.acquire()
            return
        if self.wait_seconds <= 0:
            raise Overloaded
        try:
            # asyncio.timeout cancels the acquire cleanly: a slot granted as the wait
            # ends is handed on, never lost.
            async with asyncio.timeout(self.wait_seconds):
                await self._slots.acquire()
        except TimeoutError as timed_out:
            raise Overloaded from timed_out
