"""The ``Idempotency-Key`` header: a mutation sent twice with one key runs once.

The key is an HTTP header, as Stripe's and the IETF draft's are, so any mutation gets it
without a schema change; it is scoped to the caller (a user, an API key, or, for
anonymous callers, their address). The same key and the same request (document,
operation name, variables) answer the first response again, marked
``Idempotent-Replayed: true``; another request with the key is refused with
``IDEMPOTENCY_KEY_REUSED`` (422); a copy sent while the first still runs gets
``IDEMPOTENCY_KEY_IN_USE`` (409, with ``Retry-After``), which is safe to retry.
A write marks its key in its own transaction (``committed_marker``), so once it has
committed no retry runs it again, even if its answer could not be stored.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.responses import Response

from hub.api.context import CommitMarker
from hub.api.errors import RequestErrorCode
from hub.core.idempotency import (
    MAX_KEY_LENGTH,
    IdempotencyKeys,
    KeyInUse,
    KeyReused,
    StoredResponse,
    fingerprint,
)
from hub.core.outage import is_database_unavailable, is_pool_exhausted
from hub.server.negotiation import MediaType

logger = logging.getLogger("hub.http")

RELEASE_RETRY_DELAYS = (1.0, 2.0, 4.0, 8.0, 16.0)
"""Seconds between tries to free a key whose request failed while the database was down."""

IDEMPOTENCY_HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
RETRY_AFTER_SECONDS = 1


class IdempotencyRefused(Exception):
    """A request whose key cannot be used, with its status and stable code."""

    def __init__(
        self,
        status: int,
        code: RequestErrorCode,
        message: str,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}


@dataclass(frozen=True)
class KeyedRequest:
    """A request that holds its key: its answer is stored, or the key released."""

    keys: IdempotencyKeys
    scope: str
    key: str

    async def store(self, response: Response) -> None:
        media_type = response.headers.get("content-type", "application/json")
        stored = StoredResponse(response.status_code, media_type, bytes(response.body).decode())
        await self.keys.store(self.scope, self.key, stored)

    async def release(self) -> None:
        await self.keys.release(self.scope, self.key)

    async def release_when_possible(self) -> None:
        """Free the key once the database is back, so the client's retry can run.

        Only a request that failed before committing gets here, and a committed write
        marks its key with an answer, which ``release`` never deletes: freeing late is
        as safe as freeing at once. Given up after about half a minute; the key then
        stays claimed (409) until it expires.
        """
        for delay in RELEASE_RETRY_DELAYS:
            await asyncio.sleep(delay)
            try:
                await self.release()
                return
            except Exception as error:
                if not is_database_unavailable(error) and not is_pool_exhausted(error):
                    logger.exception("could not free idempotency key %r", self.key)
                    return
        logger.warning("idempotency key %r stays claimed until it expires", self.key)

    def committed_marker(self, media: MediaType, request_id: str) -> CommitMarker:
        """What a write runs in its own transaction: a provisional answer for the key.

        If the real answer is never stored (the connection dies after the commit), a
        retry with the key gets this one, WRITE_COMMITTED, and the write never runs
        twice; once stored, the real answer replaces it.
        """
        provisional = StoredResponse(
            200,
            f"{media.value}; charset=utf-8",
            orjson.dumps(write_committed_body(request_id)).decode(),
        )

        async def mark(session: AsyncSession) -> None:
            await self.keys.mark_committed(session, self.scope, self.key, provisional)

        return mark


def write_committed_body(request_id: str) -> dict[str, Any]:
    """The answer replayed for a key whose write committed but whose answer was lost."""
    message = (
        "The change was made, but its answer was lost (request id "
        f"{request_id}). Do not repeat it: read the object again instead."
    )
    extensions = {
        "code": RequestErrorCode.WRITE_COMMITTED.value,
        "committed": True,
        "requestId": request_id,
    }
    return {"data": None, "errors": [{"message": message, "extensions": extensions}]}


async def claim_key(
    keys: IdempotencyKeys,
    key: str,
    scope: str,
    document: str,
    operation_name: str | None,
    variables: dict[str, Any] | None,
) -> KeyedRequest | Response:
    """Hold ``key`` for this request, or the first answer given with it."""
    if not key or len(key) > MAX_KEY_LENGTH or not key.isprintable():
        raise IdempotencyRefused(
            400,
            RequestErrorCode.IDEMPOTENCY_KEY_INVALID,
            f"`{IDEMPOTENCY_HEADER}` must be 1 to {MAX_KEY_LENGTH} printable characters.",
        )
    request_hash = fingerprint(document, operation_name, variables)
    try:
        stored = await keys.claim(scope, key, request_hash)
    except KeyReused as reused:
        raise IdempotencyRefused(
            422,
            RequestErrorCode.IDEMPOTENCY_KEY_REUSED,
            f"This `{IDEMPOTENCY_HEADER}` was used for a different request; use a new key "
            "for a new request.",
        ) from reused
    except KeyInUse as in_use:
        raise IdempotencyRefused(
            409,
            RequestErrorCode.IDEMPOTENCY_KEY_IN_USE,
            f"A request with this `{IDEMPOTENCY_HEADER}` is still running; retry shortly to "
            "get its answer.",
            {"Retry-After": str(RETRY_AFTER_SECONDS)},
        ) from in_use
    if stored is None:
        return KeyedRequest(keys, scope, key)
    return Response(
        stored.body,
        status_code=stored.status_code,
        headers={"content-type": stored.media_type, REPLAYED_HEADER: "true"},
    )
