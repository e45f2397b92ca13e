"""Scenario E: the server on the embedded SQLite database killed with SIGKILL mid-write.

Writers create creators; the server is killed without warning while they write, started
again on the same file and killed again. Afterwards the file is read directly: every
acknowledged creator is there with its audit record, and nothing is half written.
"""

from __future__ import annotations

import asyncio
import os
import signal
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from tests.faults.environment import ADMIN_TOKEN, BASE_ENV, prepared
from tests.faults.outage import Write, create_creators
from tests.faults.processes import HubServer


def sqlite_url(directory: Path) -> str:
    return f"sqlite+aiosqlite:///{directory / 'hub.db'}"


@dataclass
class KillRun:
    url: str
    creates: list[Write] = field(default_factory=list)
    kills: int = 0


async def run(
    directory: Path, *, kills: int = 2, writers: int = 8, seconds: float = 2.0
) -> KillRun:
    """Serve, write for ``seconds``, SIGKILL the server mid-write; ``kills`` times."""
    recorded = KillRun(sqlite_url(directory))
    await prepared(recorded.url)
    env = {**BASE_ENV, "HUB_DATABASE_URL": recorded.url, "HUB_RATE_LIMIT_PER_MINUTE": "0"}
    admin = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    for kill in range(kills):
        server = HubServer(env, directory)
        try:
            await asyncio.to_thread(server.start)
            assert server.process is not None
            stop = asyncio.Event()
            url = f"{server.base}/graphql"
            async with httpx.AsyncClient(timeout=httpx.Timeout(10.0)) as client:
                tasks = [
                    asyncio.create_task(create_creators(client, url, 100 * kill + n, admin, stop))
                    for n in range(writers)
                ]
                await asyncio.sleep(seconds)
                os.killpg(server.process.pid, signal.SIGKILL)
                recorded.kills += 1
                await asyncio.sleep(0.5)
                stop.set()
                recorded.creates += [w for ws in await asyncio.gather(*tasks) for w in ws]
        finally:
            server.stop()
    return recorded
