"""Expenses: how a campaign's owners spend what it raised, approved by its fiscal host.

An approved expense is paid out of what the host holds for the campaign, in the same
transaction, as a PAYOUT in the ledger (origin ``expense:<id>``), so the public budget
(raised, spent, held) always adds up. An expense larger than what is held is refused.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.checks import check_text, check_url
from hub.core.columns import utcnow
from hub.core.lookups import get_or_reject
from hub.core.money import Money
from hub.core.validation import FieldCode, Problems, Rejected
from hub.funding import ledger
from hub.funding.campaigns import MoneySpec, check_money, get_campaign
from hub.funding.enums import CampaignStatus, ExpenseStatus, LedgerKind
from hub.funding.errors import FundingErrorCode
from hub.funding.models import Campaign, Expense
from hub.funding.states import EXPENSE_STATUS
from hub.i18n.messages import _

MAX_ITEMS = 50
MAX_RECEIPTS = 20
SPENDING_STATUSES = (CampaignStatus.SUCCEEDED, CampaignStatus.PAID_OUT)


@dataclass(frozen=True)
class ExpenseItem:
    description: str
    amount: MoneySpec


@dataclass(frozen=True)
class ExpenseFields:
    title: str
    items: Sequence[ExpenseItem]
    receipts: Sequence[str] = ()


async def file_expense(
    session: AsyncSession, campaign_id: int, filed_by: int | None, fields: ExpenseFields
) -> int:
    """A SUBMITTED expense of a campaign that raised money; items in its currency."""
    campaign = await get_campaign(session, campaign_id, "campaign_id")
    if campaign.status not in SPENDING_STATUSES:
        raise Rejected.one(
            "campaign_id",
            FundingErrorCode.CAMPAIGN_NOT_LIVE,
            _("Expenses are filed once a campaign has succeeded."),
        )
    problems = Problems()
    title = check_text(problems, "title", fields.title, max_length=200)
    if not fields.items or len(fields.items) > MAX_ITEMS:
        problems.add("items", FieldCode.OUT_OF_RANGE, _("An expense has 1 to 50 items."))
    items: list[dict[str, object]] = []
    for index, item in enumerate(fields.items[:MAX_ITEMS]):
        path = ("items", str(index))
        description = check_text(problems, (*path, "description"), item.description, max_length=300)
        amount = check_money(problems, (*path, "amount"), item.amount)
        if amount is not None and amount.currency != campaign.currency:
            problems.add(
                (*path, "amount", "currency_code"),
                FundingErrorCode.CURRENCY_MISMATCH,
                _("The campaign raises {currency}.", currency=campaign.currency),
            )
        elif amount is not None:
            items.append({"description": description or "", "amount_minor": amount.minor_units})
    if len(fields.receipts) > MAX_RECEIPTS:
        problems.add("receipts", FieldCode.OUT_OF_RANGE, _("At most 20 receipts."))
    for index, receipt in enumerate(fields.receipts):
        check_url(problems, ("receipts", str(index)), receipt)
    problems.raise_any()
    expense = Expense(
        campaign_id=campaign.id,
        title=title or "",
        items=items,
        receipts=list(fields.receipts),
        amount_minor=sum(int(str(item["amount_minor"])) for item in items),
        currency=campaign.currency,
        status=ExpenseStatus.SUBMITTED,
        filed_by_user_id=filed_by,
        decision_note="",
    )
    session.add(expense)
    await session.flush()
    await EXPENSE_STATUS.record(session, expense.id, None, ExpenseStatus.SUBMITTED)
    return expense.id


async def _locked(session: AsyncSession, expense_id: int) -> Expense:
    await get_or_reject(session, Expense, expense_id, missing=_("No expense has this id."))
    expense = await session.get(Expense, expense_id, with_for_update=True, populate_existing=True)
    assert expense is not None
    return expense


async def _move(session: AsyncSession, expense: Expense, wanted: ExpenseStatus) -> None:
    if expense.status is not ExpenseStatus.SUBMITTED:
        raise Rejected.one(
            "id",
            FundingErrorCode.INVALID_STATUS_TRANSITION,
            _("The expense was decided already ({status}).", status=expense.status.value),
        )
    await EXPENSE_STATUS.record(session, expense.id, expense.status, wanted)
    expense.status = wanted
    expense.decided_at = utcnow()


async def approve_expense(session: AsyncSession, expense_id: int, note: str = "") -> int:
    """Approve and pay out an expense, if the host holds enough for the campaign."""
    expense = await _locked(session, expense_id)
    campaign = await session.get(
        Campaign, expense.campaign_id, with_for_update=True, populate_existing=True
    )
    assert campaign is not None
    await _move(session, expense, ExpenseStatus.APPROVED)
    held = await ledger.held(session, campaign.id, expense.currency)
    if held.minor_units < expense.amount_minor:
        raise Rejected.one(
            "id",
            FundingErrorCode.INSUFFICIENT_FUNDS,
            _(
                "The host holds {held} {currency} for the campaign.",
                held=str(held.amount),
                currency=held.currency,
            ),
        )
    expense.decision_note = note
    await ledger.post(
        session,
        LedgerKind.PAYOUT,
        Money(expense.amount_minor, expense.currency),
        campaign_id=campaign.id,
        origin=f"expense:{expense.id}",
    )
    await session.flush()
    return expense.id


async def reject_expense(session: AsyncSession, expense_id: int, note: str = "") -> int:
    expense = await _locked(session, expense_id)
    await _move(session, expense, ExpenseStatus.REJECTED)
    expense.decision_note = note
    await session.flush()
    return expense.id
