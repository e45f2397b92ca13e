"""Pages of rows in SQL: one page of a query, or one page per parent in one statement."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Boolean,
    ColumnElement,
    RowMapping,
    and_,
    func,
    or_,
    select,
    type_coerce,
)

from hub.core.mapping import AnySelect, Entity, ToMany, as_expression
from hub.core.reader import Reader

# Bookkeeping columns added to related rows; prefixed so no mapped field can clash.
PARENT, ROW, TOTAL, IN_PAGE = "hub_parent", "hub_row", "hub_total", "hub_in_page"


@dataclass(frozen=True)
class Window:
    """A validated page request; cursors are already decoded into row offsets."""

    first: int | None = None
    after: int | None = None
    last: int | None = None
    before: int | None = None

    @property
    def start(self) -> int:
        return self.after + 1 if self.after is not None else 0

    def bounds(self, total: int) -> tuple[int, int]:
        """The half-open range ``[start, end)`` of row offsets this window selects."""
        start = self.start
        end = total if self.before is None else min(self.before, total)
        if self.first is not None:
            end = min(end, start + self.first)
        if self.last is not None:
            start = max(start, end - self.last)
        return min(start, end), end

    @property
    def needs_total(self) -> bool:
        """``last`` counted from the end of the list needs the list's length first."""
        return self.last is not None and self.before is None


@dataclass(frozen=True)
class Page:
    rows: Sequence[RowMapping]
    start: int
    has_previous: bool
    has_next: bool
    total: int | None


def count_of(statement: AnySelect) -> AnySelect:
    return select(func.count()).select_from(statement.order_by(None).subquery())


async def fetch_page(reader: Reader, statement: AnySelect, window: Window) -> Page:
    """One page of an ordered query: one statement, two when counting from the end."""
    if window.needs_total:
        total = int(await reader.scalar(count_of(statement)))
        start, end = window.bounds(total)
        rows = await reader.rows(statement.offset(start).limit(end - start)) if end > start else []
        return Page(rows, start, start > 0, end < total, total)

    start = window.start
    stop = window.before
    if window.first is not None:
        stop = start + window.first if stop is None else min(stop, start + window.first)
    if stop is not None and window.last is not None:
        start = max(start, stop - window.last)
    if stop is None:
        rows = await reader.rows(statement.offset(start))
        return Page(rows, start, start > 0, False, start + len(rows))
    stop = max(start, stop)
    # One row past the page tells whether there is a next page without counting.
    rows = await reader.rows(statement.offset(start).limit(stop - start + 1))
    return Page(rows[: stop - start], start, start > 0, len(rows) > stop - start, None)


def _row_conditions(
    row: ColumnElement[Any], total: ColumnElement[Any], window: Window
) -> list[ColumnElement[Any]]:
    """SQL that keeps exactly the rows ``Window.bounds`` selects, per partition."""
    conditions = [row > window.start]
    if window.before is not None:
        conditions.append(row <= window.before)
    if window.first is not None:
        conditions.append(row <= window.start + window.first)
    if window.last is not None:
        from_end = row > total - window.last
        if window.before is None:
            conditions.append(from_end)
        else:
            conditions.append(or_(row > window.before - window.last, from_end))
    return conditions


def related_statement(
    relation: ToMany, reader: Reader, parents: Iterable[Hashable], window: Window
) -> AnySelect:
    """Pages of ``relation`` for many parents as one statement, using window functions."""
    target: Entity[Any] = relation.target
    statement = target.select(reader.env)
    parent: ColumnElement[Any]
    if relation.through is not None:
        link = relation.through().subquery()
        parent = link.c.parent
        statement = statement.join(link, link.c.child == target.key)
    else:
        assert relation.parent is not None
        parent = as_expression(relation.parent)
    if relation.condition is not None:
        statement = statement.where(relation.condition())
    numbered = (
        statement.add_columns(
            parent.label(PARENT),
            func.row_number().over(partition_by=parent, order_by=target.order_by()).label(ROW),
            func.count().over(partition_by=parent).label(TOTAL),
        )
        .where(parent.in_(list(parents)))
        .subquery()
    )
    in_page = and_(*_row_conditions(numbered.c[ROW], numbered.c[TOTAL], window))
    # Each parent's first row comes back even outside the window, so every total is known.
    return (
        select(numbered, type_coerce(in_page, Boolean).label(IN_PAGE))
        .where(or_(in_page, numbered.c[ROW] == 1))
        .order_by(numbered.c[PARENT], numbered.c[ROW])
    )


async def fetch_related_pages(
    reader: Reader, relation: ToMany, parents: Sequence[Hashable], window: Window
) -> dict[Hashable, Page]:
    rows_by_parent: dict[Hashable, list[RowMapping]] = {parent: [] for parent in parents}
    totals: dict[Hashable, int] = {}
    for row in await reader.rows(related_statement(relation, reader, parents, window)):
        totals[row[PARENT]] = row[TOTAL]
        if row[IN_PAGE]:
            rows_by_parent[row[PARENT]].append(row)
    pages: dict[Hashable, Page] = {}
    for parent, rows in rows_by_parent.items():
        total = totals.get(parent, 0)
        start, end = window.bounds(total)
        pages[parent] = Page(rows, start, start > 0, end < total, total)
    return pages
