"""Two apps over the same transaction: one answering from compiled statements, one from
the resolver tree (``HUB_COMPILED_READS=false``), so their answers can be compared."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from hub.config import Settings
from hub.server.app import create_app
from tests.conftest import Database


async def _client(
    settings: Settings, database: Database, sessions: async_sessionmaker[AsyncSession]
) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(
        settings, engine=database.engine, session_factory=sessions, check_migrations=False
    )
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://hub.test") as client:
        yield client


@pytest.fixture
async def compiled(
    settings: Settings, database: Database, sessions: async_sessionmaker[AsyncSession]
) -> AsyncIterator[httpx.AsyncClient]:
    """The app as configured by default: compiled reads on."""
    assert settings.compiled_reads
    async for client in _client(settings, database, sessions):
        yield client


@pytest.fixture
async def resolvers(
    settings: Settings, database: Database, sessions: async_sessionmaker[AsyncSession]
) -> AsyncIterator[httpx.AsyncClient]:
    """The same app with every query sent through the resolver tree."""
    off = settings.model_copy(update={"compiled_reads": False})
    async for client in _client(off, database, sessions):
        yield client
