"""Root fields for creators."""

from __future__ import annotations

import enum
from collections.abc import Collection
from typing import Annotated, Any

import strawberry
from sqlalchemy import ColumnElement, exists, func, select

from hub.api.context import Info
from hub.api.errors import HubError, RequestErrorCode
from hub.api.pagination import Connection, QueryListing, connection
from hub.api.relations import find_one
from hub.api.scalars import CountryCode, LanguageCode, OrderDirection
from hub.api.search import searched_listing, unsearched_listing
from hub.api.sql_fields import SQL_FIELD, FindsBy, ListsAll
from hub.core.filters import all_of
from hub.core.mapping import QueryEnv
from hub.countries.regions import canonical_code
from hub.creators.mapping import CREATOR
from hub.creators.models import Creator as CreatorRow
from hub.creators.models import CreatorDiscipline, CreatorLanguage
from hub.creators.types import Creator
from hub.disciplines.mapping import discipline_ids_matching


@strawberry.enum(description="What creators can be sorted by.")
class CreatorOrderField(enum.Enum):
    HANDLE = strawberry.enum_value("HANDLE", description="By handle, the name in their URL.")
    DISPLAY_NAME = strawberry.enum_value("DISPLAY_NAME", description="By the name they show.")
    BIRTH_YEAR = strawberry.enum_value(
        "BIRTH_YEAR", description="Staff only: the order would reveal private birth years."
    )
    CREATED_AT = strawberry.enum_value("CREATED_AT", description="By when they joined the hub.")


@strawberry.input(description="How to sort creators.")
class CreatorOrder:
    field: CreatorOrderField = strawberry.field(description="What to sort by.")
    direction: OrderDirection = strawberry.field(
        default=OrderDirection.ASC, description="Which way."
    )


@strawberry.input(description="Narrows the list of creators; every given condition must hold.")
class CreatorFilter:
    countries: list[CountryCode] | None = strawberry.field(
        default=None, description="Based in one of these countries."
    )
    regions: list[str] | None = strawberry.field(
        default=None,
        description="Based in one of these regions: ISO 3166-2 codes of first-level "
        "subdivisions, such as `KZ-75` (any case).",
    )
    disciplines: list[str] | None = strawberry.field(
        default=None,
        description="Practise one of these disciplines (slugs); a sector's slug stands for "
        "all of its disciplines.",
    )
    languages: list[LanguageCode] | None = strawberry.field(
        default=None, description="Speak every one of these languages."
    )
    young_talent: bool | None = strawberry.field(
        default=None, description="Young talents only (true) or everyone else (false)."
    )
    open_to_collaboration: bool | None = strawberry.field(
        default=None, description="Open to collaboration, or not."
    )
    is_mentor: bool | None = strawberry.field(default=None, description="Mentors, or not.")
    search: str | None = strawberry.field(
        default=None,
        description="A name, handle or city, or part of one, in any script: Cyrillic and "
        "Latin spellings find each other (`almaty` finds `Алматы`) and small typos are "
        "forgiven. Without `orderBy`, the best matches come first.",
    )


def _speaks_all(languages: Collection[str]) -> ColumnElement[Any]:
    wanted = set(languages)
    spoken = (
        select(func.count(CreatorLanguage.language))
        .where(CreatorLanguage.creator_id == CreatorRow.id)
        .where(CreatorLanguage.language.in_(wanted))
        .scalar_subquery()
    )
    return spoken == len(wanted)


def creator_conditions(
    where: CreatorFilter | None, env: QueryEnv
) -> tuple[ColumnElement[Any], ...]:
    if where is None:
        return ()
    practises = exists().where(
        CreatorDiscipline.creator_id == CreatorRow.id,
        CreatorDiscipline.discipline_id.in_(discipline_ids_matching(where.disciplines or [])),
    )
    young = CREATOR.expression("is_young_talent", env)
    return all_of(
        CreatorRow.country_code.in_(where.countries) if where.countries else None,
        CreatorRow.region_code.in_([canonical_code(code) for code in where.regions])
        if where.regions
        else None,
        practises if where.disciplines else None,
        _speaks_all(where.languages) if where.languages else None,
        None if where.young_talent is None else (young if where.young_talent else ~young),
        None
        if where.open_to_collaboration is None
        else CreatorRow.open_to_collaboration == where.open_to_collaboration,
        None if where.is_mentor is None else CreatorRow.is_mentor == where.is_mentor,
    )


def compiled_creators(
    filter: CreatorFilter | None = None, order_by: CreatorOrder | None = None, *, env: QueryEnv
) -> QueryListing | None:
    """``creators`` as the compiled read path pages through it; the staff-only order and a
    search are left to the resolver."""
    if order_by is not None and order_by.field is CreatorOrderField.BIRTH_YEAR:
        return None
    return unsearched_listing(Creator, filter, creator_conditions(filter, env), order_by)


@strawberry.type
class CreatorQueries:
    @connection(
        Connection[Creator],
        "Creators, by display name unless sorted or searched.",
        {SQL_FIELD: ListsAll(compiled_creators)},
    )
    def creators(
        self,
        info: Info,
        filter: Annotated[
            CreatorFilter | None, strawberry.argument(description="Which creators.")
        ] = None,
        order_by: Annotated[
            CreatorOrder | None, strawberry.argument(description="Their order.")
        ] = None,
    ) -> QueryListing:
        by_birth_year = order_by is not None and order_by.field is CreatorOrderField.BIRTH_YEAR
        if by_birth_year and not info.context.principal.is_staff:
            raise HubError(
                "Only staff may sort creators by birth year: it would reveal private birth "
                "years. Filter on `youngTalent` instead.",
                RequestErrorCode.FORBIDDEN,
            )
        conditions = creator_conditions(filter, info.context.reader.env)
        document = CreatorRow.search_text
        return searched_listing(info, Creator, document, filter, conditions, order_by)

    @strawberry.field(description="A creator by handle.", metadata={SQL_FIELD: FindsBy("handle")})
    async def creator(
        self, info: Info, handle: Annotated[str, strawberry.argument(description="Their handle.")]
    ) -> Creator | None:
        return await find_one(info, Creator, CreatorRow.handle == handle)
