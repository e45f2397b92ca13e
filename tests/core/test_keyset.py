"""Keyset pages over an order of several columns, some descending: each row once, in order."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from hub.accounts.enums import AuditActorKind, AuditOutcome
from hub.accounts.models import AuditRecord
from hub.core.keyset import KeysetWindow, SortKey, fetch_keyset_page, sort_values
from hub.core.mapping import QueryEnv
from hub.core.reader import Reader

ORDER = [
    SortKey("entity_type", AuditRecord.entity_type),
    SortKey("id", AuditRecord.id, descending=True),
]
STATEMENT = select(AuditRecord.entity_type, AuditRecord.id).where(
    AuditRecord.action == "keyset-test"
)


@pytest.fixture
async def reader(sessions, session) -> Reader:
    async with sessions() as writer, writer.begin():
        for entity_type in ["B", "A", "C", "A", "B", "A", "C", "B"]:
            writer.add(
                AuditRecord(
                    actor_kind=AuditActorKind.ADMIN_TOKEN,
                    action="keyset-test",
                    entity_type=entity_type,
                    outcome=AuditOutcome.SUCCEEDED,
                    fields=[],
                )
            )
    return Reader(session, QueryEnv(today=date.today(), young_talent_max_age=35))


async def _everything(reader: Reader) -> list[tuple]:
    page = await fetch_keyset_page(reader, STATEMENT, ORDER, KeysetWindow())
    return [sort_values(ORDER, row) for row in page.rows]


@pytest.mark.parametrize("size", [1, 2, 3, 8])
async def test_pages_forward_cover_the_order_once(reader, size):
    everything = await _everything(reader)
    assert [t for t, _ in everything] == sorted(t for t, _ in everything)
    assert len(everything) == 8
    seen, after = [], None
    while True:
        page = await fetch_keyset_page(
            reader, STATEMENT, ORDER, KeysetWindow(first=size, after=after)
        )
        seen += [sort_values(ORDER, row) for row in page.rows]
        if not page.has_next:
            break
        after = seen[-1]
    assert seen == everything


@pytest.mark.parametrize("size", [1, 3, 5])
async def test_pages_backward_cover_the_order_once(reader, size):
    everything = await _everything(reader)
    seen, before = [], None
    while True:
        page = await fetch_keyset_page(
            reader, STATEMENT, ORDER, KeysetWindow(last=size, before=before)
        )
        seen = [sort_values(ORDER, row) for row in page.rows] + seen
        if not page.has_previous:
            break
        before = seen[0]
    assert seen == everything


async def test_a_page_between_two_cursors_holds_what_lies_between(reader):
    everything = await _everything(reader)
    page = await fetch_keyset_page(
        reader, STATEMENT, ORDER, KeysetWindow(after=everything[1], before=everything[6])
    )
    assert [sort_values(ORDER, row) for row in page.rows] == everything[2:6]
    assert (page.has_previous, page.has_next) == (True, True)
