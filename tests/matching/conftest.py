"""Fixtures for matchmaking tests: a client with other weights, and ID lookups."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

import httpx
import pytest

from hub.config import Settings
from hub.server.app import create_app

ClientWith = Callable[..., AbstractAsyncContextManager[httpx.AsyncClient]]


@pytest.fixture
def client_with(settings, database, sessions) -> ClientWith:
    """``async with client_with(match_weight_cross_border=0) as client:`` for other weights."""

    @asynccontextmanager
    async def open_client(**overrides: Any) -> AsyncIterator[httpx.AsyncClient]:
        changed = Settings(**{**settings.model_dump(), **overrides})
        app = create_app(
            changed, engine=database.engine, session_factory=sessions, check_migrations=False
        )
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://hub.test") as client:
            yield client

    return open_client
