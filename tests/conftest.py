"""Test harness: every test runs on SQLite and, when configured, on PostgreSQL.

Each backend gets one freshly migrated database per session, loaded once with the
reference and demo data through the services. Each test then runs inside a transaction
that is rolled back, so tests never see each other's rows.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker

from hub.config import Settings
from hub.core.db import create_engine
from hub.core.mail import MemoryMailer
from hub.core.migrations import upgrade
from hub.server.app import create_app
from tests.factories import Factory

ADMIN_TOKEN = "test-admin-token"
JWT_SECRET = "test-jwt-secret-that-is-long-enough-for-hs256"
POSTGRES_URL = os.environ.get("HUB_TEST_POSTGRES_URL")
BACKENDS = ["sqlite", "postgresql"] if POSTGRES_URL else ["sqlite"]

if os.environ.get("CI") and not POSTGRES_URL:
    raise pytest.UsageError("CI must run the PostgreSQL half: set HUB_TEST_POSTGRES_URL.")


@dataclass
class StatementLog:
    """The SQL statements an engine sends while recording (savepoints left out)."""

    statements: list[str] = field(default_factory=list)
    recording: bool = False

    @property
    def selects(self) -> list[str]:
        return [s for s in self.statements if s.lstrip().upper().startswith(("SELECT", "WITH"))]

    @contextmanager
    def record(self) -> Iterator[StatementLog]:
        self.statements.clear()
        self.recording = True
        try:
            yield self
        finally:
            self.recording = False


@dataclass
class Database:
    backend: str
    engine: AsyncEngine
    url: str
    log: StatementLog


async def _on_server(base_url: str, statement: str) -> None:
    """Run one statement on the PostgreSQL server itself (CREATE/DROP DATABASE)."""
    import asyncpg

    url = make_url(base_url)
    admin = await asyncpg.connect(
        host=url.host,
        port=url.port,
        user=url.username,
        password=url.password,
        database=url.database,
    )
    try:
        await admin.execute(statement)
    finally:
        await admin.close()


async def _create_postgres_database(base_url: str) -> str:
    name = f"hub_test_{uuid.uuid4().hex[:10]}"
    await _on_server(base_url, f'CREATE DATABASE "{name}"')
    return make_url(base_url).set(database=name).render_as_string(hide_password=False)


async def _drop_postgres_database(base_url: str, database_url: str) -> None:
    name = make_url(database_url).database
    await _on_server(base_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@asynccontextmanager
async def fresh_engine(backend: str, directory: Path) -> AsyncIterator[AsyncEngine]:
    """An engine on a new, empty database of ``backend``, dropped afterwards."""
    if backend == "sqlite":
        url = f"sqlite+aiosqlite:///{directory / f'{uuid.uuid4().hex}.db'}"
    else:
        assert POSTGRES_URL
        url = await _create_postgres_database(POSTGRES_URL)
    engine = create_engine(url)
    try:
        yield engine
    finally:
        await engine.dispose()
        if backend == "postgresql":
            assert POSTGRES_URL
            await _drop_postgres_database(POSTGRES_URL, url)


@pytest.fixture(scope="session", params=BACKENDS)
async def database(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Database]:
    backend: str = request.param
    if backend == "sqlite":
        url = f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('db') / 'hub.db'}"
    else:
        assert POSTGRES_URL
        url = await _create_postgres_database(POSTGRES_URL)
    engine = create_engine(url)
    log = StatementLog()

    @event.listens_for(engine.sync_engine, "before_cursor_execute")
    def _count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if log.recording:
            log.statements.append(statement)

    from hub.seed.demo import load_demo

    try:
        await upgrade(engine)
        async with AsyncSession(engine, expire_on_commit=False) as session, session.begin():
            await load_demo(session, date.today())
        yield Database(backend, engine, url, log)
    finally:
        await engine.dispose()
        if backend == "postgresql":
            assert POSTGRES_URL
            await _drop_postgres_database(POSTGRES_URL, url)


@asynccontextmanager
async def rolled_back(database: Database) -> AsyncIterator[AsyncConnection]:
    """One connection whose outer transaction is rolled back at the end."""
    async with database.engine.connect() as connection:
        transaction = await connection.begin()
        try:
            yield connection
        finally:
            await transaction.rollback()


@asynccontextmanager
async def in_savepoint(connection: AsyncConnection) -> AsyncIterator[AsyncConnection]:
    """``connection`` inside a savepoint rolled back at the end: what a test writes goes,
    what was there before (a module's shared rows) stays."""
    savepoint = await connection.begin_nested()
    try:
        yield connection
    finally:
        if savepoint.is_active:
            await savepoint.rollback()


@pytest.fixture
async def connection(database: Database) -> AsyncIterator[AsyncConnection]:
    """One connection whose outer transaction is rolled back after the test."""
    async with rolled_back(database) as connection:
        yield connection


def sessions_on(connection: AsyncConnection) -> async_sessionmaker[AsyncSession]:
    """Sessions whose commits become savepoints inside ``connection``'s transaction."""
    return async_sessionmaker(
        bind=connection, expire_on_commit=False, join_transaction_mode="create_savepoint"
    )


@pytest.fixture
def sessions(connection: AsyncConnection) -> async_sessionmaker[AsyncSession]:
    """Sessions whose commits become savepoints inside the test's transaction."""
    return sessions_on(connection)


@pytest.fixture
async def session(sessions: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncSession]:
    async with sessions() as session:
        yield session


def settings_for(database: Database) -> Settings:
    """The settings every test's app runs with (a function, for fixtures of wider scope)."""
    return Settings(
        database_url=database.url,
        admin_token=ADMIN_TOKEN,
        environment="development",
        jwt_secret=JWT_SECRET,
        # Mail is sent by a job: run it before the answer, so tests read it deterministically.
        jobs_after_request=True,
        # The cheapest argon2id parameters: hashing strength is not what tests measure.
        argon2_time_cost=1,
        argon2_memory_kib=8,
        argon2_parallelism=1,
    )


@pytest.fixture
def settings(database: Database) -> Settings:
    return settings_for(database)


@pytest.fixture
def mailbox() -> MemoryMailer:
    """What the ``client``'s app sends: read ``mailbox.messages``."""
    return MemoryMailer()


@pytest.fixture
async def client(
    settings: Settings,
    database: Database,
    sessions: async_sessionmaker[AsyncSession],
    mailbox: MemoryMailer,
) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(
        settings,
        engine=database.engine,
        session_factory=sessions,
        check_migrations=False,
        mailer=mailbox,
    )
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://hub.test") as client:
        yield client


@pytest.fixture
def statements(database: Database) -> StatementLog:
    """Use ``with statements.record():`` around the requests whose SQL is counted."""
    return database.log


@pytest.fixture
def factory(sessions: async_sessionmaker[AsyncSession], settings: Settings) -> Factory:
    return Factory(sessions, settings)
