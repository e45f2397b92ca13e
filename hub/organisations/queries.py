"""Root fields for organisations."""

from __future__ import annotations

import enum
from typing import Annotated, Any

import strawberry
from sqlalchemy import ColumnElement, exists

from hub.api.context import Info
from hub.api.pagination import Connection, QueryListing, connection
from hub.api.relations import find_one
from hub.api.scalars import CountryCode, OrderDirection
from hub.api.search import searched_listing, unsearched_listing
from hub.api.sql_fields import SQL_FIELD, FindsBy, ListsAll
from hub.core.filters import all_of
from hub.core.mapping import QueryEnv
from hub.countries.regions import canonical_code
from hub.disciplines.mapping import discipline_ids_matching
from hub.organisations.enums import OrganisationKind
from hub.organisations.mapping import ORGANISATION
from hub.organisations.models import Organisation as OrganisationRow
from hub.organisations.models import OrganisationDiscipline
from hub.organisations.types import Organisation


@strawberry.enum(description="What organisations can be sorted by.")
class OrganisationOrderField(enum.Enum):
    SLUG = strawberry.enum_value("SLUG", description="By slug, the name in its URL.")
    NAME = strawberry.enum_value("NAME", description="By name.")
    FOUNDED_YEAR = strawberry.enum_value("FOUNDED_YEAR", description="By the year it was founded.")
    CREATED_AT = strawberry.enum_value("CREATED_AT", description="By when it was added to the hub.")


@strawberry.input(description="How to sort organisations.")
class OrganisationOrder:
    field: OrganisationOrderField = strawberry.field(description="What to sort by.")
    direction: OrderDirection = strawberry.field(
        default=OrderDirection.ASC, description="Which way."
    )


@strawberry.input(description="Narrows the list of organisations; every given condition must hold.")
class OrganisationFilter:
    countries: list[CountryCode] | None = strawberry.field(
        default=None, description="Based in one of these countries."
    )
    regions: list[str] | None = strawberry.field(
        default=None,
        description="Based in one of these regions: ISO 3166-2 codes of first-level "
        "subdivisions, such as `KZ-75` (any case).",
    )
    kinds: list[OrganisationKind] | None = strawberry.field(
        default=None, description="Of one of these kinds."
    )
    disciplines: list[str] | None = strawberry.field(
        default=None,
        description="Working in one of these disciplines (slugs); a sector's slug stands for "
        "all of its disciplines.",
    )
    is_association_member: bool | None = strawberry.field(
        default=None, description="Members of the Association, or not."
    )
    search: str | None = strawberry.field(
        default=None,
        description="A name in any language or a city, or part of one, in any script: "
        "Cyrillic and Latin spellings find each other and small typos are forgiven. "
        "Without `orderBy`, the best matches come first.",
    )


def organisation_conditions(
    where: OrganisationFilter | None, env: QueryEnv
) -> tuple[ColumnElement[Any], ...]:
    if where is None:
        return ()
    works_in = exists().where(
        OrganisationDiscipline.organisation_id == OrganisationRow.id,
        OrganisationDiscipline.discipline_id.in_(discipline_ids_matching(where.disciplines or [])),
    )
    member = ORGANISATION.expression("is_association_member", env)
    return all_of(
        OrganisationRow.country_code.in_(where.countries) if where.countries else None,
        OrganisationRow.region_code.in_([canonical_code(code) for code in where.regions])
        if where.regions
        else None,
        OrganisationRow.kind.in_(where.kinds) if where.kinds else None,
        works_in if where.disciplines else None,
        None
        if where.is_association_member is None
        else (member if where.is_association_member else ~member),
    )


def compiled_organisations(
    filter: OrganisationFilter | None = None,
    order_by: OrganisationOrder | None = None,
    *,
    env: QueryEnv,
) -> QueryListing | None:
    """``organisations`` as the compiled read path pages through it; a search is left to
    the resolver."""
    conditions = organisation_conditions(filter, env)
    return unsearched_listing(Organisation, filter, conditions, order_by)


@strawberry.type
class OrganisationQueries:
    @connection(
        Connection[Organisation],
        "Organisations, by name unless sorted or searched.",
        {SQL_FIELD: ListsAll(compiled_organisations)},
    )
    def organisations(
        self,
        info: Info,
        filter: Annotated[
            OrganisationFilter | None, strawberry.argument(description="Which organisations.")
        ] = None,
        order_by: Annotated[
            OrganisationOrder | None, strawberry.argument(description="Their order.")
        ] = None,
    ) -> QueryListing:
        conditions = organisation_conditions(filter, info.context.reader.env)
        document = OrganisationRow.search_text
        return searched_listing(info, Organisation, document, filter, conditions, order_by)

    @strawberry.field(description="An organisation by slug.", metadata={SQL_FIELD: FindsBy("slug")})
    async def organisation(
        self, info: Info, slug: Annotated[str, strawberry.argument(description="Its slug.")]
    ) -> Organisation | None:
        return await find_one(info, Organisation, OrganisationRow.slug == slug)
