"""Engines and sessions for both databases: SQLite (embedded default) and PostgreSQL."""

from __future__ import annotations

from typing import Any

import orjson
from sqlalchemy import event, make_url
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.pool import ConnectionPoolEntry
from sqlalchemy.schema import MetaData

from hub.core.json_sql import register_sqlite_json_functions
from hub.core.search_sql import postgresql_session_settings, register_sqlite_functions

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base for every table; constraint names are stable for migrations."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _json_serializer(value: Any) -> str:
    # orjson keeps Cyrillic as UTF-8 instead of \u escapes and is fast on the seed path.
    return orjson.dumps(value).decode()


POOL_SIZE = 10
POOL_OVERFLOW = 10
DEFAULT_POOL_TIMEOUT = 3.0
"""Seconds a request waits for a pooled connection (``HUB_DB_POOL_TIMEOUT``): past it the
pool is exhausted and the request is refused as overloaded, not left hanging."""


def create_engine(
    database_url: str, *, echo: bool = False, pool_timeout: float = DEFAULT_POOL_TIMEOUT
) -> AsyncEngine:
    """An async engine with the per-dialect connection set-up applied."""
    if database_url.startswith("sqlite"):
        # An in-memory database lives in its one connection (SQLAlchemy's StaticPool),
        # which has nothing to wait for and refuses a pool timeout.
        in_memory = make_url(database_url).database in (None, "", ":memory:")
        pooling = {} if in_memory else {"pool_timeout": pool_timeout}
        engine = create_async_engine(
            database_url,
            echo=echo,
            json_serializer=_json_serializer,
            connect_args={"timeout": 30},
            **pooling,
        )
        _configure_sqlite(engine)
        return engine
    return create_async_engine(
        database_url,
        echo=echo,
        json_serializer=_json_serializer,
        pool_size=POOL_SIZE,
        max_overflow=POOL_OVERFLOW,
        pool_timeout=pool_timeout,
        pool_pre_ping=True,
        # The API's statements are short and planned fresh; JIT compilation costs them
        # more than it saves (hundreds of ms on a 50-row nested page), so it stays off.
        connect_args={"server_settings": {"jit": "off", **postgresql_session_settings()}},
    )


SQLITE_SOFT_HEAP_LIMIT = 32 * 1024 * 1024
"""Bytes SQLite's memory in a process (page caches, sorts, statements) is kept under when
it can be: past it, SQLite frees cached pages before it allocates more."""


def _configure_sqlite(engine: AsyncEngine) -> None:
    """Give SQLite the integrity PostgreSQL has: enforced foreign keys, WAL, real BEGIN.

    The driver's own transaction handling defers BEGIN and breaks SAVEPOINT; taking it
    over (isolation_level None plus an explicit BEGIN) is SQLAlchemy's documented recipe.
    Each connection also gets the search functions PostgreSQL has from pg_trgm.
    """

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA busy_timeout = 30000")
        cursor.execute(f"PRAGMA soft_heap_limit = {SQLITE_SOFT_HEAP_LIMIT}")
        cursor.close()
        register_sqlite_functions(dbapi_connection)
        register_sqlite_json_functions(dbapi_connection)

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # A write takes the write lock up front: a deferred transaction that reads, then
        # writes, fails at once with "database is locked" when another writer got there
        # first, while BEGIN IMMEDIATE waits its turn (busy_timeout) and then sees fresh rows.
        writes = connection.get_execution_options().get(WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")


WRITE_OPTION = "hub_writes"
"""Execution option marking a transaction that will write (``begin_write``)."""


async def begin_write(session: AsyncSession) -> None:
    """Start ``session``'s transaction as a write: on SQLite, one writer at a time, waiting.

    Call inside ``session.begin()`` before any statement. PostgreSQL needs nothing:
    its row locks and constraints order concurrent writers.
    """
    await session.connection(execution_options={WRITE_OPTION: True})


def create_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)
