"""Crowdfunding test data, built through the services the API uses."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from hub.api.scalars import CurrencyCode, MoneyInput
from hub.core.columns import utcnow
from hub.core.db import begin_write
from hub.funding import campaigns, pledges
from hub.funding.campaigns import CampaignFields, CampaignTarget, TierFields
from hub.funding.enums import CampaignPurpose, FundingModel, PledgeVisibility, TierKind
from hub.funding.gateway import SANDBOX
from hub.funding.pledges import PledgeFields
from hub.funding.settlement import settle
from tests.factories import Factory


def money(amount: str, currency: str = "KZT") -> MoneyInput:
    return MoneyInput(amount=Decimal(amount), currency_code=CurrencyCode(currency))


async def campaign(
    factory: Factory,
    *,
    goal: str = "100000",
    currency: str = "KZT",
    model: FundingModel = FundingModel.ALL_OR_NOTHING,
    live: bool = True,
    tier_limit: int | None = None,
    tier_minimum: str = "1000",
) -> tuple[int, int]:
    """A campaign for a new project with one tier; (campaign, tier)."""
    project = await factory.project()
    host = await factory.organisation()
    owner = await factory.user()
    number = await factory.user()
    fields = CampaignFields(
        slug=f"campaign-{number}",
        title=f"Campaign {number}",
        goal=money(goal, currency),
        model=model,
        deadline_at=utcnow() + timedelta(days=30),
        story={"en": "A story.", "ru": "История."},
    )
    target = CampaignTarget(CampaignPurpose.PROJECT, project_id=project)
    key: int = await factory._write(
        lambda s: campaigns.create_campaign(s, target, host, owner, fields)
    )
    tier_fields = TierFields(
        title="Thanks",
        kind=TierKind.REWARD,
        minimum=money(tier_minimum, currency),
        quantity_limit=tier_limit,
    )
    tier: int = await factory._write(lambda s: campaigns.add_tier(s, key, tier_fields))
    if live:
        await factory._write(lambda s: campaigns.launch_campaign(s, key))
    return key, tier


async def pledge(
    factory: Factory,
    campaign_id: int,
    amount: str,
    *,
    tier: int | None = None,
    currency: str = "KZT",
    visibility: PledgeVisibility = PledgeVisibility.PUBLIC,
    backer: int | None = None,
) -> int:
    backer = backer if backer is not None else await factory.user()
    fields = PledgeFields(
        campaign_id=campaign_id, amount=money(amount, currency), tier_id=tier, visibility=visibility
    )

    async def write(session: Any) -> int:
        await begin_write(session)
        return await pledges.make_pledge(session, SANDBOX, backer, fields)

    result: int = await factory._write(write)
    return result


async def close_and_settle(factory: Factory, campaign_id: int, **_: Any) -> object:
    """Move the deadline into the past and settle the campaign as the job would."""
    from hub.funding.models import Campaign

    async def write(session: Any) -> object:
        await begin_write(session)
        row = await session.get(Campaign, campaign_id)
        row.deadline_at = utcnow() - timedelta(seconds=1)
        row.launch_at = row.deadline_at - timedelta(days=1)
        await session.flush()
        return await settle(session, SANDBOX, campaign_id)

    return await factory._write(write)
