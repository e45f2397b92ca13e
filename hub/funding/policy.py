"""Who may do what with campaigns and pledges.

A project's campaign is created and run by the project's leads (its editors); a
scholarship campaign by the admins of the programme's host. The fiscal host's admins
refund pledges, since it holds the money. Staff suspend and resume (moderation). A
pledge is made by a person, for themselves or for an organisation they administer, and
only its backer withdraws it.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from hub.accounts.policy import require_organisation_admin, require_person, require_staff
from hub.api.principal import Denied, Principal
from hub.funding.campaigns import CampaignTarget
from hub.funding.models import Campaign, Expense, Pledge
from hub.i18n.messages import _
from hub.projects.policy import require_project_editor
from hub.talent.policy import require_host


async def require_target_owner(
    session: AsyncSession, principal: Principal, target: CampaignTarget
) -> None:
    """The leads of the project, or the host admins of the programme, the campaign funds."""
    if target.project_id is not None:
        await require_project_editor(session, principal, target.project_id)
    if target.programme_id is not None:
        await require_host(session, principal, target.programme_id)


async def require_campaign_owner(
    session: AsyncSession, principal: Principal, campaign_id: int
) -> None:
    campaign = await session.get(Campaign, campaign_id)
    if campaign is None:
        return  # the service reports NOT_FOUND
    target = CampaignTarget(campaign.purpose, campaign.project_id, campaign.programme_id)
    await require_target_owner(session, principal, target)


async def require_fiscal_host(
    session: AsyncSession, principal: Principal, campaign_id: int
) -> None:
    campaign = await session.get(Campaign, campaign_id)
    if campaign is not None:
        await require_organisation_admin(session, principal, campaign.fiscal_host_id)


async def require_refunder(session: AsyncSession, principal: Principal, pledge_id: int) -> None:
    pledge = await session.get(Pledge, pledge_id)
    if pledge is not None:
        await require_fiscal_host(session, principal, pledge.campaign_id)


def require_moderator(principal: Principal) -> None:
    require_staff(principal)


async def require_backer(
    session: AsyncSession, principal: Principal, organisation_id: int | None
) -> int:
    """A person pledges; on behalf of an organisation only as one of its admins."""
    user = require_person(principal)
    if organisation_id is not None:
        await require_organisation_admin(session, principal, organisation_id)
    return user


async def require_own_pledge(session: AsyncSession, principal: Principal, pledge_id: int) -> None:
    pledge = await session.get(Pledge, pledge_id)
    if pledge is not None and (
        principal.user_id is None or pledge.backer_user_id != principal.user_id
    ):
        raise Denied(_("Only the backer may withdraw their pledge."))


async def require_expense_decider(
    session: AsyncSession, principal: Principal, expense_id: int
) -> None:
    """The fiscal host approves or rejects an expense."""
    expense = await session.get(Expense, expense_id)
    if expense is not None:
        await require_fiscal_host(session, principal, expense.campaign_id)
