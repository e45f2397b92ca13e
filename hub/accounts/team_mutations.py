"""Mutations for organisation memberships and project teams: invitations and answers."""

from __future__ import annotations

from typing import Annotated

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry import relay

from hub.accounts import invitations, policy
from hub.accounts.enums import OrganisationRole, ProjectRole
from hub.accounts.enums import OrganisationRole as OrganisationRoleEnum
from hub.accounts.enums import ProjectRole as ProjectRoleEnum
from hub.accounts.errors import TeamError, team_errors
from hub.accounts.types import OrganisationInvitation, ProjectInvitation
from hub.api.context import Info
from hub.api.principal import Principal
from hub.api.relations import load_node
from hub.api.writes import key_of, mutation, optional_key_of, run_write
from hub.creators import policy as creator_policy
from hub.i18n.messages import _
from hub.organisations.types import Organisation
from hub.projects import policy as project_policy


@strawberry.input(description="An invitation to join an organisation.")
class InviteToOrganisationInput:
    organisation_id: relay.GlobalID = strawberry.field(description="The organisation.")
    email: str = strawberry.field(
        description="The invitee's email; they answer after logging in with it (or registering)."
    )
    role: OrganisationRole = strawberry.field(
        default=OrganisationRoleEnum.MEMBER, description="The role offered; OWNER by owners only."
    )


@strawberry.input(description="An invitation to answer.")
class InvitationAnswerInput:
    id: relay.GlobalID = strawberry.field(description="The invitation.")


@strawberry.input(description="A member to remove from an organisation.")
class RemoveOrganisationMemberInput:
    organisation_id: relay.GlobalID = strawberry.field(description="The organisation.")
    user_id: relay.GlobalID = strawberry.field(description="The member; yourself to leave.")


@strawberry.input(
    description="An invitation for a creator to join a project, or to fill one of its open roles."
)
class InviteToProjectInput:
    project_id: relay.GlobalID = strawberry.field(description="The project.")
    creator_id: relay.GlobalID = strawberry.field(description="The creator invited.")
    open_role_id: relay.GlobalID | None = strawberry.field(
        default=None, description="The open role to fill, if it is for one."
    )
    role: ProjectRole = strawberry.field(
        default=ProjectRoleEnum.MEMBER, description="Their role in the project's team."
    )
    participant_role: str | None = strawberry.field(
        default=None,
        description="What they will do; by default the open role's title, or `Member`.",
    )


@strawberry.type(description="The outcome of sending or answering an organisation invitation.")
class OrganisationInvitationPayload:
    invitation: OrganisationInvitation | None = strawberry.field(description="The invitation.")
    user_errors: list[TeamError] = strawberry.field(description="Why it did not work.")


@strawberry.type(description="The outcome of sending or answering a project invitation.")
class ProjectInvitationPayload:
    invitation: ProjectInvitation | None = strawberry.field(description="The invitation.")
    user_errors: list[TeamError] = strawberry.field(description="Why it did not work.")


@strawberry.type(description="The outcome of removing a member from an organisation.")
class RemoveOrganisationMemberPayload:
    organisation: Organisation | None = strawberry.field(description="The organisation.")
    user_errors: list[TeamError] = strawberry.field(description="Why it did not work.")


async def _organisation_invitation(
    info: Info, key: int | None, errors: list[TeamError]
) -> OrganisationInvitationPayload:
    invitation = await load_node(info, OrganisationInvitation, key)
    return OrganisationInvitationPayload(invitation=invitation, user_errors=errors)


async def _project_invitation(
    info: Info, key: int | None, errors: list[TeamError]
) -> ProjectInvitationPayload:
    invitation = await load_node(info, ProjectInvitation, key)
    return ProjectInvitationPayload(invitation=invitation, user_errors=errors)


async def _answer_organisation(
    info: Info, input: InvitationAnswerInput, *, accept: bool
) -> OrganisationInvitationPayload:
    async def write(session: AsyncSession) -> int:
        key = key_of(input.id, "OrganisationInvitation", "id")
        user_id = await policy.require_organisation_invitee(session, info.context.principal, key)
        return await invitations.respond_to_organisation_invitation(
            session, key, user_id, accept=accept
        )

    result = await run_write(info, write, entity="OrganisationInvitation", input=input)
    return await _organisation_invitation(info, result.value, team_errors(result.user_errors))


async def _require_project_invitee(
    session: AsyncSession, principal: Principal, invitation_id: int
) -> int:
    """Only the owner of the invited creator profile answers: staff cannot accept for them."""
    user_id = policy.require_person(principal)
    creator_id = await invitations.invited_creator(session, invitation_id)
    if creator_id is not None:
        await creator_policy.require_own_creator(
            session,
            principal,
            creator_id,
            _("Only the person whose creator profile was invited may answer."),
        )
    return user_id


async def _answer_project(
    info: Info, input: InvitationAnswerInput, *, accept: bool
) -> ProjectInvitationPayload:
    async def write(session: AsyncSession) -> int:
        key = key_of(input.id, "ProjectInvitation", "id")
        user_id = await _require_project_invitee(session, info.context.principal, key)
        return await invitations.respond_to_project_invitation(session, key, user_id, accept=accept)

    result = await run_write(info, write, entity="ProjectInvitation", input=input)
    return await _project_invitation(info, result.value, team_errors(result.user_errors))


@strawberry.type
class TeamMutations:
    @mutation("Invite someone, by email, to join an organisation: its owners and admins.")
    async def invite_to_organisation(
        self,
        info: Info,
        input: Annotated[
            InviteToOrganisationInput,
            strawberry.argument(
                description="The organisation, the invitee's email and the role offered."
            ),
        ],
    ) -> OrganisationInvitationPayload:
        principal = info.context.principal

        async def write(session: AsyncSession) -> int:
            key = key_of(input.organisation_id, "Organisation", "organisation_id")
            await policy.require_organisation_inviter(session, principal, key, input.role)
            return await invitations.invite_to_organisation(
                session, key, input.email, input.role, principal.user_id
            )

        result = await run_write(info, write, entity="OrganisationInvitation", input=input)
        return await _organisation_invitation(info, result.value, team_errors(result.user_errors))

    @mutation("Accept an invitation to an organisation sent to your email.")
    async def accept_organisation_invitation(
        self,
        info: Info,
        input: Annotated[
            InvitationAnswerInput, strawberry.argument(description="The invitation to answer.")
        ],
    ) -> OrganisationInvitationPayload:
        return await _answer_organisation(info, input, accept=True)

    @mutation("Decline an invitation to an organisation sent to your email.")
    async def decline_organisation_invitation(
        self,
        info: Info,
        input: Annotated[
            InvitationAnswerInput, strawberry.argument(description="The invitation to answer.")
        ],
    ) -> OrganisationInvitationPayload:
        return await _answer_organisation(info, input, accept=False)

    @mutation(
        "Remove a member from an organisation (admins; owners only by owners), or leave it. "
        "The last owner stays."
    )
    async def remove_organisation_member(
        self,
        info: Info,
        input: Annotated[
            RemoveOrganisationMemberInput,
            strawberry.argument(description="The organisation and the member to remove."),
        ],
    ) -> RemoveOrganisationMemberPayload:
        async def write(session: AsyncSession) -> int:
            organisation = key_of(input.organisation_id, "Organisation", "organisation_id")
            user = key_of(input.user_id, "User", "user_id")
            await policy.require_member_remover(session, info.context.principal, organisation, user)
            return await invitations.remove_organisation_member(session, organisation, user)

        result = await run_write(info, write, entity="Organisation", input=input)
        return RemoveOrganisationMemberPayload(
            organisation=await load_node(info, Organisation, result.value),
            user_errors=team_errors(result.user_errors),
        )

    @mutation(
        "Invite a creator to a project, or to fill one of its open roles: the project's leads. "
        "The creator's owner accepts or declines; nobody joins a project otherwise."
    )
    async def invite_to_project(
        self,
        info: Info,
        input: Annotated[
            InviteToProjectInput,
            strawberry.argument(
                description="The project, the creator invited and the open role, if any."
            ),
        ],
    ) -> ProjectInvitationPayload:
        principal = info.context.principal

        async def write(session: AsyncSession) -> int:
            project = key_of(input.project_id, "Project", "project_id")
            await project_policy.require_project_editor(session, principal, project)
            return await invitations.invite_to_project(
                session,
                project,
                key_of(input.creator_id, "Creator", "creator_id"),
                optional_key_of(input.open_role_id, "OpenRole", "open_role_id"),
                input.role,
                input.participant_role,
                principal.user_id,
            )

        result = await run_write(info, write, entity="ProjectInvitation", input=input)
        return await _project_invitation(info, result.value, team_errors(result.user_errors))

    @mutation(
        "Accept an invitation to a project for your creator profile: you take part, join its "
        "team and fill the open role, if there is still a place."
    )
    async def accept_project_invitation(
        self,
        info: Info,
        input: Annotated[
            InvitationAnswerInput, strawberry.argument(description="The invitation to answer.")
        ],
    ) -> ProjectInvitationPayload:
        return await _answer_project(info, input, accept=True)

    @mutation("Decline an invitation to a project for your creator profile.")
    async def decline_project_invitation(
        self,
        info: Info,
        input: Annotated[
            InvitationAnswerInput, strawberry.argument(description="The invitation to answer.")
        ],
    ) -> ProjectInvitationPayload:
        return await _answer_project(info, input, accept=False)
