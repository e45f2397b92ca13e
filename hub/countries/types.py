"""GraphQL types for countries and their creative-economy indicators."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay

from hub.api.context import Info
from hub.api.enums import graphql_enum
from hub.api.nodes import MappedNode, MappedType
from hub.api.pagination import Connection
from hub.api.relations import follows_all, follows_pages, load_node
from hub.api.scalars import CountryCode, LanguageCode, Money, Named
from hub.api.sql_fields import SQL_FIELD, MoneyOf, Reads
from hub.countries import regions
from hub.countries.enums import CisStatus
from hub.countries.mapping import COUNTRY, COUNTRY_INDICATOR

if TYPE_CHECKING:
    from hub.creators.types import Creator
    from hub.organisations.types import Organisation
    from hub.projects.types import Project

graphql_enum(
    CisStatus,
    description="A country's standing in the Commonwealth of Independent States.",
    values={
        CisStatus.MEMBER: "A member state.",
        CisStatus.ASSOCIATE: "An associate member, taking part in some of its work.",
        CisStatus.OBSERVER: "An observer: takes part in meetings, is not a member.",
        CisStatus.FORMER: "A former member that has left.",
        CisStatus.NONE: "Never part of it.",
    },
)

CreatorRef = Annotated["Creator", strawberry.lazy("hub.creators.types")]
OrganisationRef = Annotated["Organisation", strawberry.lazy("hub.organisations.types")]
ProjectRef = Annotated["Project", strawberry.lazy("hub.projects.types")]


@strawberry.type(description="Creative-economy figures a country reported for one year.")
class CreativeEconomyIndicator(MappedType):
    entity = COUNTRY_INDICATOR

    id: strawberry.Private[int]
    year: int = strawberry.field(description="The year the figures describe.")
    value_added_minor: strawberry.Private[int | None]
    value_added_currency: strawberry.Private[str | None]
    people_employed: int | None = strawberry.field(
        description="People employed in the creative industries."
    )
    share_of_gdp_basis_points: strawberry.Private[int | None]
    source: str = strawberry.field(description="Where the figures come from.")

    @strawberry.field(
        description="Gross value added by the creative industries.",
        metadata={SQL_FIELD: MoneyOf("value_added_minor", "value_added_currency")},
    )
    def value_added(self) -> Money | None:
        return Money.from_minor(self.value_added_minor, self.value_added_currency)

    @strawberry.field(description="The creative industries' share of GDP, in percent.")
    def share_of_gdp_percent(self) -> Decimal | None:
        if self.share_of_gdp_basis_points is None:
            return None
        return Decimal(self.share_of_gdp_basis_points).scaleb(-2)


@strawberry.type(description="A country, with its creators, organisations and projects.")
class Country(Named, MappedNode):
    entity = COUNTRY

    code: relay.NodeID[str]
    native_language: LanguageCode = strawberry.field(
        description="ISO 639-1 code of the national language."
    )
    cis_status: CisStatus = strawberry.field(description="Standing in the CIS.")

    @strawberry.field(
        name="code", description="ISO 3166-1 alpha-2 code.", metadata={SQL_FIELD: Reads("code")}
    )
    def iso_code(self) -> CountryCode:
        return CountryCode(self.code)

    @strawberry.field(
        description="Its first-level subdivisions (ISO 3166-2): regions, cities of national "
        "standing, republics..., by code."
    )
    def regions(self) -> list[Region]:
        return [Region.of(region) for region in regions.regions_of(self.code)]

    indicators = follows_all(
        COUNTRY.relations.indicators,
        list[CreativeEconomyIndicator],
        "Creative-economy figures by year, newest first.",
    )

    creators = follows_pages(
        COUNTRY.relations.creators,
        Connection[CreatorRef],
        "Creators based in this country.",
    )

    organisations = follows_pages(
        COUNTRY.relations.organisations,
        Connection[OrganisationRef],
        "Organisations based in this country.",
    )

    projects = follows_pages(
        COUNTRY.relations.projects,
        Connection[ProjectRef],
        "Projects with a participant from this country.",
    )


@strawberry.type(
    description="A first-level subdivision of a country (ISO 3166-2): a region, a city of "
    "national standing, a republic... `name` is the ISO name, in the national language "
    "romanised; `name(language:)` gives the hub's reviewed name (Russian and the national "
    "language, for the CIS states' regions), else the iso-codes project's translation."
)
class Region(Named):
    code: str = strawberry.field(description="ISO 3166-2 code, such as `KZ-75`.")
    kind: str = strawberry.field(
        description="Its ISO 3166-2 category, in English: `Region`, `City`, `Republic`..."
    )
    country_code: strawberry.Private[str]

    @classmethod
    def of(cls, region: regions.Region) -> Region:
        return cls(
            code=region.code,
            kind=region.kind,
            country_code=region.country_code,
            default_name=region.name,
            translations=dict(region.names),
        )

    @classmethod
    def by_code(cls, code: str | None) -> Region | None:
        """The region a stored code names; ``None`` for no code (or one pycountry dropped)."""
        region = None if code is None else regions.find_region(code)
        return None if region is None else cls.of(region)

    @strawberry.field(description="The country it is part of.")
    async def country(self, info: Info) -> Country:
        country = await load_node(info, Country, self.country_code)
        if country is None:
            raise LookupError(f"no country {self.country_code!r} for region {self.code!r}")
        return country
