"""How countries and their indicators map onto SQL."""

from __future__ import annotations

from hub.core.mapping import Entity, NoRelations, Relations, ToMany
from hub.countries.models import Country, CountryIndicator
from hub.creators import mapping as creators_mapping
from hub.creators.models import Creator
from hub.organisations import mapping as organisations_mapping
from hub.organisations.models import Organisation
from hub.projects import mapping as projects_mapping
from hub.projects.links import projects_by_country


class CountryRelations(Relations):
    indicators = ToMany(lambda: COUNTRY_INDICATOR, parent=CountryIndicator.country_code)
    creators = ToMany(lambda: creators_mapping.CREATOR, parent=Creator.country_code)
    organisations = ToMany(
        lambda: organisations_mapping.ORGANISATION, parent=Organisation.country_code
    )
    projects = ToMany(lambda: projects_mapping.PROJECT, through=projects_by_country)


COUNTRY: Entity[CountryRelations] = Entity(
    name="Country",
    table=Country.__table__,
    key_field="code",
    fields={
        "code": Country.code,
        "default_name": Country.name,
        "translations": Country.names,
        "native_language": Country.native_language,
        "cis_status": Country.cis_status,
    },
    relations=CountryRelations(),
    orderings={"CODE": Country.code, "NAME": Country.name},
    default_ordering=(("NAME", False),),
)

COUNTRY_INDICATOR: Entity[NoRelations] = Entity(
    name="CountryIndicator",
    table=CountryIndicator.__table__,
    key_field="id",
    fields={
        "id": CountryIndicator.id,
        "year": CountryIndicator.year,
        "value_added_minor": CountryIndicator.value_added_minor,
        "value_added_currency": CountryIndicator.value_added_currency,
        "people_employed": CountryIndicator.people_employed,
        "share_of_gdp_basis_points": CountryIndicator.share_of_gdp_basis_points,
        "source": CountryIndicator.source,
    },
    relations=NoRelations(),
    orderings={"YEAR": CountryIndicator.year},
    default_ordering=(("YEAR", True),),
)
