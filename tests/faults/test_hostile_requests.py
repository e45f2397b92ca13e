"""Garbled and hostile requests, generated from a seed and written on raw sockets.

NUL characters, invalid UTF-8, huge and numerous headers, null and wrong-typed
``extensions``/``variables``/``operationName``, truncated bodies and clients hanging up
mid-body: never a 5xx, every refusal coded, nothing internal shown, nothing logged as
the server's own failure, and the server keeps answering.
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx
import pytest

from tests.faults.answers import ServerLog
from tests.faults.environment import ONE_WORKER_CONCURRENCY
from tests.faults.hostile import HostileRun, run
from tests.faults.processes import HubServer

pytestmark = pytest.mark.timeout(240)

COUNT = 1200


@dataclass
class Recorded:
    run: HostileRun
    healthy_after: bool
    log: ServerLog


@pytest.fixture(scope="module")
async def hostile(one_worker: HubServer) -> Recorded:
    port = int(one_worker.base.rsplit(":", 1)[1])
    log_from = len(one_worker.log_text())
    # Fewer at once than the worker admits: these requests are refused for what they
    # are, never for load.
    recorded = await run(port, count=COUNT, concurrency=ONE_WORKER_CONCURRENCY - 1)
    async with httpx.AsyncClient() as client:
        healthy = (await client.get(f"{one_worker.base}/healthz")).status_code == 200
    return Recorded(recorded, healthy, ServerLog(one_worker.log_text()[log_from:]))


def test_every_kind_of_hostile_request_was_sent(hostile: Recorded):
    assert len(hostile.run.kinds()) >= 9
    assert len(hostile.run.sent) == COUNT


def test_no_hostile_request_gets_a_server_error(hostile: Recorded):
    for request, answer in hostile.run.judged():
        assert answer.status is not None, (request.kind, answer.failure)
        assert answer.status < 500, (request.kind, answer.describe())


def test_every_refusal_is_coded_and_shows_nothing_internal(hostile: Recorded):
    for request, answer in hostile.run.judged():
        assert not answer.leaks, (request.kind, answer.describe())
        assert "INTERNAL_SERVER_ERROR" not in answer.codes, (request.kind, answer.describe())
        if answer.status != 200 or answer.codes:
            assert answer.codes, (request.kind, answer.describe())
            assert all(answer.codes), (request.kind, answer.describe())


def test_nul_characters_are_refused_as_invalid_characters(hostile: Recorded):
    nul = [a for r, a in hostile.run.judged() if r.kind.startswith("nul-")]
    assert nul
    assert all("INVALID_CHARACTER" in a.codes for a in nul), [a.describe() for a in nul]


def test_oversized_headers_are_refused_with_431(hostile: Recorded):
    # Every generated size and count is over the defaults (16 384 bytes, 100 headers).
    big = [(r, a) for r, a in hostile.run.judged() if r.kind.startswith("header")]
    assert big
    for request, answer in big:
        assert answer.status == 431, (request.kind, answer.describe())
        assert answer.codes == ["HEADERS_TOO_LARGE"], (request.kind, answer.describe())


def test_the_server_keeps_answering_and_logs_no_traceback(hostile: Recorded):
    assert hostile.healthy_after
    assert hostile.log.tracebacks == 0, hostile.log.text[-3000:]
