"""Two worker processes on one database run each job exactly once between them."""

from __future__ import annotations

import asyncio
import sys
from collections import Counter

from hub.core.db import create_session_factory
from tests.conftest import migrated_engine
from tests.jobs.worker_process import record

JOBS = 300


async def test_two_worker_processes_run_every_job_exactly_once(database, tmp_path):
    async with migrated_engine(database.backend, tmp_path) as engine:
        async with create_session_factory(engine)() as session, session.begin():
            for number in range(JOBS):
                await record.defer(session, number=number)
        url = engine.url.render_as_string(hide_password=False)
        go = tmp_path / "go"
        outputs = [tmp_path / f"worker-{index}.txt" for index in range(2)]
        workers = [
            await asyncio.create_subprocess_exec(
                sys.executable, "-m", "tests.jobs.worker_process", url, str(output), str(go)
            )
            for output in outputs
        ]
        go.touch()
        codes = await asyncio.wait_for(
            asyncio.gather(*(worker.wait() for worker in workers)), timeout=120
        )
    assert codes == [0, 0]
    runs = [
        [int(line) for line in output.read_text().split()] if output.exists() else []
        for output in outputs
    ]
    counts = Counter(number for numbers in runs for number in numbers)
    assert sorted(counts) == list(range(JOBS))
    assert set(counts.values()) == {1}
    # Both processes took part: the guarantee was tested under contention.
    assert all(runs), [len(numbers) for numbers in runs]
