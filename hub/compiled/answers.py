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
from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from typing import Any, Protocol

import aiosqlite
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

    @asynccontextmanager
    async def _connection(self) -> AsyncIterator[asyncpg.Connection]:
        async with self._slots:
            connection = self._idle.get_nowait() if not self._idle.empty() else None
            if connection is None or connection.is_closed():
                connection = await self._connect()
            try:
                yield connection
            except BaseException:
                await connection.close(timeout=1)
                raise
            self._idle.put_nowait(connection)

    async def run(self, statements: Sequence[BoundStatement]) -> list[str | None]:
        try:
            return await self._run(statements)
        except (asyncpg.ConnectionDoesNotExistError, asyncpg.InterfaceError, OSError):
            return await self._run(statements)

    async def _run(self, statements: Sequence[BoundStatement]) -> list[str | None]:
        async with self._connection() as connection:
            return [
                await connection.fetchval(statement.sql, *statement.arguments)
                for statement in statements
            ]

    async def close(self) -> None:
        while not self._idle.empty():
            await self._idle.get_nowait().close(timeout=1)


class SqliteRunner:
    """Statements on the compiled path's own SQLite connections, outside any transaction:
    a read in WAL mode sees the last commit without BEGIN, and skips SQLAlchemy's pool."""

    def __init__(self, path: str, size: int) -> None:
        self.path = path
        self._idle: asyncio.LifoQueue[aiosqlite.Connection] = asyncio.LifoQueue()
        self._slots = asyncio.Semaphore(size)

    async def _connect(self) -> aiosqlite.Connection:
        connection = await aiosqlite.connect(self.path, timeout=30, isolation_level=None)
        await connection.execute("PRAGMA busy_timeout = 30000")
        await connection.execute("PRAGMA query_only = ON")
        for name, function in SQLITE_FUNCTIONS:
            await connection.create_function(name, 1, function, deterministic=True)
        return connection

    async def run(self, statements: Sequence[BoundStatement]) -> list[str | None]:
        async with self._slots:
            connection = self._idle.get_nowait() if not self._idle.empty() else None
            if connection is None:
                connection = await self._connect()
            try:
                answers: list[str | None] = []
                for statement in statements:
                    async with connection.execute(statement.sql, statement.arguments) as cursor:
                        row = await cursor.fetchone()
                    answers.append(None if row is None else row[0])
            except BaseException:
                await connection.close()
                raise
            self._idle.put_nowait(connection)
            return answers

    async def close(self) -> None:
        while not self._idle.empty():
            await self._idle.get_nowait().close()


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
    ) -> list[BoundStatement] | None:
        """The statements answering this request, or ``None``: the resolver tree answers.

        No SQL runs here, so a request can still be refused (its rate limit) after it."""
        return self.plans.bind(query, operation_name, variables, env)

    def bind_parts(
        self,
        query: str,
        operation_name: str | None,
        variables: Mapping[str, Any] | None,
        env: QueryEnv,
    ) -> BoundPlan | None:
        """Like ``bind``, but also for an operation some of whose root fields are left to
        the resolver tree (a mixed operation); ``None`` when none compiles."""
        return self.plans.bind_parts(query, operation_name, variables, env)

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
