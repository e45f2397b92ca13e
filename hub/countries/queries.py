"""Root fields for countries."""

from __future__ import annotations

import enum
from typing import Annotated, Any

import strawberry
from sqlalchemy import ColumnElement

from hub.api.context import Info
from hub.api.pagination import Connection, QueryListing, connection
from hub.api.relations import find_one
from hub.api.scalars import CountryCode, OrderDirection
from hub.api.search import searched_listing, unsearched_listing
from hub.api.sql_fields import SQL_FIELD, FindsBy, ListsAll
from hub.core.filters import all_of
from hub.core.mapping import QueryEnv
from hub.countries.enums import CisStatus
from hub.countries.models import Country as CountryRow
from hub.countries.types import Country


@strawberry.enum(description="What countries can be sorted by.")
class CountryOrderField(enum.Enum):
    CODE = strawberry.enum_value("CODE", description="By ISO 3166-1 alpha-2 code.")
    NAME = strawberry.enum_value("NAME", description="By name.")


@strawberry.input(description="How to sort countries.")
class CountryOrder:
    field: CountryOrderField = strawberry.field(description="What to sort by.")
    direction: OrderDirection = strawberry.field(
        default=OrderDirection.ASC, description="Which way."
    )


@strawberry.input(description="Narrows the list of countries; every given condition must hold.")
class CountryFilter:
    cis_statuses: list[CisStatus] | None = strawberry.field(
        default=None, description="Only countries with one of these CIS statuses."
    )
    search: str | None = strawberry.field(
        default=None,
        description="A name in any language, or part of one, in any script; small typos "
        "are forgiven. Without `orderBy`, the best matches come first.",
    )


def country_conditions(where: CountryFilter | None) -> tuple[ColumnElement[Any], ...]:
    if where is None:
        return ()
    return all_of(
        CountryRow.cis_status.in_(where.cis_statuses) if where.cis_statuses else None,
    )


def compiled_countries(
    filter: CountryFilter | None = None, order_by: CountryOrder | None = None, *, env: QueryEnv
) -> QueryListing | None:
    """``countries`` as the compiled read path pages through it; a search is left to the
    resolver."""
    return unsearched_listing(Country, filter, country_conditions(filter), order_by)


@strawberry.type
class CountryQueries:
    @connection(
        Connection[Country],
        "Countries, by name unless sorted or searched.",
        {SQL_FIELD: ListsAll(compiled_countries)},
    )
    def countries(
        self,
        info: Info,
        filter: Annotated[
            CountryFilter | None, strawberry.argument(description="Which countries.")
        ] = None,
        order_by: Annotated[
            CountryOrder | None, strawberry.argument(description="Their order.")
        ] = None,
    ) -> QueryListing:
        conditions = country_conditions(filter)
        document = CountryRow.search_text
        return searched_listing(info, Country, document, filter, conditions, order_by)

    @strawberry.field(
        description="A country by its ISO 3166-1 alpha-2 code.",
        metadata={SQL_FIELD: FindsBy("code")},
    )
    async def country(
        self,
        info: Info,
        code: Annotated[CountryCode, strawberry.argument(description="ISO 3166-1 alpha-2 code.")],
    ) -> Country | None:
        return await find_one(info, Country, CountryRow.code == code)
