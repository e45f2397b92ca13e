"""Regions on creators and organisations: set, validated, shown, filtered and listed."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.creators.models import Creator
from hub.organisations.models import Organisation
from tests.factories import global_id
from tests.helpers import ADMIN, data_of

REGION = 'region { code kind name ru: name(language: "ru") country { code } }'

CREATE_CREATOR = f"""
mutation ($input: CreateCreatorInput!) {{
  createCreator(input: $input) {{
    creator {{ handle {REGION} }}
    userErrors {{ field code message }}
  }}
}}
"""

UPDATE_CREATOR = f"""
mutation ($input: UpdateCreatorInput!) {{
  updateCreator(input: $input) {{
    creator {{ country {{ code }} {REGION} }}
    userErrors {{ field code message }}
  }}
}}
"""

CREATE_ORGANISATION = f"""
mutation ($input: CreateOrganisationInput!) {{
  createOrganisation(input: $input) {{
    organisation {{ slug {REGION} }}
    userErrors {{ field code message }}
  }}
}}
"""

UPDATE_ORGANISATION = f"""
mutation ($input: UpdateOrganisationInput!) {{
  updateOrganisation(input: $input) {{
    organisation {{ country {{ code }} {REGION} }}
    userErrors {{ field code message }}
  }}
}}
"""

CREATOR = {"handle": "dana-pavlodar", "displayName": "Дана", "country": "KZ"}
ORGANISATION = {"slug": "pavlodar-studio", "name": "Pavlodar Studio", "kind": "STUDIO"}
PAVLODAR = {
    "code": "KZ-55",
    "kind": "Region",
    "name": "Pavlodar oblysy",
    "ru": "Павлодарская область",
    "country": {"code": "KZ"},
}


def _errors(payload: dict[str, Any]) -> list[tuple[list[str] | None, str]]:
    return [(error["field"], error["code"]) for error in payload["userErrors"]]


async def _stored_region(session: AsyncSession, model: type[Creator | Organisation], key: int):
    return await session.scalar(select(model.region_code).where(model.id == key))


async def test_a_creator_is_created_in_a_region_given_in_any_case(client):
    data = await data_of(
        client, CREATE_CREATOR, {"input": {**CREATOR, "region": " kz-55 "}}, admin=True
    )

    assert data["createCreator"] == {
        "creator": {"handle": "dana-pavlodar", "region": PAVLODAR},
        "userErrors": [],
    }


async def test_an_organisation_is_created_in_a_region(client):
    data = await data_of(
        client,
        CREATE_ORGANISATION,
        {"input": {**ORGANISATION, "country": "KZ", "region": "KZ-55"}},
        admin=True,
    )

    assert data["createOrganisation"]["organisation"] == {
        "slug": "pavlodar-studio",
        "region": PAVLODAR,
    }


async def test_without_a_region_the_field_is_null(client):
    data = await data_of(client, CREATE_CREATOR, {"input": CREATOR}, admin=True)

    assert data["createCreator"]["creator"] == {"handle": "dana-pavlodar", "region": None}


@pytest.mark.parametrize(
    ("region", "code"),
    [
        ("KZ-99", "UNKNOWN_REGION"),
        ("", "UNKNOWN_REGION"),
        ("Almaty", "UNKNOWN_REGION"),
        ("AZ-BAB", "UNKNOWN_REGION"),  # a rayon inside Nakhchivan: second level
        ("UZ-TK", "REGION_NOT_IN_COUNTRY"),
    ],
)
@pytest.mark.parametrize(
    ("mutation", "base", "model"),
    [
        (CREATE_CREATOR, CREATOR, Creator),
        (CREATE_ORGANISATION, {**ORGANISATION, "country": "KZ"}, Organisation),
    ],
    ids=["creator", "organisation"],
)
async def test_a_region_that_is_not_one_of_the_countrys_is_refused_and_nothing_is_created(
    client, session, mutation, base, model, region, code
):
    before = await session.scalar(select(func.count()).select_from(model))

    data = await data_of(client, mutation, {"input": {**base, "region": region}}, admin=True)

    (payload,) = data.values()
    assert payload[next(iter(payload))] is None
    assert _errors(payload) == [(["region"], code)]
    assert all(error["message"] for error in payload["userErrors"])
    assert await session.scalar(select(func.count()).select_from(model)) == before


async def test_an_unknown_country_and_a_region_elsewhere_are_both_reported(client):
    data = await data_of(
        client,
        CREATE_CREATOR,
        {"input": {**CREATOR, "country": "XX", "region": "KZ-75"}},
        admin=True,
    )

    assert _errors(data["createCreator"]) == [
        (["country"], "UNKNOWN_COUNTRY"),
        (["region"], "REGION_NOT_IN_COUNTRY"),
    ]


async def test_the_refusal_names_the_region_and_both_countries_in_the_callers_language(client):
    data = await data_of(
        client,
        CREATE_CREATOR,
        {"input": {**CREATOR, "region": "UZ-TK"}},
        headers={**ADMIN, "Accept-Language": "ru"},
    )

    (error,) = data["createCreator"]["userErrors"]
    assert error["message"] == "UZ-TK (Ташкент) — регион страны UZ, а не KZ."


async def test_the_refusal_names_the_region_in_kazakh_and_english_too(client):
    answers = {}
    for language in ("kk", "en"):
        data = await data_of(
            client,
            CREATE_CREATOR,
            {
                "input": {
                    **CREATOR,
                    "handle": f"dana-{language}",
                    "country": "UZ",
                    "region": "KZ-61",
                }
            },
            headers={**ADMIN, "Accept-Language": language},
        )
        (error,) = data["createCreator"]["userErrors"]
        answers[language] = error["message"]

    assert answers["kk"] == "KZ-61 (Түркістан облысы) — UZ елінің емес, KZ елінің өңірі."
    assert answers["en"] == "KZ-61 (Türkistan oblysy) is a region of KZ, not of UZ."


@pytest.mark.parametrize(
    ("factory_name", "mutation", "model"),
    [
        ("creator", UPDATE_CREATOR, Creator),
        ("organisation", UPDATE_ORGANISATION, Organisation),
    ],
)
async def test_an_update_sets_changes_and_clears_the_region(
    client, factory, session, factory_name, mutation, model
):
    key = await getattr(factory, factory_name)(country="KZ", region="KZ-75")
    node = global_id(model.__name__, key)

    changed = await data_of(
        client, mutation, {"input": {"id": node, "region": "kz-55"}}, admin=True
    )
    (payload,) = changed.values()
    assert payload["userErrors"] == []
    assert payload[factory_name]["region"] == PAVLODAR

    cleared = await data_of(client, mutation, {"input": {"id": node, "region": None}}, admin=True)
    (payload,) = cleared.values()
    assert payload[factory_name]["region"] is None
    assert await _stored_region(session, model, key) is None


@pytest.mark.parametrize(
    ("factory_name", "mutation", "model"),
    [
        ("creator", UPDATE_CREATOR, Creator),
        ("organisation", UPDATE_ORGANISATION, Organisation),
    ],
)
async def test_moving_to_another_country_refuses_to_strand_the_region_and_changes_nothing(
    client, factory, session, factory_name, mutation, model
):
    key = await getattr(factory, factory_name)(country="KZ", region="KZ-75")
    node = global_id(model.__name__, key)

    refused = await data_of(client, mutation, {"input": {"id": node, "country": "UZ"}}, admin=True)
    (payload,) = refused.values()
    assert payload[factory_name] is None
    assert _errors(payload) == [(["region"], "REGION_NOT_IN_COUNTRY")]
    assert await session.scalar(select(model.country_code).where(model.id == key)) == "KZ"
    assert await _stored_region(session, model, key) == "KZ-75"

    moved = await data_of(
        client, mutation, {"input": {"id": node, "country": "UZ", "region": "UZ-TK"}}, admin=True
    )
    (payload,) = moved.values()
    assert payload["userErrors"] == []
    assert payload[factory_name]["country"] == {"code": "UZ"}
    assert payload[factory_name]["region"]["code"] == "UZ-TK"


async def test_a_region_is_checked_against_the_kept_country_when_only_the_region_changes(
    client, factory, session
):
    key = await factory.creator(country="KZ")

    data = await data_of(
        client,
        UPDATE_CREATOR,
        {"input": {"id": global_id("Creator", key), "region": "UZ-TK"}},
        admin=True,
    )

    assert _errors(data["updateCreator"]) == [(["region"], "REGION_NOT_IN_COUNTRY")]
    assert await _stored_region(session, Creator, key) is None


async def test_creators_are_filtered_by_region_alone_or_with_a_country(client, factory):
    # The test database holds the demo data too: look at the creators made here, and at
    # the regions of everyone found.
    await factory.creator(handle="in-almaty", country="KZ", region="KZ-75")
    await factory.creator(handle="in-shymkent", country="KZ", region="KZ-79")
    await factory.creator(handle="no-region", country="KZ")
    await factory.creator(handle="in-tashkent", country="UZ", region="UZ-TK")
    query = """
    query ($filter: CreatorFilter) {
      creators(filter: $filter, first: 100) { totalCount nodes { handle region { code } } }
    }
    """
    mine = {"in-almaty", "in-shymkent", "no-region", "in-tashkent"}

    async def found(filter: dict[str, Any]) -> tuple[set[str], set[str | None]]:
        data = await data_of(client, query, {"filter": filter})
        nodes = data["creators"]["nodes"]
        assert len(nodes) == data["creators"]["totalCount"]
        handles = {node["handle"] for node in nodes} & mine
        regions = {node["region"]["code"] if node["region"] else None for node in nodes}
        return handles, regions

    assert await found({"regions": ["kz-75", "UZ-TK"]}) == (
        {"in-almaty", "in-tashkent"},
        {"KZ-75", "UZ-TK"},
    )
    assert await found({"regions": ["KZ-75", "UZ-TK"], "countries": ["KZ"]}) == (
        {"in-almaty"},
        {"KZ-75"},
    )
    assert await found({"regions": ["KZ-99"]}) == (set(), set())
    everyone = await data_of(client, "{ creators { totalCount } }")
    unfiltered = await data_of(client, "{ creators(filter: { regions: [] }) { totalCount } }")
    assert unfiltered == everyone


async def test_organisations_are_filtered_by_region(client, factory):
    await factory.organisation(slug="almaty-studio", country="KZ", region="KZ-75")
    await factory.organisation(slug="ulytau-studio", country="KZ", region="KZ-62")
    await factory.organisation(slug="tashkent-studio", country="UZ")
    data = await data_of(
        client,
        '{ organisations(filter: { regions: ["KZ-62"] }, first: 100) '
        "{ nodes { slug region { code } } } }",
    )

    nodes = data["organisations"]["nodes"]
    assert "ulytau-studio" in {node["slug"] for node in nodes}
    assert {node["region"]["code"] for node in nodes} == {"KZ-62"}


async def test_a_country_lists_its_regions_with_their_names(client):
    data = await data_of(
        client,
        """
        {
          country(code: "KZ") {
            regions { code name ru: name(language: "ru") names { language value } }
          }
        }
        """,
    )

    regions = data["country"]["regions"]
    codes = [region["code"] for region in regions]
    assert len(codes) == 20
    assert {"KZ-10", "KZ-33", "KZ-62"} <= set(codes)
    by_code = {region["code"]: region for region in regions}
    assert by_code["KZ-63"]["ru"] == "Восточно-Казахстанская область"
    assert by_code["KZ-10"]["ru"] == "Абайская область"
    assert by_code["KZ-10"]["name"] == "Abay oblysy"
    assert {"language": "ru", "value": "Шымкент"} in by_code["KZ-79"]["names"]
    assert {"language": "kk", "value": "Шымкент"} in by_code["KZ-79"]["names"]


async def test_a_region_is_named_in_russian_kazakh_and_its_national_language(client):
    data = await data_of(
        client,
        """
        {
          kz: country(code: "KZ") {
            regions { code ru: name(language: "ru") kk: name(language: "kk") }
          }
          uz: country(code: "UZ") {
            regions { code ru: name(language: "ru") uz: name(language: "uz")
                      kk: name(language: "kk") }
          }
        }
        """,
    )

    kz = {region["code"]: region for region in data["kz"]["regions"]}
    uz = {region["code"]: region for region in data["uz"]["regions"]}
    assert kz["KZ-75"] == {"code": "KZ-75", "ru": "Алматы", "kk": "Алматы"}
    assert kz["KZ-61"] == {
        "code": "KZ-61",
        "ru": "Туркестанская область",
        "kk": "Түркістан облысы",
    }
    assert kz["KZ-62"]["kk"] == "Ұлытау облысы"
    assert all(region["ru"] != region["kk"] for region in kz.values() if region["code"] < "KZ-71")
    assert uz["UZ-SA"]["ru"] == "Самаркандская область"
    assert uz["UZ-SA"]["uz"] == "Samarqand viloyati"
    assert uz["UZ-SA"]["kk"] == "Samarqand"  # no Kazakh name: the ISO name


async def test_regions_of_a_page_of_creators_cost_no_statement_per_creator(
    client, factory, statements
):
    for number in range(30):
        await factory.creator(handle=f"cost-{number:02}", country="KZ", region="KZ-75")
    query = """
    query ($size: Int!) {
      creators(first: $size, filter: { regions: ["KZ-75"] }, orderBy: { field: HANDLE }) {
        nodes { handle region { code country { code name } } }
      }
    }
    """

    with statements.record():
        small = await data_of(client, query, {"size": 5})
    small_cost = len(statements.selects)
    with statements.record():
        large = await data_of(client, query, {"size": 30})
    large_cost = len(statements.selects)

    assert len(large["creators"]["nodes"]) == 30
    assert {node["region"]["code"] for node in large["creators"]["nodes"]} == {"KZ-75"}
    assert small["creators"]["nodes"][0]["region"]["country"] == {
        "code": "KZ",
        "name": "Kazakhstan",
    }
    assert large_cost == small_cost
    # The page, then the regions' countries in one batch.
    assert large_cost <= 2, statements.selects
