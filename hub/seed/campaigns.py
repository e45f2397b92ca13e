"""Demo crowdfunding: campaigns in several currencies and every status, through the services.

Each campaign is created, given its tiers, launched and pledged to through the same
services the API uses (payments go through the sandbox gateway); a settled campaign's
deadline is then moved into the past and it is settled as the job would settle it, so
its pledges, gateway calls and ledger are what a real run leaves. The demo loads in one
transaction nobody else waits on, so its gateway calls are sent and answered inside it,
in savepoints (``payments.savepoints_in``); campaigns launch at the default fee rate. A
demo programme gives the scholarship campaign's seat sponsorship somewhere to send its
seats.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.config import DEFAULT_PLATFORM_FEE_BASIS_POINTS
from hub.core.columns import utcnow
from hub.core.jobs.models import QueuedJob
from hub.core.paths import db_dir
from hub.creators.enums import SkillLevel
from hub.funding import campaigns, expenses, pledges
from hub.funding.campaigns import CampaignFields, CampaignTarget, TierFields
from hub.funding.enums import (
    CampaignPurpose,
    CampaignStatus,
    FundingModel,
    PledgeVisibility,
    TierKind,
)
from hub.funding.gateway import payment_gateway
from hub.funding.models import Campaign
from hub.funding.payments import PendingCall, complete, savepoints_in
from hub.funding.rates import load_rates, read_rates
from hub.funding.settlement import settle, settle_campaign
from hub.projects.models import Project
from hub.seed.patrons import load_demo_sponsorships
from hub.talent import programmes
from hub.talent.enums import ProgrammeFormat, ProgrammeKind

SETTLED = (CampaignStatus.SUCCEEDED, CampaignStatus.FAILED, CampaignStatus.PAID_OUT)


@dataclass(frozen=True)
class Amount:
    amount: Decimal
    currency_code: str


def _read() -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(
        (db_dir() / "seed" / "demo" / "campaigns.json").read_text(encoding="utf-8")
    )
    return data


async def _demo_programme(session: AsyncSession, organisation_ids: dict[str, int]) -> int:
    fields = programmes.ProgrammeFields(
        slug="young-animators-studio",
        title="Young Animators Studio",
        summary="Twelve weeks of 2D animation with Tumar Animation's directors.",
        kind=ProgrammeKind.COURSE,
        level_taught=SkillLevel.INTERMEDIATE,
        format=ProgrammeFormat.HYBRID,
        country="KZ",
        city="Astana",
        time_zone="Asia/Almaty",
        capacity=20,
        scholarship_seats=5,
    )
    return await programmes.create_programme(session, organisation_ids["astana-hub"], fields)


async def load_demo_campaigns(session: AsyncSession, organisation_ids: dict[str, int]) -> int:
    """Load the demo campaigns; returns how many."""
    await load_rates(session, read_rates(db_dir() / "seed" / "demo" / "exchange-rates.csv"))
    programme_ids = {"young-animators-studio": await _demo_programme(session, organisation_ids)}
    items = _read()
    for item in items:
        await _load_campaign(session, item, organisation_ids, programme_ids)
    await load_demo_sponsorships(session, programme_ids)
    # Demo deadlines are relative to the day it is loaded: the runner's housekeeping
    # (``settle_due_campaigns``) settles them, so no job waits in a fresh queue.
    await session.execute(delete(QueuedJob).where(QueuedJob.name == settle_campaign.name))
    return len(items)


async def _load_campaign(
    session: AsyncSession,
    item: dict[str, Any],
    organisation_ids: dict[str, int],
    programme_ids: dict[str, int],
) -> None:
    currency = item["goal"]["currency"]
    target = item["target"]
    if "project" in target:
        project = await session.scalar(select(Project.id).where(Project.slug == target["project"]))
        aim = CampaignTarget(CampaignPurpose.PROJECT, project_id=project)
    else:
        aim = CampaignTarget(
            CampaignPurpose.SCHOLARSHIP, programme_id=programme_ids[target["programme"]]
        )
    fields = CampaignFields(
        slug=item["slug"],
        title=item["title"],
        goal=Amount(Decimal(item["goal"]["amount"]), currency),
        model=FundingModel(item["model"]),
        deadline_at=utcnow() + timedelta(days=30),
        story=item["story"],
    )
    key = await campaigns.create_campaign(
        session, aim, organisation_ids[item["fiscalHost"]], None, fields
    )
    tiers = [
        await campaigns.add_tier(
            session,
            key,
            TierFields(
                title=tier["title"],
                kind=TierKind(tier["kind"]),
                minimum=Amount(Decimal(tier["minimum"]), currency),
                quantity_limit=tier.get("quantityLimit"),
                programme_id=programme_ids[tier["programme"]] if "programme" in tier else None,
            ),
        )
        for tier in item["tiers"]
    ]
    status = CampaignStatus(item["status"])
    if status is CampaignStatus.DRAFT:
        return
    await campaigns.launch_campaign(
        session, key, platform_fee_basis_points=DEFAULT_PLATFORM_FEE_BASIS_POINTS
    )
    transactions = savepoints_in(session)
    gateway = payment_gateway(transactions)
    later: list[PendingCall] = []
    pledge_ids = [
        await pledges.make_pledge(
            session,
            None,
            pledges.PledgeFields(
                campaign_id=key,
                amount=Amount(Decimal(pledge["amount"]), currency),
                visibility=PledgeVisibility(pledge["visibility"]),
                tier_id=tiers[pledge["tier"]],
                organisation_id=organisation_ids[pledge["organisation"]],
                message=pledge.get("message", ""),
            ),
            later,
        )
        for pledge in item["pledges"]
    ]
    await complete(transactions, gateway, _taken(later))
    if status is CampaignStatus.SUSPENDED:
        await campaigns.suspend_campaign(session, key)
    elif status is CampaignStatus.CANCELLED:
        await campaigns.cancel_campaign(session, key, later)
        await complete(transactions, gateway, _taken(later))
    elif status in SETTLED:
        campaign = await session.get(Campaign, key)
        assert campaign is not None
        campaign.deadline_at = utcnow() - timedelta(days=3)
        campaign.launch_at = campaign.deadline_at - timedelta(days=30)
        await session.flush()
        await settle(session, key, later)
        await complete(transactions, gateway, _taken(later))
        for refund in item.get("refunds", []):
            amount = Amount(Decimal(refund["amount"]), currency)
            await pledges.refund_pledge(session, pledge_ids[refund["pledge"]], amount, later)
            await complete(transactions, gateway, _taken(later))
        for expense in item.get("expenses", []):
            await _load_expense(session, key, currency, expense)
        if status is CampaignStatus.PAID_OUT:
            await campaigns.pay_out_campaign(session, key)


def _taken(calls: list[PendingCall]) -> list[PendingCall]:
    """The calls recorded so far, leaving ``calls`` empty for the next step."""
    taken = list(calls)
    calls.clear()
    return taken


async def _load_expense(
    session: AsyncSession, campaign_id: int, currency: str, item: dict[str, Any]
) -> None:
    fields = expenses.ExpenseFields(
        title=item["title"],
        items=[
            expenses.ExpenseItem(line["description"], Amount(Decimal(line["amount"]), currency))
            for line in item["items"]
        ],
        receipts=item["receipts"],
    )
    expense = await expenses.file_expense(session, campaign_id, None, fields)
    if item["decision"] == "APPROVED":
        await expenses.approve_expense(session, expense)
    elif item["decision"] == "REJECTED":
        await expenses.reject_expense(session, expense)
