"""The ``idempotencyKey`` of a money mutation, with Stripe's semantics, kept with the write.

The key is remembered in the foundation's idempotency records (scope: the caller), with a
hash of the request and, as the answer, the key of the object the write produced. Unlike
the ``Idempotency-Key`` header, which claims the key in a transaction of its own, the key
is claimed inside the write's own transaction: it commits with the write or not at all.
The same key and request return the first answer and run nothing; the same key with
another request is ``IDEMPOTENCY_KEY_REUSED``; a copy arriving while the first still runs
waits for it (PostgreSQL's unique index holds the second insert until the first commits;
SQLite's write lock holds the whole second write) and then gets the first answer.
"""

from __future__ import annotations

from datetime import timedelta

import orjson
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.columns import utcnow
from hub.core.idempotency import MAX_KEY_LENGTH, IdempotencyRecord, fingerprint
from hub.core.validation import FieldCode, Rejected
from hub.funding.errors import FundingErrorCode
from hub.i18n.messages import _

MEDIA_TYPE = "application/json"


def request_hash(*parts: object) -> str:
    return fingerprint(*parts)


async def replayed(
    session: AsyncSession, scope: str, key: str, digest: str, ttl: timedelta
) -> int | None:
    """Claim ``key`` for this request (None), or the key of the object its first run made."""
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
    answer: int = orjson.loads(found.body)["key"]
    return answer


async def remember(session: AsyncSession, scope: str, key: str, value: int) -> None:
    """Keep the first run's answer with the key, in the write's transaction."""
    await session.execute(
        update(IdempotencyRecord)
        .where(IdempotencyRecord.scope == scope, IdempotencyRecord.key == key)
        .values(status_code=200, media_type=MEDIA_TYPE, body=orjson.dumps({"key": value}).decode())
    )
