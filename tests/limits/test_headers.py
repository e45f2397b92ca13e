"""Header limits: too many headers, or too many bytes of them, are a 431 before anything runs."""

from __future__ import annotations

import orjson
import pytest
from starlette.types import ASGIApp

from hub.config import Settings
from tests.api import client_of
from tests.server import edge_asgi
from tests.server.edge_asgi import Exchange

DEFAULT_BYTES = 16_384
DEFAULT_COUNT = 100
ROUTES = [
    ("POST", "/graphql"),
    ("GET", "/graphql"),
    ("GET", "/healthz"),
    ("GET", "/readyz"),
    ("GET", "/no-such-route"),
    ("OPTIONS", "/graphql"),
]


async def call(
    app: ASGIApp,
    headers: list[tuple[bytes, bytes]],
    method: str = "POST",
    path: str = "/graphql",
    query: str = "{ __typename }",
) -> Exchange:
    """One request with exactly these headers, straight through the ASGI interface."""
    body = orjson.dumps({"query": query})
    return await edge_asgi.call(app, method=method, path=path, headers=headers, body=[body])


BASE = [
    (b"host", b"hub.test"),
    (b"content-type", b"application/json"),
    (b"accept", b"application/json"),
]


def size_of(headers: list[tuple[bytes, bytes]]) -> int:
    return sum(len(name) + len(value) for name, value in headers)


def padded_to(total: int) -> list[tuple[bytes, bytes]]:
    """The base headers and one more, ``total`` bytes of names and values in all."""
    name = b"x-padding"
    return [*BASE, (name, b"a" * (total - size_of(BASE) - len(name)))]


def counted(count: int) -> list[tuple[bytes, bytes]]:
    return [*BASE, *((f"x-extra-{i}".encode(), b"1") for i in range(count - len(BASE)))]


def test_the_defaults_are_16_kib_and_100_headers():
    settings = Settings()

    assert (settings.max_header_bytes, settings.max_header_count) == (DEFAULT_BYTES, 100)


@pytest.mark.parametrize(("method", "path"), ROUTES)
async def test_headers_one_byte_over_the_limit_are_refused_on_every_route(app_with, method, path):
    async with app_with() as app:
        exchange = await call(app, padded_to(DEFAULT_BYTES + 1), method, path)

    assert exchange.status == 431
    [error] = exchange.json()["errors"]
    assert error["extensions"]["code"] == "HEADERS_TOO_LARGE"
    assert error["extensions"]["headerBytes"] == DEFAULT_BYTES + 1
    assert error["extensions"]["maxHeaderBytes"] == DEFAULT_BYTES
    assert exchange.headers[b"content-type"] == b"application/json; charset=utf-8"
    assert exchange.headers[b"connection"] == b"close"


@pytest.mark.parametrize(("method", "path"), ROUTES)
async def test_one_header_too_many_is_refused_on_every_route(app_with, method, path):
    async with app_with() as app:
        exchange = await call(app, counted(DEFAULT_COUNT + 1), method, path)

    assert exchange.status == 431
    [error] = exchange.json()["errors"]
    assert error["extensions"]["code"] == "HEADERS_TOO_LARGE"
    assert error["extensions"]["headerCount"] == DEFAULT_COUNT + 1
    assert error["extensions"]["maxHeaderCount"] == DEFAULT_COUNT


async def test_headers_exactly_at_both_limits_are_served(app_with):
    at_size = padded_to(DEFAULT_BYTES)
    at_count = counted(DEFAULT_COUNT)

    async with app_with() as app:
        by_size = await call(app, at_size)
        by_count = await call(app, at_count)

    assert (size_of(at_size), len(at_count)) == (DEFAULT_BYTES, DEFAULT_COUNT)
    assert by_size.status == by_count.status == 200
    assert by_size.json()["data"] == {"__typename": "Query"}


async def test_a_refused_request_reads_no_body_and_runs_no_sql(app_with, statements):
    query = "{ creators { totalCount } }"

    async with app_with() as app:
        with statements.record():
            served = await call(app, padded_to(DEFAULT_BYTES), query=query)
        ran = list(statements.statements)
        with statements.record():
            refused = await call(app, padded_to(DEFAULT_BYTES + 1), query=query)

    assert served.status == 200
    assert served.receives
    assert ran
    assert refused.status == 431
    assert refused.receives == 0
    assert statements.statements == []


async def test_the_refusal_echoes_the_clients_request_id_cut_like_the_endpoints(app_with):
    request_id = b"r" * 80
    async with app_with() as app:
        exchange = await call(app, [*counted(DEFAULT_COUNT), (b"x-request-id", request_id)])

    assert exchange.headers[b"x-request-id"] == request_id[:64]
    assert exchange.json()["errors"][0]["extensions"]["requestId"] == request_id[:64].decode()


async def test_without_a_request_id_the_refusal_makes_one(app_with):
    async with app_with() as app:
        first = await call(app, counted(DEFAULT_COUNT + 1))
        second = await call(app, counted(DEFAULT_COUNT + 1))

    ids = [exchange.headers[b"x-request-id"] for exchange in (first, second)]
    assert ids[0] != ids[1]
    assert all(len(request_id) == 32 for request_id in ids)
    assert first.json()["errors"][0]["extensions"]["requestId"] == ids[0].decode()


async def test_the_limits_are_settings(app_with):
    async with app_with(max_header_bytes=2_000, max_header_count=20) as app:
        too_big = await call(app, padded_to(2_001))
        too_many = await call(app, counted(21))
        within = [await call(app, padded_to(2_000)), await call(app, counted(20))]

    assert too_big.status == too_many.status == 431
    assert [exchange.status for exchange in within] == [200, 200]


async def test_an_http_client_sending_a_megabyte_header_or_two_thousand_headers_gets_431(
    app_with,
):
    huge = {"X-Huge": "a" * 1_000_000}
    many = {f"X-Many-{i}": "1" for i in range(2_000)}
    async with app_with() as app, client_of(app) as client:
        answers = [
            await client.post("/graphql", json={"query": "{ __typename }"}, headers=headers)
            for headers in (huge, many)
        ]

    assert [answer.status_code for answer in answers] == [431, 431]
    assert {a.json()["errors"][0]["extensions"]["code"] for a in answers} == {"HEADERS_TOO_LARGE"}
    assert all(answer.headers["x-request-id"] for answer in answers)


@pytest.mark.parametrize(
    ("setting", "value"), [("max_header_bytes", 1_023), ("max_header_count", 9)]
)
def test_limits_too_small_for_any_real_client_are_a_configuration_error(setting, value):
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match=setting):
        Settings.model_validate({setting: value})
