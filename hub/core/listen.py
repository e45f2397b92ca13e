"""PostgreSQL ``LISTEN`` on a connection of its own, for as long as a block runs."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine


@asynccontextmanager
async def listening_to(
    engine: AsyncEngine, channel: str, notified: Callable[[str], None]
) -> AsyncIterator[None]:
    """Call ``notified(payload)`` for each ``NOTIFY`` on ``channel`` while inside; on any
    other database there is no such channel and nothing happens."""
    if engine.dialect.name != "postgresql":
        yield
        return

    def on_notify(*args: Any) -> None:
        # asyncpg calls back with (connection, pid, channel, payload).
        notified(args[-1])

    async with engine.connect() as connection:
        raw = await connection.get_raw_connection()
        driver = raw.driver_connection
        assert driver is not None
        await driver.add_listener(channel, on_notify)
        try:
            yield
        finally:
            # The connection may be gone already (the database restarted): nothing to undo.
            with contextlib.suppress(Exception):
                await driver.remove_listener(channel, on_notify)
