"""Fixtures for apps with settings of their own (also used by ``tests/limits``)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette

from tests.api import app_for, client_for

AppClient = Callable[..., AbstractAsyncContextManager[httpx.AsyncClient]]
App = Callable[..., AbstractAsyncContextManager[Starlette]]


@pytest.fixture
def app_client(settings, database, sessions) -> AppClient:
    """``async with app_client(**overrides) as client``: a fresh app with its own stores."""

    def build(**overrides: Any) -> AbstractAsyncContextManager[httpx.AsyncClient]:
        return client_for(settings, engine=database.engine, session_factory=sessions, **overrides)

    return build


@pytest.fixture
def app_with(settings, database, sessions) -> App:
    """``async with app_with(**overrides) as app``: for several clients of one app."""

    def build(**overrides: Any) -> AbstractAsyncContextManager[Starlette]:
        return app_for(settings, engine=database.engine, session_factory=sessions, **overrides)

    return build
