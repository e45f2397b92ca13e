"""Refusals reach the client in their domain's terms: the domain's error type and code, the
API's field names, and nothing written."""

from __future__ import annotations

from sqlalchemy import func, select

from hub.accounts.models import ProjectInvitation
from hub.projects.enums import ProjectStatus
from tests.factories import global_id
from tests.helpers import data_of

INVITE_PROJECT = """
mutation ($input: InviteToProjectInput!) {
  inviteToProject(input: $input) {
    invitation { id } userErrors { __typename field code message }
  }
}
"""
UPDATE_PROJECT = """
mutation ($input: UpdateProjectInput!) {
  updateProject(input: $input) {
    project { startDate endDate } userErrors { __typename field code message }
  }
}
"""
ADD_PARTICIPANT = """
mutation ($input: AddParticipantInput!) {
  addParticipant(input: $input) { participant { role } userErrors { field code message } }
}
"""
CLOSE_ROLE = """
mutation ($input: CloseOpenRoleInput!) { closeOpenRole(input: $input) { userErrors { code } } }
"""
CREATE_KEY = """
mutation ($input: CreateApiKeyInput!) {
  createApiKey(input: $input) { secret userErrors { __typename field code } }
}
"""


async def _invitations(session) -> int:
    return await session.scalar(select(func.count()).select_from(ProjectInvitation))


async def _lead_of(factory, **project_fields) -> tuple[int, dict[str, str]]:
    lead = await factory.user()
    project = await factory.project(
        lead_creator=await factory.creator(owner=lead), **project_fields
    )
    return project, await factory.headers_for(lead)


async def test_an_invitation_to_a_closed_project_is_a_team_error_at_project_id(
    client, factory, session
):
    project, headers = await _lead_of(factory, status=ProjectStatus.IN_PROGRESS)
    completed = await data_of(
        client,
        UPDATE_PROJECT,
        {"input": {"id": global_id("Project", project), "status": "COMPLETED"}},
        headers=headers,
    )
    assert completed["updateProject"]["userErrors"] == []
    before = await _invitations(session)
    data = await data_of(
        client,
        INVITE_PROJECT,
        {
            "input": {
                "projectId": global_id("Project", project),
                "creatorId": global_id("Creator", await factory.creator()),
            }
        },
        headers=headers,
    )
    assert data["inviteToProject"] == {
        "invitation": None,
        "userErrors": [
            {
                "__typename": "TeamError",
                "field": ["projectId"],
                "code": "PROJECT_CLOSED",
                "message": "The project is completed.",
            }
        ],
    }
    assert await _invitations(session) == before


async def test_an_invitation_to_a_closed_role_is_refused_at_open_role_id(client, factory, session):
    project, headers = await _lead_of(factory)
    role = await factory.role(project)
    closed = await data_of(
        client, CLOSE_ROLE, {"input": {"id": global_id("OpenRole", role)}}, headers=headers
    )
    assert closed["closeOpenRole"]["userErrors"] == []
    before = await _invitations(session)
    data = await data_of(
        client,
        INVITE_PROJECT,
        {
            "input": {
                "projectId": global_id("Project", project),
                "creatorId": global_id("Creator", await factory.creator()),
                "openRoleId": global_id("OpenRole", role),
            }
        },
        headers=headers,
    )
    errors = data["inviteToProject"]["userErrors"]
    assert [(e["field"], e["code"]) for e in errors] == [(["openRoleId"], "ROLE_CLOSED")]
    assert await _invitations(session) == before


async def test_an_invitation_to_an_open_role_is_sent(client, factory, session):
    project, headers = await _lead_of(factory)
    role = await factory.role(project)
    before = await _invitations(session)
    data = await data_of(
        client,
        INVITE_PROJECT,
        {
            "input": {
                "projectId": global_id("Project", project),
                "creatorId": global_id("Creator", await factory.creator()),
                "openRoleId": global_id("OpenRole", role),
            }
        },
        headers=headers,
    )
    assert data["inviteToProject"]["userErrors"] == []
    assert data["inviteToProject"]["invitation"]["id"]
    assert await _invitations(session) == before + 1


async def test_a_date_range_refusal_names_the_api_fields(client, factory):
    project, headers = await _lead_of(factory)
    data = await data_of(
        client,
        UPDATE_PROJECT,
        {
            "input": {
                "id": global_id("Project", project),
                "startDate": "2026-05-01",
                "endDate": "2026-04-01",
            }
        },
        headers=headers,
    )
    assert data["updateProject"] == {
        "project": None,
        "userErrors": [
            {
                "__typename": "ProjectError",
                "field": ["endDate"],
                "code": "INVALID_DATE_RANGE",
                "message": "`endDate` is before `startDate`.",
            }
        ],
    }


async def test_a_participant_must_be_exactly_one_of_a_creator_or_an_organisation(client, factory):
    project, headers = await _lead_of(factory)
    data = await data_of(
        client,
        ADD_PARTICIPANT,
        {"input": {"projectId": global_id("Project", project), "role": "Editor"}},
        headers=headers,
    )
    assert data["addParticipant"] == {
        "participant": None,
        "userErrors": [
            {
                "field": ["creatorId"],
                "code": "INVALID",
                "message": "Give exactly one of `creatorId` or `organisationId`.",
            }
        ],
    }


async def test_an_api_key_without_scopes_is_an_api_key_error(client, factory):
    organisation = await factory.organisation()
    data = await data_of(
        client,
        CREATE_KEY,
        {
            "input": {
                "organisationId": global_id("Organisation", organisation),
                "name": "Portal",
                "scopes": [],
            }
        },
        admin=True,
    )
    assert data["createApiKey"] == {
        "secret": None,
        "userErrors": [{"__typename": "ApiKeyError", "field": ["scopes"], "code": "REQUIRED"}],
    }
