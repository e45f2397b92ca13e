"""Header limits as a real server applies them: uvicorn's parser, then the 431 middleware.

``hub serve`` runs on httptools, which buffers a header block of any size: the middleware
is what refuses it. With h11, ``hub serve`` sets the parser's buffer above every request
the app would answer itself, so oversized headers still get the coded 431, long GET
documents still pass, and only a head larger than that is cut off by the parser.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import httpx
import orjson
import pytest
import uvicorn

from hub.config import Settings
from hub.server.limits.headers import parser_buffer_bytes
from tests.api import app_for
from tests.server.test_serve_process import HUB, _wait_until_healthy


@asynccontextmanager
async def served(app: Any, **options: Any) -> AsyncIterator[str]:
    """``app`` behind a real uvicorn on a free port, in this event loop; its base URL."""
    config = uvicorn.Config(
        app, host="127.0.0.1", port=0, lifespan="off", log_level="warning", **options
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    while not server.started:
        assert not task.done(), "uvicorn stopped before it started"
        await asyncio.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task


@dataclass(frozen=True)
class RawAnswer:
    status: int
    body: bytes


async def sent_in_two(base: str, head: bytes, body: bytes = b"") -> RawAnswer:
    """What a server answers to a request whose head arrives all but its last CRLF first.

    A head that arrives whole is parsed whole, whatever its size: h11 measures only what
    it holds of a head still incomplete, so the first part is left to be read alone.
    """
    host, port = base.removeprefix("http://").split(":")
    reader, writer = await asyncio.open_connection(host, int(port))
    try:
        for part in (head[:-2], head[-2:] + body):
            writer.write(part)
            await writer.drain()
            await asyncio.sleep(0.05)
        answer = await asyncio.wait_for(reader.read(), timeout=10)
    except ConnectionResetError:
        answer = b""
    finally:
        writer.close()
    status_line, _, rest = answer.partition(b"\r\n")
    _, _, body = rest.partition(b"\r\n\r\n")
    return RawAnswer(int(status_line.split()[1]) if status_line else 0, body)


def head(request_line: str, *headers: str) -> bytes:
    lines = [request_line, "Host: hub.test", "Connection: close", *headers, "", ""]
    return "\r\n".join(lines).encode()


@pytest.fixture
def app_on_h11(settings, database, sessions) -> Callable[..., Any]:
    """``async with app_on_h11(**overrides) as base``: the app on h11, as `hub serve` sets it."""

    @asynccontextmanager
    async def build(**overrides: Any) -> AsyncIterator[str]:
        chosen = Settings.model_validate({**settings.model_dump(), **overrides})
        limit = parser_buffer_bytes(chosen)
        async with (
            app_for(chosen, engine=database.engine, session_factory=sessions) as app,
            served(app, http="h11", h11_max_incomplete_event_size=limit) as base,
        ):
            yield base

    return build


async def test_on_h11_oversized_headers_get_the_coded_431_not_the_parsers_400(app_on_h11):
    body = orjson.dumps({"query": "{ __typename }"})
    request = head(
        "POST /graphql HTTP/1.1",
        "Content-Type: application/json",
        f"Content-Length: {len(body)}",
        "X-Padding: " + "a" * 30_000,
    )
    async with app_on_h11() as base:
        answer = await sent_in_two(base, request, body)

    assert answer.status == 431
    assert orjson.loads(answer.body)["errors"][0]["extensions"]["code"] == "HEADERS_TOO_LARGE"


async def test_on_h11_a_get_with_a_document_as_long_as_allowed_is_not_cut_off(app_on_h11):
    document = quote("{ __typename }" + " " * 49_000)
    request = head(f"GET /graphql?query={document} HTTP/1.1", "Accept: application/json")
    async with app_on_h11() as base:
        answer = await sent_in_two(base, request)

    assert len(request) > 3 * 49_000  # each space percent-encoded
    assert answer.status == 200
    assert orjson.loads(answer.body)["data"] == {"__typename": "Query"}


async def test_on_h11_a_head_beyond_the_buffer_is_refused_by_the_parser(app_on_h11):
    overrides = {"max_body_bytes": 1_024, "max_header_bytes": 1_024, "max_header_count": 10}
    request = head("GET /healthz HTTP/1.1", "X-Padding: " + "a" * 10_000)
    async with app_on_h11(**overrides) as base:
        answer = await sent_in_two(base, request)

    assert answer.status == 400


def test_hub_serve_answers_a_megabyte_header_and_two_thousand_headers_with_431(tmp_path):
    env = {
        **os.environ,
        "HUB_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'fresh.db'}",
        "HUB_LOG_LEVEL": "INFO",
    }
    log = tmp_path / "serve.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [HUB, "serve", "--port", "0"],
            cwd=tmp_path,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        base = _wait_until_healthy(log, process, seconds=90)
        huge = {"X-Huge": "a" * 1_000_000}
        many = {f"X-Many-{i}": "1" for i in range(2_000)}
        answers = [
            httpx.post(f"{base}/graphql", json={"query": "{ __typename }"}, headers=h, timeout=10)
            for h in (huge, many)
        ]
        served_after = httpx.get(f"{base}/healthz", timeout=5)
    finally:
        process.terminate()
        process.wait(timeout=30)

    assert [answer.status_code for answer in answers] == [431, 431]
    assert {a.json()["errors"][0]["extensions"]["code"] for a in answers} == {"HEADERS_TOO_LARGE"}
    assert served_after.status_code == 200
