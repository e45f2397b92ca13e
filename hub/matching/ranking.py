"""One page of a ranking: score in SQL, fetch only the page, explain its rows.

The statement orders by tier (whoever meets every requirement first), then by score,
highest first, then by a key read from the data (a creator's handle, an
organisation's slug, a role's project slug and title), so equal scores come in the
same order on both databases. Scores are compared to 1e-9 (``SCORE_BUCKET``): two
scores closer than that are a tie, and each match says whether it is tied with the
one before it. Only the page's rows leave the database, plus one after it (to know
whether another page follows) and, past the first page, the one before it (to know
whether the page's first match is tied with it); ``totalCount`` is counted only when
asked.

Ties are told apart in Python, over those rows, rather than by a window function over
the whole ranking: ``lag()`` made the database sort every candidate, where ``ORDER BY
... LIMIT`` alone lets it keep only the best few (a top-N sort).
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Generic

from sqlalchemy import RowMapping, Select, SQLColumnExpression

from hub.core.paging import Page, Window, count_of, fetch_page
from hub.core.portable import truncated
from hub.core.reader import Reader
from hub.matching.requirements import Requirement, meets_all
from hub.matching.scoring import SCORE, Reason, ViewT, Weighed, explain, score_columns

SCORE_BUCKET = 1e9
"""Scores are ordered and compared by their first nine decimals: closer ones are tied."""
TIER = "match_tier"
BUCKET = "match_bucket"


@dataclass(frozen=True)
class Ranked:
    """One fetched candidate with its score and the reasons for it."""

    row: RowMapping
    score: float
    reasons: list[Reason]
    meets_requirements: bool
    tied_with_previous: bool


@dataclass(frozen=True)
class Scored(Generic[ViewT]):
    """Candidates (hard rules applied), the weighed factors that score them, and the
    requirements that decide their tier."""

    candidates: Select[Any]
    weighed: Sequence[Weighed[Any, ViewT]]
    requirements: Sequence[Requirement] = ()
    minimum_score: float | None = None
    """Leave out whoever scores less (a caller's filter)."""

    @property
    def counted(self) -> Select[Any]:
        """The candidates ``totalCount`` counts: those the ranking shows."""
        if self.minimum_score is None:
            return self.candidates
        _, score = score_columns(self.weighed)
        return self.candidates.where(score >= self.minimum_score - 1e-9)

    def statement(self, keys: Sequence[SQLColumnExpression[Any]]) -> Select[Any]:
        columns, score = score_columns(self.weighed)
        tier = meets_all(self.requirements)
        bucket = truncated(score * SCORE_BUCKET)
        order = [tier.desc(), bucket.desc(), *(key.asc() for key in keys)]
        return self.counted.add_columns(
            *columns, score.label(SCORE), tier.label(TIER), bucket.label(BUCKET)
        ).order_by(*order)


@dataclass(frozen=True)
class Shortlist(Generic[ViewT]):
    """Some of the candidates, cheaper to rank, outside which nobody scores above ``ceiling``.

    When the shortlist fills the page with scores above the ceiling, nobody left out
    of it could have taken a place on the page, so the page is the right one.
    """

    scored: Scored[ViewT]
    ceiling: float
    outsiders_meet_requirements: bool = False
    """Whether those left out may meet every requirement (mentors outside the creator's
    disciplines do): then only a last row meeting them all and scoring above the
    ceiling settles the page."""


class Ranking(Generic[ViewT]):
    """Every candidate ranked, or a shortlist's ranking when it settles the page.

    The full ranking is a function: building a statement is not free, and when the
    shortlist settles the page it is only built if ``totalCount`` is asked for. So are
    the ``wider`` shortlists, tried in turn when the one before does not settle the page.
    """

    def __init__(
        self,
        everyone: Callable[[], Scored[ViewT]],
        keys: Sequence[SQLColumnExpression[Any]],
        shortlist: Shortlist[ViewT] | None = None,
        wider: Sequence[Callable[[], Shortlist[ViewT]]] = (),
    ) -> None:
        self._everyone = everyone
        self.keys = keys
        self.shortlist = shortlist
        self.wider = wider

    def _shortlists(self) -> Iterator[Shortlist[ViewT]]:
        if self.shortlist is not None:
            yield self.shortlist
        for build in self.wider:
            yield build()

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
        for shortlist in self._shortlists():
            short = await _fetch(reader, shortlist.scored.statement(self.keys), window)
            if _settles(short[1], window, shortlist):
                scored, (before, page) = shortlist.scored, short
                break
        if page is None:
            scored = self.everyone
            before, page = await _fetch(reader, scored.statement(self.keys), window)
        explained = []
        previous = before
        for row, view in zip(page.rows, await views(page.rows), strict=True):
            tied = previous is not None and _tied(previous, row)
            explained.append(
                Ranked(
                    row,
                    *explain(row, scored.weighed, view),
                    meets_requirements=bool(row[TIER]),
                    tied_with_previous=tied,
                )
            )
            previous = row
        return RankedPage(page, explained, _counter(reader, lambda: self.everyone.counted, page))


async def _fetch(
    reader: Reader, statement: Select[Any], window: Window
) -> tuple[RowMapping | None, Page]:
    """The window's page, and the row just before it (None on the first page).

    Past the first page, the row before it is read with it, in the same statement: the
    first match of a page says whether it is tied with the last match of the page before.
    (The ranking fields page forward only; any other window reads that row on its own.)
    """
    start = window.start
    if start == 0:
        return None, await fetch_page(reader, statement, window)
    if window.last is not None or window.before is not None:
        page = await fetch_page(reader, statement, window)
        if page.start == 0:
            return None, page
        rows = await reader.rows(statement.offset(page.start - 1).limit(1))
        return (rows[0] if rows else None), page
    wider = Window(
        first=None if window.first is None else window.first + 1,
        after=start - 2 if start > 1 else None,
    )
    page = await fetch_page(reader, statement, wider)
    if not page.rows:
        return None, Page([], start, True, False, None)
    return page.rows[0], Page(page.rows[1:], start, True, page.has_next, None)


def _tied(previous: RowMapping, row: RowMapping) -> bool:
    return bool(previous[TIER] == row[TIER] and previous[BUCKET] == row[BUCKET])


def _settles(page: Page, window: Window, shortlist: Shortlist[Any]) -> bool:
    """A shortlist's page is final: full, followed by more, and its last row out of reach
    of everyone left out (they meet no requirement set, unless the shortlist says they
    may, and score at most the ceiling)."""
    full = window.first is not None and len(page.rows) == window.first > 0
    if not (full and page.has_next):
        return False
    last = page.rows[-1]
    above = last[SCORE] > shortlist.ceiling + 1e-9
    if shortlist.outsiders_meet_requirements:
        return bool(last[TIER]) and above
    return bool(last[TIER]) or above


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
