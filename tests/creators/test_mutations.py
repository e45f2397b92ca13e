"""Creating, changing and deleting creators, and every way an input is refused."""

import httpx
import pytest
from sqlalchemy import func, select

from hub.creators.models import Creator
from hub.server.app import create_app
from tests.factories import global_id
from tests.helpers import ADMIN, data_of, graphql

CREATE = """
mutation ($input: CreateCreatorInput!) {
  createCreator(input: $input) {
    creator {
      id handle displayName city birthYear isYoungTalent openToCollaboration isMentor
      country { code }
      disciplines { level yearsOfExperience discipline { slug } }
      languages { language proficiency }
      portfolio { title url }
    }
    userErrors { field code message }
  }
}
"""

UPDATE = """
mutation ($input: UpdateCreatorInput!) {
  updateCreator(input: $input) {
    creator { handle displayName city bio languages { language } }
    userErrors { field code message }
  }
}
"""

DELETE = """
mutation ($input: DeleteCreatorInput!) {
  deleteCreator(input: $input) { deletedCreatorId userErrors { field code message } }
}
"""

VALID = {
    "handle": "aruzhan-tasmagambet",
    "displayName": "Аружан Тасмағамбет",
    "country": "kz",
    "city": "Алматы",
    "birthYear": 2001,
    "disciplines": [{"discipline": "animation", "level": "ADVANCED", "yearsOfExperience": 4}],
    "languages": [
        {"language": "kk", "proficiency": "NATIVE"},
        {"language": "ru", "proficiency": "FLUENT"},
    ],
    "portfolio": [{"title": "Showreel", "url": "https://example.com/reel"}],
}


async def _creator_count(session) -> int:
    return await session.scalar(select(func.count()).select_from(Creator))


async def test_creating_a_creator_returns_it_with_everything_given(client):
    data = await data_of(client, CREATE, {"input": VALID}, admin=True)
    payload = data["createCreator"]
    assert payload["userErrors"] == []
    creator = payload["creator"]
    assert creator["handle"] == "aruzhan-tasmagambet"
    assert creator["country"] == {"code": "KZ"}
    assert creator["isYoungTalent"] is True
    assert creator["openToCollaboration"] is True
    assert creator["isMentor"] is False
    assert creator["disciplines"] == [
        {"level": "ADVANCED", "yearsOfExperience": 4, "discipline": {"slug": "animation"}}
    ]
    assert [language["language"] for language in creator["languages"]] == ["kk", "ru"]
    found = await data_of(client, '{ creator(handle: "aruzhan-tasmagambet") { displayName city } }')
    assert found["creator"] == {"displayName": "Аружан Тасмағамбет", "city": "Алматы"}


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"handle": "Not Valid!"}, ["handle"], "INVALID"),
        ({"displayName": "   "}, ["displayName"], "REQUIRED"),
        ({"country": "XX"}, ["country"], "UNKNOWN_COUNTRY"),
        ({"birthYear": 3000}, ["birthYear"], "OUT_OF_RANGE"),
        ({"city": "x" * 101}, ["city"], "TOO_LONG"),
        (
            {"disciplines": [{"discipline": "basket-weaving-on-mars", "level": "BEGINNER"}]},
            ["disciplines", "0"],
            "UNKNOWN_DISCIPLINE",
        ),
        (
            {
                "disciplines": [
                    {"discipline": "animation", "level": "EXPERT", "yearsOfExperience": -1}
                ]
            },
            ["disciplines", "0", "yearsOfExperience"],
            "OUT_OF_RANGE",
        ),
        (
            {"languages": [{"language": "zz", "proficiency": "NATIVE"}]},
            ["languages", "0"],
            "UNKNOWN_LANGUAGE",
        ),
        (
            {"portfolio": [{"title": "Reel", "url": "javascript:alert(1)"}]},
            ["portfolio", "0", "url"],
            "INVALID",
        ),
    ],
)
async def test_an_invalid_creator_is_refused_with_a_coded_user_error_and_nothing_is_written(
    client, session, change, field, code
):
    before = await _creator_count(session)
    data = await data_of(client, CREATE, {"input": {**VALID, **change}}, admin=True)
    payload = data["createCreator"]
    assert payload["creator"] is None
    assert {"field": field, "code": code} in [
        {"field": error["field"], "code": error["code"]} for error in payload["userErrors"]
    ]
    assert all(error["message"] for error in payload["userErrors"])
    assert await _creator_count(session) == before


async def test_every_problem_is_reported_at_once(client):
    bad = {**VALID, "handle": "-", "country": "XX", "birthYear": 200}
    data = await data_of(client, CREATE, {"input": bad}, admin=True)
    codes = {error["code"] for error in data["createCreator"]["userErrors"]}
    assert codes == {"INVALID", "UNKNOWN_COUNTRY", "OUT_OF_RANGE"}


async def test_a_taken_handle_is_refused_as_a_duplicate(client, factory):
    await factory.creator(handle="taken-handle")
    data = await data_of(client, CREATE, {"input": {**VALID, "handle": "taken-handle"}}, admin=True)
    assert data["createCreator"]["userErrors"][0]["code"] == "DUPLICATE"


async def test_an_update_changes_only_the_fields_it_gives(client, factory):
    key = await factory.creator(handle="partial-update", city="Bishkek", bio="Painter.")
    data = await data_of(
        client,
        UPDATE,
        {"input": {"id": global_id("Creator", key), "displayName": "Renamed"}},
        admin=True,
    )
    assert data["updateCreator"] == {
        "creator": {
            "handle": "partial-update",
            "displayName": "Renamed",
            "city": "Bishkek",
            "bio": "Painter.",
            "languages": [],
        },
        "userErrors": [],
    }


async def test_null_clears_a_field_that_may_be_empty_and_lists_are_replaced(client, factory):
    key = await factory.creator(city="Tashkent")
    data = await data_of(
        client,
        UPDATE,
        {
            "input": {
                "id": global_id("Creator", key),
                "city": None,
                "displayName": None,
                "languages": [{"language": "uz", "proficiency": "NATIVE"}],
            }
        },
        admin=True,
    )
    creator = data["updateCreator"]["creator"]
    assert creator["city"] is None
    assert creator["displayName"].startswith("Test Creator")
    assert creator["languages"] == [{"language": "uz"}]


async def test_updating_with_an_id_of_another_type_is_a_user_error(client, factory):
    organisation = await factory.organisation()
    data = await data_of(
        client,
        UPDATE,
        {"input": {"id": global_id("Organisation", organisation), "bio": "x"}},
        admin=True,
    )
    assert data["updateCreator"]["userErrors"] == [
        {"field": ["id"], "code": "INVALID_ID", "message": "`id` is not the id of a Creator."}
    ]


async def test_deleting_a_creator_removes_them_and_their_places_in_projects(
    client, factory, session
):
    key = await factory.creator(handle="leaving")
    project = await factory.project()
    await factory.participant(project, creator=key)
    data = await data_of(client, DELETE, {"input": {"id": global_id("Creator", key)}}, admin=True)
    assert data["deleteCreator"]["deletedCreatorId"] == global_id("Creator", key)
    assert (await data_of(client, '{ creator(handle: "leaving") { id } }'))["creator"] is None
    node = await data_of(
        client,
        "query ($id: ID!) { node(id: $id) { ... on Project { participants { totalCount } } } }",
        {"id": global_id("Project", project)},
    )
    assert node["node"]["participants"]["totalCount"] == 1


async def test_a_creator_who_leads_a_project_cannot_be_deleted(client, factory, session):
    lead = await factory.creator()
    await factory.project(lead_creator=lead)
    before = await _creator_count(session)
    data = await data_of(client, DELETE, {"input": {"id": global_id("Creator", lead)}}, admin=True)
    assert data["deleteCreator"]["userErrors"][0]["code"] == "IN_USE"
    assert data["deleteCreator"]["deletedCreatorId"] is None
    assert await _creator_count(session) == before


async def test_a_mutation_without_a_credential_is_refused_and_changes_nothing(client, session):
    before = await _creator_count(session)
    body = await graphql(client, CREATE, {"input": VALID})
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert body["errors"][0]["path"] == ["createCreator"]
    assert await _creator_count(session) == before


@pytest.mark.parametrize(
    "headers",
    [{"Authorization": "Bearer wrong"}, {"Authorization": "Basic dGVzdC1hZG1pbi10b2tlbg=="}],
    ids=["wrong token", "not a bearer"],
)
async def test_a_bad_credential_is_refused_before_anything_runs(client, session, headers):
    before = await _creator_count(session)
    response = await client.post(
        "/graphql", json={"query": CREATE, "variables": {"input": VALID}}, headers=headers
    )
    assert response.status_code == 401
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert await _creator_count(session) == before


async def test_without_a_configured_admin_token_the_old_token_is_just_a_bad_credential(
    settings, database, sessions, session
):
    app = create_app(
        settings.model_copy(update={"admin_token": None}),
        engine=database.engine,
        session_factory=sessions,
        check_migrations=False,
    )
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://hub.test"
    ) as client:
        before = await _creator_count(session)
        body = await graphql(client, CREATE, {"input": VALID}, headers=ADMIN)
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert await _creator_count(session) == before
