"""The ledger: every movement of money as a double entry, and totals derived from it.

A movement moves an amount from one account to another (``LedgerKind.accounts``): a
contribution from the backers to what the fiscal host holds for the campaign, a refund
back, fees to the platform and the processor, a payout to the payee. Nothing else keeps a
total: what a campaign raised is its contributions less its refunds, per currency, summed
from these rows whenever it is asked for.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.db import Base
from hub.core.money import Money
from hub.core.unique_violations import violated_unique_constraint
from hub.funding.enums import LedgerAccount, LedgerKind
from hub.funding.models import LedgerEntry, Pledge


def share(amount: int, basis_points: int) -> int:
    """``basis_points`` / 10 000 of ``amount``, rounded half up, in integers only."""
    return (amount * basis_points + 5_000) // 10_000


async def post(
    session: AsyncSession,
    kind: LedgerKind,
    money: Money,
    *,
    campaign_id: int,
    origin: str,
    pledge_id: int | None = None,
    basis_points: int | None = None,
) -> bool:
    """Book one movement once: a second booking of the same ``origin`` and ``kind`` is
    ignored (False), whoever tries it, so retries and doubled answers book nothing twice.
    A fee computed as a share gives its rate (``basis_points``), kept with the entry."""
    if money.minor_units <= 0:
        return False
    booked = select(LedgerEntry.id).where(LedgerEntry.origin == origin, LedgerEntry.kind == kind)
    if await session.scalar(booked) is not None:
        return False
    debit, credit = kind.accounts
    entry = LedgerEntry(
        campaign_id=campaign_id,
        pledge_id=pledge_id,
        kind=kind,
        debit_account=debit,
        credit_account=credit,
        amount_minor=money.minor_units,
        currency=money.currency,
        origin=origin,
        basis_points=basis_points,
    )
    try:
        # The unique (origin, kind) is the last word when two writers book at once.
        async with session.begin_nested():
            session.add(entry)
    except IntegrityError as error:
        if violated_unique_constraint(error, Base.metadata) is None:
            raise
        return False
    return True


def _signed(account: LedgerAccount) -> ColumnElement[int]:
    """An entry's effect on ``account``: + when debited, - when credited, else 0."""
    return case(
        (LedgerEntry.debit_account == account, LedgerEntry.amount_minor),
        (LedgerEntry.credit_account == account, -LedgerEntry.amount_minor),
        else_=0,
    )


async def raised(session: AsyncSession, campaign_ids: Sequence[int]) -> dict[int, list[Money]]:
    """Each campaign's contributions less refunds, per currency (currencies never mixed)."""
    net = func.sum(
        case(
            (LedgerEntry.kind == LedgerKind.CONTRIBUTION, LedgerEntry.amount_minor),
            (LedgerEntry.kind == LedgerKind.REFUND, -LedgerEntry.amount_minor),
            else_=0,
        )
    )
    rows = await session.execute(
        select(LedgerEntry.campaign_id, LedgerEntry.currency, net)
        .where(LedgerEntry.campaign_id.in_(list(campaign_ids)))
        .group_by(LedgerEntry.campaign_id, LedgerEntry.currency)
        .order_by(LedgerEntry.campaign_id, LedgerEntry.currency)
    )
    found: dict[int, list[Money]] = defaultdict(list)
    for campaign_id, currency, amount in rows:
        found[campaign_id].append(Money(int(amount or 0), currency))
    return {key: found.get(key, []) for key in campaign_ids}


async def balances(
    session: AsyncSession, campaign_ids: Sequence[int], account: LedgerAccount
) -> dict[int, list[Money]]:
    """Each campaign's balance of ``account`` per currency: debits less credits."""
    rows = await session.execute(
        select(LedgerEntry.campaign_id, LedgerEntry.currency, func.sum(_signed(account)))
        .where(LedgerEntry.campaign_id.in_(list(campaign_ids)))
        .group_by(LedgerEntry.campaign_id, LedgerEntry.currency)
        .order_by(LedgerEntry.campaign_id, LedgerEntry.currency)
    )
    found: dict[int, list[Money]] = defaultdict(list)
    for campaign_id, currency, amount in rows:
        found[campaign_id].append(Money(int(amount or 0), currency))
    return {key: found.get(key, []) for key in campaign_ids}


async def held(session: AsyncSession, campaign_id: int, currency: str) -> Money:
    """What the fiscal host holds for one campaign in one currency."""
    for money in (await balances(session, [campaign_id], LedgerAccount.HELD))[campaign_id]:
        if money.currency == currency:
            return money
    return Money(0, currency)


async def given_by(session: AsyncSession, user_id: int) -> list[Money]:
    """What a person's pledges contributed, less refunds, per currency (from the ledger)."""
    net = func.sum(
        case(
            (LedgerEntry.kind == LedgerKind.CONTRIBUTION, LedgerEntry.amount_minor),
            (LedgerEntry.kind == LedgerKind.REFUND, -LedgerEntry.amount_minor),
            else_=0,
        )
    )
    rows = await session.execute(
        select(LedgerEntry.currency, net)
        .join(Pledge, Pledge.id == LedgerEntry.pledge_id)
        .where(Pledge.backer_user_id == user_id)
        .group_by(LedgerEntry.currency)
        .order_by(LedgerEntry.currency)
    )
    return [Money(int(amount or 0), currency) for currency, amount in rows]
