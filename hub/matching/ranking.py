"""One page of a ranking: score in SQL, fetch only the page, explain its rows.

The statement orders by score, highest first, then by the candidate's key, so equal
scores always come in the same order. Only the page's rows (plus one, to know whether
another page follows) leave the database; ``totalCount`` is counted only when asked.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic

from sqlalchemy import RowMapping, Select, SQLColumnExpression

from hub.core.paging import Page, Window, count_of, fetch_page
from hub.core.reader import Reader
from hub.matching.scoring import SCORE, Reason, ViewT, Weighed, explain, score_columns


@dataclass(frozen=True)
class Ranked:
    """One fetched candidate with its score and the reasons for it."""

    row: RowMapping
    score: float
    reasons: list[Reason]


@dataclass(frozen=True)
class Scored(Generic[ViewT]):
    """Candidates (hard rules applied) and the weighed factors that score them."""

    candidates: Select[Any]
    weighed: Sequence[Weighed[Any, ViewT]]

    def statement(self, key: SQLColumnExpression[Any]) -> Select[Any]:
        columns, score = score_columns(self.weighed)
        labelled = score.label(SCORE)
        return self.candidates.add_columns(*columns, labelled).order_by(labelled.desc(), key.asc())


@dataclass(frozen=True)
class Shortlist(Generic[ViewT]):
    """Some of the candidates, cheaper to rank, outside which nobody scores above ``ceiling``.

    When the shortlist fills the page with scores above the ceiling, nobody left out
    of it could have taken a place on the page, so the page is the right one.
    """

    scored: Scored[ViewT]
    ceiling: float


class Ranking(Generic[ViewT]):
    """Every candidate ranked, or a shortlist's ranking when it settles the page.

    The full ranking is a function: building a statement is not free, and when the
    shortlist settles the page it is only built if ``totalCount`` is asked for.
    """

    def __init__(
        self,
        everyone: Callable[[], Scored[ViewT]],
        key: SQLColumnExpression[Any],
        shortlist: Shortlist[ViewT] | None = None,
    ) -> None:
        self._everyone = everyone
        self.key = key
        self.shortlist = shortlist

    @functools.cached_property
    def everyone(self) -> Scored[ViewT]:
        return self._everyone()

    async def page(
        self,
        reader: Reader,
        window: Window,
        views: Callable[[Sequence[RowMapping]], Awaitable[Sequence[ViewT]]],
    ) -> RankedPage:
        page = None
        if self.shortlist is not None:
            short = await fetch_page(reader, self.shortlist.scored.statement(self.key), window)
            if _settles(short, window, self.shortlist.ceiling):
                scored, page = self.shortlist.scored, short
        if page is None:
            scored = self.everyone
            page = await fetch_page(reader, scored.statement(self.key), window)
        explained = [
            Ranked(row, *explain(row, scored.weighed, view))
            for row, view in zip(page.rows, await views(page.rows), strict=True)
        ]
        return RankedPage(page, explained, _counter(reader, lambda: self.everyone.candidates, page))


def _settles(page: Page, window: Window, ceiling: float) -> bool:
    """A shortlist's page is final: full, followed by more, and its last score above the ceiling."""
    full = window.first is not None and len(page.rows) == window.first > 0
    return full and page.has_next and page.rows[-1][SCORE] > ceiling + 1e-9


@dataclass(frozen=True)
class RankedPage:
    page: Page
    matches: list[Ranked]
    count_total: Callable[[], Awaitable[int]]


def _counter(
    reader: Reader, candidates: Callable[[], Select[Any]], page: Page
) -> Callable[[], Awaitable[int]]:
    counted: list[int] = [] if page.total is None else [page.total]

    async def count_total() -> int:
        if not counted:
            counted.append(int(await reader.scalar(count_of(candidates()))))
        return counted[0]

    return count_total
