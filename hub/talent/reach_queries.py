"""The reach of the Talent Factory over GraphQL: exact figures, narrowed to a programme,
host, year or country and broken down by programme and host, for staff and a host's
admins about their own programmes; for everyone else, the whole Talent Factory's totals,
countries, regions and years with small counts withheld (``hub.talent.reach`` counts,
``hub.talent.disclosure`` decides what is withheld)."""

from __future__ import annotations

import asyncio
import enum
from typing import Annotated, TypedDict

import strawberry
from sqlalchemy import select

from hub.accounts.policy import administers_organisation
from hub.api.context import Info
from hub.api.errors import forbidden
from hub.api.global_ids import argument_key
from hub.api.principal import Denied
from hub.api.relations import load_node
from hub.api.scalars import CountryCode
from hub.countries import regions
from hub.countries.types import Country, Region
from hub.i18n.messages import _
from hub.organisations.types import Organisation
from hub.talent.models import Programme as ProgrammeRow
from hub.talent.reach import ReachCount, ReachScope, public_reach, reach, regions_reached
from hub.talent.types import Programme

DETAILS_DENIED = _(
    "Reach by programme and by host is for staff, and for a host's admins about their own "
    "programmes (give `hostId`)."
)
NARROWING_DENIED = _(
    "Reach of one programme, host, year or country is for staff, and for a host's admins "
    "about their own programmes; the public sees the whole Talent Factory."
)
WITHHELD = -1
"""What a figure the public may not see reads as (its ``withheld`` names it too)."""


@strawberry.enum(description="One of the figures of a reach row.")
class ReachFigure(enum.Enum):
    APPLICANTS = strawberry.enum_value("APPLICANTS", description="`applicants`.")
    PARTICIPANTS = strawberry.enum_value("PARTICIPANTS", description="`participants`.")
    GRADUATES = strawberry.enum_value("GRADUATES", description="`graduates`.")


FIGURE_DESCRIPTION = " -1 when withheld from the public (see `withheld`)."


@strawberry.interface(description="How many creators one group of applications counts.")
class ReachFigures:
    applicants: int = strawberry.field(description="Creators who applied." + FIGURE_DESCRIPTION)
    participants: int = strawberry.field(
        description="Creators who enrolled (then completed, dropped out, or are enrolled)."
        + FIGURE_DESCRIPTION
    )
    graduates: int = strawberry.field(description="Creators who completed." + FIGURE_DESCRIPTION)
    withheld: list[ReachFigure] = strawberry.field(
        description="The figures withheld from the public, which read -1: counts of fewer "
        "people than `TalentReach.minimumCount`, and counts that would give such a count "
        "away. Always empty for exact figures."
    )


@strawberry.type(description="The reach of all the applications in scope.")
class ReachTotal(ReachFigures):
    pass


@strawberry.type(description="Applicants, participants and graduates from one country.")
class CountryReach(ReachFigures):
    country_code: strawberry.Private[str]

    @strawberry.field(description="The country (the applicant's, as on their profile).")
    async def country(self, info: Info) -> Country | None:
        return await load_node(info, Country, self.country_code)


@strawberry.type(description="Applicants, participants and graduates from one region.")
class RegionReach(ReachFigures):
    country_code: strawberry.Private[str]
    region_code: strawberry.Private[str | None]

    @strawberry.field(description="The region; null for profiles that name none.")
    def region(self) -> Region | None:
        return Region.by_code(self.region_code)

    @strawberry.field(description="The country the region is in.")
    async def country(self, info: Info) -> Country | None:
        return await load_node(info, Country, self.country_code)


@strawberry.type(description="Applicants, participants and graduates of one year.")
class YearReach(ReachFigures):
    year: int = strawberry.field(description="The year applications were submitted.")


@strawberry.type(description="Applicants, participants and graduates of one programme.")
class ProgrammeReach(ReachFigures):
    programme_id: strawberry.Private[int]

    @strawberry.field(description="The programme.")
    async def programme(self, info: Info) -> Programme | None:
        return await load_node(info, Programme, self.programme_id)


@strawberry.type(description="Applicants, participants and graduates of one host's programmes.")
class HostReach(ReachFigures):
    organisation_id: strawberry.Private[int]

    @strawberry.field(description="The host organisation.")
    async def host(self, info: Info) -> Organisation | None:
        return await load_node(info, Organisation, self.organisation_id)


class Figures(TypedDict):
    applicants: int
    participants: int
    graduates: int
    withheld: list[ReachFigure]


def _figures(count: ReachCount) -> Figures:
    """A row's figures as the caller sees them (withheld ones read ``WITHHELD``)."""
    return {
        "applicants": WITHHELD if "applicants" in count.withheld else count.applicants,
        "participants": WITHHELD if "participants" in count.withheld else count.participants,
        "graduates": WITHHELD if "graduates" in count.withheld else count.graduates,
        "withheld": [figure for figure in ReachFigure if figure.name.lower() in count.withheld],
    }


@strawberry.type(
    description="Where the Talent Factory's applicants, participants and graduates come "
    "from, because the aim is every region. Staff and a host's admins (about their own "
    "programmes) see exact figures, narrowed as they ask, by programme and by host too; "
    "the public sees the whole Talent Factory's totals, countries, regions and years, "
    "with small counts withheld."
)
class TalentReach:
    scope: strawberry.Private[ReachScope]
    exact: strawberry.Private[bool]
    minimum: strawberry.Private[int]
    published: strawberry.Private[dict[str, asyncio.Task[dict[str, list[ReachCount]]]]]

    @strawberry.field(
        description="Whether the figures are exact (staff and hosts) or as "
        "the public sees them, small counts withheld."
    )
    def is_exact(self) -> bool:
        return self.exact

    @strawberry.field(
        description="The fewest people a figure shown to the public counts (0 aside); null "
        "when the figures are exact (`HUB_REACH_MIN_COUNT`)."
    )
    def minimum_count(self) -> int | None:
        return None if self.exact else self.minimum

    async def _counts(self, info: Info, breakdown: str) -> list[ReachCount]:
        if self.exact:
            return await reach(info.context.reader, self.scope, breakdown)
        if "public" not in self.published:
            # The public breakdowns are withheld together: read them once for every field.
            self.published["public"] = asyncio.ensure_future(
                public_reach(info.context.reader, self.minimum)
            )
        return (await self.published["public"])[breakdown]

    @strawberry.field(description="All applications in scope.")
    async def total(self, info: Info) -> ReachTotal:
        counts = await self._counts(info, "total")
        return ReachTotal(**_figures(counts[0]))

    @strawberry.field(description="By the applicant's country.")
    async def by_country(self, info: Info) -> list[CountryReach]:
        counts = await self._counts(info, "country")
        return [CountryReach(country_code=c.key, **_figures(c)) for c in counts]

    @strawberry.field(description="By the applicant's region (ISO 3166-2), country by country.")
    async def by_region(self, info: Info) -> list[RegionReach]:
        counts = await self._counts(info, "region")
        return [
            RegionReach(country_code=c.key[0], region_code=c.key[1], **_figures(c)) for c in counts
        ]

    @strawberry.field(description="By the year applications were submitted.")
    async def by_year(self, info: Info) -> list[YearReach]:
        counts = await self._counts(info, "year")
        return [YearReach(year=int(c.key), **_figures(c)) for c in counts]

    @strawberry.field(description="The regions of a country that sent no applicant in scope.")
    async def regions_without_applicants(
        self,
        info: Info,
        country: Annotated[CountryCode, strawberry.argument(description="The country.")],
    ) -> list[Region]:
        reached = await regions_reached(info.context.reader, self.scope, country)
        return [
            Region.of(region)
            for region in regions.regions_of(country)
            if region.code not in reached
        ]

    @strawberry.field(description="By programme: staff, or a host's admins with `hostId`.")
    async def by_programme(self, info: Info) -> list[ProgrammeReach]:
        self._require_details(info)
        counts = await reach(info.context.reader, self.scope, "programme")
        return [ProgrammeReach(programme_id=c.key, **_figures(c)) for c in counts]

    @strawberry.field(description="By host: staff, or a host's admins with `hostId`.")
    async def by_host(self, info: Info) -> list[HostReach]:
        self._require_details(info)
        counts = await reach(info.context.reader, self.scope, "host")
        return [HostReach(organisation_id=c.key, **_figures(c)) for c in counts]

    def _require_details(self, info: Info) -> None:
        if not self.exact:
            raise forbidden(Denied(DETAILS_DENIED), info.context.locale)


async def sees_exact_reach(info: Info, scope: ReachScope) -> bool:
    """Staff, and a host's admins when the scope is their host or one of its programmes."""
    principal = info.context.principal
    if principal.is_staff:
        return True
    host = scope.host_id
    if scope.programme_id is not None and host is None:
        key = scope.programme_id
        host = await info.context.reader.scalar(
            select(ProgrammeRow.host_organisation_id).where(ProgrammeRow.id == key)
        )
    if host is None:
        return False
    return await info.context.reader.run(
        lambda session: administers_organisation(session, principal, host)
    )


@strawberry.type
class ReachQueries:
    @strawberry.field(
        description="The reach of the Talent Factory: applicants, participants and graduates "
        "by country, region, year, programme and host, and the regions that sent nobody. "
        "Narrowing it (any argument) is for staff and a host's admins about their own "
        "programmes; anyone else is refused (FORBIDDEN) and sees the whole Talent Factory "
        "with small counts withheld."
    )
    async def talent_reach(
        self,
        info: Info,
        programme_id: Annotated[
            strawberry.ID | None, strawberry.argument(description="Of one programme.")
        ] = None,
        host_id: Annotated[
            strawberry.ID | None, strawberry.argument(description="Of one host's programmes.")
        ] = None,
        year: Annotated[
            int | None, strawberry.argument(description="Applications submitted that year.")
        ] = None,
        country: Annotated[
            CountryCode | None, strawberry.argument(description="Applicants from one country.")
        ] = None,
    ) -> TalentReach:
        scope = ReachScope(
            programme_id=None
            if programme_id is None
            else argument_key(programme_id, "Programme", "programmeId"),
            host_id=None if host_id is None else argument_key(host_id, "Organisation", "hostId"),
            year=year,
            country_code=country,
        )
        exact = await sees_exact_reach(info, scope)
        if not exact and scope != ReachScope():
            raise forbidden(Denied(NARROWING_DENIED), info.context.locale)
        return TalentReach(
            scope=scope,
            exact=exact,
            minimum=info.context.settings.reach_min_count,
            published={},
        )
