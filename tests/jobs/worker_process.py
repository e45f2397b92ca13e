"""A worker process for the once-only test: runs ``test.record`` jobs until none is left.

Usage: python -m tests.jobs.worker_process DATABASE_URL OUTPUT_FILE GO_FILE
Each run appends its job's number to OUTPUT_FILE; work starts once GO_FILE exists, so
both processes start claiming together.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from sqlalchemy import func, select

from hub.core.db import create_engine, create_session_factory
from hub.core.jobs.definition import JobContext, JobRegistry, job
from hub.core.jobs.models import QueuedJob
from hub.core.jobs.runner import Runner
from hub.core.mail import MemoryMailer

OUTPUT = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("/dev/null")


@job("test.record")
async def record(context: JobContext, *, number: int) -> None:
    with OUTPUT.open("a") as output:
        output.write(f"{number}\n")
    await asyncio.sleep(0.002)


async def main(url: str, go: Path) -> None:
    engine = create_engine(url)
    sessions = create_session_factory(engine)
    runner = Runner(JobRegistry([record]), JobContext(sessions=sessions, mailer=MemoryMailer()))
    while not await asyncio.to_thread(go.exists):  # noqa: ASYNC110 (another process's file)
        await asyncio.sleep(0.01)
    try:
        while True:
            if await runner.run_due() == 0:
                async with sessions() as session:
                    if not await session.scalar(select(func.count()).select_from(QueuedJob)):
                        return
                await asyncio.sleep(0.02)
    finally:
        await engine.dispose()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], Path(sys.argv[3])))
