"""One page of a ranking: score in SQL, fetch only the page, explain its rows.

The statement orders by score, highest first, then by the candidate's key, so equal
scores always come in the same order. Only the page's rows (plus one, to know whether
another page follows) leave the database; ``totalCount`` is counted only when asked.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic

from sqlalchemy import RowMapping, Select

from hub.core.paging import Page, Window, count_of, fetch_page
from hub.core.reader import Reader
from hub.matching.scoring import SCORE, Expr, Reason, ViewT, Weighed, explain, score_columns


@dataclass(frozen=True)
class Ranked:
    """One fetched candidate with its score and the reasons for it."""

    row: RowMapping
    score: float
    reasons: list[Reason]


@dataclass(frozen=True)
class Ranking(Generic[ViewT]):
    """Candidates (hard rules applied) and the weighed factors that order them."""

    candidates: Select[Any]
    key: Expr
    weighed: Sequence[Weighed[Any, ViewT]]

    def statement(self) -> Select[Any]:
        columns, score = score_columns(self.weighed)
        labelled = score.label(SCORE)
        return self.candidates.add_columns(*columns, labelled).order_by(
            labelled.desc(), self.key.asc()
        )

    async def page(
        self,
        reader: Reader,
        window: Window,
        views: Callable[[Sequence[RowMapping]], Awaitable[Sequence[ViewT]]],
    ) -> RankedPage:
        page = await fetch_page(reader, self.statement(), window)
        explained = [
            Ranked(row, *explain(row, self.weighed, view))
            for row, view in zip(page.rows, await views(page.rows), strict=True)
        ]
        return RankedPage(page, explained, _counter(reader, self.candidates, page))


@dataclass(frozen=True)
class RankedPage:
    page: Page
    matches: list[Ranked]
    count_total: Callable[[], Awaitable[int]]


def _counter(reader: Reader, candidates: Select[Any], page: Page) -> Callable[[], Awaitable[int]]:
    counted: list[int] = [] if page.total is None else [page.total]

    async def count_total() -> int:
        if not counted:
            counted.append(int(await reader.scalar(count_of(candidates))))
        return counted[0]

    return count_total
