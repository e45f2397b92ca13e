"""Every permission rule, allowed and denied, one by one.

Each rule names a mutation, an input built in a small world of known relationships
(``tests/accounts/world.py``), who may make it and who may not. A refusal is a GraphQL
error with a stable code, and the database is exactly as it was.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from hub.accounts import invitations
from hub.accounts.enums import AuditOutcome, OrganisationRole, ProjectRole
from hub.accounts.models import ApiKey, AuditRecord, OrganisationInvitation, ProjectInvitation
from hub.creators import service as creators
from hub.talent.mentoring.enums import PairingStatus
from hub.talent.mentoring.models import MentorCapacity, MentorshipPairing
from tests.accounts.world import World, build_world, fingerprint
from tests.conftest import Database, in_savepoint, rolled_back, sessions_on, settings_for
from tests.factories import Factory, global_id
from tests.helpers import graphql
from tests.talent_skills import builders as credential_builders

Input = Callable[[World], Awaitable[dict]]


@dataclass(frozen=True)
class Rule:
    says: str
    mutation: str
    input: Input
    allowed: tuple[str, ...]
    denied: tuple[str, ...]

    @property
    def operation(self) -> str:
        kind = self.mutation[0].upper() + self.mutation[1:]
        if kind in {"AcceptOrganisationInvitation", "DeclineOrganisationInvitation"}:
            kind = "InvitationAnswer"
        if kind in {"AcceptProjectInvitation", "DeclineProjectInvitation"}:
            kind = "InvitationAnswer"
        return (
            f"mutation ($input: {kind}Input!) {{ {self.mutation}(input: $input) "
            "{ userErrors { field code message } } }"
        )


def gid(type_name: str, key: int) -> str:
    return global_id(type_name, key)


async def _write(world: World, write) -> int:
    return await world.factory._write(write)


async def _org_invitation(world: World) -> dict:
    """The newcomer's pending invitation to the organisation (made once per world)."""

    async def write(session) -> int:
        pending = await session.scalar(
            select(OrganisationInvitation.id).where(
                OrganisationInvitation.email == "newcomer@example.org"
            )
        )
        return pending or await invitations.invite_to_organisation(
            session, world.org, "newcomer@example.org", OrganisationRole.MEMBER, None
        )

    return {"id": gid("OrganisationInvitation", await _write(world, write))}


async def _project_invitation(world: World) -> dict:
    """The stranger's pending invitation to the project (made once per world)."""

    async def write(session) -> int:
        pending = await session.scalar(
            select(ProjectInvitation.id).where(
                ProjectInvitation.creator_id == world.stranger_creator
            )
        )
        return pending or await invitations.invite_to_project(
            session, world.org_project, world.stranger_creator, None, ProjectRole.MEMBER, None, None
        )

    return {"id": gid("ProjectInvitation", await _write(world, write))}


async def _participant(world: World) -> dict:
    key = await world.factory.participant(world.org_project, creator=world.creator)
    return {"id": gid("Participant", key)}


async def _role(world: World) -> dict:
    return {"id": gid("OpenRole", await world.factory.role(world.org_project))}


async def _role_change(world: World) -> dict:
    return {**await _role(world), "title": "Lead animator"}


async def _affiliation(world: World) -> dict:
    fields = creators.AffiliationFields(world.creator, world.org, "Resident", date(2024, 1, 1))
    key = await _write(world, lambda s: creators.add_affiliation(s, fields))
    return {"id": gid("Affiliation", key)}


async def _api_key(world: World) -> dict:
    key = await world.factory._write(
        lambda s: s.scalar(select(ApiKey.id).where(ApiKey.organisation_id == world.org).limit(1))
    )
    return {"id": gid("ApiKey", key)}


def _new_project(lead: str) -> Input:
    async def build(world: World) -> dict:
        leads = {
            "organisation": {"leadOrganisationId": gid("Organisation", world.org)},
            "creator": {"leadCreatorId": gid("Creator", world.creator)},
        }
        return {"slug": "zz-permitted", "title": "Permitted", **leads[lead]}

    return build


RULES = [
    Rule(
        "a creator profile is edited by its owner or staff",
        "updateCreator",
        lambda w: _value({"id": gid("Creator", w.creator), "bio": "Edited."}),
        allowed=("creator owner", "staff", "admin token"),
        denied=("stranger", "org admin", "write key"),
    ),
    Rule(
        "a creator profile is deleted by its owner or staff",
        "deleteCreator",
        lambda w: _value({"id": gid("Creator", w.creator)}),
        allowed=("creator owner", "staff"),
        denied=("stranger", "org admin"),
    ),
    Rule(
        "people create their own profile; API keys create none",
        "createCreator",
        lambda w: _value({"handle": "zz-new-profile", "displayName": "New", "country": "KZ"}),
        allowed=("newcomer", "admin token"),
        denied=("write key",),
    ),
    Rule(
        "organisation owners and admins (and its write keys) edit it",
        "updateOrganisation",
        lambda w: _value({"id": gid("Organisation", w.org), "description": "Edited."}),
        allowed=("org owner", "org admin", "write key", "staff", "admin token"),
        denied=("org member", "stranger", "other admin", "other write key"),
    ),
    Rule(
        "only owners delete an organisation",
        "deleteOrganisation",
        lambda w: _value({"id": gid("Organisation", w.other_org)}),
        allowed=("other owner", "staff"),
        denied=("other admin", "stranger", "other write key"),
    ),
    Rule(
        "anyone logged in creates an organisation; API keys do not",
        "createOrganisation",
        lambda w: _value({"slug": "zz-new-org", "name": "New", "kind": "STUDIO", "country": "KZ"}),
        allowed=("stranger", "staff"),
        denied=("write key",),
    ),
    Rule(
        "a project led by an organisation is started by its admins",
        "createProject",
        _new_project("organisation"),
        allowed=("org admin", "org owner", "write key", "staff"),
        denied=("org member", "stranger", "other write key"),
    ),
    Rule(
        "a project led by a creator is started by that creator alone, not even staff",
        "createProject",
        _new_project("creator"),
        allowed=("creator owner",),
        denied=("staff", "admin token", "stranger"),
    ),
    Rule(
        "a project is edited by its leads and its lead organisation's admins",
        "updateProject",
        lambda w: _value({"id": gid("Project", w.org_project), "summary": "Edited."}),
        allowed=("lead user", "org admin", "write key", "staff"),
        denied=("org member", "stranger", "other write key"),
    ),
    Rule(
        "a project led by a creator is edited by that creator's owner",
        "updateProject",
        lambda w: _value({"id": gid("Project", w.creator_project), "summary": "Edited."}),
        allowed=("lead creator owner", "staff"),
        denied=("creator owner", "org admin"),
    ),
    Rule(
        "a new lead creator must be the editor's own profile: nobody else is made a lead",
        "updateProject",
        lambda w: _value(
            {"id": gid("Project", w.org_project), "leadCreatorId": gid("Creator", w.admin_creator)}
        ),
        allowed=("org admin",),
        denied=("staff", "admin token", "write key", "lead user"),
    ),
    Rule(
        "a project is deleted by its leads",
        "deleteProject",
        lambda w: _value({"id": gid("Project", w.org_project)}),
        allowed=("org admin", "lead user", "staff"),
        denied=("org member", "stranger"),
    ),
    Rule(
        "an organisation joins a project when someone leading the project administers it",
        "addParticipant",
        lambda w: _value(
            {
                "projectId": gid("Project", w.org_project),
                "organisationId": gid("Organisation", w.other_org),
                "role": "Partner",
            }
        ),
        allowed=("staff", "admin token"),
        denied=("org admin", "other admin", "stranger"),
    ),
    Rule(
        "a creator joins a project directly only when it is their own profile",
        "addParticipant",
        lambda w: _value(
            {
                "projectId": gid("Project", w.org_project),
                "creatorId": gid("Creator", w.admin_creator),
                "role": "Director",
            }
        ),
        allowed=("org admin",),
        denied=("staff", "admin token", "lead user", "write key"),
    ),
    Rule(
        "a participant is removed by the project's leads, or leaves on their own",
        "removeParticipant",
        _participant,
        allowed=("creator owner", "org admin", "staff"),
        denied=("stranger", "org member"),
    ),
    Rule(
        "roles are opened by the project's leads",
        "openRole",
        lambda w: _value(
            {
                "projectId": gid("Project", w.org_project),
                "title": "Animator",
                "discipline": "animation",
                "seniority": "BEGINNER",
            }
        ),
        allowed=("lead user", "write key", "staff"),
        denied=("stranger", "org member", "creator owner"),
    ),
    Rule(
        "roles are changed by the project's leads",
        "updateOpenRole",
        _role_change,
        allowed=("org admin", "staff"),
        denied=("stranger", "other admin"),
    ),
    Rule(
        "roles are closed by the project's leads",
        "closeOpenRole",
        _role,
        allowed=("lead user", "staff"),
        denied=("stranger", "org member"),
    ),
    Rule(
        "a creator's affiliations are declared by the creator",
        "addAffiliation",
        lambda w: _value(
            {
                "creatorId": gid("Creator", w.creator),
                "organisationId": gid("Organisation", w.org),
                "role": "Resident",
            }
        ),
        allowed=("creator owner", "staff"),
        denied=("org admin", "write key", "stranger"),
    ),
    Rule(
        "an affiliation is removed by the creator or by the organisation's admins",
        "removeAffiliation",
        _affiliation,
        allowed=("creator owner", "org admin", "staff"),
        denied=("stranger", "other admin", "org member"),
    ),
    Rule(
        "staff assign creator profiles to their owners",
        "setCreatorOwner",
        lambda w: _value({"creatorId": gid("Creator", w.creator), "ownerEmail": None}),
        allowed=("staff", "admin token"),
        denied=("creator owner", "org admin"),
    ),
    Rule(
        "organisation admins invite members",
        "inviteToOrganisation",
        lambda w: _value(
            {"organisationId": gid("Organisation", w.org), "email": "someone@example.org"}
        ),
        allowed=("org admin", "org owner", "write key", "staff"),
        denied=("org member", "stranger", "other admin"),
    ),
    Rule(
        "only owners invite new owners",
        "inviteToOrganisation",
        lambda w: _value(
            {
                "organisationId": gid("Organisation", w.org),
                "email": "someone@example.org",
                "role": "OWNER",
            }
        ),
        allowed=("org owner", "staff"),
        denied=("org admin", "write key"),
    ),
    Rule(
        "only the invitee accepts an organisation invitation",
        "acceptOrganisationInvitation",
        _org_invitation,
        allowed=("newcomer",),
        denied=("stranger", "staff", "admin token", "org admin"),
    ),
    Rule(
        "only the invitee declines an organisation invitation",
        "declineOrganisationInvitation",
        _org_invitation,
        allowed=("newcomer",),
        denied=("org admin", "staff"),
    ),
    Rule(
        "members leave, admins remove members",
        "removeOrganisationMember",
        lambda w: _value(
            {
                "organisationId": gid("Organisation", w.org),
                "userId": gid("User", w.users["org member"]),
            }
        ),
        allowed=("org member", "org admin", "staff"),
        denied=("stranger", "other admin"),
    ),
    Rule(
        "admins remove admins (or leave)",
        "removeOrganisationMember",
        lambda w: _value(
            {
                "organisationId": gid("Organisation", w.org),
                "userId": gid("User", w.users["org admin"]),
            }
        ),
        allowed=("org owner", "org admin", "write key"),
        denied=("org member", "other admin"),
    ),
    Rule(
        "only owners remove an owner",
        "removeOrganisationMember",
        lambda w: _value(
            {
                "organisationId": gid("Organisation", w.org),
                "userId": gid("User", w.users["org owner"]),
            }
        ),
        allowed=(),
        denied=("org admin", "write key", "org member"),
    ),
    Rule(
        "a project's leads invite creators",
        "inviteToProject",
        lambda w: _value(
            {
                "projectId": gid("Project", w.org_project),
                "creatorId": gid("Creator", w.stranger_creator),
            }
        ),
        allowed=("lead user", "org admin", "staff"),
        denied=("stranger", "org member"),
    ),
    Rule(
        "only the invited creator's owner accepts, never staff on their behalf",
        "acceptProjectInvitation",
        _project_invitation,
        allowed=("stranger",),
        denied=("staff", "admin token", "lead user", "org admin"),
    ),
    Rule(
        "only the invited creator's owner declines",
        "declineProjectInvitation",
        _project_invitation,
        allowed=("stranger",),
        denied=("org admin", "staff"),
    ),
    Rule(
        "organisation admins create API keys; keys never make keys",
        "createApiKey",
        lambda w: _value(
            {"organisationId": gid("Organisation", w.org), "name": "Partner", "scopes": ["READ"]}
        ),
        allowed=("org admin", "org owner", "staff"),
        denied=("org member", "write key", "stranger", "other admin"),
    ),
    Rule(
        "organisation admins revoke its API keys",
        "revokeApiKey",
        _api_key,
        allowed=("org admin", "staff"),
        denied=("org member", "stranger", "other admin", "write key"),
    ),
    Rule(
        "a creator offers mentoring places only for their own profile",
        "offerMentoring",
        lambda w: _value({"creatorId": gid("Creator", w.creator), "capacity": 2}),
        allowed=("creator owner",),
        denied=("stranger", "staff", "org admin", "admin token"),
    ),
    Rule(
        "a creator asks for a mentor for their own profile (or staff pair them)",
        "proposeMentorship",
        lambda w: _mentor_with_places(w),
        allowed=("creator owner", "staff", "admin token"),
        denied=("stranger", "org admin", "org owner"),
    ),
    Rule(
        "either side of a pairing changes its goals (or staff)",
        "updateMentorshipGoals",
        lambda w: _pairing(w),
        allowed=("creator owner", "org admin", "staff", "admin token"),
        denied=("stranger", "org owner", "org member", "other admin"),
    ),
    Rule(
        "a person chooses the language of their own mail",
        "setPreferredLanguage",
        lambda w: _value({"language": "KK"}),
        allowed=("creator owner", "stranger", "staff"),
        denied=("admin token", "write key"),
    ),
    Rule(
        "a credential is revoked by its issuer's owners and admins, or staff",
        "revokeCredential",
        lambda w: _credential(w),
        allowed=("org owner", "org admin", "staff", "admin token"),
        denied=("org member", "creator owner", "stranger", "other admin"),
    ),
]


async def _mentor_with_places(world: World) -> dict:
    """The org admin's creator profile offers two places; the creator asks for one."""

    async def write(session) -> int:
        if await session.get(MentorCapacity, world.admin_creator) is None:
            session.add(MentorCapacity(creator_id=world.admin_creator, capacity=2, taken=0))
        return world.admin_creator

    mentor = await _write(world, write)
    return {"mentorId": gid("Creator", mentor), "menteeId": gid("Creator", world.creator)}


async def _pairing(world: World) -> dict:
    """A proposed pairing: the org admin's creator profile mentors the creator."""
    await _mentor_with_places(world)

    async def write(session) -> int:
        pairing = MentorshipPairing(
            mentor_id=world.admin_creator,
            mentee_id=world.creator,
            status=PairingStatus.PROPOSED,
            goals="Light a night scene.",
        )
        session.add(pairing)
        await session.flush()
        return pairing.id

    key = await _write(world, write)
    return {"id": gid("MentorshipPairing", key), "goals": "Storyboard a short film."}


async def _credential(world: World) -> dict:
    """A credential the organisation issued to the creator."""
    key = await credential_builders.credential(world.factory.sessions, world.org, world.creator)
    return {"id": gid("Credential", key), "reason": "Issued in error."}


async def _value(value: dict) -> dict:
    return value


def _cases() -> list:
    cases = []
    for rule in RULES:
        for actor in rule.allowed:
            cases.append(pytest.param(rule, actor, True, id=f"{rule.mutation}: {actor} may"))
        for actor in rule.denied:
            cases.append(pytest.param(rule, actor, False, id=f"{rule.mutation}: {actor} may not"))
    return cases


# The world is built once per module and backend, in a transaction rolled back after the
# module; each test runs in a savepoint of it, rolled back after the test, so every test
# still starts from the same world and sees nothing another test wrote.


@pytest.fixture(scope="module")
async def world_connection(database: Database) -> AsyncIterator[AsyncConnection]:
    async with rolled_back(database) as connection:
        yield connection


@pytest.fixture(scope="module")
async def world(database: Database, world_connection: AsyncConnection) -> World:
    return await build_world(Factory(sessions_on(world_connection), settings_for(database)))


@pytest.fixture
async def connection(
    world_connection: AsyncConnection, world: World
) -> AsyncIterator[AsyncConnection]:
    """The world's connection, in a savepoint of its own (overrides tests/conftest.py's)."""
    async with in_savepoint(world_connection) as connection:
        yield connection


@pytest.mark.parametrize(("rule", "actor", "allowed"), _cases())
async def test_the_rule_allows_and_denies_exactly_whom_it_says(
    client, session, world, rule, actor, allowed
):
    variables = {"input": await rule.input(world)}
    headers = await world.headers(actor)
    before = await fingerprint(session)
    body = await graphql(client, rule.operation, variables, headers=headers)
    if allowed:
        assert "errors" not in body, (rule.says, body)
        assert body["data"][rule.mutation]["userErrors"] == [], (rule.says, body)
        assert await fingerprint(session) != before
    else:
        assert body["data"] is None, (rule.says, body)
        [error] = body["errors"]
        assert error["extensions"]["code"] == "FORBIDDEN", (rule.says, error)
        assert error["path"] == [rule.mutation]
        assert await fingerprint(session) == before


@pytest.mark.parametrize(
    ("actor", "code"), [("anonymous", "UNAUTHENTICATED"), ("read key", "FORBIDDEN")]
)
async def test_anonymous_callers_and_read_only_keys_change_nothing_anywhere(
    client, session, world, actor, code
):
    headers = await world.headers(actor)
    for rule in RULES:
        variables = {"input": await rule.input(world)}
        before = await fingerprint(session)
        body = await graphql(client, rule.operation, variables, headers=headers)
        assert body["data"] is None, rule.says
        assert body["errors"][0]["extensions"]["code"] == code, rule.says
        assert await fingerprint(session) == before, rule.says


async def test_a_denied_attempt_is_in_the_audit_log(client, session, world):
    rule = RULES[0]
    await graphql(
        client,
        rule.operation,
        {"input": await rule.input(world)},
        headers=await world.headers("stranger"),
    )
    record = await session.scalar(
        select(AuditRecord).where(AuditRecord.outcome == AuditOutcome.DENIED)
    )
    assert record is not None
    assert (record.action, record.entity_type, record.actor_user_id) == (
        "updateCreator",
        "Creator",
        world.users["stranger"],
    )
