"""Who may read a DRAFT campaign: those who may edit it, until it goes live.

A campaign in any other status is public. A draft is read by staff, by its owners (the
project's leads, the owner of its lead creator and the admins of its lead organisation,
or the admins of the programme's host, as ``hub.funding.policy`` lets them run it) and
by the admins of its fiscal host, who hold its money. The rule is one SQL condition, so a
list or a lookup answers it in the statement it runs anyway, and a page of ``node(id:)``
in one more statement when it holds drafts.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import ColumnElement, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from hub.accounts.enums import OrganisationRole, ProjectRole
from hub.accounts.models import OrganisationMember, ProjectMember
from hub.api.principal import Principal, PrincipalKind, Scope
from hub.creators.models import Creator
from hub.funding.enums import CampaignStatus
from hub.funding.models import Campaign
from hub.projects.models import Project
from hub.talent.models import Programme


def visible_campaigns(principal: Principal) -> ColumnElement[bool]:
    """The campaigns the caller may read: every one but the drafts they may not edit."""
    if principal.is_staff:
        return true()
    published = Campaign.status != CampaignStatus.DRAFT
    if principal.kind is PrincipalKind.API_KEY:
        if Scope.WRITE not in principal.scopes or principal.organisation_id is None:
            return published
        own = principal.organisation_id
        return or_(
            published,
            Campaign.fiscal_host_id == own,
            Campaign.programme_id.in_(
                select(Programme.id).where(Programme.host_organisation_id == own)
            ),
            Campaign.project_id.in_(select(Project.id).where(Project.lead_organisation_id == own)),
        )
    if principal.user_id is None:
        return published
    administered = select(OrganisationMember.organisation_id).where(
        OrganisationMember.user_id == principal.user_id,
        OrganisationMember.role.in_([OrganisationRole.OWNER, OrganisationRole.ADMIN]),
    )
    own_creators = select(Creator.id).where(Creator.owner_user_id == principal.user_id)
    led = select(ProjectMember.project_id).where(
        ProjectMember.user_id == principal.user_id, ProjectMember.role == ProjectRole.LEAD
    )
    edited = select(Project.id).where(
        or_(
            Project.lead_organisation_id.in_(administered),
            Project.lead_creator_id.in_(own_creators),
            Project.id.in_(led),
        )
    )
    hosted = select(Programme.id).where(Programme.host_organisation_id.in_(administered))
    return or_(
        published,
        Campaign.fiscal_host_id.in_(administered),
        Campaign.programme_id.in_(hosted),
        Campaign.project_id.in_(edited),
    )


async def readable_campaigns(
    session: AsyncSession, principal: Principal, campaign_ids: Sequence[int]
) -> set[int]:
    """Which of these campaigns (of any status) the caller may read, in one statement."""
    if not campaign_ids:
        return set()
    found = await session.scalars(
        select(Campaign.id).where(Campaign.id.in_(list(campaign_ids)), visible_campaigns(principal))
    )
    return set(found)
