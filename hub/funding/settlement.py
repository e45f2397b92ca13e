"""Settling a campaign at its deadline, on the job runner.

A campaign that reached its goal (or keeps what it raises) captures its authorised
pledges and SUCCEEDS; one that did not voids them and FAILS. The campaign's row is locked
and its status checked first, so of two workers settling at once the second finds it
settled and does nothing. The decision, the campaign's new status and one gateway call
per pledge commit together; the calls are sent after, with no transaction open, each
answer applied in a short transaction of its own. Each capture and void carries its own
idempotency key, and a call left unanswered (a time-out, a crash) is settled by
reconciliation, so no money moves twice.
"""

from __future__ import annotations

import logging

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from hub.core.columns import utcnow
from hub.core.db import begin_write
from hub.core.jobs.definition import JobContext, job
from hub.core.money import Money
from hub.funding.campaigns import authorised_pledges, void_authorised
from hub.funding.enums import CampaignStatus, FundingModel, GatewayOperation, PledgeStatus
from hub.funding.gateway import payment_gateway
from hub.funding.live import announce
from hub.funding.models import Campaign, Pledge
from hub.funding.payments import (
    PendingCall,
    ask_later,
    awaiting_answer,
    complete,
    write_transactions,
)
from hub.funding.states import CAMPAIGN_STATUS
from hub.projects.activity import ActivityKind

logger = logging.getLogger("hub.funding")


async def pledged_total(session: AsyncSession, campaign_id: int) -> int:
    """What authorised and captured pledges promise, in the campaign's minor units (an
    authorised one being withdrawn, its void in flight, no longer counts)."""
    withdrawing = (Pledge.status == PledgeStatus.AUTHORIZED) & awaiting_answer()
    total = await session.scalar(
        select(func.coalesce(func.sum(Pledge.amount_minor), 0)).where(
            Pledge.campaign_id == campaign_id,
            Pledge.status.in_([PledgeStatus.AUTHORIZED, PledgeStatus.CAPTURED]),
            ~withdrawing,
        )
    )
    return int(total or 0)


async def settle(
    session: AsyncSession, campaign_id: int, later: list[PendingCall]
) -> CampaignStatus | None:
    """Settle a LIVE campaign past its deadline, its captures or voids recorded in
    ``later`` (sent once the transaction commits); None when there is nothing to do."""
    campaign = await session.get(
        Campaign, campaign_id, with_for_update=True, populate_existing=True
    )
    if (
        campaign is None
        or campaign.status is not CampaignStatus.LIVE
        or campaign.deadline_at is None
        or campaign.deadline_at > utcnow()
    ):
        return None
    pledged = await pledged_total(session, campaign.id)
    captures = campaign.model is FundingModel.KEEP_WHAT_YOU_RAISE or pledged >= campaign.goal_minor
    if captures:
        for pledge in await authorised_pledges(session, campaign.id):
            amount = Money(pledge.amount_minor, pledge.currency)
            await ask_later(
                session, later, pledge, GatewayOperation.CAPTURE, amount, PledgeStatus.CAPTURED
            )
    else:
        await void_authorised(session, campaign.id, later)
    outcome = CampaignStatus.SUCCEEDED if captures and pledged > 0 else CampaignStatus.FAILED
    await CAMPAIGN_STATUS.record(session, campaign.id, campaign.status, outcome)
    campaign.status = outcome
    campaign.settled_at = utcnow()
    await session.flush()
    await announce(session, campaign.id, ActivityKind.CAMPAIGN_STATUS_CHANGED)
    return outcome


async def settle_and_pay(
    sessions: async_sessionmaker[AsyncSession], campaign_id: int
) -> CampaignStatus | None:
    """Settle a campaign in one transaction, then send its captures or voids."""
    later: list[PendingCall] = []
    async with sessions() as session, session.begin():
        await begin_write(session)
        outcome = await settle(session, campaign_id, later)
    transactions = write_transactions(sessions)
    await complete(transactions, payment_gateway(transactions), later)
    return outcome


@job("funding.campaign.settle")
async def settle_campaign(context: JobContext, *, campaign: int) -> None:
    """At a campaign's deadline: capture or void its pledges, once."""
    outcome = await settle_and_pay(context.sessions, campaign)
    if outcome is not None:
        logger.info("campaign %s settled: %s", campaign, outcome.value)
