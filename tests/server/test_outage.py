"""An unreachable database answers 503 SERVICE_UNAVAILABLE with Retry-After, the same way
wherever it is found (before execution, in a resolver, in a mutation) and for both media
types; an outage is logged once when it starts and once when it ends."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg
import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from sqlalchemy.ext.asyncio import AsyncEngine

import hub.countries.queries as country_queries
import hub.creators.service as creator_service
import hub.server.http as http
from hub.config import Settings
from hub.core.db import create_engine
from hub.core.db import create_session_factory as http_sessions
from hub.core.outage import OutageLog, is_database_unavailable, is_pool_exhausted
from hub.creators.models import Creator
from tests.api import GRAPHQL_RESPONSE_JSON, JSON, client_for
from tests.conftest import Database
from tests.helpers import ADMIN

ACCEPTS = [
    pytest.param("application/graphql-response+json", GRAPHQL_RESPONSE_JSON, id="graphql-json"),
    pytest.param("application/json", JSON, id="json"),
]
COUNTRY = '{ country(code: "KZ") { name } }'
CREATE = (
    "mutation ($input: CreateCreatorInput!) "
    "{ createCreator(input: $input) { creator { handle } userErrors { code } } }"
)
NEW_CREATOR = {"input": {"handle": "zz-outage", "displayName": "Outage", "country": "KZ"}}


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """These tests break a resolver or a session on purpose: the compiled read path, which
    runs neither, is off so that the resolver tree answers."""
    return settings.model_copy(update={"compiled_reads": False})


def _wrapped(driver_error: Exception) -> OperationalError:
    """A driver error as SQLAlchemy raises it: wrapped, the driver's as ``orig``."""
    return OperationalError("SELECT 1", {}, driver_error)


UNAVAILABLE = [
    pytest.param(ConnectionRefusedError(111, "Connect call failed"), id="refused"),
    pytest.param(ConnectionResetError(104, "reset by peer"), id="reset"),
    pytest.param(
        _wrapped(asyncpg.CannotConnectNowError("the database is starting up")), id="57P03"
    ),
    pytest.param(_wrapped(asyncpg.AdminShutdownError("terminating connection")), id="57P01"),
    pytest.param(
        InterfaceError("SELECT 1", {}, asyncpg.ConnectionDoesNotExistError("closed mid-way")),
        id="08003",
    ),
    pytest.param(
        InterfaceError(
            "ROLLBACK", {}, Exception("cannot switch to state 15; another operation is in progress")
        ),
        id="cannot-switch-state",
    ),
    pytest.param(_wrapped(sqlite3.OperationalError("unable to open database file")), id="sqlite"),
]
NOT_UNAVAILABLE = [
    pytest.param(RuntimeError("a bug"), id="bug"),
    pytest.param(KeyError("column"), id="key-error"),
    pytest.param(_wrapped(Exception("syntax error at or near SELECT")), id="bad-sql"),
    pytest.param(IntegrityError("INSERT", {}, Exception("duplicate key")), id="integrity"),
]


@pytest.mark.parametrize("error", UNAVAILABLE)
def test_connection_failures_are_recognised_as_the_database_being_unavailable(error):
    assert is_database_unavailable(error)
    assert not is_pool_exhausted(error)


@pytest.mark.parametrize("error", NOT_UNAVAILABLE)
def test_other_errors_are_not_taken_for_an_outage(error):
    assert not is_database_unavailable(error)
    assert not is_pool_exhausted(error)


def test_a_pool_that_gave_no_connection_in_time_is_exhausted_not_down():
    error = PoolTimeoutError("QueuePool limit of size 10 overflow 10 reached")

    assert is_pool_exhausted(error)
    assert not is_database_unavailable(error)


def test_a_connection_error_raised_while_handling_another_is_still_found():
    def roll_back() -> None:
        try:
            raise ConnectionResetError(104, "reset")
        except ConnectionResetError:
            raise RuntimeError("while rolling back") from None

    # ``from None`` hides the cause from tracebacks but keeps the context.
    with pytest.raises(RuntimeError) as raised:
        roll_back()
    assert is_database_unavailable(raised.value)


def _assert_unavailable(response: httpx.Response, media: str, *, ran: bool) -> dict[str, object]:
    assert response.status_code == 503, response.text
    assert response.headers["Retry-After"] == "2"
    assert response.headers["content-type"] == media
    body = response.json()
    [error] = body["errors"]
    assert error["extensions"]["code"] == "SERVICE_UNAVAILABLE"
    assert error["extensions"]["requestId"] == response.headers["X-Request-ID"]
    assert "Retry-After" in error["message"]
    for secret in ("Traceback", "Connect call", "SELECT", "Error", "127.0.0.1", ".db"):
        assert secret not in response.text
    assert ("data" in body) is ran
    return body


def _fail_with(monkeypatch: pytest.MonkeyPatch, target: object, name: str, error: Exception):
    async def fail(*_args: object, **_kwargs: object) -> None:
        raise error

    monkeypatch.setattr(target, name, fail)


@pytest.mark.parametrize(("accept", "media"), ACCEPTS)
@pytest.mark.parametrize("error", UNAVAILABLE[:3])
async def test_a_resolver_that_loses_the_database_answers_503(
    client, monkeypatch, accept, media, error
):
    _fail_with(monkeypatch, country_queries, "find_one", error)

    response = await client.post("/graphql", json={"query": COUNTRY}, headers={"Accept": accept})

    body = _assert_unavailable(response, media, ran=True)
    assert body["data"] == {"country": None}


@pytest.mark.parametrize(("accept", "media"), ACCEPTS)
async def test_losing_the_database_before_execution_answers_503_too(
    client, monkeypatch, accept, media
):
    _fail_with(monkeypatch, http, "authenticate", ConnectionRefusedError(111, "Connect call"))
    # Checking a credential is the first thing a request asks of the database (an
    # anonymous caller is recognised without it).
    headers = {"Accept": accept, "Authorization": "Bearer some-token"}

    response = await client.post("/graphql", json={"query": COUNTRY}, headers=headers)

    _assert_unavailable(response, media, ran=False)


@pytest.mark.parametrize(("accept", "media"), ACCEPTS)
async def test_a_mutation_that_loses_the_database_before_commit_answers_503_and_writes_nothing(
    client, session, monkeypatch, accept, media
):
    _fail_with(monkeypatch, creator_service, "create_creator", ConnectionResetError(104, "reset"))

    response = await client.post(
        "/graphql",
        json={"query": CREATE, "variables": NEW_CREATOR},
        headers={**ADMIN, "Accept": accept},
    )

    _assert_unavailable(response, media, ran=True)
    count = select(func.count()).select_from(Creator).where(Creator.handle == "zz-outage")
    assert await session.scalar(count) == 0


@asynccontextmanager
async def _unreachable(database: Database, tmp_path) -> AsyncIterator[AsyncEngine]:
    """An engine on a database that is not there: a closed port, a missing directory."""
    if database.backend == "postgresql":
        url = database.engine.url.set(port=1).render_as_string(hide_password=False)
    else:
        url = f"sqlite+aiosqlite:///{tmp_path / 'gone' / 'hub.db'}"
    engine = create_engine(url)
    try:
        yield engine
    finally:
        await engine.dispose()


@pytest.mark.parametrize(("accept", "media"), ACCEPTS)
async def test_a_database_that_cannot_be_reached_answers_503_for_reads_and_writes(
    settings, database, tmp_path, accept, media
):
    async with (
        _unreachable(database, tmp_path) as engine,
        client_for(settings, engine=engine, session_factory=http_sessions(engine)) as client,
    ):
        read = await client.post("/graphql", json={"query": COUNTRY}, headers={"Accept": accept})
        write = await client.post(
            "/graphql",
            json={"query": CREATE, "variables": NEW_CREATOR},
            headers={**ADMIN, "Accept": accept},
        )
        keyed = await client.post(
            "/graphql",
            json={"query": CREATE, "variables": NEW_CREATOR},
            headers={**ADMIN, "Accept": accept, "Idempotency-Key": "during-outage"},
        )
        ready = await client.get("/readyz")

    _assert_unavailable(read, media, ran=True)
    _assert_unavailable(write, media, ran=True)
    # The key cannot even be claimed: refused before anything ran.
    _assert_unavailable(keyed, media, ran=False)
    assert ready.status_code == 503
    assert ready.headers["Retry-After"] == "2"


async def test_retry_after_follows_the_setting(settings, monkeypatch, database):
    _fail_with(monkeypatch, country_queries, "find_one", ConnectionRefusedError(111, "refused"))
    async with client_for(
        settings,
        engine=database.engine,
        session_factory=http_sessions(database.engine),
        retry_after_seconds=7,
    ) as client:
        response = await client.post("/graphql", json={"query": COUNTRY})

    assert response.status_code == 503
    assert response.headers["Retry-After"] == "7"


async def test_a_pool_timeout_in_a_resolver_answers_503_overloaded(client, monkeypatch):
    _fail_with(monkeypatch, country_queries, "find_one", PoolTimeoutError("QueuePool limit"))

    response = await client.post("/graphql", json={"query": COUNTRY})

    assert response.status_code == 503
    assert response.headers["Retry-After"] == "2"
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "OVERLOADED"


# Logging an outage once


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_an_outage_is_logged_once_when_it_starts_and_once_when_it_ends(caplog):
    clock = FakeClock()
    outages = OutageLog(logging.getLogger("hub.outage"), clock)

    with caplog.at_level(logging.INFO, logger="hub.outage"):
        for _ in range(1000):
            outages.failed(ConnectionRefusedError(111, "Connect call failed"))
        outages.failed(ConnectionRefusedError(111, "probe"), refused=False)
        clock.now += 8.25
        outages.succeeded()
        outages.succeeded()

    started, ended = (record.getMessage() for record in caplog.records)
    assert started.startswith("database unavailable (ConnectionRefusedError")
    assert ended == "database available again after 8.2 s; 1000 requests were answered 503"
    assert all(record.exc_info is None for record in caplog.records)
    assert not outages.is_down


def test_no_outage_no_log(caplog):
    outages = OutageLog(logging.getLogger("hub.outage"))

    with caplog.at_level(logging.INFO, logger="hub.outage"):
        outages.succeeded()

    assert caplog.records == []


async def test_many_failing_requests_and_probes_log_one_warning_then_recovery_logs_the_count(
    settings, database, monkeypatch, caplog
):
    broken = ConnectionRefusedError(111, "Connect call failed")
    async with client_for(
        settings, engine=database.engine, session_factory=http_sessions(database.engine)
    ) as client:
        with caplog.at_level(logging.INFO):
            with monkeypatch.context() as outage:
                _fail_with(outage, country_queries, "find_one", broken)
                answers = [await client.post("/graphql", json={"query": COUNTRY}) for _ in range(5)]
            recovered = await client.post("/graphql", json={"query": COUNTRY})

    assert [answer.status_code for answer in answers] == [503] * 5
    assert recovered.status_code == 200
    messages = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(messages) == 2, messages
    assert messages[0].startswith("database unavailable (ConnectionRefusedError")
    assert messages[1].startswith("database available again after")
    assert messages[1].endswith("; 5 requests were answered 503")
    assert all(record.exc_info is None for record in caplog.records)


async def test_readyz_logs_an_outage_once_however_often_it_is_probed(
    settings, database, tmp_path, caplog
):
    async with (
        _unreachable(database, tmp_path) as engine,
        client_for(settings, engine=engine, session_factory=http_sessions(engine)) as client,
    ):
        with caplog.at_level(logging.INFO):
            probes = [await client.get("/readyz") for _ in range(5)]

    assert [probe.status_code for probe in probes] == [503] * 5
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1
    assert warnings[0].getMessage().startswith("database unavailable")
    assert warnings[0].exc_info is None


def test_the_retry_after_default_is_two_seconds():
    assert Settings().retry_after_seconds == 2
