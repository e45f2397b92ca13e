"""Once a write commits, its answer says so: an error while re-reading the payload, closing
the session or storing the idempotency answer never turns the success into a failure,
and a retry with the same ``Idempotency-Key`` never runs the write again."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import InterfaceError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

import hub.creators.mutations as creator_mutations
from hub.accounts.models import AuditRecord
from hub.config import Settings
from hub.core.idempotency import IdempotencyKeys
from hub.creators.models import Creator
from hub.server.jobs import JobsInServer
from tests.api import client_for
from tests.helpers import ADMIN

CREATE = (
    "mutation ($input: CreateCreatorInput!) "
    "{ createCreator(input: $input) { creator { handle } userErrors { code } } }"
)
HANDLE = "zz-committed"
NEW_CREATOR = {"input": {"handle": HANDLE, "displayName": "Committed", "country": "KZ"}}
LOST = InterfaceError(
    "ROLLBACK", {}, Exception("cannot switch to state 15; another operation is in progress")
)


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """These tests break a resolver or a session on purpose: the compiled read path, which
    runs neither, is off so that the resolver tree answers."""
    return settings.model_copy(update={"compiled_reads": False})


async def _creators(session: AsyncSession) -> int:
    session.expire_all()
    count = select(func.count()).select_from(Creator).where(Creator.handle == HANDLE)
    return int(await session.scalar(count) or 0)


async def _audits(session: AsyncSession, request_id: str) -> int:
    count = (
        select(func.count())
        .select_from(AuditRecord)
        .where(AuditRecord.action == "createCreator", AuditRecord.request_id == request_id)
    )
    return int(await session.scalar(count) or 0)


def _lose_the_payload(monkeypatch: pytest.MonkeyPatch, error: Exception = LOST) -> None:
    """The re-read after commit fails, as it does when the connection dies just then."""

    async def fail(*_args: object, **_kwargs: object) -> None:
        raise error

    monkeypatch.setattr(creator_mutations, "load_node", fail)


async def _create(client, request_id: str, **headers: str):
    return await client.post(
        "/graphql",
        json={"query": CREATE, "variables": NEW_CREATOR},
        headers={**ADMIN, "X-Request-ID": request_id, **headers},
    )


def _assert_committed(response, request_id: str) -> None:
    assert response.status_code == 200, response.text
    assert "Retry-After" not in response.headers
    [error] = response.json()["errors"]
    assert error["extensions"] == {
        "code": "WRITE_COMMITTED",
        "committed": True,
        "requestId": request_id,
    }
    assert "change was made" in error["message"]
    assert "Do not repeat it" in error["message"]
    for secret in ("Traceback", "cannot switch", "ROLLBACK", "Error"):
        assert secret not in response.text


@pytest.mark.parametrize(
    "error",
    [
        pytest.param(LOST, id="lost-connection"),
        pytest.param(ConnectionResetError(104, "reset"), id="reset"),
        pytest.param(RuntimeError("a bug in the payload"), id="bug"),
    ],
)
async def test_a_payload_that_cannot_be_read_back_after_commit_answers_write_committed(
    client, session, monkeypatch, caplog, error
):
    _lose_the_payload(monkeypatch, error)

    with caplog.at_level(logging.WARNING, logger="hub"):
        response = await _create(client, "after-commit-1")

    _assert_committed(response, "after-commit-1")
    assert await _creators(session) == 1
    assert await _audits(session, "after-commit-1") == 1
    [record] = [r for r in caplog.records if "committed its write" in r.getMessage()]
    assert "after-commit-1" in record.getMessage()


async def test_write_committed_is_never_a_503_even_when_the_database_is_gone(
    client, monkeypatch, caplog
):
    _lose_the_payload(monkeypatch, ConnectionRefusedError(111, "refused"))

    with caplog.at_level(logging.WARNING, logger="hub"):
        response = await _create(client, "after-commit-2")

    _assert_committed(response, "after-commit-2")
    # Logged as the outage's start (once) and as the committed write, never with a traceback.
    assert all(record.exc_info is None for record in caplog.records)


def _closing_fails(
    sessions: async_sessionmaker[AsyncSession], closed: list[str]
) -> Callable[[], AsyncSession]:
    """Sessions that close their connection, then fail as a dying connection does."""

    def factory() -> AsyncSession:
        session = sessions()
        close = session.close

        async def close_then_fail() -> None:
            await close()
            closed.append("closed")
            raise LOST

        session.close = close_then_fail  # type: ignore[method-assign]
        return session

    return factory


async def test_a_session_that_fails_to_close_after_commit_still_answers_the_payload(
    settings, database, sessions, session, caplog
):
    closed: list[str] = []
    async with client_for(
        settings, engine=database.engine, session_factory=_closing_fails(sessions, closed)
    ) as client:
        with caplog.at_level(logging.WARNING, logger="hub"):
            response = await _create(client, "close-1")

    assert response.status_code == 200
    body = response.json()
    assert "errors" not in body, body
    assert body["data"]["createCreator"] == {"creator": {"handle": HANDLE}, "userErrors": []}
    assert closed
    assert await _creators(session) == 1
    assert await _audits(session, "close-1") == 1
    [record] = [r for r in caplog.records if "closing its database session" in r.getMessage()]
    assert record.exc_info is None


async def test_a_read_whose_session_fails_to_close_is_answered_too(settings, database, sessions):
    closed: list[str] = []
    async with client_for(
        settings, engine=database.engine, session_factory=_closing_fails(sessions, closed)
    ) as client:
        response = await client.post("/graphql", json={"query": '{ country(code: "KZ") { code } }'})

    assert response.status_code == 200
    assert response.json()["data"] == {"country": {"code": "KZ"}}
    assert "errors" not in response.json()
    assert closed


async def test_a_retry_after_a_committed_write_whose_answer_was_lost_does_not_run_it_again(
    client, session, monkeypatch
):
    async def store_fails(*_args: object, **_kwargs: object) -> None:
        raise LOST

    with monkeypatch.context() as outage:
        _lose_the_payload(outage)
        outage.setattr(IdempotencyKeys, "store", store_fails)
        first = await _create(client, "keyed-1", **{"Idempotency-Key": "lost-answer"})

    retried = await _create(client, "keyed-2", **{"Idempotency-Key": "lost-answer"})

    _assert_committed(first, "keyed-1")
    # The provisional answer was written with the creator, in the same transaction.
    _assert_committed(retried, "keyed-1")
    assert retried.headers["Idempotent-Replayed"] == "true"
    assert await _creators(session) == 1
    assert await _audits(session, "keyed-1") == 1
    assert await _audits(session, "keyed-2") == 0


async def test_a_retry_after_a_committed_write_whose_answer_was_stored_gets_that_answer(
    client, session, monkeypatch
):
    with monkeypatch.context() as outage:
        _lose_the_payload(outage)
        first = await _create(client, "keyed-3", **{"Idempotency-Key": "stored-answer"})

    retried = await _create(client, "keyed-4", **{"Idempotency-Key": "stored-answer"})

    _assert_committed(first, "keyed-3")
    assert retried.json() == first.json()
    assert retried.headers["Idempotent-Replayed"] == "true"
    assert await _creators(session) == 1


async def test_a_successful_keyed_write_replays_its_payload_not_the_provisional_answer(
    client, session
):
    first = await _create(client, "keyed-5", **{"Idempotency-Key": "fine"})
    retried = await _create(client, "keyed-6", **{"Idempotency-Key": "fine"})

    assert first.json()["data"]["createCreator"]["creator"] == {"handle": HANDLE}
    assert retried.json() == first.json()
    assert await _creators(session) == 1


async def test_a_keyed_write_that_failed_before_commit_frees_its_key_for_the_retry(
    client, session, monkeypatch
):
    async def unreachable(*_args: object, **_kwargs: object) -> None:
        raise ConnectionResetError(104, "reset")

    with monkeypatch.context() as outage:
        outage.setattr("hub.creators.service.create_creator", unreachable)
        first = await _create(client, "keyed-7", **{"Idempotency-Key": "retry-me"})

    retried = await _create(client, "keyed-8", **{"Idempotency-Key": "retry-me"})

    assert first.status_code == 503
    assert first.json()["errors"][0]["extensions"]["code"] == "SERVICE_UNAVAILABLE"
    assert retried.status_code == 200
    assert retried.json()["data"]["createCreator"]["creator"] == {"handle": HANDLE}
    assert "Idempotent-Replayed" not in retried.headers
    assert await _creators(session) == 1


async def test_a_key_that_could_not_be_freed_during_the_outage_is_freed_once_it_ends(
    client, session, monkeypatch
):
    monkeypatch.setattr("hub.server.idempotency.RELEASE_RETRY_DELAYS", (0.01, 0.01, 0.01))
    release = IdempotencyKeys.release
    outage_left = [2]  # the request's own release and the first retry fail
    freed = asyncio.Event()

    async def release_after_outage(self: IdempotencyKeys, scope: str, key: str) -> None:
        if outage_left[0]:
            outage_left[0] -= 1
            raise ConnectionRefusedError(111, "refused")
        await release(self, scope, key)
        freed.set()

    async def unreachable(*_args: object, **_kwargs: object) -> None:
        raise ConnectionResetError(104, "reset")

    monkeypatch.setattr(IdempotencyKeys, "release", release_after_outage)
    with monkeypatch.context() as outage:
        outage.setattr("hub.creators.service.create_creator", unreachable)
        first = await _create(client, "keyed-9", **{"Idempotency-Key": "freed-later"})
    # The tests' sessions share one connection: the retry waits until the key is free.
    await asyncio.wait_for(freed.wait(), timeout=10)

    retried = await _create(client, "keyed-10", **{"Idempotency-Key": "freed-later"})

    assert first.status_code == 503
    assert outage_left == [0]
    assert retried.status_code == 200, retried.text
    assert retried.json()["data"]["createCreator"]["creator"] == {"handle": HANDLE}
    assert await _creators(session) == 1


async def test_jobs_that_cannot_be_run_after_the_commit_leave_the_answer_alone(
    client, session, monkeypatch, caplog
):
    async def runner_lost(*_args: object, **_kwargs: object) -> None:
        raise ConnectionRefusedError(111, "refused")

    monkeypatch.setattr("hub.server.http.queued_work", lambda _session: True)
    monkeypatch.setattr(JobsInServer, "after_request", runner_lost)

    with caplog.at_level(logging.WARNING, logger="hub"):
        response = await _create(client, "jobs-1")

    assert response.status_code == 200
    assert response.json()["data"]["createCreator"]["creator"] == {"handle": HANDLE}
    assert await _creators(session) == 1
    assert any("left its jobs queued" in r.getMessage() for r in caplog.records)
