"""Projects: creation, the status life cycle, budgets, participants and open roles."""

from dataclasses import dataclass

import pytest
from sqlalchemy import func, select

from hub.creators.enums import LanguageProficiency
from hub.projects.enums import ProjectStatus
from hub.projects.models import OpenRole, Participant, Project
from tests.factories import global_id
from tests.helpers import data_of

CREATE = """
mutation ($input: CreateProjectInput!) {
  createProject(input: $input) {
    project {
      slug status isCrossBorder allowedTransitions
      budget { amount currencyCode }
      countries { code }
      disciplines { slug }
      leadCreator { handle }
      participants { totalCount nodes { role creator { handle } } }
    }
    userErrors { field code message }
  }
}
"""

UPDATE = """
mutation ($input: UpdateProjectInput!) {
  updateProject(input: $input) {
    project { status openRoles { nodes { isOpen } } }
    userErrors { field code message }
  }
}
"""


@dataclass(frozen=True)
class _Minimum:
    language: str
    proficiency: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "proficiency", LanguageProficiency(self.proficiency))


async def _count(session, model) -> int:
    return await session.scalar(select(func.count()).select_from(model))


async def test_a_new_project_has_its_lead_as_a_participant(client, factory):
    user = await factory.user()
    lead = await factory.creator(handle="zz-lead", owner=user)
    data = await data_of(
        client,
        CREATE,
        {
            "input": {
                "slug": "zz-tales",
                "title": "Silk Road Tales",
                "leadCreatorId": global_id("Creator", lead),
                "disciplines": ["animation"],
                "startDate": "2026-02-01",
                "endDate": "2027-01-31",
                "budget": {"amount": "150000.50", "currencyCode": "USD"},
            }
        },
        headers=await factory.headers_for(user),
    )
    payload = data["createProject"]
    assert payload["userErrors"] == []
    project = payload["project"]
    assert project["status"] == "DRAFT"
    assert project["budget"] == {"amount": "150000.50", "currencyCode": "USD"}
    assert project["leadCreator"] == {"handle": "zz-lead"}
    assert project["participants"]["nodes"] == [{"role": "Lead", "creator": {"handle": "zz-lead"}}]
    assert project["countries"] == [{"code": "KZ"}]
    assert project["isCrossBorder"] is False
    assert project["allowedTransitions"] == ["SEEKING_PARTNERS", "IN_PROGRESS", "CANCELLED"]


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"slug": "Bad Slug"}, ["slug"], "INVALID"),
        ({"title": ""}, ["title"], "REQUIRED"),
        ({"endDate": "2025-01-01", "startDate": "2026-01-01"}, ["endDate"], "INVALID_DATE_RANGE"),
        (
            {"budget": {"amount": "-5.00", "currencyCode": "EUR"}},
            ["budget", "amount"],
            "INVALID_AMOUNT",
        ),
        (
            {"budget": {"amount": "10.001", "currencyCode": "USD"}},
            ["budget", "amount"],
            "INVALID_AMOUNT",
        ),
        (
            # Over what a BIGINT holds in minor units: refused, not a database error.
            {"budget": {"amount": "92233720368547758.08", "currencyCode": "USD"}},
            ["budget", "amount"],
            "INVALID_AMOUNT",
        ),
        (
            {"budget": {"amount": "10", "currencyCode": "XXX"}},
            ["budget", "currencyCode"],
            "UNKNOWN_CURRENCY",
        ),
        ({"status": "COMPLETED"}, ["status"], "INVALID_STATUS_TRANSITION"),
        ({"leadCreatorId": None}, ["leadOrganisationId"], "LEAD_REQUIRED"),
        ({"leadCreatorId": "Q3JlYXRvcjo5OTk5OTk5"}, ["leadCreatorId"], "NOT_FOUND"),
        ({"disciplines": ["nope"]}, ["disciplines", "0"], "UNKNOWN_DISCIPLINE"),
    ],
)
async def test_an_invalid_project_is_refused_and_nothing_is_written(
    client, factory, session, change, field, code
):
    user = await factory.user()
    lead = global_id("Creator", await factory.creator(owner=user))
    before = (await _count(session, Project), await _count(session, Participant))
    data = await data_of(
        client,
        CREATE,
        {"input": {"slug": "zz-refused", "title": "T", "leadCreatorId": lead, **change}},
        headers=await factory.headers_for(user),
    )
    assert data["createProject"]["project"] is None
    assert {"field": field, "code": code} in [
        {"field": e["field"], "code": e["code"]} for e in data["createProject"]["userErrors"]
    ]
    assert (await _count(session, Project), await _count(session, Participant)) == before


async def test_status_follows_the_allowed_transitions_only(client, factory):
    project = global_id("Project", await factory.project(status=ProjectStatus.DRAFT))
    for status in ["SEEKING_PARTNERS", "IN_PROGRESS", "COMPLETED"]:
        data = await data_of(
            client, UPDATE, {"input": {"id": project, "status": status}}, admin=True
        )
        assert data["updateProject"]["userErrors"] == []
        assert data["updateProject"]["project"]["status"] == status
    back = await data_of(
        client, UPDATE, {"input": {"id": project, "status": "IN_PROGRESS"}}, admin=True
    )
    assert back["updateProject"]["project"] is None
    error = back["updateProject"]["userErrors"][0]
    assert error["code"] == "INVALID_STATUS_TRANSITION"
    assert "COMPLETED" in error["message"]


async def test_closing_a_project_closes_its_open_roles(client, factory, session):
    project = await factory.project(status=ProjectStatus.IN_PROGRESS)
    await factory.role(project)
    await factory.role(project, title="Sound designer")
    data = await data_of(
        client,
        UPDATE,
        {"input": {"id": global_id("Project", project), "status": "CANCELLED"}},
        admin=True,
    )
    assert data["updateProject"]["project"]["openRoles"]["nodes"] == [
        {"isOpen": False},
        {"isOpen": False},
    ]


ADD = """
mutation ($input: AddParticipantInput!) {
  addParticipant(input: $input) {
    participant { role member { __typename } project { isCrossBorder countries { code } } }
    userErrors { field code }
  }
}
"""


async def test_a_partner_from_another_country_makes_the_project_cross_border(client, factory):
    project = await factory.project(lead_creator=await factory.creator(country="KZ"))
    data = await data_of(
        client,
        ADD,
        {
            "input": {
                "projectId": global_id("Project", project),
                "organisationId": global_id(
                    "Organisation", await factory.organisation(country="AM")
                ),
                "role": "Co-producer",
            }
        },
        admin=True,
    )
    participant = data["addParticipant"]["participant"]
    assert participant["member"] == {"__typename": "Organisation"}
    assert participant["project"]["isCrossBorder"] is True
    assert {c["code"] for c in participant["project"]["countries"]} == {"KZ", "AM"}


async def test_participant_refusals(client, factory, session):
    user = await factory.user()
    creator = await factory.creator(owner=user)
    project = await factory.project(lead_creator=creator)
    headers = await factory.headers_for(user)
    cases = [
        ({"creatorId": global_id("Creator", creator)}, ["creatorId"], "ALREADY_PARTICIPANT"),
        ({}, ["creatorId"], "INVALID"),
        (
            {
                "creatorId": global_id("Creator", creator),
                "organisationId": global_id("Organisation", await factory.organisation()),
            },
            ["creatorId"],
            "INVALID",
        ),
        ({"creatorId": "Q3JlYXRvcjo5OTk5OTk5"}, ["creatorId"], "NOT_FOUND"),
    ]
    before = await _count(session, Participant)
    for member, field, code in cases:
        data = await data_of(
            client,
            ADD,
            {"input": {"projectId": global_id("Project", project), "role": "X", **member}},
            headers=headers,
        )
        assert data["addParticipant"]["userErrors"] == [{"field": field, "code": code}], member
    assert await _count(session, Participant) == before


async def test_the_lead_cannot_be_removed_but_others_can(client, factory):
    lead = await factory.creator()
    project = await factory.project(lead_creator=lead)
    other = await factory.participant(project, creator=await factory.creator())
    lead_participant = await data_of(
        client,
        """query ($id: ID!) {
             node(id: $id) { ... on Project { participants { nodes { id role } } } } }""",
        {"id": global_id("Project", project)},
    )
    lead_id = next(
        node["id"]
        for node in lead_participant["node"]["participants"]["nodes"]
        if node["role"] == "Lead"
    )
    remove = """mutation ($input: RemoveParticipantInput!) { removeParticipant(input: $input) {
                  project { participants { totalCount } } userErrors { code } } }"""
    refused = await data_of(client, remove, {"input": {"id": lead_id}}, admin=True)
    assert refused["removeParticipant"]["userErrors"] == [{"code": "IN_USE"}]
    removed = await data_of(
        client, remove, {"input": {"id": global_id("Participant", other)}}, admin=True
    )
    assert removed["removeParticipant"] == {
        "project": {"participants": {"totalCount": 1}},
        "userErrors": [],
    }


ROLE = """
mutation ($input: OpenRoleInput!) {
  openRole(input: $input) {
    openRole { title seniority headcount remainingCount requiredLanguages isOpen
               discipline { slug } preferredCountries { code } project { slug } }
    userErrors { field code }
  }
}
"""


async def test_opening_updating_and_closing_a_role(client, factory):
    project = await factory.project(slug="zz-hiring")
    opened = await data_of(
        client,
        ROLE,
        {
            "input": {
                "projectId": global_id("Project", project),
                "title": "2D animator",
                "discipline": "animation",
                "seniority": "INTERMEDIATE",
                "requiredLanguages": ["kk", "ru"],
                "headcount": 2,
                "preferredCountries": ["UZ", "KG"],
            }
        },
        admin=True,
    )
    role = opened["openRole"]["openRole"]
    assert role["remainingCount"] == 2
    assert role["requiredLanguages"] == ["kk", "ru"]
    assert [c["code"] for c in role["preferredCountries"]] == ["UZ", "KG"]
    role_id = (
        await data_of(client, '{ project(slug: "zz-hiring") { openRoles { nodes { id } } } }')
    )["project"]["openRoles"]["nodes"][0]["id"]

    overfilled = await data_of(
        client,
        """mutation ($input: UpdateOpenRoleInput!) { updateOpenRole(input: $input) {
             openRole { filledCount } userErrors { field code } } }""",
        {"input": {"id": role_id, "filledCount": 3}},
        admin=True,
    )
    assert overfilled["updateOpenRole"]["userErrors"] == [
        {"field": ["filledCount"], "code": "OUT_OF_RANGE"}
    ]
    close = """mutation ($input: CloseOpenRoleInput!) { closeOpenRole(input: $input) {
                 openRole { isOpen } userErrors { code } } }"""
    closed = await data_of(client, close, {"input": {"id": role_id}}, admin=True)
    assert closed["closeOpenRole"] == {"openRole": {"isOpen": False}, "userErrors": []}
    again = await data_of(client, close, {"input": {"id": role_id}}, admin=True)
    assert again["closeOpenRole"]["userErrors"] == [{"code": "ROLE_CLOSED"}]


async def test_roles_cannot_be_opened_on_a_finished_project(client, factory, session):
    project = await factory.project(status=ProjectStatus.IN_PROGRESS)
    await data_of(
        client,
        UPDATE,
        {"input": {"id": global_id("Project", project), "status": "COMPLETED"}},
        admin=True,
    )
    before = await _count(session, OpenRole)
    data = await data_of(
        client,
        ROLE,
        {
            "input": {
                "projectId": global_id("Project", project),
                "title": "Late",
                "discipline": "animation",
                "seniority": "BEGINNER",
            }
        },
        admin=True,
    )
    assert data["openRole"]["userErrors"] == [{"field": ["projectId"], "code": "PROJECT_CLOSED"}]
    assert await _count(session, OpenRole) == before


async def test_deleting_a_project_removes_its_participants_and_roles(client, factory, session):
    project = await factory.project()
    await factory.role(project)
    before = (await _count(session, Participant), await _count(session, OpenRole))
    data = await data_of(
        client,
        """mutation ($input: DeleteProjectInput!) { deleteProject(input: $input) {
             deletedProjectId userErrors { code } } }""",
        {"input": {"id": global_id("Project", project)}},
        admin=True,
    )
    assert data["deleteProject"]["userErrors"] == []
    assert (await _count(session, Participant), await _count(session, OpenRole)) == (
        before[0] - 1,
        before[1] - 1,
    )


MATCHING_FIELDS = """
mutation ($input: OpenRoleInput!) {
  openRole(input: $input) {
    openRole { strictRequirements prefersExactLevel locationCity locationCountry { code }
               languageMinimums { language proficiency } }
    userErrors { field code }
  }
}
"""


async def test_a_role_says_what_is_strict_what_proficiency_it_asks_and_where_it_is(client, factory):
    project = await factory.project()
    data = await data_of(
        client,
        MATCHING_FIELDS,
        {
            "input": {
                "projectId": global_id("Project", project),
                "title": "On-site cinematographer",
                "discipline": "cinematography",
                "seniority": "EXPERT",
                "requiredLanguages": ["kk"],
                "strictRequirements": ["LEVEL", "LANGUAGE", "LEVEL"],
                "languageMinimums": [{"language": "kk", "proficiency": "FLUENT"}],
                "prefersExactLevel": True,
                "remoteAllowed": False,
                "locationCountry": "KZ",
                "locationCity": " Almaty ",
            }
        },
        admin=True,
    )
    assert data["openRole"] == {
        "openRole": {
            "strictRequirements": ["LANGUAGE", "LEVEL"],
            "prefersExactLevel": True,
            "locationCity": "Almaty",
            "locationCountry": {"code": "KZ"},
            "languageMinimums": [{"language": "kk", "proficiency": "FLUENT"}],
        },
        "userErrors": [],
    }


@pytest.mark.parametrize(
    ("fields", "field", "code"),
    [
        ({"locationCountry": "XX"}, ["locationCountry"], "UNKNOWN_COUNTRY"),
        (
            {"languageMinimums": [{"language": "xx", "proficiency": "BASIC"}]},
            ["languageMinimums", "0"],
            "UNKNOWN_LANGUAGE",
        ),
        (
            {
                "languageMinimums": [
                    {"language": "kk", "proficiency": "BASIC"},
                    {"language": "kk", "proficiency": "NATIVE"},
                ]
            },
            ["languageMinimums"],
            "DUPLICATE",
        ),
        ({"locationCity": "x" * 101}, ["locationCity"], "TOO_LONG"),
        ({"remoteAllowed": False}, ["locationCountry"], "LOCATION_REQUIRED"),
        (
            {"remoteAllowed": False, "locationCountry": None, "locationCity": "Almaty"},
            ["locationCountry"],
            "LOCATION_REQUIRED",
        ),
        (
            {"languageMinimums": [{"language": "kk", "proficiency": "FLUENT"}]},
            ["languageMinimums"],
            "MINIMUM_FOR_UNREQUIRED_LANGUAGE",
        ),
        (
            {
                "requiredLanguages": ["ru"],
                "languageMinimums": [{"language": "kk", "proficiency": "FLUENT"}],
            },
            ["languageMinimums"],
            "MINIMUM_FOR_UNREQUIRED_LANGUAGE",
        ),
    ],
)
async def test_bad_matching_fields_of_a_role_are_refused_and_change_nothing(
    client, factory, session, fields, field, code
):
    project = await factory.project()
    before = await _count(session, OpenRole)
    data = await data_of(
        client,
        MATCHING_FIELDS,
        {
            "input": {
                "projectId": global_id("Project", project),
                "title": "Role",
                "discipline": "animation",
                "seniority": "BEGINNER",
                **fields,
            }
        },
        admin=True,
    )
    assert data["openRole"]["openRole"] is None
    assert {"field": field, "code": code} in data["openRole"]["userErrors"]
    assert await _count(session, OpenRole) == before


UPDATE_ROLE = """
mutation ($input: UpdateOpenRoleInput!) {
  updateOpenRole(input: $input) {
    openRole { remoteAllowed locationCountry { code } requiredLanguages
               languageMinimums { language proficiency } }
    userErrors { field code }
  }
}
"""


async def _role_read_back(session, role: int) -> tuple:
    row = await session.get(OpenRole, role, populate_existing=True)
    return (row.remote_allowed, row.location_country, row.required_languages,
            row.language_minimums)  # fmt: skip


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"remoteAllowed": False}, ["locationCountry"], "LOCATION_REQUIRED"),
        ({"locationCountry": None}, ["locationCountry"], "LOCATION_REQUIRED"),
        ({"requiredLanguages": ["ru"]}, ["languageMinimums"], "MINIMUM_FOR_UNREQUIRED_LANGUAGE"),
        (
            {"languageMinimums": [{"language": "en", "proficiency": "BASIC"}]},
            ["languageMinimums"],
            "MINIMUM_FOR_UNREQUIRED_LANGUAGE",
        ),
    ],
)
async def test_an_update_that_leaves_a_role_incoherent_is_refused_and_changes_nothing(
    client, factory, session, change, field, code
):
    project = await factory.project()
    on_site = change == {"locationCountry": None}
    role = await factory.role(
        project,
        required_languages=["kk", "ru"],
        language_minimums=[_Minimum("kk", "FLUENT")],
        remote_allowed=not on_site,
        location_country="KZ" if on_site else None,
    )
    before = await _role_read_back(session, role)
    data = await data_of(
        client, UPDATE_ROLE, {"input": {"id": global_id("OpenRole", role), **change}}, admin=True
    )
    assert data["updateOpenRole"] == {
        "openRole": None, "userErrors": [{"field": field, "code": code}]
    }  # fmt: skip
    assert await _role_read_back(session, role) == before


async def test_a_role_moves_on_site_with_its_location_and_keeps_minimums_it_requires(
    client, factory
):
    project = await factory.project()
    role = await factory.role(
        project, required_languages=["kk"], language_minimums=[_Minimum("kk", "FLUENT")]
    )
    data = await data_of(
        client,
        UPDATE_ROLE,
        {
            "input": {
                "id": global_id("OpenRole", role),
                "remoteAllowed": False,
                "locationCountry": "KZ",
                "requiredLanguages": ["kk", "ru"],
            }
        },
        admin=True,
    )
    assert data["updateOpenRole"] == {
        "openRole": {
            "remoteAllowed": False,
            "locationCountry": {"code": "KZ"},
            "requiredLanguages": ["kk", "ru"],
            "languageMinimums": [{"language": "kk", "proficiency": "FLUENT"}],
        },
        "userErrors": [],
    }
