"""What the hub answered, and how the fault suite judges an answer.

A fault may make the hub refuse, never answer dishonestly: a refusal is coded, a 503
says when to come back, and no answer shows a traceback, SQL or a driver's message.
"""

from __future__ import annotations

import re
import statistics
import time
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx
import orjson

RETRYABLE_CODES = frozenset({"SERVICE_UNAVAILABLE", "OVERLOADED"})

# Traces of internals a client must never see: Python tracebacks, driver and ORM names,
# SQL statements and PostgreSQL's own messages.
LEAKS = re.compile(
    r"Traceback|File \"|sqlalchemy|asyncpg|aiosqlite|psycopg|redis\.exceptions"
    r"|\bSELECT\b.+\bFROM\b|\bINSERT INTO\b|\bUPDATE\b.+\bSET\b|\bDELETE FROM\b"
    r"|ConnectionRefusedError|ConnectionResetError|\(Background on this error"
)


@dataclass(frozen=True)
class Answer:
    """One HTTP exchange as the client saw it; ``status`` is None when none came."""

    status: int | None
    headers: Mapping[str, str]
    text: str
    seconds: float
    failure: str | None = None

    @property
    def body(self) -> Any:
        try:
            return orjson.loads(self.text)
        except orjson.JSONDecodeError:
            return None

    @property
    def codes(self) -> list[str]:
        """``errors[].extensions.code`` of the body, in order."""
        body = self.body
        errors = body.get("errors") if isinstance(body, dict) else None
        if not isinstance(errors, list):
            return []
        return [
            str((error.get("extensions") or {}).get("code"))
            for error in errors
            if isinstance(error, dict)
        ]

    @property
    def user_error_codes(self) -> list[str]:
        """``userErrors[].code`` of every payload in ``data``."""
        body = self.body
        data = body.get("data") if isinstance(body, dict) else None
        if not isinstance(data, dict):
            return []
        return [
            str(error.get("code"))
            for payload in data.values()
            if isinstance(payload, dict)
            for error in payload.get("userErrors") or []
            if isinstance(error, dict)
        ]

    @property
    def leaks(self) -> bool:
        return bool(LEAKS.search(self.text))

    @property
    def is_retryable_refusal(self) -> bool:
        """503 with a retryable code and a ``Retry-After`` a client can obey."""
        return (
            self.status == 503
            and bool(self.codes)
            and set(self.codes) <= RETRYABLE_CODES
            and self.headers.get("retry-after", "").isdigit()
        )

    def describe(self) -> str:
        return f"{self.status} {self.failure or ''} {self.text[:300]!r}"


async def post(
    client: httpx.AsyncClient,
    url: str,
    payload: Mapping[str, Any],
    headers: Mapping[str, str] | None = None,
) -> Answer:
    """POST a GraphQL request as JSON; a transport failure is an answer with no status."""
    started = time.monotonic()
    try:
        response = await client.post(
            url,
            content=orjson.dumps(payload),
            headers={"Content-Type": "application/json", **(headers or {})},
        )
    except httpx.HTTPError as error:
        return Answer(None, {}, "", time.monotonic() - started, type(error).__name__)
    return Answer(
        response.status_code,
        {name.lower(): value for name, value in response.headers.items()},
        response.text,
        time.monotonic() - started,
    )


async def get(client: httpx.AsyncClient, url: str) -> Answer:
    started = time.monotonic()
    try:
        response = await client.get(url)
    except httpx.HTTPError as error:
        return Answer(None, {}, "", time.monotonic() - started, type(error).__name__)
    return Answer(
        response.status_code,
        {name.lower(): value for name, value in response.headers.items()},
        response.text,
        time.monotonic() - started,
    )


def status_histogram(answers: Iterable[Answer]) -> dict[str, int]:
    """Answers by status (``none`` for no answer), with the codes of error answers."""
    counts: Counter[str] = Counter()
    for answer in answers:
        label = str(answer.status) if answer.status is not None else f"none:{answer.failure}"
        codes = sorted(set(answer.codes))
        counts[f"{label} {','.join(codes)}".strip()] += 1
    return dict(sorted(counts.items()))


def percentile(values: Iterable[float], fraction: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def median(values: Iterable[float]) -> float:
    listed = list(values)
    return statistics.median(listed) if listed else float("nan")


@dataclass
class ServerLog:
    """What a server wrote while a scenario ran."""

    text: str
    tracebacks: int = field(init=False)

    def __post_init__(self) -> None:
        self.tracebacks = self.text.count("Traceback (most recent call last)")
