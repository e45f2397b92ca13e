"""Memberships by invitation: to an organisation (by email) or to a project (a creator).

Nobody joins anything without accepting: an invitation waits, PENDING, until its invitee
accepts or declines it. Accepting a project invitation makes the creator a participant,
the invitee's user a member of the project's team, and fills the open role it was for,
atomically, so a role never takes more people than its headcount.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.accounts.enums import InvitationStatus, OrganisationRole, ProjectRole
from hub.accounts.errors import TeamErrorCode
from hub.accounts.models import (
    OrganisationInvitation,
    OrganisationMember,
    ProjectInvitation,
    ProjectMember,
    User,
)
from hub.core.checks import check_email, check_text
from hub.core.lookups import any_row, get_or_reject
from hub.core.validation import Problems, Rejected
from hub.creators.service import creator_exists
from hub.i18n.messages import _
from hub.organisations.service import get_organisation
from hub.projects.service import (
    RoleRoom,
    fill_role,
    get_project,
    join_as_participant,
    refuse_if_closed,
    room_in_role,
    takes_part,
)

DEFAULT_PARTICIPANT_ROLE = "Member"

NO_INVITATION = _("No invitation has this id.")
_INVITATION_CLOSED = {
    InvitationStatus.ACCEPTED: _("The invitation was accepted."),
    InvitationStatus.DECLINED: _("The invitation was declined."),
}
_NO_ROOM = {
    RoleRoom.NO_SUCH_ROLE: (TeamErrorCode.NOT_FOUND, _("The project has no such open role.")),
    RoleRoom.CLOSED: (TeamErrorCode.ROLE_CLOSED, _("The role is closed.")),
    RoleRoom.FULL: (TeamErrorCode.ROLE_FILLED, _("Every place in the role is taken.")),
}


async def invite_to_organisation(
    session: AsyncSession,
    organisation_id: int,
    email: str,
    role: OrganisationRole,
    invited_by: int | None,
) -> int:
    await get_organisation(session, organisation_id, "organisation_id")
    problems = Problems()
    normal = check_email(problems, "email", email)
    if problems:
        raise Rejected(problems.errors)
    member = (
        select(OrganisationMember.user_id)
        .join(User, User.id == OrganisationMember.user_id)
        .where(OrganisationMember.organisation_id == organisation_id, User.email == normal)
    )
    if await any_row(session, member):
        raise Rejected.one("email", TeamErrorCode.ALREADY_MEMBER, _("They are already a member."))
    pending = select(OrganisationInvitation.id).where(
        OrganisationInvitation.organisation_id == organisation_id,
        OrganisationInvitation.email == normal,
        OrganisationInvitation.status == InvitationStatus.PENDING,
    )
    if await any_row(session, pending):
        raise Rejected.one("email", TeamErrorCode.DUPLICATE, _("They already have an invitation."))
    invitation = OrganisationInvitation(
        organisation_id=organisation_id,
        email=normal,
        role=role,
        status=InvitationStatus.PENDING,
        invited_by_user_id=invited_by,
    )
    session.add(invitation)
    await session.flush()
    return invitation.id


async def respond_to_organisation_invitation(
    session: AsyncSession, invitation_id: int, user_id: int, *, accept: bool
) -> int:
    """Accept (join with the invited role) or decline; the invitee's user id is checked
    by the policy beforehand."""
    invitation = await get_or_reject(
        session, OrganisationInvitation, invitation_id, missing=NO_INVITATION
    )
    _refuse_unless_pending(invitation.status)
    if accept:
        already = select(OrganisationMember.user_id).where(
            OrganisationMember.organisation_id == invitation.organisation_id,
            OrganisationMember.user_id == user_id,
        )
        if await any_row(session, already):
            raise Rejected.one("id", TeamErrorCode.ALREADY_MEMBER, _("You are already a member."))
        session.add(
            OrganisationMember(
                organisation_id=invitation.organisation_id, user_id=user_id, role=invitation.role
            )
        )
    _close(invitation, accept)
    await session.flush()
    return invitation.id


async def remove_organisation_member(
    session: AsyncSession, organisation_id: int, user_id: int
) -> int:
    """Remove a member; an organisation always keeps at least one OWNER."""
    member = await session.get(OrganisationMember, (organisation_id, user_id))
    if member is None:
        raise Rejected.one("user_id", TeamErrorCode.NOT_FOUND, _("They are not a member."))
    if member.role is OrganisationRole.OWNER:
        owners = select(OrganisationMember.user_id).where(
            OrganisationMember.organisation_id == organisation_id,
            OrganisationMember.role == OrganisationRole.OWNER,
            OrganisationMember.user_id != user_id,
        )
        if not await any_row(session, owners):
            raise Rejected.one("user_id", TeamErrorCode.IN_USE, _("The last owner cannot leave."))
    await session.delete(member)
    await session.flush()
    return organisation_id


async def invite_to_project(
    session: AsyncSession,
    project_id: int,
    creator_id: int,
    open_role_id: int | None,
    role: ProjectRole,
    participant_role: str | None,
    invited_by: int | None,
) -> int:
    project = await get_project(session, project_id, "project_id")
    refuse_if_closed(project, "project_id")
    problems = Problems()
    if not await creator_exists(session, creator_id):
        problems.add("creator_id", TeamErrorCode.NOT_FOUND, _("No creator has this id."))
    title = check_text(
        problems, "participant_role", participant_role, max_length=200, required=False
    )
    if open_role_id is not None:
        room, role_title = await room_in_role(session, project_id, open_role_id)
        if room is not RoleRoom.ROOM:
            code, message = _NO_ROOM[room]
            problems.add("open_role_id", code, message)
        title = title or role_title
    elif await takes_part(session, project_id, creator_id):
        problems.add("creator_id", TeamErrorCode.ALREADY_PARTICIPANT, _("They already take part."))
    pending = select(ProjectInvitation.id).where(
        ProjectInvitation.project_id == project_id,
        ProjectInvitation.creator_id == creator_id,
        ProjectInvitation.status == InvitationStatus.PENDING,
    )
    if not problems and await any_row(session, pending):
        problems.add("creator_id", TeamErrorCode.DUPLICATE, _("They already have an invitation."))
    if problems:
        raise Rejected(problems.errors)
    invitation = ProjectInvitation(
        project_id=project_id,
        creator_id=creator_id,
        open_role_id=open_role_id,
        role=role,
        participant_role=title or DEFAULT_PARTICIPANT_ROLE,
        status=InvitationStatus.PENDING,
        invited_by_user_id=invited_by,
    )
    session.add(invitation)
    await session.flush()
    return invitation.id


async def respond_to_project_invitation(
    session: AsyncSession, invitation_id: int, user_id: int, *, accept: bool
) -> int:
    """Accept (take part, join the team, fill the role) or decline."""
    invitation = await get_or_reject(
        session, ProjectInvitation, invitation_id, missing=NO_INVITATION
    )
    _refuse_unless_pending(invitation.status)
    if accept:
        project = await get_project(session, invitation.project_id, "id")
        refuse_if_closed(project, "id")
        if invitation.open_role_id is not None and not await fill_role(
            session, invitation.open_role_id
        ):
            raise Rejected.one(
                "id", TeamErrorCode.ROLE_FILLED, _("The role has no place left, or it has closed.")
            )
        await join_as_participant(
            session,
            project.id,
            invitation.creator_id,
            invitation.participant_role,
            datetime.now(UTC).date(),
        )
        await _join_team(session, project.id, user_id, invitation.role)
    _close(invitation, accept)
    await session.flush()
    return invitation.id


async def invited_creator(session: AsyncSession, invitation_id: int) -> int | None:
    """The creator profile a project invitation is for; ``None`` if there is no such one."""
    invitation = await session.get(ProjectInvitation, invitation_id)
    return None if invitation is None else invitation.creator_id


async def _join_team(
    session: AsyncSession, project_id: int, user_id: int, role: ProjectRole
) -> None:
    member = await session.get(ProjectMember, (project_id, user_id))
    if member is None:
        session.add(ProjectMember(project_id=project_id, user_id=user_id, role=role))
    elif role is ProjectRole.LEAD:
        member.role = role


def _refuse_unless_pending(status: InvitationStatus) -> None:
    if status is not InvitationStatus.PENDING:
        raise Rejected.one("id", TeamErrorCode.INVITATION_CLOSED, _INVITATION_CLOSED[status])


def _close(invitation: OrganisationInvitation | ProjectInvitation, accept: bool) -> None:
    invitation.status = InvitationStatus.ACCEPTED if accept else InvitationStatus.DECLINED
    invitation.responded_at = datetime.now(UTC)
