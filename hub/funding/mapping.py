"""How campaigns, reward tiers and pledges map onto SQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, select

from hub.core.mapping import Derived, Entity, QueryEnv, Relations, ToMany, ToOne
from hub.creators.models import Creator
from hub.funding.enums import PledgeStatus
from hub.funding.models import Campaign, Expense, Pledge, RewardTier
from hub.organisations import mapping as organisations_mapping
from hub.projects import mapping as projects_mapping
from hub.talent import mapping as talent_mapping

PUBLIC_PLEDGE_STATUSES = (PledgeStatus.AUTHORIZED, PledgeStatus.CAPTURED, PledgeStatus.REFUNDED)
"""A campaign's public list of pledges: those that stand or stood (not failed or withdrawn)."""


def _backer_creator(_env: QueryEnv) -> ColumnElement[Any]:
    """The creator profile of the person who pledged, read in the same statement."""
    return (
        select(Creator.id)
        .where(Creator.owner_user_id == Pledge.backer_user_id)
        .limit(1)
        .scalar_subquery()
    )


class CampaignRelations(Relations):
    project = ToOne(lambda: projects_mapping.PROJECT, key_field="project_id")
    programme = ToOne(lambda: talent_mapping.PROGRAMME, key_field="programme_id")
    fiscal_host = ToOne(lambda: organisations_mapping.ORGANISATION, key_field="fiscal_host_id")
    tiers = ToMany(lambda: REWARD_TIER, parent=RewardTier.campaign_id)
    pledges = ToMany(
        lambda: PLEDGE,
        parent=Pledge.campaign_id,
        condition=lambda: Pledge.status.in_(PUBLIC_PLEDGE_STATUSES),
    )
    expenses = ToMany(lambda: EXPENSE, parent=Expense.campaign_id)


CAMPAIGN: Entity[CampaignRelations] = Entity(
    name="Campaign",
    table=Campaign.__table__,
    key_field="id",
    fields={
        "id": Campaign.id,
        "slug": Campaign.slug,
        "title": Campaign.title,
        "purpose": Campaign.purpose,
        "project_id": Campaign.project_id,
        "programme_id": Campaign.programme_id,
        "fiscal_host_id": Campaign.fiscal_host_id,
        "goal_minor": Campaign.goal_minor,
        "currency": Campaign.currency,
        "model": Campaign.model,
        "status": Campaign.status,
        "launch_at": Campaign.launch_at,
        "deadline_at": Campaign.deadline_at,
        "story_texts": Campaign.story,
        "settled_at": Campaign.settled_at,
        "created_at": Campaign.created_at,
    },
    relations=CampaignRelations(),
    orderings={
        "DEADLINE": Campaign.deadline_at,
        "TITLE": Campaign.title,
        "CREATED_AT": Campaign.created_at,
    },
    default_ordering=(("DEADLINE", False),),
)


class RewardTierRelations(Relations):
    campaign = ToOne(lambda: CAMPAIGN, key_field="campaign_id")
    programme = ToOne(lambda: talent_mapping.PROGRAMME, key_field="programme_id")


REWARD_TIER: Entity[RewardTierRelations] = Entity(
    name="RewardTier",
    table=RewardTier.__table__,
    key_field="id",
    fields={
        "id": RewardTier.id,
        "campaign_id": RewardTier.campaign_id,
        "title": RewardTier.title,
        "description": RewardTier.description,
        "kind": RewardTier.kind,
        "minimum_minor": RewardTier.minimum_minor,
        "currency": select(Campaign.currency)
        .where(Campaign.id == RewardTier.campaign_id)
        .scalar_subquery(),
        "quantity_limit": RewardTier.quantity_limit,
        "claimed": RewardTier.claimed,
        "estimated_delivery": RewardTier.estimated_delivery,
        "programme_id": RewardTier.programme_id,
    },
    relations=RewardTierRelations(),
    orderings={"MINIMUM": RewardTier.minimum_minor},
    default_ordering=(("MINIMUM", False),),
)


class PledgeRelations(Relations):
    campaign = ToOne(lambda: CAMPAIGN, key_field="campaign_id")
    tier = ToOne(lambda: REWARD_TIER, key_field="tier_id")


PLEDGE: Entity[PledgeRelations] = Entity(
    name="Pledge",
    table=Pledge.__table__,
    key_field="id",
    fields={
        "id": Pledge.id,
        "campaign_id": Pledge.campaign_id,
        "tier_id": Pledge.tier_id,
        "backer_user_id": Pledge.backer_user_id,
        "backer_creator_id": Derived(_backer_creator),
        "organisation_id": Pledge.organisation_id,
        "amount_minor": Pledge.amount_minor,
        "refunded_minor": Pledge.refunded_minor,
        "currency": Pledge.currency,
        "visibility": Pledge.visibility,
        "message_text": Pledge.message,
        "status": Pledge.status,
        "failure_reason": Pledge.failure_reason,
        "created_at": Pledge.created_at,
    },
    relations=PledgeRelations(),
    orderings={"CREATED_AT": Pledge.created_at},
    default_ordering=(("CREATED_AT", False),),
)


class ExpenseRelations(Relations):
    campaign = ToOne(lambda: CAMPAIGN, key_field="campaign_id")


EXPENSE: Entity[ExpenseRelations] = Entity(
    name="Expense",
    table=Expense.__table__,
    key_field="id",
    fields={
        "id": Expense.id,
        "campaign_id": Expense.campaign_id,
        "title": Expense.title,
        "item_rows": Expense.items,
        "receipts": Expense.receipts,
        "amount_minor": Expense.amount_minor,
        "currency": Expense.currency,
        "status": Expense.status,
        "decision_note": Expense.decision_note,
        "created_at": Expense.created_at,
        "decided_at": Expense.decided_at,
    },
    relations=ExpenseRelations(),
    orderings={"CREATED_AT": Expense.created_at},
    default_ordering=(("CREATED_AT", False),),
)
