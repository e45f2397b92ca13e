"""The application factory: builds a Starlette app from settings and its parts."""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import strawberry
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import BaseRoute, Route, WebSocketRoute

from hub.compiled.answers import (
    CompiledReads,
    PostgresRunner,
    Runner,
    SessionRunner,
    SqliteRunner,
)
from hub.config import Settings
from hub.core.db import create_engine, create_session_factory
from hub.core.live import listening as live_events
from hub.core.mail import Mailer
from hub.core.migrations import current_revision, head_revision
from hub.core.outage import OutageLog, is_database_unavailable, is_pool_exhausted
from hub.server.graphiql import graphiql_assets
from hub.server.http import GraphQLEndpoint
from hub.server.jobs import JobsInServer, runner_for
from hub.server.limits.admission import Admission
from hub.server.limits.headers import HeaderLimits
from hub.server.limits.persisted import PersistedQueries, load_manifest
from hub.server.limits.rate_limit import RateLimiter
from hub.server.limits.stores import Stores, open_stores
from hub.server.live import LiveView
from hub.server.mail import mailer_for
from hub.server.schema import HubSchema, build_schema
from hub.talent.credentials.routes import credential_routes

YOUNG_OBJECTS = 10_000
"""Allocations between two collections of the youngest generation (CPython's default: 700)."""

logger = logging.getLogger("hub")


class DatabaseBehind(RuntimeError):
    """The database's schema is older than the code; the server must not start."""


async def check_revision(engine: AsyncEngine) -> None:
    current, head = await current_revision(engine), head_revision()
    if current != head:
        raise DatabaseBehind(
            f"The database is at migration {current or 'none'} but this code needs {head}. "
            "Run `hub db upgrade` and start again."
        )


def admission_for(schema: strawberry.Schema, settings: Settings, stores: Stores) -> Admission:
    """The limits checked before a request runs, over the chosen stores."""
    trusted = load_manifest(settings.trusted_documents) if settings.trusted_documents else {}
    persisted = PersistedQueries(
        stores.documents, trusted, trusted_only=settings.trusted_documents_only
    )
    limiter = None
    if settings.rate_limit_per_minute:
        limiter = RateLimiter(stores.buckets, settings.rate_limit_per_minute)
    return Admission(schema._schema, settings, persisted, limiter)


def compiled_reads(
    schema: HubSchema,
    settings: Settings,
    engine: AsyncEngine,
    sessions: async_sessionmaker[AsyncSession],
    *,
    own_sessions: bool,
) -> CompiledReads | None:
    """The compiled read path, unless turned off: on PostgreSQL it has its own driver
    connections, unless the caller brought its sessions (tests, inside a transaction)."""
    if not settings.compiled_reads:
        return None
    runner: Runner = SessionRunner(sessions)
    database = engine.url.database
    if own_sessions and engine.dialect.name == "postgresql":
        size = settings.compiled_connections or PostgresRunner.DEFAULT_SIZE
        runner = PostgresRunner(settings.database_url, size)
    elif (
        own_sessions and engine.dialect.name == "sqlite" and database not in (None, "", ":memory:")
    ):
        runner = SqliteRunner(database, settings.compiled_connections or SqliteRunner.DEFAULT_SIZE)
    bindings = {binding.graphql_type: binding for binding in schema.mapping}
    return CompiledReads(schema._schema, bindings, settings, engine.dialect, runner)


def create_app(
    settings: Settings,
    *,
    engine: AsyncEngine | None = None,
    session_factory: async_sessionmaker[AsyncSession] | None = None,
    check_migrations: bool = True,
    mailer: Mailer | None = None,
) -> Starlette:
    """The hub as an ASGI app; tests pass their own engine, session factory and mailer.

    Without a ``mailer``, mail goes the way ``HUB_MAIL_BACKEND`` says. The job runner
    starts with the app (``HUB_JOBS_IN_SERVER``); requests that queue work nudge it.
    """
    engine = engine or create_engine(
        settings.database_url, echo=settings.sql_echo, pool_timeout=settings.db_pool_timeout
    )
    outages = OutageLog(logging.getLogger("hub.outage"))
    sessions = session_factory or create_session_factory(engine)
    schema = build_schema(settings)
    stores = open_stores(settings)
    mailer = mailer if mailer is not None else mailer_for(settings)
    jobs = JobsInServer(runner_for(settings, sessions, mailer), settings)
    compiled = compiled_reads(schema, settings, engine, sessions, own_sessions=not session_factory)
    admission = admission_for(schema, settings, stores)
    endpoint = GraphQLEndpoint(
        schema,
        settings,
        sessions,
        admission,
        mailer=mailer,
        jobs=jobs,
        outages=outages,
        compiled=compiled,
    )

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        if check_migrations:
            await check_revision(engine)
        # What start-up built (schema, mappings, compiled statements) lives as long as the
        # process: moved out of the collector's reach, full collections stay short, and
        # so does the slowest request of a hundred.
        gc.freeze()
        # A young collection every YOUNG_OBJECTS allocations, not every 700: at 700 a
        # request (a ranking builds thousands of SQL expression objects) is collected
        # several times while its objects are alive, which promotes them to the old
        # generation and sets off a full collection every 25 or so requests.
        gc.set_threshold(YOUNG_OBJECTS, *gc.get_threshold()[1:])
        async with jobs.running(engine), live_events(engine):
            yield
        await stores.close()
        if compiled is not None:
            await compiled.runner.close()
        await engine.dispose()

    async def healthz(_request: Request) -> JSONResponse:
        return JSONResponse({"status": "ok"})

    async def readyz(_request: Request) -> JSONResponse:
        try:
            async with engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
        except Exception as error:
            if is_database_unavailable(error) or is_pool_exhausted(error):
                # Probed every few seconds: an outage is logged once, not per probe.
                outages.failed(error, refused=False)
            else:
                logger.exception("readiness check failed")
            return JSONResponse(
                {"status": "unavailable", "database": "unreachable"},
                503,
                headers={"Retry-After": str(settings.retry_after_seconds)},
            )
        outages.succeeded()
        return JSONResponse({"status": "ready", "database": "ok"})

    routes: list[BaseRoute] = [
        Route("/graphql", endpoint, methods=["GET", "POST", "PUT", "PATCH", "DELETE"]),
        WebSocketRoute("/graphql", LiveView(schema, settings, sessions, mailer, admission)),
        Route("/healthz", healthz, methods=["GET"]),
        Route("/readyz", readyz, methods=["GET"]),
        *credential_routes(settings, sessions),
    ]
    if settings.graphiql_enabled:
        routes.append(graphiql_assets())
    app = Starlette(
        routes=routes,
        middleware=[
            # First of all, on every route: nothing else reads a header block it refuses.
            Middleware(
                HeaderLimits,
                max_bytes=settings.max_header_bytes,
                max_count=settings.max_header_count,
            ),
            Middleware(
                CORSMiddleware,
                allow_origins=settings.cors_origins,
                allow_methods=["GET", "POST"],
                allow_headers=["Authorization", "Content-Type", "Accept", "X-Request-ID"],
                expose_headers=["X-Request-ID"],
            ),
        ],
        lifespan=lifespan,
    )
    app.state.stores = stores
    app.state.jobs = jobs
    return app
