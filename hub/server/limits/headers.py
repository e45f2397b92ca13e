"""Requests with too many headers, or too many bytes of them, are refused first of all.

uvicorn's httptools parser takes a header block of any size, so a client could send a
megabyte of header values or thousands of headers and have every later step (CORS,
routing, authentication, client identity) read them. This ASGI middleware sits outside
all of them and answers 431 ``HEADERS_TOO_LARGE`` from the headers alone: no route is
chosen and no body is read.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable

import orjson
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from hub.api.errors import RequestErrorCode
from hub.config import Settings
from hub.server.limits.refusal import Refused

REQUEST_ID_HEADER = b"x-request-id"
MAX_REQUEST_ID_LENGTH = 64
# A header line's framing beyond its name and value: ": " and CRLF.
HEADER_LINE_FRAMING = 4
# Each byte of a URL's query may be sent percent-encoded, as three.
PERCENT_ENCODED = 3


def parser_buffer_bytes(settings: Settings) -> int:
    """How much of a request's head uvicorn's h11 parser may buffer (its own limit, 16 KiB).

    Room for a GET carrying, percent-encoded, what a POST body may carry, and for every
    header block this middleware answers itself: its 431 comes with a GraphQL error,
    where the parser's refusal is a bare 400. Only what is larger stops at the parser.
    """
    request_line = PERCENT_ENCODED * settings.max_body_bytes
    header_block = settings.max_header_bytes + HEADER_LINE_FRAMING * settings.max_header_count
    return request_line + header_block


class HeaderLimits:
    """Refuses HTTP requests over ``max_count`` headers or ``max_bytes`` of names and values."""

    def __init__(self, app: ASGIApp, *, max_bytes: int, max_count: int) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.max_count = max_count

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            headers: list[tuple[bytes, bytes]] = scope["headers"]
            refusal = self.refusal(headers)
            if refusal is not None:
                await _response(refusal, _request_id(headers))(scope, receive, send)
                return
        await self.app(scope, receive, send)

    def refusal(self, headers: list[tuple[bytes, bytes]]) -> Refused | None:
        """Why these headers are refused, or ``None`` when they are within both limits."""
        count = len(headers)
        if count > self.max_count:
            return _too_large(
                f"The request has {count} headers, over the limit of {self.max_count}.",
                {"headerCount": count, "maxHeaderCount": self.max_count},
            )
        size = sum(len(name) + len(value) for name, value in headers)
        if size > self.max_bytes:
            return _too_large(
                f"The request's headers are {size} bytes long, over the limit of {self.max_bytes}.",
                {"headerBytes": size, "maxHeaderBytes": self.max_bytes},
            )
        return None


def _too_large(message: str, details: dict[str, int]) -> Refused:
    return Refused(RequestErrorCode.HEADERS_TOO_LARGE, message, details=details)


def _request_id(headers: Iterable[tuple[bytes, bytes]]) -> str:
    """The client's ``X-Request-ID`` cut short, as the endpoint takes it, or a fresh one."""
    for name, value in headers:
        if name.lower() == REQUEST_ID_HEADER and value:
            return value[:MAX_REQUEST_ID_LENGTH].decode("latin-1")
    return secrets.token_hex(16)


def _response(refusal: Refused, request_id: str) -> Response:
    body = refusal.body()
    body["errors"][0]["extensions"]["requestId"] = request_id
    return Response(
        orjson.dumps(body),
        status_code=431,
        media_type="application/json; charset=utf-8",
        # A client this far over the limits gets no second request on the connection.
        headers={"X-Request-ID": request_id, "Connection": "close"},
    )
