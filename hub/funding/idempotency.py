"""The ``idempotencyKey`` of a money mutation, with Stripe's semantics, kept with the write.

The key is remembered in the foundation's idempotency records (scope: the caller), with a
hash of the request and, as the answer, the key of the object the write produced and a
snapshot of that object's own fields as the write left them (``snapshot``). A replay
answers the snapshot, not the object as it is now: a pledge replayed after it was
captured or refunded still answers AUTHORIZED, as the first response did (objects reached
from it, such as its campaign, are read as they are now). Unlike
the ``Idempotency-Key`` header, which claims the key in a transaction of its own, the key
is claimed inside the write's own transaction: it commits with the write or not at all.
The same key and request return the first answer and run nothing; the same key with
another request is ``IDEMPOTENCY_KEY_REUSED``; a copy arriving while the first still runs
waits for it (PostgreSQL's unique index holds the second insert until the first commits;
SQLite's write lock holds the whole second write) and then gets the first answer.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import orjson
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.columns import utcnow
from hub.core.idempotency import MAX_KEY_LENGTH, IdempotencyRecord, fingerprint
from hub.core.mapping import Entity, QueryEnv
from hub.core.validation import FieldCode, Rejected
from hub.funding.errors import FundingErrorCode
from hub.i18n.messages import _

MEDIA_TYPE = "application/json"


def request_hash(*parts: object) -> str:
    return fingerprint(*parts)


@dataclass(frozen=True)
class Answer:
    """What a money write answers: its object's key (the audit names it) and, when the
    object exists, its fields as the write left them (JSON values, ``decode`` reads them)."""

    audit_key: int
    snapshot: dict[str, Any] | None


async def snapshot(
    session: AsyncSession, entity: Entity[Any], env: QueryEnv, key: int
) -> dict[str, Any] | None:
    """``entity``'s row ``key`` as the mapping reads it, as JSON values (in the write)."""
    row = (await session.execute(entity.select(env).where(entity.key == key))).mappings().first()
    if row is None:
        return None
    loaded: dict[str, Any] = orjson.loads(orjson.dumps(dict(row)))
    return loaded


def decode(entity: Entity[Any], env: QueryEnv, values: Mapping[str, Any]) -> dict[str, Any]:
    """A snapshot's values back as the row's Python values (enums, datetimes)."""
    row: dict[str, Any] = {}
    for column in entity.select(env).selected_columns:
        name = str(column.key)
        value = values.get(name)
        try:
            kind = column.type.python_type
        except NotImplementedError:
            kind = object
        if value is not None and isinstance(kind, type):
            if issubclass(kind, enum.Enum):
                value = kind(value)
            elif issubclass(kind, datetime):
                value = datetime.fromisoformat(value)
        row[name] = value
    return row


async def replayed(
    session: AsyncSession, scope: str, key: str, digest: str, ttl: timedelta
) -> Answer | None:
    """Claim ``key`` for this request (None), or what its first run answered."""
    if not key or len(key) > MAX_KEY_LENGTH or not key.isprintable():
        raise Rejected.one(
            "idempotency_key",
            FieldCode.INVALID,
            _("An idempotency key is 1 to {count} printable characters.", count=MAX_KEY_LENGTH),
        )
    now = utcnow()
    where = (IdempotencyRecord.scope == scope, IdempotencyRecord.key == key)
    await session.execute(
        delete(IdempotencyRecord).where(*where, IdempotencyRecord.expires_at <= now)
    )
    found = await session.scalar(select(IdempotencyRecord).where(*where))
    if found is None:
        try:
            async with session.begin_nested():
                session.add(
                    IdempotencyRecord(
                        scope=scope, key=key, request_hash=digest, expires_at=now + ttl
                    )
                )
            return None
        except IntegrityError:
            # A copy of this request committed first, while this one waited: answer it.
            found = await session.scalar(
                select(IdempotencyRecord).where(*where).execution_options(populate_existing=True)
            )
    if found is None or found.body is None:
        raise Rejected.one(
            "idempotency_key",
            FundingErrorCode.CONFLICT,
            _("A request with this idempotency key is still running; retry shortly."),
        )
    if found.request_hash != digest:
        raise Rejected.one(
            "idempotency_key",
            FundingErrorCode.IDEMPOTENCY_KEY_REUSED,
            _("This idempotency key was used for a different request; use a new key."),
        )
    body = orjson.loads(found.body)
    # Records written before snapshots were kept hold the key alone.
    return Answer(int(body["key"]), body.get("snapshot"))


async def remember(session: AsyncSession, scope: str, key: str, answer: Answer) -> None:
    """Keep the first run's answer with the key, in the write's transaction."""
    body = orjson.dumps({"key": answer.audit_key, "snapshot": answer.snapshot}).decode()
    await session.execute(
        update(IdempotencyRecord)
        .where(IdempotencyRecord.scope == scope, IdempotencyRecord.key == key)
        .values(status_code=200, media_type=MEDIA_TYPE, body=body)
    )
