"""Crowdfunding test data, built through the services the API uses."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from hub.api.scalars import CurrencyCode, MoneyInput
from hub.core.columns import utcnow
from hub.core.db import begin_write
from hub.funding import campaigns, pledges
from hub.funding.campaigns import CampaignFields, CampaignTarget, TierFields
from hub.funding.enums import CampaignPurpose, FundingModel, PledgeVisibility, TierKind
from hub.funding.payments import PendingCall, complete, write_transactions
from hub.funding.pledges import PledgeFields
from hub.funding.reconcile import Reconciliation, reconcile
from hub.funding.sandbox import SandboxGateway
from hub.funding.settlement import settle
from tests.factories import Factory


def sandbox(factory: Factory) -> SandboxGateway:
    """The sandbox gateway over the test's database (its state lives there, not here)."""
    return SandboxGateway(write_transactions(factory.sessions))


async def paid(
    factory: Factory,
    write: Callable[[AsyncSession, list[PendingCall]], Awaitable[Any]],
    gateway: SandboxGateway | None = None,
) -> Any:
    """Run a money write in its transaction, then send the gateway calls it recorded with
    none open, as the API and the jobs do."""
    later: list[PendingCall] = []

    async def run(session: AsyncSession) -> Any:
        await begin_write(session)
        return await write(session, later)

    result = await factory._write(run)
    gateway = gateway or sandbox(factory)
    await complete(gateway.transactions, gateway, later)
    return result


async def reconciled(factory: Factory) -> Reconciliation:
    """``hub funding reconcile`` over the test's database, with no grace period."""
    gateway = sandbox(factory)
    return await reconcile(gateway.transactions, gateway, older_than=timedelta(0))


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
        await launch(factory, key)
    return key, tier


async def draft_campaign(
    factory: Factory, project: int, host: int, *, with_tier: bool = False
) -> int:
    """A DRAFT campaign for ``project`` held by ``host``, slug ``draft-<project>``; with a
    reward tier if asked (a campaign launches only with one)."""
    fields = CampaignFields(
        slug=f"draft-{project}",
        title="Draft",
        goal=money("1000"),
        deadline_at=utcnow() + timedelta(days=30),
    )
    target = CampaignTarget(CampaignPurpose.PROJECT, project_id=project)
    key: int = await factory._write(
        lambda s: campaigns.create_campaign(s, target, host, None, fields)
    )
    if with_tier:
        tier = TierFields(title="Thanks", kind=TierKind.REWARD, minimum=money("100"))
        await factory._write(lambda s: campaigns.add_tier(s, key, tier))
    return key


async def launch(factory: Factory, key: int) -> None:
    rate = factory.settings.platform_fee_basis_points
    await factory._write(
        lambda s: campaigns.launch_campaign(s, key, platform_fee_basis_points=rate)
    )


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

    result: int = await paid(
        factory, lambda s, later: pledges.make_pledge(s, backer, fields, later)
    )
    return result


async def close_and_settle(
    factory: Factory, campaign_id: int, gateway: SandboxGateway | None = None
) -> object:
    """Move the deadline into the past and settle the campaign as the job would."""
    from hub.funding.models import Campaign

    async def write(session: AsyncSession, later: list[PendingCall]) -> object:
        row = await session.get(Campaign, campaign_id)
        assert row is not None
        row.deadline_at = utcnow() - timedelta(seconds=1)
        row.launch_at = row.deadline_at - timedelta(days=1)
        await session.flush()
        return await settle(session, campaign_id, later)

    return await paid(factory, write, gateway)


async def refund(
    factory: Factory, pledge_id: int, amount: str | None, gateway: SandboxGateway | None = None
) -> object:
    wanted = None if amount is None else money(amount)
    return await paid(
        factory, lambda s, later: pledges.refund_pledge(s, pledge_id, wanted, later), gateway
    )


async def withdraw(
    factory: Factory, pledge_id: int, gateway: SandboxGateway | None = None
) -> object:
    return await paid(factory, lambda s, later: pledges.cancel_pledge(s, pledge_id, later), gateway)


async def cancel(factory: Factory, campaign_id: int) -> object:
    return await paid(factory, lambda s, later: campaigns.cancel_campaign(s, campaign_id, later))
