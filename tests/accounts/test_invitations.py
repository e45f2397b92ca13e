"""Invitations: nobody joins an organisation or a project without accepting."""

from sqlalchemy import func, select

from hub.accounts.enums import OrganisationRole
from hub.accounts.models import OrganisationMember, ProjectMember
from hub.projects.models import OpenRole, Participant
from tests.accounts.registering import register_and_confirm
from tests.factories import global_id
from tests.helpers import data_of

INVITE_ORG = """
mutation ($input: InviteToOrganisationInput!) {
  inviteToOrganisation(input: $input) { invitation { id status role } userErrors { code } }
}
"""
ACCEPT_ORG = """
mutation ($input: InvitationAnswerInput!) {
  acceptOrganisationInvitation(input: $input) { invitation { status } userErrors { code } }
}
"""
DECLINE_ORG = """
mutation ($input: InvitationAnswerInput!) {
  declineOrganisationInvitation(input: $input) { invitation { status } userErrors { code } }
}
"""
INVITE_PROJECT = """
mutation ($input: InviteToProjectInput!) {
  inviteToProject(input: $input) {
    invitation { id status participantRole openRole { title } } userErrors { field code }
  }
}
"""
ACCEPT_PROJECT = """
mutation ($input: InvitationAnswerInput!) {
  acceptProjectInvitation(input: $input) { invitation { status } userErrors { code } }
}
"""
DECLINE_PROJECT = """
mutation ($input: InvitationAnswerInput!) {
  declineProjectInvitation(input: $input) { invitation { status } userErrors { code } }
}
"""
MY_INVITATIONS = """{ me {
  organisationInvitations { role organisation { slug } }
  organisationMemberships { role organisation { slug } }
  projectInvitations { participantRole project { slug } }
  projectMemberships { role project { slug } }
} }"""


async def _count(session, *conditions) -> int:
    return await session.scalar(select(func.count()).where(*conditions))


async def _organisation_with_admin(factory) -> tuple[int, dict[str, str]]:
    organisation = await factory.organisation(slug="zz-inviting")
    admin = await factory.user()
    await factory.member(organisation, admin, OrganisationRole.OWNER)
    return organisation, await factory.headers_for(admin)


async def _invite_to_organisation(client, headers, organisation, email, role="ADMIN") -> str:
    data = await data_of(
        client,
        INVITE_ORG,
        {
            "input": {
                "organisationId": global_id("Organisation", organisation),
                "email": email,
                "role": role,
            }
        },
        headers=headers,
    )
    assert data["inviteToOrganisation"]["userErrors"] == []
    return data["inviteToOrganisation"]["invitation"]["id"]


async def test_an_organisation_invitation_waits_for_the_invitee_and_accepting_makes_a_member(
    client, factory, session
):
    organisation, admin = await _organisation_with_admin(factory)
    invitee = await factory.user(email="invitee@example.org")
    invitation = await _invite_to_organisation(client, admin, organisation, "Invitee@Example.org")
    member = OrganisationMember.user_id == invitee
    assert await _count(session, member) == 0

    headers = await factory.headers_for(invitee)
    mine = await data_of(client, MY_INVITATIONS, headers=headers)
    assert mine["me"]["organisationInvitations"] == [
        {"role": "ADMIN", "organisation": {"slug": "zz-inviting"}}
    ]
    data = await data_of(client, ACCEPT_ORG, {"input": {"id": invitation}}, headers=headers)
    assert data["acceptOrganisationInvitation"] == {
        "invitation": {"status": "ACCEPTED"},
        "userErrors": [],
    }
    mine = await data_of(client, MY_INVITATIONS, headers=headers)
    assert mine["me"]["organisationInvitations"] == []
    assert mine["me"]["organisationMemberships"] == [
        {"role": "ADMIN", "organisation": {"slug": "zz-inviting"}}
    ]
    again = await data_of(client, ACCEPT_ORG, {"input": {"id": invitation}}, headers=headers)
    assert again["acceptOrganisationInvitation"]["userErrors"] == [{"code": "INVITATION_CLOSED"}]


async def test_declining_an_organisation_invitation_adds_nobody(client, factory, session):
    organisation, admin = await _organisation_with_admin(factory)
    invitee = await factory.user(email="no-thanks@example.org")
    invitation = await _invite_to_organisation(client, admin, organisation, "no-thanks@example.org")
    data = await data_of(
        client,
        DECLINE_ORG,
        {"input": {"id": invitation}},
        headers=await factory.headers_for(invitee),
    )
    assert data["declineOrganisationInvitation"]["invitation"] == {"status": "DECLINED"}
    assert await _count(session, OrganisationMember.user_id == invitee) == 0


async def test_an_invitation_can_wait_for_someone_who_registers_later(client, factory, mailbox):
    organisation, admin = await _organisation_with_admin(factory)
    await _invite_to_organisation(client, admin, organisation, "later@example.org", "MEMBER")
    registered = await register_and_confirm(client, mailbox, "Later@Example.org")
    token = registered["tokens"]["accessToken"]
    mine = await data_of(client, MY_INVITATIONS, headers={"Authorization": f"Bearer {token}"})
    assert mine["me"]["organisationInvitations"] == [
        {"role": "MEMBER", "organisation": {"slug": "zz-inviting"}}
    ]


async def test_inviting_someone_twice_or_a_member_is_refused(client, factory):
    organisation, admin = await _organisation_with_admin(factory)
    member = await factory.user(email="already@example.org")
    await factory.member(organisation, member)
    await _invite_to_organisation(client, admin, organisation, "twice@example.org")
    for email, code in [
        ("twice@example.org", "DUPLICATE"),
        ("already@example.org", "ALREADY_MEMBER"),
    ]:
        data = await data_of(
            client,
            INVITE_ORG,
            {"input": {"organisationId": global_id("Organisation", organisation), "email": email}},
            headers=admin,
        )
        assert data["inviteToOrganisation"]["userErrors"] == [{"code": code}]


async def _project_with_lead(factory, **role_fields) -> tuple[int, int, dict[str, str]]:
    lead = await factory.user()
    project = await factory.project(
        slug="zz-casting", lead_creator=await factory.creator(owner=lead)
    )
    role = await factory.role(project, title="Storyboard artist", **role_fields)
    return project, role, await factory.headers_for(lead)


async def _invite_to_role(client, headers, project, role, creator) -> dict:
    data = await data_of(
        client,
        INVITE_PROJECT,
        {
            "input": {
                "projectId": global_id("Project", project),
                "creatorId": global_id("Creator", creator),
                "openRoleId": global_id("OpenRole", role),
            }
        },
        headers=headers,
    )
    return data["inviteToProject"]


async def test_accepting_a_role_invitation_fills_the_role_and_joins_the_team(
    client, factory, session
):
    project, role, lead = await _project_with_lead(factory)
    invitee = await factory.user()
    creator = await factory.creator(owner=invitee)
    sent = await _invite_to_role(client, lead, project, role, creator)
    assert sent["invitation"]["participantRole"] == "Storyboard artist"
    assert await _count(session, Participant.creator_id == creator) == 0

    headers = await factory.headers_for(invitee)
    mine = await data_of(client, MY_INVITATIONS, headers=headers)
    assert mine["me"]["projectInvitations"] == [
        {"participantRole": "Storyboard artist", "project": {"slug": "zz-casting"}}
    ]
    data = await data_of(
        client, ACCEPT_PROJECT, {"input": {"id": sent["invitation"]["id"]}}, headers=headers
    )
    assert data["acceptProjectInvitation"]["userErrors"] == []
    session.expire_all()
    filled = await session.get(OpenRole, role)
    assert (filled.filled_count, filled.is_open) == (1, False)
    assert await _count(session, Participant.creator_id == creator) == 1
    mine = await data_of(client, MY_INVITATIONS, headers=headers)
    assert mine["me"]["projectMemberships"] == [
        {"role": "MEMBER", "project": {"slug": "zz-casting"}}
    ]


async def test_a_full_role_takes_nobody_else(client, factory, session):
    project, role, lead = await _project_with_lead(factory)
    first, second = await factory.user(), await factory.user()
    invitations = []
    for user in (first, second):
        creator = await factory.creator(owner=user)
        sent = await _invite_to_role(client, lead, project, role, creator)
        invitations.append((user, sent["invitation"]["id"]))
    for user, invitation in invitations:
        await data_of(
            client,
            ACCEPT_PROJECT,
            {"input": {"id": invitation}},
            headers=await factory.headers_for(user),
        )
    late_user, late_invitation = invitations[1]
    before = await _count(session, Participant.project_id == project)
    data = await data_of(
        client,
        ACCEPT_PROJECT,
        {"input": {"id": late_invitation}},
        headers=await factory.headers_for(late_user),
    )
    assert data["acceptProjectInvitation"]["userErrors"] == [{"code": "ROLE_FILLED"}]
    session.expire_all()
    assert (await session.get(OpenRole, role)).filled_count == 1
    assert await _count(session, Participant.project_id == project) == before


async def test_a_full_role_refuses_new_invitations(client, factory):
    project, role, lead = await _project_with_lead(factory, filled_count=1)
    sent = await _invite_to_role(client, lead, project, role, await factory.creator())
    assert sent["userErrors"] == [{"field": ["openRoleId"], "code": "ROLE_FILLED"}]


async def test_declining_a_project_invitation_changes_nothing_else(client, factory, session):
    project, role, lead = await _project_with_lead(factory)
    invitee = await factory.user()
    sent = await _invite_to_role(client, lead, project, role, await factory.creator(owner=invitee))
    data = await data_of(
        client,
        DECLINE_PROJECT,
        {"input": {"id": sent["invitation"]["id"]}},
        headers=await factory.headers_for(invitee),
    )
    assert data["declineProjectInvitation"]["invitation"] == {"status": "DECLINED"}
    session.expire_all()
    assert (await session.get(OpenRole, role)).filled_count == 0
    assert await _count(session, ProjectMember.user_id == invitee) == 0


async def test_concurrent_acceptances_never_overfill_a_role(database, settings, tmp_path):
    """Many invitees accept at once, each on their own connection: only `headcount` win.

    On SQLite the writers take turns (BEGIN IMMEDIATE); none fails with a locked database.
    """
    from tests.accounts.concurrency import accept_concurrently

    outcomes, filled = await accept_concurrently(
        database.backend, settings, tmp_path, invitees=8, headcount=3
    )
    assert filled == 3
    assert sorted(outcomes) == ["ROLE_FILLED"] * 5 + ["ok"] * 3
