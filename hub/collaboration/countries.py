"""Joint projects between pairs of countries: the cultural-diplomacy picture, in SQL.

A project joins two countries when it has participants (creators or organisations)
from both; its countries are the ones ``hub.projects.links`` defines. Only
collaborative projects count (see ``hub.collaboration.pairs``).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select

from hub.collaboration.pairs import is_collaborative
from hub.core.mapping import ToMany
from hub.core.paging import Page, Window, fetch_related_pages
from hub.core.reader import Reader
from hub.disciplines.mapping import discipline_ids_matching
from hub.projects.links import project_countries
from hub.projects.mapping import PROJECT
from hub.projects.models import Project, ProjectDiscipline

PAIR_SEPARATOR = ":"


def pair_key(first: str, second: str) -> str:
    """One value naming a pair of countries; ``pair_projects_relation`` builds it in SQL."""
    return f"{first}{PAIR_SEPARATOR}{second}"


@dataclass(frozen=True)
class ProjectScope:
    """Which projects count: active in a range of years, in a sector or discipline.

    Active means started on or before 31 December of ``to_year`` and not ended before
    1 January of ``from_year``; no end date means it has not ended. A project without a
    start date has not started, so it counts only when no ``to_year`` is given.
    """

    from_year: int | None = None
    to_year: int | None = None
    sector: str | None = None

    def conditions(self) -> list[ColumnElement[Any]]:
        conditions = [is_collaborative()]
        if self.to_year is not None:
            conditions.append(Project.start_date <= date(self.to_year, 12, 31))
        if self.from_year is not None:
            conditions.append(
                or_(Project.end_date.is_(None), Project.end_date >= date(self.from_year, 1, 1))
            )
        if self.sector is not None:
            in_sector = select(ProjectDiscipline.project_id).where(
                ProjectDiscipline.discipline_id.in_(discipline_ids_matching([self.sector]))
            )
            conditions.append(Project.id.in_(in_sector))
        return conditions


class CountryPairs:
    """Projects in scope with two of their countries, the first before the second by code.

    The countries of the projects in scope are worked out once (a common table
    expression) and joined to themselves.
    """

    def __init__(self, scope: ProjectScope) -> None:
        countries = project_countries()
        in_scope = select(Project.id).where(*scope.conditions())
        link = (
            select(countries.c.project_id, countries.c.country_code)
            .where(countries.c.project_id.in_(in_scope))
            .cte("project_country_in_scope")
        )
        self.first = link.alias("first_country")
        self.second = link.alias("second_country")

    def select(self, *columns: Any) -> Select[Any]:
        first, second = self.first.c, self.second.c
        return (
            select(*columns)
            .select_from(self.first)
            .join(
                self.second,
                and_(
                    second.project_id == first.project_id,
                    first.country_code < second.country_code,
                ),
            )
        )


def pair_counts(scope: ProjectScope) -> Select[Any]:
    """``(first, second, project_count)`` for every pair, most joint projects first."""
    pairs = CountryPairs(scope)
    first, second = pairs.first.c.country_code, pairs.second.c.country_code
    count = func.count().label("project_count")
    return (
        pairs.select(first.label("first"), second.label("second"), count)
        .group_by(first, second)
        .order_by(count.desc(), first, second)
    )


def pair_projects_relation(scope: ProjectScope) -> ToMany:
    """The projects behind each pair, as a relation keyed by ``pair_key``, for paging."""

    def link() -> Select[Any]:
        pairs = CountryPairs(scope)
        first, second = pairs.first.c, pairs.second.c
        key = first.country_code + PAIR_SEPARATOR + second.country_code
        return pairs.select(key.label("parent"), first.project_id.label("child"))

    return ToMany(lambda: PROJECT, through=link)


@dataclass
class PairProjects:
    """Pages of projects for every pair of one answer, fetched together per page request.

    Shared by all the pairs one ``countryCollaboration`` returned, so asking each pair
    for its projects costs one statement per distinct page request, not one per pair.
    """

    relation: ToMany
    pairs: list[str]
    _pages: dict[Window, asyncio.Future[dict[Any, Page]]] = field(default_factory=dict)

    async def page(self, reader: Reader, pair: str, window: Window) -> Page:
        pages = self._pages.get(window)
        if pages is None:
            pages = asyncio.ensure_future(
                fetch_related_pages(reader, self.relation, self.pairs, window)
            )
            self._pages[window] = pages
        return (await pages)[pair]
