"""Who may change what: one function per rule, each returning quietly or raising ``Denied``.

Staff, and the bootstrap admin token that acts as staff, pass every rule but one: nobody
adds a person to a project without that person's acceptance, so the rules about a
creator joining a project (``require_own_creator``) let only the creator's owner through.
An organisation's API key acts as an ADMIN of that organisation when it has ``WRITE``.
Rules look rows up but never report a missing one: the service does, as ``NOT_FOUND``.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.accounts.enums import OrganisationRole, ProjectRole
from hub.accounts.models import (
    ApiKey,
    OrganisationInvitation,
    OrganisationMember,
    ProjectInvitation,
    ProjectMember,
    User,
)
from hub.api.principal import Denied, Principal, PrincipalKind, Scope
from hub.creators.models import Affiliation, Creator
from hub.projects.models import OpenRole, Participant, Project


def sees_private_fields(principal: Principal, owner_user_id: int | None) -> bool:
    """A profile's private fields (contacts, exact birth year) are its owner's and staff's."""
    if principal.is_staff:
        return True
    return principal.user_id is not None and principal.user_id == owner_user_id


async def organisation_role(
    session: AsyncSession, principal: Principal, organisation_id: int
) -> OrganisationRole | None:
    """The caller's role in an organisation: a membership, or what its API key stands for."""
    return (await organisation_roles(session, principal, [organisation_id]))[organisation_id]


async def organisation_roles(
    session: AsyncSession, principal: Principal, organisation_ids: Sequence[int]
) -> dict[int, OrganisationRole | None]:
    """The caller's role in each of several organisations, in one statement at most."""
    roles: dict[int, OrganisationRole | None] = dict.fromkeys(organisation_ids)
    if principal.kind is PrincipalKind.API_KEY:
        if principal.organisation_id in roles:
            roles[principal.organisation_id] = (
                OrganisationRole.ADMIN
                if Scope.WRITE in principal.scopes
                else OrganisationRole.MEMBER
            )
        return roles
    if principal.user_id is None or not roles:
        return roles
    memberships = await session.execute(
        select(OrganisationMember.organisation_id, OrganisationMember.role).where(
            OrganisationMember.organisation_id.in_(list(roles)),
            OrganisationMember.user_id == principal.user_id,
        )
    )
    roles.update({organisation_id: role for organisation_id, role in memberships})
    return roles


async def administers_organisation(
    session: AsyncSession, principal: Principal, organisation_id: int
) -> bool:
    role = await _role_unless_staff(session, principal, organisation_id)
    return _administers(principal, role)


def _administers(principal: Principal, role: OrganisationRole | None) -> bool:
    return principal.is_staff or (role is not None and role.administers)


# The rules about an organisation, given the caller's role in it: reads of many
# organisations look every role up at once, then apply the same rule to each.


def check_organisation_member(principal: Principal, role: OrganisationRole | None) -> None:
    """Who belongs to an organisation is for its members (and its keys) to see, and staff."""
    if not principal.is_staff and role is None:
        raise Denied("Only members of this organisation may see this.")


def check_organisation_admin(principal: Principal, role: OrganisationRole | None) -> None:
    """Owners and admins of an organisation (and its WRITE keys) edit it and its projects."""
    if not _administers(principal, role):
        raise Denied("Only an owner or admin of this organisation may do this.")


def check_key_manager(principal: Principal, role: OrganisationRole | None) -> None:
    """An organisation's owners and admins manage its keys; a key never makes another."""
    refuse_api_keys(principal)
    check_organisation_admin(principal, role)


def require_staff(principal: Principal) -> None:
    if not principal.is_staff:
        raise Denied("Only staff may do this.")


def require_person(principal: Principal) -> int:
    """Actions only a logged-in person can take (accepting an invitation); their user id."""
    if principal.kind is not PrincipalKind.USER or principal.user_id is None:
        raise Denied("Only a logged-in user can do this, not an API key or the admin token.")
    return principal.user_id


def refuse_api_keys(principal: Principal) -> None:
    """API keys act for an organisation; people's profiles and new organisations are not theirs."""
    if principal.kind is PrincipalKind.API_KEY:
        raise Denied("An API key acts for its organisation and cannot do this.")


async def require_creator_owner(
    session: AsyncSession, principal: Principal, creator_id: int
) -> None:
    """Only a creator profile's owner, or staff, edits it."""
    if principal.is_staff:
        return
    await require_own_creator(session, principal, creator_id)


async def require_own_creator(session: AsyncSession, principal: Principal, creator_id: int) -> None:
    """The caller owns this creator profile; staff are no exception (it speaks for a person)."""
    if await session.get(Creator, creator_id) is None:
        return
    if not await _owns_creator(session, principal, creator_id):
        raise Denied("Only the person who owns this creator profile may do this.")


async def require_organisation_admin(
    session: AsyncSession, principal: Principal, organisation_id: int
) -> None:
    check_organisation_admin(
        principal, await _role_unless_staff(session, principal, organisation_id)
    )


async def _role_unless_staff(
    session: AsyncSession, principal: Principal, organisation_id: int
) -> OrganisationRole | None:
    """Staff pass every organisation rule: their role is not looked up."""
    if principal.is_staff:
        return None
    return await organisation_role(session, principal, organisation_id)


async def require_organisation_owner(
    session: AsyncSession, principal: Principal, organisation_id: int
) -> None:
    if principal.is_staff:
        return
    if await organisation_role(session, principal, organisation_id) is not OrganisationRole.OWNER:
        raise Denied("Only an owner of this organisation may do this.")


async def edits_project(session: AsyncSession, principal: Principal, project: Project) -> bool:
    """Staff, its LEADs, the owner of its lead creator and admins of its lead organisation."""
    if principal.is_staff:
        return True
    if project.lead_organisation_id is not None and await administers_organisation(
        session, principal, project.lead_organisation_id
    ):
        return True
    if principal.user_id is None:
        return False
    role = await session.scalar(
        select(ProjectMember.role).where(
            ProjectMember.project_id == project.id, ProjectMember.user_id == principal.user_id
        )
    )
    if role is ProjectRole.LEAD:
        return True
    return await _owns_creator(session, principal, project.lead_creator_id)


async def _owns_creator(
    session: AsyncSession, principal: Principal, creator_id: int | None
) -> bool:
    if creator_id is None or principal.user_id is None:
        return False
    creator = await session.get(Creator, creator_id)
    return creator is not None and creator.owner_user_id == principal.user_id


async def require_project_editor(
    session: AsyncSession, principal: Principal, project_id: int
) -> None:
    project = await session.get(Project, project_id)
    if project is not None and not await edits_project(session, principal, project):
        raise Denied("Only the project's leads (or its lead organisation's admins) may do this.")


async def require_role_editor(session: AsyncSession, principal: Principal, role_id: int) -> None:
    project_id = await session.scalar(select(OpenRole.project_id).where(OpenRole.id == role_id))
    if project_id is not None:
        await require_project_editor(session, principal, project_id)


async def require_lead_choice(
    session: AsyncSession,
    principal: Principal,
    project_id: int | None,
    organisation_id: int | None,
    creator_id: int | None,
) -> None:
    """A project's new lead joins it: an organisation by its admins, a creator only itself.

    ``project_id`` is the project being changed (``None`` for a new one); a lead that
    stays as it was needs nobody's consent again.
    """
    project = await session.get(Project, project_id) if project_id is not None else None
    if organisation_id is not None and (
        project is None or organisation_id != project.lead_organisation_id
    ):
        await require_organisation_admin(session, principal, organisation_id)
    if creator_id is not None and (project is None or creator_id != project.lead_creator_id):
        await require_own_creator(session, principal, creator_id)


async def require_participant_adder(
    session: AsyncSession,
    principal: Principal,
    project_id: int,
    creator_id: int | None,
    organisation_id: int | None,
) -> None:
    """The project's editors add participants: an organisation they administer, or their own
    creator profile. Anyone else joins by invitation (``inviteToProject``)."""
    await require_project_editor(session, principal, project_id)
    if (creator_id is None) != (organisation_id is None):  # else the input is refused anyway
        await require_lead_choice(session, principal, None, organisation_id, creator_id)


async def require_participant_remover(
    session: AsyncSession, principal: Principal, participant_id: int
) -> None:
    """The project's editors remove anyone; a participant may always leave on its own."""
    participant = await session.get(Participant, participant_id)
    if participant is None:
        return
    project = await session.get(Project, participant.project_id)
    if project is not None and await edits_project(session, principal, project):
        return
    if participant.organisation_id is not None and await administers_organisation(
        session, principal, participant.organisation_id
    ):
        return
    if await _owns_creator(session, principal, participant.creator_id):
        return
    raise Denied("Only the project's leads, or the participant itself, may remove a participant.")


async def require_affiliation_remover(
    session: AsyncSession, principal: Principal, affiliation_id: int
) -> None:
    """The creator may drop an affiliation, and so may the organisation's admins."""
    affiliation = await session.get(Affiliation, affiliation_id)
    if affiliation is None or principal.is_staff:
        return
    if await administers_organisation(session, principal, affiliation.organisation_id):
        return
    await require_own_creator(session, principal, affiliation.creator_id)


async def require_organisation_inviter(
    session: AsyncSession, principal: Principal, organisation_id: int, role: OrganisationRole
) -> None:
    """Admins invite members and admins; only owners make new owners."""
    if role is OrganisationRole.OWNER:
        await require_organisation_owner(session, principal, organisation_id)
    else:
        await require_organisation_admin(session, principal, organisation_id)


async def require_member_remover(
    session: AsyncSession, principal: Principal, organisation_id: int, user_id: int
) -> None:
    """Anyone may leave; admins remove members and admins, owners remove anyone."""
    if principal.kind is PrincipalKind.USER and principal.user_id == user_id:
        return
    role = await session.scalar(
        select(OrganisationMember.role).where(
            OrganisationMember.organisation_id == organisation_id,
            OrganisationMember.user_id == user_id,
        )
    )
    await require_organisation_inviter(
        session, principal, organisation_id, role or OrganisationRole.MEMBER
    )


async def require_organisation_invitee(
    session: AsyncSession, principal: Principal, invitation_id: int
) -> int:
    """Only the person the invitation was sent to (by email) answers it; their user id."""
    user_id = require_person(principal)
    invitation = await session.get(OrganisationInvitation, invitation_id)
    user = await session.get(User, user_id)
    if invitation is not None and (user is None or user.email != invitation.email):
        raise Denied("Only the person this invitation was sent to may answer it.")
    return user_id


async def require_project_invitee(
    session: AsyncSession, principal: Principal, invitation_id: int
) -> int:
    """Only the owner of the invited creator profile answers: staff cannot accept for them."""
    user_id = require_person(principal)
    invitation = await session.get(ProjectInvitation, invitation_id)
    if invitation is not None and not await _owns_creator(
        session, principal, invitation.creator_id
    ):
        raise Denied("Only the person whose creator profile was invited may answer.")
    return user_id


async def require_key_manager(
    session: AsyncSession, principal: Principal, organisation_id: int
) -> None:
    check_key_manager(principal, await _role_unless_staff(session, principal, organisation_id))


async def require_key_revoker(session: AsyncSession, principal: Principal, key_id: int) -> None:
    key = await session.get(ApiKey, key_id)
    if key is not None:
        await require_key_manager(session, principal, key.organisation_id)


async def require_organisation_member(
    session: AsyncSession, principal: Principal, organisation_id: int
) -> None:
    role = await _role_unless_staff(session, principal, organisation_id)
    check_organisation_member(principal, role)
