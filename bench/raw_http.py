"""The raw-SQL baseline served over HTTP: the benchmark's answers, each built by one
PostgreSQL statement, from a minimal ASGI app under uvicorn in one process.

It reads the same POST bodies the hub gets, picks the workload by its query text, runs
the workload's statement with the variables it names, and writes ``{"data": ...}`` with
the database's JSON spliced in. Nothing else: no parsing of GraphQL, no limits, no
sessions. Comparing the hub with it isolates what the GraphQL layer costs.

    RAW_SQL_DSN=postgresql://... uvicorn raw_http:app --app-dir bench --port 8001
"""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

import asyncpg
import orjson
from workloads import WORKLOADS

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

BY_QUERY = {workload.graphql: workload for workload in WORKLOADS if workload.sql is not None}
POOL_SIZE = 10
state: dict[str, asyncpg.Pool] = {}


async def _lifespan(receive: Receive, send: Send) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            state["pool"] = await asyncpg.create_pool(
                os.environ["RAW_SQL_DSN"],
                min_size=POOL_SIZE,
                max_size=POOL_SIZE,
                server_settings={"jit": "off"},
            )
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await state["pool"].close()
            await send({"type": "lifespan.shutdown.complete"})
            return


async def _answer(status: int, body: bytes, send: Send) -> None:
    headers = [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(body))]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def app(scope: Scope, receive: Receive, send: Send) -> None:
    if scope["type"] == "lifespan":
        await _lifespan(receive, send)
        return
    if scope["path"] == "/readyz":
        await _answer(200, b'{"status":"ok"}', send)
        return
    body = b""
    while True:
        message = await receive()
        body += message.get("body", b"")
        if not message.get("more_body"):
            break
    request = orjson.loads(body)
    workload = BY_QUERY.get(request.get("query"))
    if workload is None or workload.sql is None:
        await _answer(400, b'{"errors":[{"message":"not a benchmark query"}]}', send)
        return
    variables = request.get("variables") or {}
    arguments = [variables[name] for name in workload.sql_variables]
    async with state["pool"].acquire() as connection:
        answer: str = await connection.fetchval(workload.sql, *arguments)
    await _answer(200, b'{"data":' + answer.encode() + b"}", send)
