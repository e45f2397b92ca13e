"""One worker admitting 4 requests at a time, loaded by 100 clients at once.

What is measured (the refused share, the admitted requests' latency, /healthz's) is in
docs/operations.md from bench/faults.py; here only what must hold whatever the timings.
"""

from __future__ import annotations

import pytest

from tests.faults.overload import OverloadRun, run
from tests.faults.processes import HubServer

pytestmark = pytest.mark.timeout(240)


@pytest.fixture(scope="module")
async def overload(one_worker: HubServer) -> OverloadRun:
    return await run(one_worker.base, clients=100, seconds=6)


def test_every_answer_is_a_200_or_a_503_overloaded_with_retry_after(overload: OverloadRun):
    for answer in overload.answers:
        assert answer.status is not None, answer.failure
        assert not answer.leaks, answer.describe()
        if answer.status != 200:
            assert answer.status == 503, answer.describe()
            assert answer.codes == ["OVERLOADED"], answer.describe()
            assert answer.headers.get("retry-after", "").isdigit()
        else:
            assert not answer.codes, answer.describe()


def test_the_worker_sheds_load_rather_than_queueing_every_client(overload: OverloadRun):
    assert overload.admitted, "nothing was admitted"
    assert overload.refused_share > 0, "100 clients on a limit of 4 were never refused"


def test_healthz_keeps_answering_under_the_load(overload: OverloadRun):
    assert overload.health
    assert all(answer.status == 200 for answer in overload.health)
