"""Organisations: multilingual names, filters, and the rules on their writes."""

import pytest

from tests.factories import global_id
from tests.helpers import data_of

CREATE = """
mutation ($input: CreateOrganisationInput!) {
  createOrganisation(input: $input) {
    organisation {
      slug name kind isAssociationMember memberSince
      ru: name(language: "ru") kk: name(language: "kk") fr: name(language: "fr")
      names { language value }
      country { code } disciplines { slug }
    }
    userErrors { field code message }
  }
}
"""

VALID = {
    "slug": "zz-steppe-studio",
    "name": "Steppe Studio",
    "kind": "STUDIO",
    "country": "KZ",
    "names": [
        {"language": "ru", "value": "Студия Степь"},
        {"language": "kk", "value": "Дала студиясы"},
    ],
    "website": "https://example.com/steppe",
    "disciplines": ["animation"],
    "memberSince": "2025-03-01",
}


async def test_an_organisation_answers_in_the_language_asked_with_a_fallback(client):
    data = await data_of(client, CREATE, {"input": VALID}, admin=True)
    organisation = data["createOrganisation"]["organisation"]
    assert (organisation["name"], organisation["ru"], organisation["kk"], organisation["fr"]) == (
        "Steppe Studio",
        "Студия Степь",
        "Дала студиясы",
        "Steppe Studio",
    )
    assert organisation["names"] == [
        {"language": "kk", "value": "Дала студиясы"},
        {"language": "ru", "value": "Студия Степь"},
    ]
    assert organisation["isAssociationMember"] is True
    assert organisation["disciplines"] == [{"slug": "animation"}]
    found = await data_of(
        client,
        '{ organisations(filter: { search: "степь", kinds: [STUDIO] }) { nodes { slug } } }',
    )
    assert found["organisations"]["nodes"] == [{"slug": "zz-steppe-studio"}]


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"website": "ftp://example.com"}, ["website"], "INVALID"),
        ({"memberSince": "2999-01-01"}, ["memberSince"], "OUT_OF_RANGE"),
        ({"foundedYear": 3000}, ["foundedYear"], "OUT_OF_RANGE"),
        ({"names": [{"language": "xx", "value": "?"}]}, ["names", "0"], "UNKNOWN_LANGUAGE"),
        ({"country": "QQ"}, ["country"], "UNKNOWN_COUNTRY"),
        ({"slug": "x"}, ["slug"], "INVALID"),
    ],
)
async def test_an_invalid_organisation_is_refused(client, change, field, code):
    data = await data_of(client, CREATE, {"input": {**VALID, **change}}, admin=True)
    assert data["createOrganisation"]["organisation"] is None
    assert [e["code"] for e in data["createOrganisation"]["userErrors"] if e["field"] == field] == [
        code
    ]


async def test_a_duplicate_slug_is_refused(client, factory):
    await factory.organisation(slug="zz-steppe-studio")
    data = await data_of(client, CREATE, {"input": VALID}, admin=True)
    assert data["createOrganisation"]["userErrors"][0]["code"] == "DUPLICATE"


async def test_filters_by_kind_membership_and_country(client, factory):
    await factory.organisation(slug="zz-fund", kind=_kind("FUND"), country="UZ")
    await factory.organisation(slug="zz-uni", kind=_kind("UNIVERSITY"), country="KZ")
    query = """query ($filter: OrganisationFilter) {
                 organisations(first: 100, filter: $filter) { nodes { slug } } }"""

    async def slugs(filter):
        data = await data_of(client, query, {"filter": {"search": "zz ", **filter}})
        return sorted(node["slug"] for node in data["organisations"]["nodes"])

    assert await slugs({"kinds": ["FUND"]}) == ["zz-fund"]
    assert await slugs({"countries": ["KZ"]}) == ["zz-uni"]
    assert await slugs({"isAssociationMember": False}) == ["zz-fund", "zz-uni"]


async def test_an_organisation_leading_a_project_cannot_be_deleted(client, factory):
    organisation = await factory.organisation()
    await factory.project(lead_organisation=organisation)
    delete = """mutation ($input: DeleteOrganisationInput!) { deleteOrganisation(input: $input) {
                  deletedOrganisationId userErrors { code } } }"""
    data = await data_of(
        client, delete, {"input": {"id": global_id("Organisation", organisation)}}, admin=True
    )
    assert data["deleteOrganisation"] == {
        "deletedOrganisationId": None,
        "userErrors": [{"code": "IN_USE"}],
    }


async def test_update_replaces_disciplines_and_keeps_the_rest(client, factory):
    organisation = await factory.organisation(slug="zz-keeps", city="Yerevan")
    update = """mutation ($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) {
                  organisation { slug city disciplines { slug } } userErrors { code } } }"""
    data = await data_of(
        client,
        update,
        {"input": {"id": global_id("Organisation", organisation), "disciplines": ["animation"]}},
        admin=True,
    )
    assert data["updateOrganisation"] == {
        "organisation": {
            "slug": "zz-keeps",
            "city": "Yerevan",
            "disciplines": [{"slug": "animation"}],
        },
        "userErrors": [],
    }


def _kind(name: str):
    from hub.organisations.enums import OrganisationKind

    return OrganisationKind[name]
