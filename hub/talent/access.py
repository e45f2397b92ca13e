"""What the caller may read of programmes' applications, for many programmes at once.

The host's admins (and staff) are its reviewers: they read everything. Its accepted
mentors read its applications without motivations and reviews. An applicant reads their
own. Each question is answered for a whole page of rows in one or two statements.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from hub.accounts.enums import OrganisationRole
from hub.accounts.models import OrganisationMember
from hub.accounts.policy import organisation_roles
from hub.api.principal import Principal, PrincipalKind, Scope
from hub.creators.models import Creator
from hub.talent.enums import MentorStatus, ProgrammeStatus
from hub.talent.models import Programme, ProgrammeMentor


class ProgrammeAccess(enum.Enum):
    NONE = "NONE"
    MENTOR = "MENTOR"
    """Sees applications, not motivations or reviews."""
    REVIEWER = "REVIEWER"
    """Sees everything, reviews and decides."""


async def programme_access(
    session: AsyncSession, principal: Principal, programme_ids: Sequence[int]
) -> dict[int, ProgrammeAccess]:
    access = dict.fromkeys(programme_ids, ProgrammeAccess.NONE)
    if not access:
        return access
    if principal.is_staff:
        return dict.fromkeys(programme_ids, ProgrammeAccess.REVIEWER)
    if not principal.is_authenticated:
        return access
    hosts = dict(
        (
            await session.execute(
                select(Programme.id, Programme.host_organisation_id).where(
                    Programme.id.in_(list(access))
                )
            )
        ).all()
    )
    roles = await organisation_roles(session, principal, sorted(set(hosts.values())))
    if principal.user_id is not None:
        mentored = await session.scalars(
            select(ProgrammeMentor.programme_id)
            .join(Creator, Creator.id == ProgrammeMentor.creator_id)
            .where(
                ProgrammeMentor.programme_id.in_(list(access)),
                ProgrammeMentor.status == MentorStatus.ACCEPTED,
                Creator.owner_user_id == principal.user_id,
            )
        )
        for programme_id in mentored:
            access[programme_id] = ProgrammeAccess.MENTOR
    for programme_id, host in hosts.items():
        role = roles.get(host)
        if role is not None and role.administers:
            access[programme_id] = ProgrammeAccess.REVIEWER
    return access


async def owned_creators(
    session: AsyncSession, principal: Principal, creator_ids: Sequence[int]
) -> set[int]:
    """Which of these creator profiles the caller owns."""
    if principal.user_id is None or not creator_ids:
        return set()
    owned = await session.scalars(
        select(Creator.id).where(
            Creator.id.in_(list(creator_ids)), Creator.owner_user_id == principal.user_id
        )
    )
    return set(owned)


def visible_programmes(principal: Principal) -> ColumnElement[bool]:
    """Drafts are for their host's admins (and staff); every other programme is public."""
    if principal.is_staff:
        return true()
    published = Programme.status != ProgrammeStatus.DRAFT
    if principal.kind is PrincipalKind.API_KEY and Scope.WRITE in principal.scopes:
        return or_(published, Programme.host_organisation_id == principal.organisation_id)
    if principal.user_id is None:
        return published
    administered = select(OrganisationMember.organisation_id).where(
        OrganisationMember.user_id == principal.user_id,
        OrganisationMember.role.in_([OrganisationRole.OWNER, OrganisationRole.ADMIN]),
    )
    return or_(published, Programme.host_organisation_id.in_(administered))


def own_creator_ids(principal: Principal) -> Select[Any]:
    """The creator profiles the caller owns, as a subquery (empty for anyone but a person)."""
    return select(Creator.id).where(Creator.owner_user_id == principal.user_id)
