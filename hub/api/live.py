"""What subscriptions share: reading afresh for each event without holding a connection."""

from __future__ import annotations

from hub.api.context import Info


async def between_events(info: Info) -> None:
    """End the read transaction and forget what was loaded.

    A subscription waits for its next event for as long as it likes: its connection goes
    back to the pool meanwhile, and its next read sees what committed since.
    """
    await info.context.reader.run(lambda session: session.rollback())
    info.context.loaders.clear()
