"""Pledges: made, withdrawn and refunded, with the gateway; validation and writes."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.checks import check_text
from hub.core.columns import utcnow
from hub.core.lookups import get_or_reject
from hub.core.money import Money
from hub.core.validation import FieldCode, Problems, Rejected
from hub.funding.campaigns import MoneySpec, check_money, get_campaign
from hub.funding.enums import (
    CampaignStatus,
    GatewayOperation,
    PledgeStatus,
    PledgeVisibility,
)
from hub.funding.errors import FundingErrorCode
from hub.funding.models import GatewayCall, Pledge, RewardTier
from hub.funding.payments import (
    PendingCall,
    ask_later,
    claim_tier_place,
    locked_pledge,
    refundable,
)
from hub.funding.states import PLEDGE_STATUS
from hub.i18n.messages import _

NO_PLEDGE = _("No pledge has this id.")
MAX_MESSAGE_LENGTH = 1000


@dataclass(frozen=True)
class PledgeFields:
    campaign_id: int
    amount: MoneySpec
    visibility: PledgeVisibility = PledgeVisibility.PUBLIC
    tier_id: int | None = None
    organisation_id: int | None = None
    message: str = ""


async def make_pledge(
    session: AsyncSession,
    backer_user_id: int | None,
    fields: PledgeFields,
    later: list[PendingCall],
) -> int:
    """A pledge to a live campaign, PENDING, with its authorisation recorded in ``later``
    for the caller to send once this transaction commits (``payments.complete``).

    The tier's place is taken by a conditional UPDATE first (a sold-out tier refuses).
    Declined, the pledge is FAILED and the place freed; unanswered, it stays PENDING for
    reconciliation. Either way the attempt is kept, so the payload shows what happened.
    """
    campaign = await get_campaign(session, fields.campaign_id, "campaign_id")
    problems = Problems()
    now = utcnow()
    if campaign.status is not CampaignStatus.LIVE or (
        campaign.deadline_at is not None and campaign.deadline_at <= now
    ):
        raise Rejected.one(
            "campaign_id",
            FundingErrorCode.CAMPAIGN_NOT_LIVE,
            _("The campaign does not take pledges now."),
        )
    amount = check_money(problems, "amount", fields.amount)
    if amount is not None and amount.currency != campaign.currency:
        problems.add(
            ("amount", "currency_code"),
            FundingErrorCode.CURRENCY_MISMATCH,
            _("The campaign raises {currency}.", currency=campaign.currency),
        )
    message = check_text(
        problems, "message", fields.message, max_length=MAX_MESSAGE_LENGTH, required=False
    )
    tier = None
    if fields.tier_id is not None:
        tier = await session.get(RewardTier, fields.tier_id)
        if tier is None or tier.campaign_id != campaign.id:
            problems.add("tier_id", FieldCode.NOT_FOUND, _("The campaign has no such tier."))
        elif amount is not None and amount.minor_units < tier.minimum_minor:
            minimum = Money(tier.minimum_minor, campaign.currency)
            problems.add(
                ("amount", "amount"),
                FundingErrorCode.BELOW_TIER_MINIMUM,
                _(
                    "This tier starts at {minimum} {currency}.",
                    minimum=str(minimum.amount),
                    currency=minimum.currency,
                ),
            )
    problems.raise_any()
    assert amount is not None
    if tier is not None and not await claim_tier_place(session, tier.id):
        raise Rejected.one(
            "tier_id", FundingErrorCode.TIER_SOLD_OUT, _("Every place of this tier is taken.")
        )
    pledge = Pledge(
        reference=uuid.uuid4().hex,
        campaign_id=campaign.id,
        tier_id=fields.tier_id,
        backer_user_id=backer_user_id,
        organisation_id=fields.organisation_id,
        amount_minor=amount.minor_units,
        currency=amount.currency,
        refunded_minor=0,
        visibility=fields.visibility,
        message=message or "",
        status=PledgeStatus.PENDING,
    )
    session.add(pledge)
    await session.flush()
    await PLEDGE_STATUS.record(session, pledge.id, None, PledgeStatus.PENDING)
    await ask_later(
        session, later, pledge, GatewayOperation.AUTHORIZE, amount, PledgeStatus.AUTHORIZED
    )
    return pledge.id


async def get_pledge(session: AsyncSession, pledge_id: int, path: str = "id") -> Pledge:
    await get_or_reject(session, Pledge, pledge_id, missing=NO_PLEDGE, path=path)
    return await locked_pledge(session, pledge_id)


async def cancel_pledge(session: AsyncSession, pledge_id: int, later: list[PendingCall]) -> int:
    """The backer withdraws an authorised pledge while the campaign is live: its void is
    recorded in ``later``; once voided at the gateway it is CANCELLED, its place freed."""
    pledge = await get_pledge(session, pledge_id)
    campaign = await get_campaign(session, pledge.campaign_id)
    if campaign.status is not CampaignStatus.LIVE:
        raise Rejected.one(
            "id",
            FundingErrorCode.CAMPAIGN_NOT_LIVE,
            _("A pledge is withdrawn only while its campaign is live."),
        )
    if pledge.status is PledgeStatus.PENDING:
        raise Rejected.one(
            "id", FundingErrorCode.PAYMENT_PENDING, _("The payment has not been answered yet.")
        )
    if pledge.status is not PledgeStatus.AUTHORIZED:
        raise Rejected.one(
            "id",
            FundingErrorCode.INVALID_STATUS_TRANSITION,
            _("Only an authorised pledge can be withdrawn."),
        )
    amount = Money(pledge.amount_minor, pledge.currency)
    await ask_later(session, later, pledge, GatewayOperation.VOID, amount, PledgeStatus.CANCELLED)
    return pledge.id


async def refund_pledge(
    session: AsyncSession, pledge_id: int, amount: MoneySpec | None, later: list[PendingCall]
) -> int:
    """Refund a captured pledge, fully (no amount) or in part, the refund recorded in
    ``later``. Refunds add up to at most the amount captured: one still unanswered keeps
    its amount reserved (``payments.refundable``, read with the pledge's row locked)."""
    pledge = await get_pledge(session, pledge_id)
    if pledge.status not in (PledgeStatus.CAPTURED, PledgeStatus.REFUNDED):
        raise Rejected.one(
            "id",
            FundingErrorCode.INVALID_STATUS_TRANSITION,
            _("Only a captured pledge can be refunded."),
        )
    left = await refundable(session, pledge)
    problems = Problems()
    wanted = (
        Money(left, pledge.currency) if amount is None else check_money(problems, "amount", amount)
    )
    problems.raise_any()
    assert wanted is not None
    if wanted.currency != pledge.currency:
        raise Rejected.one(
            ("amount", "currency_code"),
            FundingErrorCode.CURRENCY_MISMATCH,
            _("The pledge was made in {currency}.", currency=pledge.currency),
        )
    if wanted.minor_units > left or left == 0:
        raise Rejected.one(
            ("amount", "amount"),
            FundingErrorCode.REFUND_TOO_LARGE,
            _(
                "At most {left} {currency} is left to refund.",
                left=str(Money(left, pledge.currency).amount),
                currency=pledge.currency,
            ),
        )
    refunds = await session.scalar(
        select(func.count(GatewayCall.id)).where(
            GatewayCall.pledge_id == pledge.id, GatewayCall.operation == GatewayOperation.REFUND
        )
    )
    await ask_later(
        session,
        later,
        pledge,
        GatewayOperation.REFUND,
        wanted,
        PledgeStatus.REFUNDED,
        step=int(refunds or 0) + 1,
    )
    return pledge.id
