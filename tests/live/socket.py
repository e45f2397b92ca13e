"""A ``graphql-transport-ws`` client for an ASGI app running in the test's event loop.

httpx has no WebSocket, and Starlette's TestClient runs the app in another thread, where
the test's database connections cannot follow; this drives the ASGI messages directly.
"""

from __future__ import annotations

import asyncio
from types import TracebackType
from typing import Any

import orjson
from starlette.types import ASGIApp, Message

TIMEOUT = 10.0


class Closed(Exception):
    """The server closed the connection."""

    def __init__(self, code: int, reason: str) -> None:
        super().__init__(f"closed {code}: {reason}")
        self.code = code
        self.reason = reason


class LiveSocket:
    def __init__(self, app: ASGIApp, *, headers: dict[str, str] | None = None) -> None:
        self.app = app
        self.headers = [(b"host", b"hub.test")] + [
            (name.lower().encode(), value.encode()) for name, value in (headers or {}).items()
        ]
        self._to_app: asyncio.Queue[Message] = asyncio.Queue()
        self._from_app: asyncio.Queue[Message] = asyncio.Queue()
        self._task: asyncio.Task[None] | None = None

    async def __aenter__(self) -> LiveSocket:
        scope = {
            "type": "websocket",
            "asgi": {"version": "3.0"},
            "scheme": "ws",
            "http_version": "1.1",
            "path": "/graphql",
            "raw_path": b"/graphql",
            "root_path": "",
            "query_string": b"",
            "headers": self.headers,
            "client": ("127.0.0.1", 50000),
            "server": ("hub.test", 80),
            "subprotocols": ["graphql-transport-ws"],
            "state": {},
        }
        await self._to_app.put({"type": "websocket.connect"})
        self._task = asyncio.create_task(self.app(scope, self._to_app.get, self._from_app.put))
        accepted = await self._next_message()
        if accepted["type"] != "websocket.accept":
            raise Closed(accepted.get("code", 1000), accepted.get("reason", ""))
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self._to_app.put({"type": "websocket.disconnect", "code": 1000})
        assert self._task is not None
        await asyncio.wait_for(self._task, TIMEOUT)

    async def _next_message(self) -> Message:
        return await asyncio.wait_for(self._from_app.get(), TIMEOUT)

    async def send(self, message: dict[str, Any]) -> None:
        await self._to_app.put(
            {"type": "websocket.receive", "text": orjson.dumps(message).decode()}
        )

    async def receive(self) -> dict[str, Any]:
        """The next protocol message; ``Closed`` when the server closes instead."""
        message = await self._next_message()
        if message["type"] == "websocket.close":
            raise Closed(message.get("code", 1000), message.get("reason", ""))
        assert message["type"] == "websocket.send", message
        received: dict[str, Any] = orjson.loads(message["text"])
        return received

    async def init(self, payload: dict[str, Any] | None = None) -> dict[str, Any]:
        await self.send({"type": "connection_init", "payload": payload or {}})
        return await self.receive()

    async def subscribe(
        self, operation_id: str, query: str, variables: dict[str, Any] | None = None
    ) -> None:
        payload = {"query": query, "variables": variables or {}}
        await self.send({"id": operation_id, "type": "subscribe", "payload": payload})

    async def complete(self, operation_id: str) -> None:
        await self.send({"id": operation_id, "type": "complete"})
