"""Who the caller is and what they are: the primitives every domain's policy builds on.

Each domain's ``policy.py`` holds its own rules, one function per rule, each returning
quietly or raising ``Denied``; they ask this module about the caller (staff, a person, an
API key) and their roles in an organisation or a project. The rules about accounts'
own things (memberships, invitations to an organisation, API keys) live here too.

Staff, and the bootstrap admin token that acts as staff, pass every rule but those
that speak for a person (accepting an invitation, adding one's own creator profile).
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
    ProjectMember,
    User,
)
from hub.api.principal import Denied, Principal, PrincipalKind, Scope
from hub.i18n.messages import _


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
        raise Denied(_("Only members of this organisation may see this."))


def check_organisation_admin(principal: Principal, role: OrganisationRole | None) -> None:
    """Owners and admins of an organisation (and its WRITE keys) edit it and its projects."""
    if not _administers(principal, role):
        raise Denied(_("Only an owner or admin of this organisation may do this."))


def check_key_manager(principal: Principal, role: OrganisationRole | None) -> None:
    """An organisation's owners and admins manage its keys; a key never makes another."""
    refuse_api_keys(principal)
    check_organisation_admin(principal, role)


def require_staff(principal: Principal) -> None:
    if not principal.is_staff:
        raise Denied(_("Only staff may do this."))


def require_person(principal: Principal) -> int:
    """Actions only a logged-in person can take (accepting an invitation); their user id."""
    if principal.kind is not PrincipalKind.USER or principal.user_id is None:
        raise Denied(_("Only a logged-in user can do this, not an API key or the admin token."))
    return principal.user_id


def refuse_api_keys(principal: Principal) -> None:
    """API keys act for an organisation; people's profiles and new organisations are not theirs."""
    if principal.kind is PrincipalKind.API_KEY:
        raise Denied(_("An API key acts for its organisation and cannot do this."))


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
        raise Denied(_("Only an owner of this organisation may do this."))


async def project_role(
    session: AsyncSession, principal: Principal, project_id: int
) -> ProjectRole | None:
    """The caller's role in a project's team, if they are a person on it."""
    if principal.user_id is None:
        return None
    return await session.scalar(
        select(ProjectMember.role).where(
            ProjectMember.project_id == project_id, ProjectMember.user_id == principal.user_id
        )
    )


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
        raise Denied(_("Only the person this invitation was sent to may answer it."))
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
