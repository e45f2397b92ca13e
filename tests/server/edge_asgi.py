"""One HTTP request straight through the ASGI interface, exactly as a test writes it.

An HTTP client normalises what it sends (percent-encoding, header casing, a whole body);
hostile requests need the raw bytes, a body in parts and a client that hangs up.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson
from starlette.types import ASGIApp, Message

BASE_HEADERS = ((b"host", b"hub.test"), (b"accept", b"application/graphql-response+json"))


@dataclass
class Exchange:
    """What the app sent back, and how much of the request it asked for."""

    messages: list[Message] = field(default_factory=list)
    receives: int = 0

    @property
    def status(self) -> int:
        status: int = self.messages[0]["status"]
        return status

    @property
    def headers(self) -> dict[bytes, bytes]:
        return dict(self.messages[0]["headers"])

    def json(self) -> Any:
        return orjson.loads(b"".join(m.get("body", b"") for m in self.messages[1:]))


async def call(
    app: ASGIApp,
    *,
    method: str = "POST",
    path: str = "/graphql",
    query_string: bytes = b"",
    headers: Sequence[tuple[bytes, bytes]] = BASE_HEADERS,
    body: Sequence[bytes] = (b"",),
    hang_up: bool = False,
) -> Exchange:
    """Send ``body`` in its parts, then ``http.disconnect`` instead of the end when ``hang_up``."""
    exchange = Exchange()
    messages: list[Message] = [
        {"type": "http.request", "body": part, "more_body": hang_up or index < len(body) - 1}
        for index, part in enumerate(body)
    ]

    async def receive() -> Message:
        exchange.receives += 1
        return messages.pop(0) if messages else {"type": "http.disconnect"}

    async def send(message: Message) -> None:
        exchange.messages.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query_string,
        "root_path": "",
        "headers": list(headers),
        "client": ("127.0.0.1", 123),
        "server": ("hub.test", 80),
    }
    await app(scope, receive, send)
    return exchange
