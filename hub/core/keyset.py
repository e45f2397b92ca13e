"""Keyset pages: rows after (or before) a row's sort values, so inserts never shift a page.

An offset cursor ("the 40th row") points elsewhere once rows are added in front of it: a
reader paging through a growing list (the audit log, applications, ledger entries) sees
rows twice. A keyset cursor holds the sort values of its row, and the next page is the
rows that sort after them, wherever new rows landed. The order must end on a unique
column (the key), so that every row has one place.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, RowMapping, Select, and_, false, or_

from hub.core.reader import Reader

SortValue = int | str | float | bool | None


@dataclass(frozen=True)
class SortKey:
    """One term of a keyset order: a column, its name in the rows, and its direction."""

    name: str
    column: ColumnElement[Any]
    descending: bool = False


@dataclass(frozen=True)
class KeysetWindow:
    """A validated page request; cursors are already decoded into sort values."""

    first: int | None = None
    after: tuple[SortValue, ...] | None = None
    last: int | None = None
    before: tuple[SortValue, ...] | None = None


@dataclass(frozen=True)
class KeysetPage:
    rows: Sequence[RowMapping]
    has_previous: bool
    has_next: bool


def _beyond(order: Sequence[SortKey], values: Sequence[SortValue], *, forward: bool) -> Any:
    """Rows strictly after ``values`` in ``order`` (before them when not ``forward``).

    The row-value comparison spelled out term by term, since the terms' directions may
    differ: (a > x) or (a = x and b > y) or ...
    """
    if len(values) != len(order):
        return false()
    alternatives = []
    for index, key in enumerate(order):
        ties = [order[i].column == values[i] for i in range(index)]
        smaller = key.descending == forward
        step = key.column < values[index] if smaller else key.column > values[index]
        alternatives.append(and_(*ties, step))
    return or_(*alternatives)


def sort_values(order: Sequence[SortKey], row: RowMapping) -> tuple[SortValue, ...]:
    return tuple(row[key.name] for key in order)


async def fetch_keyset_page(
    reader: Reader, statement: Select[Any], order: Sequence[SortKey], window: KeysetWindow
) -> KeysetPage:
    """One page of ``statement`` in ``order``, one statement, one row read past the page."""
    if window.after is not None:
        statement = statement.where(_beyond(order, window.after, forward=True))
    if window.before is not None:
        statement = statement.where(_beyond(order, window.before, forward=False))
    forwards = [key.column.desc() if key.descending else key.column.asc() for key in order]
    backwards = [key.column.asc() if key.descending else key.column.desc() for key in order]
    if window.last is not None:
        rows = list(await reader.rows(statement.order_by(*backwards).limit(window.last + 1)))
        page = rows[: window.last]
        page.reverse()
        return KeysetPage(page, len(rows) > window.last, window.before is not None)
    if window.first is not None:
        rows = list(await reader.rows(statement.order_by(*forwards).limit(window.first + 1)))
        has_next = len(rows) > window.first or window.before is not None
        return KeysetPage(rows[: window.first], window.after is not None, has_next)
    rows = list(await reader.rows(statement.order_by(*forwards)))
    return KeysetPage(rows, window.after is not None, window.before is not None)
