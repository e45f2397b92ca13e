"""Demo crowdfunding: campaigns in several currencies and every status, through the services.

Each campaign is created, given its tiers, launched and pledged to through the same
services the API uses (payments go through the sandbox gateway); a settled campaign's
deadline is then moved into the past and it is settled as the job would settle it, so
its pledges, gateway calls and ledger are what a real run leaves. A demo programme gives
the scholarship campaign's seat sponsorship somewhere to send its seats.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

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
from hub.funding.gateway import SANDBOX
from hub.funding.models import Campaign
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
    await campaigns.launch_campaign(session, key)
    pledge_ids = [
        await pledges.make_pledge(
            session,
            SANDBOX,
            None,
            pledges.PledgeFields(
                campaign_id=key,
                amount=Amount(Decimal(pledge["amount"]), currency),
                visibility=PledgeVisibility(pledge["visibility"]),
                tier_id=tiers[pledge["tier"]],
                organisation_id=organisation_ids[pledge["organisation"]],
                message=pledge.get("message", ""),
            ),
        )
        for pledge in item["pledges"]
    ]
    if status is CampaignStatus.SUSPENDED:
        await campaigns.suspend_campaign(session, key)
    elif status is CampaignStatus.CANCELLED:
        await campaigns.cancel_campaign(session, SANDBOX, key)
    elif status in SETTLED:
        campaign = await session.get(Campaign, key)
        assert campaign is not None
        campaign.deadline_at = utcnow() - timedelta(days=3)
        campaign.launch_at = campaign.deadline_at - timedelta(days=30)
        await session.flush()
        await settle(session, SANDBOX, key)
        for refund in item.get("refunds", []):
            amount = Amount(Decimal(refund["amount"]), currency)
            await pledges.refund_pledge(session, SANDBOX, pledge_ids[refund["pledge"]], amount)
        for expense in item.get("expenses", []):
            await _load_expense(session, key, currency, expense)
        if status is CampaignStatus.PAID_OUT:
            await campaigns.pay_out_campaign(session, key)


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
