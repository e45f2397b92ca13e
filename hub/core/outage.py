"""Telling a database that is down from a bug, and logging an outage once, not per request.

SQLAlchemy wraps the driver's error, which wraps the socket's: the classifier walks the
chain (``orig``, ``__cause__``, ``__context__``) and looks for what only a lost or
refused connection raises, on asyncpg (SQLSTATE classes 08 and 57P0x, a protocol left in
the wrong state by a dropped connection) and on SQLite (the file cannot be opened).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator

from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

UNAVAILABLE_SQLSTATES = ("08", "57P01", "57P02", "57P03", "53300")
"""Connection exceptions, server shutting down or starting, too many connections."""

UNAVAILABLE_MESSAGES = (
    "cannot switch to state",  # asyncpg: the connection died under an operation
    "connection is closed",
    "connection was closed",
    "unable to open database file",  # SQLite: the file or its directory is gone
)

_CHAIN_LIMIT = 8


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """``exc`` and what caused it, the driver's error under SQLAlchemy's first."""
    seen: set[int] = set()
    pending: list[BaseException] = [exc]
    while pending and len(seen) < _CHAIN_LIMIT:
        current = pending.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        orig = getattr(current, "orig", None)
        for cause in (orig, current.__cause__, current.__context__):
            if isinstance(cause, BaseException):
                pending.append(cause)


def is_database_unavailable(exc: BaseException) -> bool:
    """Whether ``exc`` says the database cannot be reached, rather than that a query is wrong."""
    for error in _chain(exc):
        if isinstance(error, DBAPIError) and error.connection_invalidated:
            return True
        if isinstance(error, (ConnectionError, TimeoutError)) and not isinstance(
            error, PoolTimeoutError
        ):
            return True
        sqlstate = getattr(error, "sqlstate", None)
        if isinstance(sqlstate, str) and sqlstate.startswith(UNAVAILABLE_SQLSTATES):
            return True
        message = str(error).lower()
        if any(part in message for part in UNAVAILABLE_MESSAGES):
            return True
    return False


def is_pool_exhausted(exc: BaseException) -> bool:
    """Whether no pooled connection came within the pool's wait (``HUB_DB_POOL_TIMEOUT``)."""
    return any(isinstance(error, PoolTimeoutError) for error in _chain(exc))


class OutageLog:
    """One warning when the database becomes unreachable, one when it is back.

    An outage of a few seconds under load fails thousands of requests; a traceback for
    each buries the one line that matters. The first failure logs what happened, later
    ones are only counted, and the first success after them logs how long it lasted
    and how many requests were answered 503. One instance per process, shared by the
    endpoint and the readiness probe.
    """

    def __init__(self, logger: logging.Logger, clock: Callable[[], float] = time.monotonic):
        self._logger = logger
        self._clock = clock
        self._started: float | None = None
        self._refused = 0

    @property
    def is_down(self) -> bool:
        return self._started is not None

    def failed(self, error: BaseException, *, refused: bool = True) -> None:
        """The database could not be reached; ``refused`` if a request got a 503 for it."""
        if self._started is None:
            self._started = self._clock()
            self._refused = 0
            self._logger.warning(
                "database unavailable (%s: %s); answering 503 SERVICE_UNAVAILABLE until it returns",
                type(error).__name__,
                describe(error),
            )
        if refused:
            self._refused += 1

    def succeeded(self) -> None:
        """The database answered: ends an outage, if one was going on."""
        if self._started is None:
            return
        duration = self._clock() - self._started
        self._logger.warning(
            "database available again after %.1f s; %d requests were answered 503",
            duration,
            self._refused,
        )
        self._started = None
        self._refused = 0


def describe(error: BaseException) -> str:
    """One short line for a log: the error's type and the first line of its message."""
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0][:200] if text else ''}"
