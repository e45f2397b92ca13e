"""Root fields for the taxonomy of sectors and disciplines."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from sqlalchemy import ColumnElement, select

from hub.api.context import Info
from hub.api.pagination import Connection, QueryListing, connection
from hub.api.relations import find_one
from hub.api.search import searched_listing, unsearched_listing
from hub.api.sql_fields import LISTS_ALL, SQL_FIELD, FindsBy, ListsAll
from hub.core.filters import all_of
from hub.core.mapping import QueryEnv
from hub.disciplines.models import Discipline as DisciplineRow
from hub.disciplines.models import Sector as SectorRow
from hub.disciplines.types import Discipline, Sector


@strawberry.input(description="Narrows the list of disciplines; every given condition must hold.")
class DisciplineFilter:
    sectors: list[str] | None = strawberry.field(
        default=None, description="Only disciplines of the sectors with these slugs."
    )
    search: str | None = strawberry.field(
        default=None,
        description="A name in any language, or part of one, in any script; small typos "
        "are forgiven. The best matches come first.",
    )


def discipline_conditions(where: DisciplineFilter | None) -> tuple[ColumnElement[Any], ...]:
    if where is None:
        return ()
    in_sectors = select(SectorRow.id).where(SectorRow.slug.in_(where.sectors or []))
    return all_of(
        DisciplineRow.sector_id.in_(in_sectors) if where.sectors else None,
    )


def compiled_disciplines(
    filter: DisciplineFilter | None = None, *, env: QueryEnv
) -> QueryListing | None:
    """``disciplines`` as the compiled read path pages through it; a search is left to
    the resolver."""
    return unsearched_listing(Discipline, filter, discipline_conditions(filter))


@strawberry.type
class DisciplineQueries:
    @connection(Connection[Sector], "Sectors of the creative economy, by name.", LISTS_ALL)
    def sectors(self) -> QueryListing:
        return QueryListing(Sector)

    @strawberry.field(description="A sector by its slug.", metadata={SQL_FIELD: FindsBy("slug")})
    async def sector(
        self, info: Info, slug: Annotated[str, strawberry.argument(description="Its slug.")]
    ) -> Sector | None:
        return await find_one(info, Sector, SectorRow.slug == slug)

    @connection(
        Connection[Discipline],
        "Disciplines, by name unless searched.",
        {SQL_FIELD: ListsAll(compiled_disciplines)},
    )
    def disciplines(
        self,
        info: Info,
        filter: Annotated[
            DisciplineFilter | None, strawberry.argument(description="Which disciplines.")
        ] = None,
    ) -> QueryListing:
        conditions = discipline_conditions(filter)
        return searched_listing(info, Discipline, DisciplineRow.search_text, filter, conditions)

    @strawberry.field(
        description="A discipline by its slug.", metadata={SQL_FIELD: FindsBy("slug")}
    )
    async def discipline(
        self, info: Info, slug: Annotated[str, strawberry.argument(description="Its slug.")]
    ) -> Discipline | None:
        return await find_one(info, Discipline, DisciplineRow.slug == slug)
