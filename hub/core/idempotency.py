"""Idempotency records, with Stripe's semantics, for any write a client may retry.

A caller sends a key with a request. The first request with that key claims it and,
when it has run, stores its response. Later requests with the same key and the same
request get that response again; with another request, ``KeyReused``; while the first
still runs, ``KeyInUse`` (a conflict worth retrying). Keys are scoped per caller and
expire (``HUB_IDEMPOTENCY_TTL``). A claim is committed before the write runs, so two
copies of one request never both run. The write marks the key in its own transaction
with a provisional answer (``mark_committed``): if the process or the database fails
between the commit and storing the real answer, later requests get the provisional
one and the write never runs twice. A key whose request failed before committing is
released; if even that fails, the key stays claimed until it expires.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

import orjson
from sqlalchemy import Integer, String, Text, UniqueConstraint, delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import Mapped, mapped_column

from hub.core.columns import UTCDateTime, utcnow
from hub.core.db import Base, begin_write

MAX_KEY_LENGTH = 255
MAX_SCOPE_LENGTH = 100


class IdempotencyRecord(Base):
    """One key of one caller: the request it was first used for and, once run, the answer."""

    __tablename__ = "idempotency_record"
    __table_args__ = (UniqueConstraint("scope", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    scope: Mapped[str] = mapped_column(String(MAX_SCOPE_LENGTH))
    key: Mapped[str] = mapped_column(String(MAX_KEY_LENGTH))
    request_hash: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int | None] = mapped_column(Integer)
    media_type: Mapped[str | None] = mapped_column(String(100))
    body: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class KeyReused(Exception):
    """The key was first used for a different request."""


class KeyInUse(Exception):
    """The first request with this key is still running: retry in a moment."""


@dataclass(frozen=True)
class StoredResponse:
    status_code: int
    media_type: str
    body: str


def fingerprint(*parts: object) -> str:
    """A digest of what makes two requests the same (JSON values, keys sorted)."""
    return hashlib.sha256(orjson.dumps(parts, option=orjson.OPT_SORT_KEYS)).hexdigest()


@dataclass(frozen=True)
class IdempotencyKeys:
    sessions: async_sessionmaker[AsyncSession]
    ttl: timedelta

    async def claim(self, scope: str, key: str, request_hash: str) -> StoredResponse | None:
        """Claim ``key`` for this request (None), or the stored answer of its first run.

        Raises ``KeyReused`` or ``KeyInUse`` as the module says.
        """
        now = utcnow()
        try:
            async with self.sessions() as session, session.begin():
                await begin_write(session)
                await session.execute(
                    delete(IdempotencyRecord).where(
                        IdempotencyRecord.scope == scope,
                        IdempotencyRecord.key == key,
                        IdempotencyRecord.expires_at <= now,
                    )
                )
                session.add(
                    IdempotencyRecord(
                        scope=scope, key=key, request_hash=request_hash, expires_at=now + self.ttl
                    )
                )
            return None
        except IntegrityError:
            pass
        async with self.sessions() as session:
            found = await session.scalar(
                select(IdempotencyRecord).where(
                    IdempotencyRecord.scope == scope, IdempotencyRecord.key == key
                )
            )
        if found is None:
            # The other claim was released (its request failed) since: take the key now.
            return await self.claim(scope, key, request_hash)
        if found.request_hash != request_hash:
            raise KeyReused(key)
        if found.status_code is None or found.body is None or found.media_type is None:
            raise KeyInUse(key)
        return StoredResponse(found.status_code, found.media_type, found.body)

    async def store(self, scope: str, key: str, response: StoredResponse) -> None:
        """Keep the first run's answer for the key's later uses."""
        async with self.sessions() as session, session.begin():
            await begin_write(session)
            await session.execute(
                update(IdempotencyRecord)
                .where(IdempotencyRecord.scope == scope, IdempotencyRecord.key == key)
                .values(
                    status_code=response.status_code,
                    media_type=response.media_type,
                    body=response.body,
                )
            )

    async def mark_committed(
        self, session: AsyncSession, scope: str, key: str, provisional: StoredResponse
    ) -> None:
        """Inside the write's transaction: the key's write is done, with an answer to give.

        Committed with the write or not at all, so a key without an answer is a key
        whose write never committed, and the answer stored after it replaces this one.
        """
        await session.execute(
            update(IdempotencyRecord)
            .where(IdempotencyRecord.scope == scope, IdempotencyRecord.key == key)
            .values(
                status_code=provisional.status_code,
                media_type=provisional.media_type,
                body=provisional.body,
            )
        )

    async def purge_expired(self) -> int:
        """Forget every expired key; the runner's housekeeping calls this now and then."""
        async with self.sessions() as session, session.begin():
            await begin_write(session)
            purged = await session.scalars(
                delete(IdempotencyRecord)
                .where(IdempotencyRecord.expires_at <= utcnow())
                .returning(IdempotencyRecord.id)
            )
            return len(purged.all())

    async def release(self, scope: str, key: str) -> None:
        """Forget a claim whose request never ran to an answer, so a retry may run it."""
        async with self.sessions() as session, session.begin():
            await begin_write(session)
            await session.execute(
                delete(IdempotencyRecord).where(
                    IdempotencyRecord.scope == scope,
                    IdempotencyRecord.key == key,
                    IdempotencyRecord.status_code.is_(None),
                )
            )
