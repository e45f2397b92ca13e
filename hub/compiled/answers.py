"""Execution and serialisation: run a bound plan and write its JSON as response bytes.

Each root field's statement returns its answer as JSON text, which is spliced into the
response as it is: no dict is rebuilt from what the database already made. On
PostgreSQL the statements run on the driver's own connections, outside any transaction
and with no ping before use (a read needs neither; a connection found dead is replaced
and the read tried once more); on SQLite on its own read-only connections, without
BEGIN; in tests, on a session of the app's session factory (inside the test's
transaction).
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Protocol

import asyncpg  # type: ignore[import-untyped]
import orjson
from graphql import GraphQLSchema
from sqlalchemy import make_url
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from hub.api.binding import Binding
from hub.compiled.plans import BoundPlan, BoundStatement, PlanCache
from hub.config import Settings
from hub.core.json_sql import SQLITE_FUNCTIONS
from hub.core.mapping import QueryEnv
from hub.core.search_sql import postgresql_session_settings


class Runner(Protocol):
    """Runs statements that each return one JSON text (or null)."""

    async def run(self, statements: Sequence[BoundStatement]) -> list[str | None]: ...

    async def close(self) -> None: ...


class SessionRunner:
    """Statements on a session of the app's factory: tests' savepoints see their rows."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self.sessions = sessions

    async def run(self, statements: Sequence[BoundStatement]) -> list[str | None]:
        async with self.sessions() as session:
            connection = await session.connection()
            answers: list[str | None] = []
            for statement in statements:
                result = await connection.exec_driver_sql(statement.sql, statement.arguments)
                answers.append(result.scalar())
            return answers

    async def close(self) -> None:
        return None


class PostgresRunner:
    """Statements straight on asyncpg connections: one round trip each, no transaction."""

    DEFAULT_SIZE = 10
    """Connections when ``HUB_COMPILED_CONNECTIONS`` is unset: 4 capped a point lookup near
    2,000 requests/s under 16 clients on the bench machine, 10 did not."""

    def __init__(self, database_url: str, size: int) -> None:
        url = make_url(database_url).set(drivername="postgresql")
        self.dsn = url.render_as_string(hide_password=False)
        self.size = size
        self._idle: asyncio.LifoQueue[asyncpg.Connection] = asyncio.LifoQueue()
        self._open = 0
        self._slots = asyncio.Semaphore(size)

    async def _connect(self) -> asyncpg.Connection:
        settings = {"jit": "off", **postgresql_session_settings()}
        return await asyncpg.connect(self.dsn, server_settings=settings)

    async def run(self, statements: Sequence[BoundStatement]) -> list[str | None]:
        try:
            return await self._run(statements)
        except (asyncpg.ConnectionDoesNotExistError, asyncpg.InterfaceError, OSError):
            return await self._run(statements)

    async def _run(self, statements: Sequence[BoundStatement]) -> list[str | None]:
        async with self._slots:
            connection = self._idle.get_nowait() if not self._idle.empty() else None
            if connection is None or connection.is_closed():
                connection = await self._connect()
            try:
                answers = [
                    await connection.fetchval(statement.sql, *statement.arguments)
                    for statement in statements
                ]
            except BaseException:
                await connection.close(timeout=1)
                raise
            self._idle.put_nowait(connection)
            return answers

    async def close(self) -> None:
        while not self._idle.empty():
            await self._idle.get_nowait().close(timeout=1)


class SqliteRunner:
    """Statements on the compiled path's own SQLite connections, outside any transaction:
    a read in WAL mode sees the last commit without BEGIN, and skips SQLAlchemy's pool.

    A request's statements go to a few threads in one hand-off (aiosqlite takes one per
    call: execute, fetch, close), each request on one read-only connection.
    """

    DEFAULT_SIZE = 4
    """Threads when ``HUB_COMPILED_CONNECTIONS`` is unset: SQLite's work runs on this
    process's cores, so more threads are not faster, and each one's connection and
    allocations cost memory (10 took the bench server from about 200 MB to 235 MB)."""

    def __init__(self, path: str, size: int) -> None:
        self.path = path
        self._threads = ThreadPoolExecutor(size, thread_name_prefix="hub-compiled-sqlite")
        # The connection used last is taken first, whichever thread runs the request:
        # its page cache is the warm one.
        self._idle: list[sqlite3.Connection] = []
        self._idle_lock = threading.Lock()

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(
            self.path, timeout=30, isolation_level=None, check_same_thread=False
        )
        connection.execute("PRAGMA query_only = ON")
        for name, function in SQLITE_FUNCTIONS:
            connection.create_function(name, 1, function, deterministic=True)
        return connection

    def _answers(self, statements: Sequence[BoundStatement]) -> list[str | None]:
        with self._idle_lock:
            connection = self._idle.pop() if self._idle else None
        if connection is None:
            connection = self._connect()
        try:
            rows = [connection.execute(s.sql, s.arguments).fetchone() for s in statements]
        except BaseException:
            # Whatever went wrong, the connection is not used again.
            connection.close()
            raise
        with self._idle_lock:
            self._idle.append(connection)
        return [None if row is None else row[0] for row in rows]

    async def run(self, statements: Sequence[BoundStatement]) -> list[str | None]:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._threads, self._answers, statements)

    async def close(self) -> None:
        await asyncio.to_thread(self._threads.shutdown)
        with self._idle_lock:
            for connection in self._idle:
                connection.close()
            self._idle.clear()


class CompiledReads:
    """Answers the queries the mapping describes, from one statement per root field."""

    def __init__(
        self,
        schema: GraphQLSchema,
        bindings: Mapping[type, Binding],
        settings: Settings,
        dialect: Dialect,
        runner: Runner,
    ) -> None:
        self.plans = PlanCache(schema, bindings, settings, dialect)
        self.runner = runner

    def bind(
        self,
        query: str,
        operation_name: str | None,
        variables: Mapping[str, Any] | None,
        env: QueryEnv,
    ) -> BoundPlan | None:
        """The statements of the root fields that compile, and the resolver tree's document
        for the others (a mixed operation); ``None`` when none compiles.

        No SQL runs here, so a request can still be refused (its rate limit) after it."""
        return self.plans.bind(query, operation_name, variables, env)

    async def members(self, statements: list[BoundStatement]) -> dict[str, orjson.Fragment]:
        """Each statement's JSON by response key, to merge into the resolver tree's data."""
        answers = await self.runner.run(statements)
        return {
            statement.key: orjson.Fragment("null" if text is None else text)
            for statement, text in zip(statements, answers, strict=True)
        }

    async def data(self, statements: list[BoundStatement]) -> bytes:
        """The response's ``data`` as JSON bytes, from the database's JSON texts."""
        answers = await self.runner.run(statements)
        members = [
            orjson.dumps(statement.key) + b":" + (b"null" if text is None else text.encode())
            for statement, text in zip(statements, answers, strict=True)
        ]
        return b"{" + b",".join(members) + b"}"


def response_body(data: bytes, extensions: Mapping[str, Any]) -> bytes:
    """A GraphQL response from compiled data, keys in the order the resolver tree gives."""
    return b'{"data":' + data + b',"extensions":' + orjson.dumps(extensions) + b"}"
