"""How countries and their indicators map onto SQL."""

from __future__ import annotations

from hub.core.mapping import ENTITIES, Entity, ToMany
from hub.countries.models import Country, CountryIndicator
from hub.creators.models import Creator
from hub.organisations.models import Organisation
from hub.projects.links import projects_by_country

COUNTRY = ENTITIES.add(
    Entity(
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
        relations={
            "indicators": ToMany("CountryIndicator", parent=CountryIndicator.country_code),
            "creators": ToMany("Creator", parent=Creator.country_code),
            "organisations": ToMany("Organisation", parent=Organisation.country_code),
            "projects": ToMany("Project", through=projects_by_country),
        },
        orderings={"CODE": Country.code, "NAME": Country.name},
        default_ordering=(("NAME", False),),
    )
)

COUNTRY_INDICATOR = ENTITIES.add(
    Entity(
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
        orderings={"YEAR": CountryIndicator.year},
        default_ordering=(("YEAR", True),),
    )
)
