"""The server on the embedded SQLite database, killed with SIGKILL mid-write.

Once here (each start costs seconds); bench/faults.py kills it three times in a row.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import pytest

from hub.core.db import create_engine
from tests.faults.outage import handle_of, read_creators
from tests.faults.sqlite_kill import KillRun, run

pytestmark = pytest.mark.timeout(240)


@dataclass
class Recorded:
    run: KillRun
    creators: dict[str, int]
    audits: Counter[int]


@pytest.fixture(scope="module")
async def killed(tmp_path_factory: pytest.TempPathFactory) -> Recorded:
    recorded = await run(tmp_path_factory.mktemp("sqlite-kill"), kills=1)
    engine = create_engine(recorded.url)
    try:
        creators, audits = await read_creators(engine)
    finally:
        await engine.dispose()
    return Recorded(recorded, creators, audits)


def test_the_server_was_killed_mid_write(killed: Recorded):
    assert killed.run.kills == 1
    assert any(w.acknowledged for w in killed.run.creates)
    assert any(a.status is None for w in killed.run.creates for a in w.answers)


def test_every_acknowledged_creator_survives_the_kill_with_its_audit_record(killed: Recorded):
    for write in killed.run.creates:
        if write.acknowledged:
            handle = handle_of(write)
            assert handle in killed.creators, f"acknowledged but lost: {handle}"
            assert killed.audits[killed.creators[handle]] == 1


def test_nothing_is_half_written_by_a_kill(killed: Recorded):
    keys = set(killed.creators.values())
    assert all(killed.audits[key] == 1 for key in keys)
    assert set(killed.audits) <= keys
