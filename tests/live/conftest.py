"""Live updates in process: an app on a database of its own, whose writes really commit
(a NOTIFY is delivered only at a real commit), with its lifespan (the LISTEN) running."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.applications import Starlette

from hub.config import Settings
from hub.core.db import create_session_factory
from hub.core.mail import MemoryMailer
from hub.seed.reference import load_reference_data
from hub.server.app import create_app
from tests.conftest import ADMIN_TOKEN, BACKENDS, JWT_SECRET, migrated_engine
from tests.factories import Factory

Serve = Callable[..., AbstractAsyncContextManager[Starlette]]


@pytest.fixture(scope="module", params=BACKENDS)
async def live_engine(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[AsyncEngine]:
    async with migrated_engine(request.param, tmp_path_factory.mktemp("live")) as engine:
        async with create_session_factory(engine)() as session, session.begin():
            await load_reference_data(session)
        yield engine


@pytest.fixture
def live_settings(live_engine: AsyncEngine) -> Settings:
    return Settings(
        database_url=live_engine.url.render_as_string(hide_password=False),
        admin_token=ADMIN_TOKEN,
        jwt_secret=JWT_SECRET,
        compiled_reads=False,
        jobs_in_server=False,
        argon2_time_cost=1,
        argon2_memory_kib=8,
        argon2_parallelism=1,
    )


@pytest.fixture
def serve(live_engine: AsyncEngine, live_settings: Settings) -> Serve:
    """``async with serve(**settings) as app``: the app started, stopped at the end."""

    @asynccontextmanager
    async def serving(**overrides: Any) -> AsyncIterator[Starlette]:
        settings = live_settings.model_copy(update=overrides)
        app = create_app(
            settings, engine=live_engine, check_migrations=False, mailer=MemoryMailer()
        )
        async with app.router.lifespan_context(app):
            yield app

    return serving


@pytest.fixture
def live_factory(live_engine: AsyncEngine, live_settings: Settings) -> Factory:
    return Factory(create_session_factory(live_engine), live_settings)


def http_client(app: Starlette) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://hub.test")
