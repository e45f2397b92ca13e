"""Root fields for programmes and the caller's own applications."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any

import strawberry
from sqlalchemy import ColumnElement, and_, exists, func, or_
from strawberry import relay

from hub.api.context import Info
from hub.api.global_ids import argument_key
from hub.api.pagination import Connection, QueryListing, connection, ordering
from hub.api.relations import find_one
from hub.api.scalars import CountryCode, OrderDirection
from hub.core.columns import utcnow
from hub.core.filters import all_of
from hub.core.paging import Window
from hub.disciplines.mapping import discipline_ids_matching
from hub.talent.access import own_creator_ids, visible_programmes
from hub.talent.eligibility import eligible_programmes, load_applicant
from hub.talent.enums import ApplicationStatus, ProgrammeFormat, ProgrammeKind, ProgrammeStatus
from hub.talent.models import Programme as ProgrammeRow
from hub.talent.models import ProgrammeApplication as ApplicationRow
from hub.talent.models import ProgrammeDiscipline
from hub.talent.types import Programme, ProgrammeApplication, check_sees_applications


@strawberry.enum(description="What programmes can be sorted by.")
class ProgrammeOrderField(enum.Enum):
    TITLE = strawberry.enum_value("TITLE", description="By title.")
    SLUG = strawberry.enum_value("SLUG", description="By slug.")
    APPLICATIONS_CLOSE_AT = strawberry.enum_value(
        "APPLICATIONS_CLOSE_AT", description="By when applications close."
    )
    CREATED_AT = strawberry.enum_value("CREATED_AT", description="By when it was added.")


@strawberry.input(description="How to sort programmes.")
class ProgrammeOrder:
    field: ProgrammeOrderField = strawberry.field(description="What to sort by.")
    direction: OrderDirection = strawberry.field(
        default=OrderDirection.ASC, description="Which way."
    )


@strawberry.input(description="Narrows the list of programmes; every given condition must hold.")
class ProgrammeFilter:
    hosts: list[relay.GlobalID] | None = strawberry.field(
        default=None, description="Hosted by one of these organisations."
    )
    disciplines: list[str] | None = strawberry.field(
        default=None,
        description="Teaching one of these disciplines (slugs); a sector's slug stands for "
        "all of its disciplines.",
    )
    countries: list[CountryCode] | None = strawberry.field(
        default=None, description="Taking place in one of these countries."
    )
    regions: list[str] | None = strawberry.field(
        default=None, description="Taking place in one of these regions (ISO 3166-2 codes)."
    )
    city: str | None = strawberry.field(
        default=None, description="Taking place in this city (any letter case)."
    )
    formats: list[ProgrammeFormat] | None = strawberry.field(
        default=None, description="In one of these formats."
    )
    kinds: list[ProgrammeKind] | None = strawberry.field(
        default=None, description="Of one of these kinds."
    )
    statuses: list[ProgrammeStatus] | None = strawberry.field(
        default=None, description="In one of these statuses."
    )
    open_for_applications: bool | None = strawberry.field(
        default=None,
        description="OPEN and within the application window now (true), or not (false).",
    )
    eligible_for: relay.GlobalID | None = strawberry.field(
        default=None,
        description="A creator's ID: only programmes whose age range, countries, regions and "
        "prerequisites admit them.",
    )
    has_free_seats: bool | None = strawberry.field(
        default=None, description="With a seat not yet taken (true), or full (false)."
    )


def open_for_applications(now: datetime) -> ColumnElement[bool]:
    return and_(
        ProgrammeRow.status == ProgrammeStatus.OPEN,
        or_(ProgrammeRow.applications_open_at.is_(None), ProgrammeRow.applications_open_at <= now),
        or_(ProgrammeRow.applications_close_at.is_(None), ProgrammeRow.applications_close_at > now),
    )


async def programme_conditions(
    info: Info, where: ProgrammeFilter | None
) -> tuple[ColumnElement[Any], ...]:
    if where is None:
        return ()
    eligible = None
    if where.eligible_for is not None:
        creator = argument_key(where.eligible_for, "Creator", "eligibleFor")
        applicant = await info.context.reader.run(lambda s: load_applicant(s, creator))
        year = info.context.reader.env.today.year
        eligible = (
            eligible_programmes(applicant, year) if applicant is not None else ProgrammeRow.id < 0
        )
    is_open = open_for_applications(utcnow())
    has_free = ProgrammeRow.seats_taken < ProgrammeRow.capacity
    teaches = exists().where(
        ProgrammeDiscipline.programme_id == ProgrammeRow.id,
        ProgrammeDiscipline.discipline_id.in_(discipline_ids_matching(where.disciplines or [])),
    )
    hosts = [argument_key(host, "Organisation", "hosts") for host in where.hosts or []]
    return all_of(
        ProgrammeRow.host_organisation_id.in_(hosts) if where.hosts else None,
        teaches if where.disciplines else None,
        ProgrammeRow.country_code.in_(where.countries) if where.countries else None,
        ProgrammeRow.region_code.in_([code.strip().upper() for code in where.regions])
        if where.regions
        else None,
        func.lower(ProgrammeRow.city) == where.city.strip().lower() if where.city else None,
        ProgrammeRow.format.in_(where.formats) if where.formats else None,
        ProgrammeRow.kind.in_(where.kinds) if where.kinds else None,
        ProgrammeRow.status.in_(where.statuses) if where.statuses else None,
        None
        if where.open_for_applications is None
        else (is_open if where.open_for_applications else ~is_open),
        eligible,
        None if where.has_free_seats is None else (has_free if where.has_free_seats else ~has_free),
    )


@dataclass(frozen=True)
class ProgrammeListing:
    """Programmes matching a filter, whose conditions may need a lookup first (the
    applicant of ``eligibleFor``)."""

    where: ProgrammeFilter | None
    order: tuple[tuple[str, bool], ...]

    async def connection(self, info: Info, window: Window) -> Connection[Any]:
        conditions = await programme_conditions(info, self.where)
        visible = visible_programmes(info.context.principal)
        listing = QueryListing(Programme, (visible, *conditions), self.order)
        return await listing.connection(info, window)


@strawberry.input(description="Narrows the caller's applications.")
class ApplicationFilter:
    statuses: list[ApplicationStatus] | None = strawberry.field(
        default=None, description="In one of these statuses."
    )


@dataclass(frozen=True)
class ApplicationsOfProgramme:
    """One programme's applications, for those who may see them."""

    programme: int
    statuses: list[ApplicationStatus] | None

    async def connection(self, info: Info, window: Window) -> Connection[Any]:
        await check_sees_applications(info, self.programme)
        conditions = all_of(
            ApplicationRow.programme_id == self.programme,
            ApplicationRow.status.in_(self.statuses) if self.statuses else None,
        )
        return await QueryListing(ProgrammeApplication, conditions).connection(info, window)


@strawberry.type
class TalentQueries:
    @connection(
        Connection[Programme],
        "Talent Factory programmes, by title unless sorted; drafts only for their host's admins.",
    )
    def programmes(
        self,
        info: Info,
        filter: Annotated[
            ProgrammeFilter | None, strawberry.argument(description="Which programmes.")
        ] = None,
        order_by: Annotated[
            ProgrammeOrder | None, strawberry.argument(description="Their order.")
        ] = None,
    ) -> ProgrammeListing:
        return ProgrammeListing(filter, ordering(order_by))

    @strawberry.field(description="A programme by slug (a draft only for its host's admins).")
    async def programme(
        self, info: Info, slug: Annotated[str, strawberry.argument(description="Its slug.")]
    ) -> Programme | None:
        visible = visible_programmes(info.context.principal)
        return await find_one(info, Programme, and_(ProgrammeRow.slug == slug, visible))

    @connection(
        Connection[ProgrammeApplication],
        "Applications to one programme, oldest first: for its host's admins and its mentors "
        "(anyone else gets FORBIDDEN).",
    )
    def programme_applications(
        self,
        info: Info,
        programme_id: Annotated[relay.GlobalID, strawberry.argument(description="The programme.")],
        filter: Annotated[
            ApplicationFilter | None, strawberry.argument(description="Which applications.")
        ] = None,
    ) -> ApplicationsOfProgramme:
        programme = argument_key(programme_id, "Programme", "programmeId")
        return ApplicationsOfProgramme(programme, filter.statuses if filter else None)

    @connection(
        Connection[ProgrammeApplication],
        "The applications of the caller's own creator profile, oldest first (empty for "
        "anyone but a logged-in person).",
    )
    def my_applications(
        self,
        info: Info,
        filter: Annotated[
            ApplicationFilter | None, strawberry.argument(description="Which applications.")
        ] = None,
    ) -> QueryListing:
        principal = info.context.principal
        mine = ApplicationRow.creator_id.in_(own_creator_ids(principal))
        statuses = filter.statuses if filter is not None else None
        conditions = all_of(
            mine if principal.user_id is not None else ApplicationRow.id < 0,
            ApplicationRow.status.in_(statuses) if statuses else None,
        )
        return QueryListing(ProgrammeApplication, conditions)
