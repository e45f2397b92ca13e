"""Garbled and hostile requests: each is a 4xx with a coded GraphQL error, never a 5xx.

Every row is a request as its raw bytes would arrive (the ASGI interface, no client
normalising it) and the code it must be refused with. A row failing with 500 is a bug
the fault suite found once: add a row here when another one turns up.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from urllib.parse import quote

import orjson
import pytest

from tests.api import app_for
from tests.server.edge_asgi import BASE_HEADERS, call

JSON = (b"content-type", b"application/json")
TYPENAME = b'{"query":"{ __typename }",'
FIRST = b'{"query":"query($n: Int) { creators(first: $n) { totalCount } }",'


@dataclass(frozen=True)
class Hostile:
    name: str
    code: str
    body: bytes = b""
    content_type: bytes | None = b"application/json"
    method: str = "POST"
    query_string: bytes = b""

    @property
    def status(self) -> int:
        """``HTTP_415`` is a 415; every other refusal here is a request error, 400."""
        return int(self.code.removeprefix("HTTP_")) if self.code.startswith("HTTP_") else 400


def nested(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


def get(name: str, code: str, query_string: bytes) -> Hostile:
    return Hostile(name, code, method="GET", query_string=query_string)


def q(text: str) -> bytes:
    return quote(text).encode()


ROWS = [
    # Bodies that are not (UTF-8) JSON objects.
    Hostile("invalid UTF-8", "HTTP_400", b'{"query":"{ __typename \xff }"}'),
    Hostile("UTF-8 of a surrogate", "HTTP_400", b'{"query":"{ __typename }\xed\xa0\x80"}'),
    Hostile("lone surrogate, escaped", "HTTP_400", TYPENAME + b'"variables":{"a":"\\ud800"}}'),
    Hostile("lone surrogate as a key", "HTTP_400", TYPENAME + b'"variables":{"\\udfff":1}}'),
    Hostile("lone surrogate in the query", "HTTP_400", b'{"query":"{ a(b: \\"\\ud800\\") }"}'),
    Hostile("byte-order mark", "HTTP_400", b'\xef\xbb\xbf{"query":"{ __typename }"}'),
    Hostile("raw NUL in a string", "HTTP_400", b'{"query":"{ __typename \x00 }"}'),
    Hostile("empty body", "HTTP_400", b""),
    Hostile("whitespace only", "HTTP_400", b" \r\n\t "),
    Hostile("ends early", "HTTP_400", b'{"query":"{ __typ'),
    Hostile("ends after a key", "HTTP_400", b'{"query"'),
    Hostile("trailing garbage", "HTTP_400", b'{"query":"{ __typename }"} x'),
    Hostile("null", "HTTP_400", b"null"),
    Hostile("a number", "HTTP_400", b"1"),
    Hostile("a string", "HTTP_400", b'"{ __typename }"'),
    Hostile("a batch", "HTTP_400", b'[{"query":"{ __typename }"}]'),
    # Numbers.
    Hostile("5,000 digits", "HTTP_400", TYPENAME + b'"variables":{"a":' + b"9" * 5_000 + b"}}"),
    Hostile("1e999", "HTTP_400", TYPENAME + b'"variables":{"a":1e999}}'),
    Hostile("NaN", "HTTP_400", TYPENAME + b'"variables":{"a":NaN}}'),
    Hostile("Infinity", "HTTP_400", TYPENAME + b'"variables":{"a":-Infinity}}'),
    Hostile(
        "an Int of 64 bits", "BAD_USER_INPUT", FIRST + b'"variables":{"n":18446744073709551615}}'
    ),
    # orjson reads an integer beyond 64 bits as a float, which no Int accepts.
    Hostile(
        "an Int beyond 64 bits", "BAD_USER_INPUT", FIRST + b'"variables":{"n":' + b"1" * 25 + b"}}"
    ),
    # Nesting.
    Hostile("variables 33 deep", "HTTP_400", TYPENAME + b'"variables":{"a":' + nested(32) + b"}}"),
    Hostile(
        "variables 1,000 deep", "HTTP_400", TYPENAME + b'"variables":{"a":' + nested(999) + b"}}"
    ),
    Hostile("JSON 5,000 deep", "HTTP_400", TYPENAME + b'"variables":{"a":' + nested(5_000) + b"}}"),
    Hostile(
        "extensions 1,000 deep", "HTTP_400", TYPENAME + b'"extensions":{"a":' + nested(999) + b"}}"
    ),
    Hostile(
        "document 900 deep",
        "GRAPHQL_PARSE_FAILED",
        orjson.dumps({"query": "{ a(b: " + "[" * 900 + "]" * 900 + ") }"}),
    ),
    Hostile("NUL in a variable", "INVALID_CHARACTER", TYPENAME + b'"variables":{"a":"\\u0000"}}'),
    # Parameters of the wrong type.
    Hostile("persistedQuery null alone", "HTTP_400", b'{"extensions":{"persistedQuery":null}}'),
    Hostile(
        "persistedQuery a number", "PERSISTED_QUERY_INVALID", b'{"extensions":{"persistedQuery":5}}'
    ),
    Hostile("query a list", "HTTP_400", b'{"query":["{ __typename }"]}'),
    Hostile("variables a string", "HTTP_400", TYPENAME + b'"variables":"{}"}'),
    Hostile("operationName a number", "HTTP_400", TYPENAME + b'"operationName":1}'),
    # Content types.
    Hostile("no content type", "HTTP_415", b'{"query":"{ __typename }"}', content_type=None),
    Hostile("text/plain", "HTTP_415", b'{"query":"{ __typename }"}', content_type=b"text/plain"),
    Hostile("form", "HTTP_415", b"query=%7B__typename%7D", b"application/x-www-form-urlencoded"),
    Hostile("multipart", "HTTP_415", b"--x--", b"multipart/form-data; boundary=x"),
    Hostile("garbled content type", "HTTP_415", b"{}", content_type=b";;=;\xff"),
    Hostile(
        "latin-1", "HTTP_415", b'{"query":"{ __typename }"}', b"application/json; charset=latin1"
    ),
    # GET query strings.
    get("query %FF", "HTTP_400", b"query=%7B__typename%FF%7D"),
    get("raw byte 0xFF", "HTTP_400", b"query=%7B__typename\xff%7D"),
    get("encoded surrogate", "HTTP_400", b"query=%ED%A0%80"),
    get("variables %FF", "HTTP_400", b"query=%7B__typename%7D&variables=%7B%22a%22%3A%22%FF%22%7D"),
    get("a parameter name %FF", "HTTP_400", b"%FF=1&query=%7B__typename%7D"),
    get(
        "variables with a lone surrogate", "HTTP_400", b"query=x&variables=" + q('{"a":"\\ud800"}')
    ),
    get(
        "variables 1,000 deep",
        "HTTP_400",
        b"query=x&variables=" + q('{"a":' + "[" * 999 + "]" * 999 + "}"),
    ),
    get("variables not JSON", "HTTP_400", b"query=x&variables=%7B"),
    get("persistedQuery null alone", "HTTP_400", b"extensions=" + q('{"persistedQuery":null}')),
    get("a stray percent", "GRAPHQL_PARSE_FAILED", b"query=%"),
    get("a mutation", "HTTP_405", b"query=" + q("mutation { logout { ok } }")),
]


@pytest.mark.parametrize("row", ROWS, ids=[row.name for row in ROWS])
async def test_a_hostile_request_is_refused_with_its_code_and_no_server_error(
    settings, database, sessions, caplog, row
):
    headers = list(BASE_HEADERS)
    if row.content_type is not None:
        headers.append((b"content-type", row.content_type))

    with caplog.at_level(logging.INFO):
        async with app_for(settings, engine=database.engine, session_factory=sessions) as app:
            exchange = await call(
                app,
                method=row.method,
                query_string=row.query_string,
                headers=headers,
                body=[row.body],
            )

    assert exchange.status == row.status
    [error] = exchange.json()["errors"]
    assert error["extensions"]["code"] == row.code
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR]


async def test_a_client_hanging_up_mid_body_is_logged_as_that_without_a_traceback(
    settings, database, sessions, statements, caplog
):
    body = orjson.dumps({"query": 'mutation { createOrganisation(input: {name: "Gone"}) { id } }'})
    headers = [*BASE_HEADERS, JSON, (b"content-length", str(len(body)).encode())]

    with caplog.at_level(logging.DEBUG), statements.record():
        async with app_for(settings, engine=database.engine, session_factory=sessions) as app:
            exchange = await call(app, headers=headers, body=[body[:20]], hang_up=True)

    [note] = [record for record in caplog.records if "hung up" in record.getMessage()]
    assert note.levelno == logging.INFO
    assert note.name == "hub.http"
    assert note.exc_info is None
    assert not [record for record in caplog.records if record.levelno >= logging.WARNING]
    assert exchange.receives == 2
    assert exchange.status < 500
    assert statements.statements == []
