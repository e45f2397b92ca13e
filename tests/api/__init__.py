"""The HTTP face of the API: the GraphQL over HTTP protocol, errors, CORS and health.

``client_for`` builds a client on an app with its own settings (CORS origins, a small
body limit, GraphiQL off) over the test's rolled-back transaction, as the ``client``
fixture does with the default settings.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.applications import Starlette

from hub.config import Settings
from hub.server.app import create_app

GRAPHQL_RESPONSE_JSON = "application/graphql-response+json; charset=utf-8"
JSON = "application/json; charset=utf-8"


@asynccontextmanager
async def app_for(
    settings: Settings,
    *,
    engine: AsyncEngine,
    session_factory: Callable[[], Any],
    **overrides: Any,
) -> AsyncIterator[Starlette]:
    """An app whose settings are ``settings`` changed (and validated) by ``overrides``."""
    app = create_app(
        Settings.model_validate({**settings.model_dump(), **overrides}),
        engine=engine,
        session_factory=session_factory,
        check_migrations=False,
    )
    try:
        yield app
    finally:
        await app.state.stores.close()


@asynccontextmanager
async def client_of(
    app: Starlette, *, peer: str = "127.0.0.1", raise_app_exceptions: bool = True
) -> AsyncIterator[httpx.AsyncClient]:
    """A client of ``app`` connecting from the address ``peer``."""
    transport = httpx.ASGITransport(
        app=app, raise_app_exceptions=raise_app_exceptions, client=(peer, 123)
    )
    async with httpx.AsyncClient(transport=transport, base_url="http://hub.test") as client:
        yield client


@asynccontextmanager
async def client_for(
    settings: Settings,
    *,
    engine: AsyncEngine,
    session_factory: Callable[[], Any],
    raise_app_exceptions: bool = True,
    **overrides: Any,
) -> AsyncIterator[httpx.AsyncClient]:
    """A client on an app whose settings are ``settings`` changed by ``overrides``."""
    async with (
        app_for(settings, engine=engine, session_factory=session_factory, **overrides) as app,
        client_of(app, raise_app_exceptions=raise_app_exceptions) as client,
    ):
        yield client


async def send(
    client: httpx.AsyncClient,
    method: str,
    *,
    accept: str | None,
    headers: dict[str, str] | None = None,
    **kwargs: Any,
) -> httpx.Response:
    """Send to ``/graphql`` with exactly this ``Accept`` header, or none when ``None``.

    httpx adds ``Accept: */*`` on its own, which would hide the no-header default.
    """
    request = client.build_request(method, "/graphql", headers=headers, **kwargs)
    if accept is None:
        del request.headers["Accept"]
    else:
        request.headers["Accept"] = accept
    return await client.send(request)


async def run(
    client: httpx.AsyncClient,
    method: str,
    query: str,
    *,
    accept: str | None,
    variables: dict[str, Any] | None = None,
    operation_name: str | None = None,
    headers: dict[str, str] | None = None,
) -> httpx.Response:
    """Send an operation by POST (a JSON body) or GET (JSON-encoded query parameters)."""
    if method == "GET":
        params = {"query": query}
        if variables is not None:
            params["variables"] = json.dumps(variables)
        if operation_name is not None:
            params["operationName"] = operation_name
        return await send(client, "GET", accept=accept, params=params, headers=headers)
    body = {"query": query, "variables": variables, "operationName": operation_name}
    return await send(client, "POST", accept=accept, json=body, headers=headers)


def without_cost(body: dict[str, Any]) -> dict[str, Any]:
    """The body without ``extensions.cost``, which every GraphQL answer carries."""
    extensions = body.pop("extensions", None)
    assert extensions is None or set(extensions) == {"cost"}, extensions
    return body
