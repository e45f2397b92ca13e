"""Campaigns and their reward tiers: validation and writes, no GraphQL."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from hub.core.checks import SLUG_PATTERN, UNCHANGED, Unchanged, check_languages, check_text
from hub.core.columns import utcnow
from hub.core.lookups import any_row, get_or_reject
from hub.core.money import Money, MoneyError
from hub.core.states import IllegalTransition
from hub.core.validation import FieldCode, Path, Problems, Rejected, as_path
from hub.funding import ledger
from hub.funding.enums import (
    FUNDING_CURRENCIES,
    CampaignPurpose,
    CampaignStatus,
    FundingModel,
    GatewayOperation,
    LedgerKind,
    PledgeStatus,
    TierKind,
)
from hub.funding.errors import FundingErrorCode
from hub.funding.live import announce
from hub.funding.models import Campaign, Pledge, RewardTier
from hub.funding.payments import PendingCall, ask_later, awaiting_answer
from hub.funding.states import CAMPAIGN_STATUS
from hub.i18n.messages import _
from hub.organisations.service import organisation_exists
from hub.projects.activity import ActivityKind
from hub.talent.programmes import get_programme

NO_CAMPAIGN = _("No campaign has this id.")
MAX_STORY_LENGTH = 20_000
FROZEN_FIELDS = ("goal", "model")


class MoneySpec(Protocol):
    @property
    def amount(self) -> Decimal: ...

    @property
    def currency_code(self) -> str: ...


@dataclass(frozen=True)
class CampaignFields:
    """A campaign's editable fields; ``UNCHANGED`` ones are left as they are."""

    slug: str | Unchanged = UNCHANGED
    title: str | Unchanged = UNCHANGED
    goal: MoneySpec | Unchanged = UNCHANGED
    model: FundingModel | Unchanged = UNCHANGED
    launch_at: datetime | Unchanged | None = UNCHANGED
    deadline_at: datetime | Unchanged | None = UNCHANGED
    story: Mapping[str, str] | Unchanged = UNCHANGED


@dataclass(frozen=True)
class CampaignTarget:
    """What a campaign raises money for: a project, or seats in a programme."""

    purpose: CampaignPurpose
    project_id: int | None = None
    programme_id: int | None = None


def check_money(problems: Problems, path: Path | str, spec: MoneySpec) -> Money | None:
    """A positive amount in a currency campaigns raise in, exact in that currency."""
    if spec.currency_code not in FUNDING_CURRENCIES:
        problems.add(
            (*as_path(path), "currency_code"),
            FundingErrorCode.UNSUPPORTED_CURRENCY,
            _("Campaigns do not raise money in {code!r}.", code=spec.currency_code),
        )
        return None
    try:
        money = Money.from_decimal(spec.amount, spec.currency_code)
    except MoneyError as error:
        problems.add((*as_path(path), "amount"), FundingErrorCode.INVALID_AMOUNT, error.reason)
        return None
    if money.minor_units <= 0:
        problems.add(
            (*as_path(path), "amount"),
            FundingErrorCode.INVALID_AMOUNT,
            _("The amount must be positive."),
        )
        return None
    return money


async def _apply(
    session: AsyncSession, campaign: Campaign, fields: CampaignFields, problems: Problems
) -> None:
    if not isinstance(fields.slug, Unchanged):
        slug = fields.slug.strip().lower()
        if not SLUG_PATTERN.fullmatch(slug):
            problems.add("slug", FieldCode.INVALID, _("A slug is a-z, 0-9 and inner hyphens."))
        elif await any_row(
            session, select(Campaign.id).where(Campaign.slug == slug, Campaign.id != campaign.id)
        ):
            problems.add("slug", FieldCode.DUPLICATE, _("The slug is taken."))
        campaign.slug = slug
    if not isinstance(fields.title, Unchanged):
        campaign.title = check_text(problems, "title", fields.title, max_length=200) or ""
    is_draft = campaign.status in (None, CampaignStatus.DRAFT)
    for name in FROZEN_FIELDS:
        if not isinstance(getattr(fields, name), Unchanged) and not is_draft:
            problems.add(
                name,
                FundingErrorCode.FROZEN_ONCE_LIVE,
                _("Goal, currency and model are frozen once the campaign is live."),
            )
    if not isinstance(fields.goal, Unchanged) and is_draft:
        goal = check_money(problems, "goal", fields.goal)
        if goal is not None:
            campaign.goal_minor, campaign.currency = goal.minor_units, goal.currency
    if not isinstance(fields.model, Unchanged) and is_draft:
        campaign.model = fields.model
    if not isinstance(fields.launch_at, Unchanged):
        campaign.launch_at = fields.launch_at
    if not isinstance(fields.deadline_at, Unchanged):
        campaign.deadline_at = fields.deadline_at
    if (
        campaign.launch_at is not None
        and campaign.deadline_at is not None
        and campaign.deadline_at <= campaign.launch_at
    ):
        problems.add(
            "deadline_at",
            FieldCode.INVALID_DATE_RANGE,
            _("The deadline must come after the launch."),
        )
    if not isinstance(fields.story, Unchanged):
        check_languages(problems, "story", list(fields.story))
        story = {}
        for language, text in fields.story.items():
            story[language] = (
                check_text(problems, ("story", language), text, max_length=MAX_STORY_LENGTH) or ""
            )
        campaign.story = story


async def create_campaign(
    session: AsyncSession,
    target: CampaignTarget,
    fiscal_host_id: int,
    owner_user_id: int | None,
    fields: CampaignFields,
) -> int:
    """A DRAFT campaign; slug, title and goal are required."""
    problems = Problems()
    for name in ("slug", "title", "goal"):
        if isinstance(getattr(fields, name), Unchanged):
            problems.add(name, FieldCode.REQUIRED, _("`{name}` is required.", name=name))
    if not await organisation_exists(session, fiscal_host_id):
        problems.add("fiscal_host_id", FieldCode.NOT_FOUND, _("No organisation has this id."))
    campaign = Campaign(
        purpose=target.purpose,
        project_id=target.project_id,
        programme_id=target.programme_id,
        fiscal_host_id=fiscal_host_id,
        owner_user_id=owner_user_id,
        model=FundingModel.ALL_OR_NOTHING,
        story={},
    )
    await _apply(session, campaign, fields, problems)
    problems.raise_any()
    campaign.status = CampaignStatus.DRAFT
    session.add(campaign)
    await session.flush()
    await CAMPAIGN_STATUS.record(session, campaign.id, None, CampaignStatus.DRAFT)
    await announce(session, campaign.id, ActivityKind.CAMPAIGN_CREATED)
    return campaign.id


async def get_campaign(session: AsyncSession, campaign_id: int, path: str = "id") -> Campaign:
    return await get_or_reject(session, Campaign, campaign_id, missing=NO_CAMPAIGN, path=path)


async def update_campaign(session: AsyncSession, campaign_id: int, fields: CampaignFields) -> int:
    """Change a campaign; goal, currency and model only while it is a DRAFT."""
    campaign = await get_campaign(session, campaign_id)
    problems = Problems()
    await _apply(session, campaign, fields, problems)
    problems.raise_any()
    await session.flush()
    return campaign.id


async def _move(session: AsyncSession, campaign: Campaign, wanted: CampaignStatus) -> None:
    try:
        await CAMPAIGN_STATUS.record(session, campaign.id, campaign.status, wanted)
    except IllegalTransition as refused:
        raise Rejected.one(
            "status", FundingErrorCode.INVALID_STATUS_TRANSITION, refused.message
        ) from refused
    launched = campaign.status is CampaignStatus.DRAFT and wanted is CampaignStatus.LIVE
    campaign.status = wanted
    await session.flush()
    activity = ActivityKind.CAMPAIGN_LAUNCHED if launched else ActivityKind.CAMPAIGN_STATUS_CHANGED
    await announce(session, campaign.id, activity)


async def launch_campaign(
    session: AsyncSession, campaign_id: int, *, platform_fee_basis_points: int
) -> int:
    """DRAFT -> LIVE: needs a tier and a deadline ahead; settlement is scheduled for it.
    The platform's fee rate (the setting's) is fixed for the campaign's life now."""
    from hub.funding.settlement import settle_campaign

    campaign = await get_campaign(session, campaign_id)
    now = utcnow()
    problems = Problems()
    if campaign.deadline_at is None or campaign.deadline_at <= now:
        problems.add(
            "deadline_at", FieldCode.REQUIRED, _("A campaign goes live with a deadline ahead.")
        )
    if not await any_row(
        session, select(RewardTier.id).where(RewardTier.campaign_id == campaign.id)
    ):
        problems.add("tiers", FieldCode.REQUIRED, _("A campaign goes live with a reward tier."))
    problems.raise_any()
    await _move(session, campaign, CampaignStatus.LIVE)
    campaign.platform_fee_basis_points = platform_fee_basis_points
    if campaign.launch_at is None or campaign.launch_at > now:
        campaign.launch_at = now
    assert campaign.deadline_at is not None
    await settle_campaign.schedule(session, campaign.deadline_at, campaign=campaign.id)
    return campaign.id


async def suspend_campaign(session: AsyncSession, campaign_id: int) -> int:
    """Staff moderation: LIVE -> SUSPENDED (no pledges, no settlement until resumed)."""
    campaign = await get_campaign(session, campaign_id)
    await _move(session, campaign, CampaignStatus.SUSPENDED)
    return campaign.id


async def resume_campaign(session: AsyncSession, campaign_id: int) -> int:
    """SUSPENDED -> LIVE; past its deadline, it is settled at once."""
    from hub.funding.settlement import settle_campaign

    campaign = await get_campaign(session, campaign_id)
    await _move(session, campaign, CampaignStatus.LIVE)
    assert campaign.deadline_at is not None
    await settle_campaign.schedule(
        session, max(campaign.deadline_at, utcnow()), campaign=campaign.id
    )
    return campaign.id


async def authorised_pledges(session: AsyncSession, campaign_id: int) -> list[Pledge]:
    """A campaign's authorised pledges with no gateway call in flight, rows locked (one
    being withdrawn already has its void under way)."""
    pledges = await session.scalars(
        select(Pledge)
        .where(
            Pledge.campaign_id == campaign_id,
            Pledge.status == PledgeStatus.AUTHORIZED,
            ~awaiting_answer(),
        )
        .order_by(Pledge.id)
        .with_for_update()
    )
    return list(pledges.all())


async def void_authorised(
    session: AsyncSession, campaign_id: int, later: list[PendingCall]
) -> None:
    """Record a void of every authorised pledge of a campaign that failed or was
    cancelled, for the caller to send once the transaction commits."""
    for pledge in await authorised_pledges(session, campaign_id):
        amount = Money(pledge.amount_minor, pledge.currency)
        await ask_later(session, later, pledge, GatewayOperation.VOID, amount, PledgeStatus.VOIDED)


async def cancel_campaign(session: AsyncSession, campaign_id: int, later: list[PendingCall]) -> int:
    """LIVE -> CANCELLED by its owner: every authorised pledge is to be voided (``later``)."""
    campaign = await get_campaign(session, campaign_id)
    await _move(session, campaign, CampaignStatus.CANCELLED)
    await void_authorised(session, campaign.id, later)
    return campaign.id


async def pay_out_campaign(session: AsyncSession, campaign_id: int) -> int:
    """SUCCEEDED -> PAID_OUT: what the fiscal host holds for the campaign goes to its payee,
    booked once in the ledger."""
    await get_campaign(session, campaign_id)
    campaign = await session.get(
        Campaign, campaign_id, with_for_update=True, populate_existing=True
    )
    assert campaign is not None
    await _move(session, campaign, CampaignStatus.PAID_OUT)
    held = await ledger.held(session, campaign.id, campaign.currency)
    await ledger.post(
        session,
        LedgerKind.PAYOUT,
        held,
        campaign_id=campaign.id,
        origin=f"campaign:{campaign.id}:payout",
    )
    return campaign.id


@dataclass(frozen=True)
class TierFields:
    title: str
    kind: TierKind
    minimum: MoneySpec
    description: str = ""
    quantity_limit: int | None = None
    estimated_delivery: date | None = None
    programme_id: int | None = None


async def add_tier(session: AsyncSession, campaign_id: int, fields: TierFields) -> int:
    """A reward tier, in the campaign's currency; added while DRAFT or LIVE."""
    campaign = await get_campaign(session, campaign_id, "campaign_id")
    problems = Problems()
    if campaign.status not in (CampaignStatus.DRAFT, CampaignStatus.LIVE):
        raise Rejected.one(
            "campaign_id",
            FundingErrorCode.CAMPAIGN_CLOSED,
            _("Tiers are added only to a draft or live campaign."),
        )
    title = check_text(problems, "title", fields.title, max_length=200)
    description = check_text(
        problems, "description", fields.description, max_length=2000, required=False
    )
    minimum = check_money(problems, "minimum", fields.minimum)
    if minimum is not None and minimum.currency != campaign.currency:
        problems.add(
            ("minimum", "currency_code"),
            FundingErrorCode.CURRENCY_MISMATCH,
            _("The campaign raises {currency}.", currency=campaign.currency),
        )
    if fields.quantity_limit is not None and not 1 <= fields.quantity_limit <= 1_000_000:
        problems.add("quantity_limit", FieldCode.OUT_OF_RANGE, _("A limit is from 1 to 1 000 000."))
    is_seat = fields.kind is TierKind.SEAT_SPONSORSHIP
    if is_seat and fields.programme_id is None:
        problems.add(
            "programme_id", FieldCode.REQUIRED, _("A seat sponsorship names its programme.")
        )
    elif not is_seat and fields.programme_id is not None:
        problems.add(
            "programme_id", FieldCode.INVALID, _("Only a seat sponsorship names a programme.")
        )
    problems.raise_any()
    if fields.programme_id is not None:
        await get_programme(session, fields.programme_id, "programme_id")
    assert title is not None
    assert minimum is not None
    tier = RewardTier(
        campaign_id=campaign.id,
        title=title,
        description=description or "",
        kind=fields.kind,
        minimum_minor=minimum.minor_units,
        quantity_limit=fields.quantity_limit,
        claimed=0,
        estimated_delivery=fields.estimated_delivery,
        programme_id=fields.programme_id,
    )
    session.add(tier)
    await session.flush()
    return tier.id


async def refuse_deleting_funded_project(session: AsyncSession, project_id: int) -> None:
    """A project with a campaign keeps its money's history: it is not deleted."""
    if await any_row(session, select(Campaign.id).where(Campaign.project_id == project_id)):
        raise Rejected.one(
            "id",
            FieldCode.CONFLICT,
            _("The project has a crowdfunding campaign: it cannot be deleted."),
        )


async def settle_due_campaigns(sessions: async_sessionmaker[AsyncSession]) -> int:
    """Housekeeping: settle live campaigns past their deadline whose job never ran (a
    lost job, or demo data); how many were settled."""
    from hub.funding.settlement import settle_and_pay

    async with sessions() as session:
        due = list(
            await session.scalars(
                select(Campaign.id).where(
                    Campaign.status == CampaignStatus.LIVE, Campaign.deadline_at <= utcnow()
                )
            )
        )
    settled = 0
    for campaign_id in due:
        settled += await settle_and_pay(sessions, campaign_id) is not None
    return settled
