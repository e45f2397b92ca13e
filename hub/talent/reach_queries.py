"""The reach of the Talent Factory over GraphQL: aggregates for everyone, details for staff
and hosts (``hub.talent.reach`` counts)."""

from __future__ import annotations

from typing import Annotated

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
from hub.talent.reach import ReachCount, ReachScope, reach, regions_reached
from hub.talent.types import Programme

DETAILS_DENIED = _(
    "Reach by programme and by host is for staff, and for a host's admins about their own "
    "programmes (give `hostId`)."
)


@strawberry.interface(description="How many creators one group of applications counts.")
class ReachFigures:
    applicants: int = strawberry.field(description="Creators who applied.")
    participants: int = strawberry.field(
        description="Creators who enrolled (then completed, dropped out, or are enrolled)."
    )
    graduates: int = strawberry.field(description="Creators who completed.")


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


def _figures(count: ReachCount) -> dict[str, int]:
    return {
        "applicants": count.applicants,
        "participants": count.participants,
        "graduates": count.graduates,
    }


@strawberry.type(
    description="Where the Talent Factory's applicants, participants and graduates come "
    "from, because the aim is every region. Totals, countries, regions and years are "
    "public; by programme and by host, for staff and the host's admins."
)
class TalentReach:
    scope: strawberry.Private[ReachScope]

    @strawberry.field(description="All applications in scope.")
    async def total(self, info: Info) -> ReachTotal:
        counts = await reach(info.context.reader, self.scope, "total")
        return ReachTotal(**_figures(counts[0]))

    @strawberry.field(description="By the applicant's country.")
    async def by_country(self, info: Info) -> list[CountryReach]:
        counts = await reach(info.context.reader, self.scope, "country")
        return [CountryReach(country_code=c.key, **_figures(c)) for c in counts]

    @strawberry.field(description="By the applicant's region (ISO 3166-2), country by country.")
    async def by_region(self, info: Info) -> list[RegionReach]:
        counts = await reach(info.context.reader, self.scope, "region")
        return [
            RegionReach(country_code=c.key[0], region_code=c.key[1], **_figures(c)) for c in counts
        ]

    @strawberry.field(description="By the year applications were submitted.")
    async def by_year(self, info: Info) -> list[YearReach]:
        counts = await reach(info.context.reader, self.scope, "year")
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
        await self._require_details(info)
        counts = await reach(info.context.reader, self.scope, "programme")
        return [ProgrammeReach(programme_id=c.key, **_figures(c)) for c in counts]

    @strawberry.field(description="By host: staff, or a host's admins with `hostId`.")
    async def by_host(self, info: Info) -> list[HostReach]:
        await self._require_details(info)
        counts = await reach(info.context.reader, self.scope, "host")
        return [HostReach(organisation_id=c.key, **_figures(c)) for c in counts]

    async def _require_details(self, info: Info) -> None:
        principal = info.context.principal
        host = self.scope.host_id
        if self.scope.programme_id is not None and host is None:
            key = self.scope.programme_id
            host = await info.context.reader.scalar(
                select(ProgrammeRow.host_organisation_id).where(ProgrammeRow.id == key)
            )
        if principal.is_staff:
            return
        if host is not None and await info.context.reader.run(
            lambda session: administers_organisation(session, principal, host)
        ):
            return
        raise forbidden(Denied(DETAILS_DENIED), info.context.locale)


@strawberry.type
class ReachQueries:
    @strawberry.field(
        description="The reach of the Talent Factory: applicants, participants and graduates "
        "by country, region, year, programme and host, and the regions that sent nobody."
    )
    def talent_reach(
        self,
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
        return TalentReach(
            scope=ReachScope(
                programme_id=None
                if programme_id is None
                else argument_key(programme_id, "Programme", "programmeId"),
                host_id=None
                if host_id is None
                else argument_key(host_id, "Organisation", "hostId"),
                year=year,
                country_code=country,
            )
        )
