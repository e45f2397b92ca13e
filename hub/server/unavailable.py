"""Answers for a server that cannot serve now: 503 with ``Retry-After``, never a 500.

Two causes, two codes. ``SERVICE_UNAVAILABLE``: the database cannot be reached.
``OVERLOADED``: this worker is at its concurrency limit or the connection pool had no
connection within ``HUB_DB_POOL_TIMEOUT``. Both are the server's state, not the request's,
and both are worth retrying after the delay the header gives.
"""

from __future__ import annotations

from typing import Any

from hub.api.errors import RequestErrorCode
from hub.core.outage import is_database_unavailable, is_pool_exhausted

UNAVAILABLE_STATUS = 503
RETRYABLE_CODES = frozenset({RequestErrorCode.SERVICE_UNAVAILABLE, RequestErrorCode.OVERLOADED})

MESSAGES = {
    RequestErrorCode.SERVICE_UNAVAILABLE: "The database is unavailable. Retry after the "
    "delay in the Retry-After header (request id {request_id}).",
    RequestErrorCode.OVERLOADED: "The server is busy; nothing was run. Retry after the delay "
    "in the Retry-After header (request id {request_id}).",
}


def unavailable_code(error: BaseException) -> RequestErrorCode | None:
    """The 503 code ``error`` calls for, or None when it is not about the server's state."""
    if is_pool_exhausted(error):
        return RequestErrorCode.OVERLOADED
    if is_database_unavailable(error):
        return RequestErrorCode.SERVICE_UNAVAILABLE
    return None


def unavailable_error(code: RequestErrorCode, request_id: str) -> dict[str, Any]:
    """The GraphQL error object for a 503, as the client sees it."""
    return {
        "message": MESSAGES[code].format(request_id=request_id),
        "extensions": {"code": code.value, "requestId": request_id},
    }


def retry_after(seconds: int) -> dict[str, str]:
    return {"Retry-After": str(seconds)}
