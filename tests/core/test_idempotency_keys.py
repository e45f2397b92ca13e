"""Idempotency records: claimed once per caller and key, answered again, expired."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update

from hub.core.idempotency import (
    IdempotencyKeys,
    IdempotencyRecord,
    KeyInUse,
    KeyReused,
    StoredResponse,
    fingerprint,
)

ANSWER = StoredResponse(200, "application/json", '{"data": {}}')


@pytest.fixture
def keys(sessions) -> IdempotencyKeys:
    return IdempotencyKeys(sessions, timedelta(hours=1))


async def test_a_key_is_claimed_once_then_answers_what_was_stored(keys):
    request = fingerprint("mutation", {"a": 1})
    assert await keys.claim("user:1", "k", request) is None
    with pytest.raises(KeyInUse):
        await keys.claim("user:1", "k", request)
    await keys.store("user:1", "k", ANSWER)
    assert await keys.claim("user:1", "k", request) == ANSWER


async def test_another_request_with_a_used_key_is_refused(keys):
    assert await keys.claim("user:1", "k", fingerprint("a")) is None
    with pytest.raises(KeyReused):
        await keys.claim("user:1", "k", fingerprint("b"))
    await keys.store("user:1", "k", ANSWER)
    with pytest.raises(KeyReused):
        await keys.claim("user:1", "k", fingerprint("b"))


async def test_keys_are_scoped_per_caller(keys):
    assert await keys.claim("user:1", "k", fingerprint("a")) is None
    assert await keys.claim("user:2", "k", fingerprint("b")) is None


async def test_a_released_claim_can_be_taken_again_but_a_stored_answer_stays(keys):
    assert await keys.claim("user:1", "k", fingerprint("a")) is None
    await keys.release("user:1", "k")
    assert await keys.claim("user:1", "k", fingerprint("b")) is None
    await keys.store("user:1", "k", ANSWER)
    await keys.release("user:1", "k")
    assert await keys.claim("user:1", "k", fingerprint("b")) == ANSWER


async def test_an_expired_key_may_be_used_for_a_new_request(keys, sessions):
    assert await keys.claim("user:1", "k", fingerprint("a")) is None
    await keys.store("user:1", "k", ANSWER)
    async with sessions() as session, session.begin():
        await session.execute(
            update(IdempotencyRecord).values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
        )
    assert await keys.claim("user:1", "k", fingerprint("b")) is None


def test_the_fingerprint_ignores_key_order_but_not_values():
    assert fingerprint({"a": 1, "b": 2}) == fingerprint({"b": 2, "a": 1})
    assert fingerprint({"a": 1}) != fingerprint({"a": 2})


async def test_housekeeping_forgets_expired_keys_only(keys, sessions):
    for key in ("old", "new"):
        assert await keys.claim("user:1", key, fingerprint(key)) is None
    async with sessions() as session, session.begin():
        await session.execute(
            update(IdempotencyRecord)
            .where(IdempotencyRecord.key == "old")
            .values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
        )
    assert await keys.purge_expired() == 1
    with pytest.raises(KeyInUse):
        await keys.claim("user:1", "new", fingerprint("new"))
    assert await keys.claim("user:1", "old", fingerprint("another")) is None
