"""Talking to the gateway for a pledge, never inside a database transaction: each request
recorded under its own key before it is sent, each answer applied once after.

A money write records the request it means to make (a ``gateway_call``, outcome
UNKNOWN, with a key made of the pledge's random reference and the operation) in its own
transaction and hands it back as a ``PendingCall``. Once that transaction has committed,
``complete`` sends each call with no transaction open (a slow or hung gateway holds no row
lock and no pooled connection) and applies its answer in a short transaction of its own
(``record_answer``). ``apply_answer`` does nothing for a call already answered: a gateway
answering twice changes nothing the second time. A call left UNKNOWN (a time-out, or a
crash between the transactions) is settled by reconciliation (``hub.funding.reconcile``)
or by a retry that sends the same key. While a refund is unanswered its amount stays
reserved (``refundable``), so refunds never add up to more than was captured.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass

from sqlalchemy import ColumnElement, exists, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from hub.core.columns import utcnow
from hub.core.db import begin_write
from hub.core.money import Money
from hub.funding.enums import GatewayOperation, GatewayOutcome, LedgerKind, PledgeStatus
from hub.funding.gateway import NO_ANSWER, Gateway, GatewayAnswer, Transactions
from hub.funding.ledger import post, share
from hub.funding.live import announce
from hub.funding.models import Campaign, GatewayCall, Pledge, RewardTier
from hub.funding.states import PLEDGE_STATUS

logger = logging.getLogger("hub.funding")


async def claim_tier_place(session: AsyncSession, tier_id: int) -> bool:
    """Take one place of a tier in one conditional UPDATE; False when it is sold out."""
    taken = await session.execute(
        update(RewardTier)
        .where(
            RewardTier.id == tier_id,
            (RewardTier.quantity_limit.is_(None))
            | (RewardTier.claimed < RewardTier.quantity_limit),
        )
        .values(claimed=RewardTier.claimed + 1)
        .execution_options(synchronize_session=False)
    )
    return bool(taken.rowcount == 1)  # type: ignore[attr-defined]


async def release_tier_place(session: AsyncSession, tier_id: int | None) -> None:
    if tier_id is None:
        return
    await session.execute(
        update(RewardTier)
        .where(RewardTier.id == tier_id, RewardTier.claimed > 0)
        .values(claimed=RewardTier.claimed - 1)
        .execution_options(synchronize_session=False)
    )


async def move_pledge(session: AsyncSession, pledge: Pledge, wanted: PledgeStatus) -> None:
    """Move a pledge (checked, kept in its history); leaving the statuses that hold a
    tier place gives the place back."""
    current = pledge.status
    await PLEDGE_STATUS.record(session, pledge.id, current, wanted)
    pledge.status = wanted
    if current.holds_tier_place and not wanted.holds_tier_place:
        await release_tier_place(session, pledge.tier_id)
    await session.flush()
    await announce(session, pledge.campaign_id)


def awaiting_answer() -> ColumnElement[bool]:
    """A pledge (in a query over ``Pledge``) with a gateway call still unanswered."""
    return exists().where(
        GatewayCall.pledge_id == Pledge.id, GatewayCall.outcome == GatewayOutcome.UNKNOWN
    )


async def refundable(session: AsyncSession, pledge: Pledge) -> int:
    """What is left to refund of a pledge: its amount less every refund that succeeded or
    is still unanswered (reserved until answered; a declined one gives its amount back).
    Read with the pledge's row locked, so concurrent refunds see each other's calls."""
    asked = await session.scalar(
        select(func.coalesce(func.sum(GatewayCall.amount_minor), 0)).where(
            GatewayCall.pledge_id == pledge.id,
            GatewayCall.operation == GatewayOperation.REFUND,
            GatewayCall.outcome != GatewayOutcome.DECLINED,
        )
    )
    return pledge.amount_minor - int(asked or 0)


def call_key(pledge: Pledge, operation: GatewayOperation, step: int = 0) -> str:
    """The idempotency key of one gateway request for a pledge (refunds are numbered)."""
    suffix = f":{step}" if step else ""
    return f"{pledge.reference}:{operation.value.lower()}{suffix}"


@dataclass(frozen=True)
class PendingCall:
    """A recorded gateway request to send once its transaction has committed."""

    call_id: int
    operation: GatewayOperation
    key: str
    authorization: str
    amount: Money


async def record_call(
    session: AsyncSession,
    pledge: Pledge,
    operation: GatewayOperation,
    amount: Money,
    then: PledgeStatus,
    *,
    step: int = 0,
) -> GatewayCall:
    """The request, recorded UNKNOWN under its own key (found again when retried)."""
    key = call_key(pledge, operation, step)
    call = await session.scalar(select(GatewayCall).where(GatewayCall.idempotency_key == key))
    if call is None:
        call = GatewayCall(
            pledge_id=pledge.id,
            operation=operation,
            idempotency_key=key,
            amount_minor=amount.minor_units,
            currency=amount.currency,
            outcome=GatewayOutcome.UNKNOWN,
            then_status=then,
            answers=0,
        )
        session.add(call)
        await session.flush()
    return call


async def ask_later(
    session: AsyncSession,
    later: list[PendingCall],
    pledge: Pledge,
    operation: GatewayOperation,
    amount: Money,
    then: PledgeStatus,
    *,
    step: int = 0,
) -> None:
    """Record a gateway call for ``pledge`` and add it to ``later`` while it is unanswered
    (a retry of the same step finds its call, and sends the same key again)."""
    call = await record_call(session, pledge, operation, amount, then, step=step)
    if call.outcome is GatewayOutcome.UNKNOWN:
        later.append(pending(call, pledge))


def pending(call: GatewayCall, pledge: Pledge) -> PendingCall:
    """What sending ``call`` needs, read before its transaction commits."""
    amount = Money(call.amount_minor, call.currency)
    return PendingCall(
        call.id, call.operation, call.idempotency_key, pledge.authorization_ref or "", amount
    )


async def ask(gateway: Gateway, call: PendingCall) -> GatewayAnswer:
    """Send a recorded request; no session is involved (call it with none open)."""
    match call.operation:
        case GatewayOperation.AUTHORIZE:
            return await gateway.authorize(call.key, call.amount)
        case GatewayOperation.CAPTURE:
            return await gateway.capture(call.key, call.authorization, call.amount)
        case GatewayOperation.VOID:
            return await gateway.void(call.key, call.authorization, call.amount)
        case GatewayOperation.REFUND:
            return await gateway.refund(call.key, call.authorization, call.amount)


async def record_answer(session: AsyncSession, call_id: int, answer: GatewayAnswer) -> None:
    """Apply the answer to a call sent outside a transaction, in the caller's (once)."""
    call = await session.get(GatewayCall, call_id, with_for_update=True, populate_existing=True)
    assert call is not None, call_id
    pledge = await locked_pledge(session, call.pledge_id)
    await apply_answer(session, call, pledge, answer)


async def complete(
    transactions: Transactions, gateway: Gateway, calls: Sequence[PendingCall]
) -> list[GatewayAnswer]:
    """Send calls whose transaction has committed, each answer applied in a short
    transaction of its own; call it with no transaction open. A call the gateway does not
    answer, or whose sending fails (a lost connection), stays UNKNOWN for reconciliation,
    and the next call is still sent."""
    answers = []
    for call in calls:
        try:
            answer = await ask(gateway, call)
        except Exception:
            logger.warning(
                "gateway call %s failed; left for reconciliation", call.key, exc_info=True
            )
            answer = NO_ANSWER
        async with transactions() as session:
            await record_answer(session, call.call_id, answer)
        answers.append(answer)
    return answers


def write_transactions(sessions: async_sessionmaker[AsyncSession]) -> Transactions:
    """Short write transactions, each on a session of its own from ``sessions``."""

    @asynccontextmanager
    async def opened() -> AsyncIterator[AsyncSession]:
        async with sessions() as session, session.begin():
            await begin_write(session)
            yield session

    return opened


def transactions_on(session: AsyncSession) -> Transactions:
    """Short write transactions on ``session`` (a request's), which has none open."""

    @asynccontextmanager
    async def opened() -> AsyncIterator[AsyncSession]:
        await session.rollback()
        async with session.begin():
            await begin_write(session)
            yield session

    return opened


def savepoints_in(session: AsyncSession) -> Transactions:
    """Savepoints inside ``session``'s open transaction: for loading demo data, which is
    one transaction that nobody else waits on."""

    @asynccontextmanager
    async def opened() -> AsyncIterator[AsyncSession]:
        async with session.begin_nested():
            yield session

    return opened


async def locked_pledge(session: AsyncSession, pledge_id: int) -> Pledge:
    pledge = await session.get(Pledge, pledge_id, with_for_update=True, populate_existing=True)
    assert pledge is not None, pledge_id
    return pledge


async def apply_answer(
    session: AsyncSession, call: GatewayCall, pledge: Pledge, answer: GatewayAnswer
) -> None:
    """Apply a gateway answer to its call and pledge, once; later answers are only counted."""
    if answer.outcome is GatewayOutcome.UNKNOWN:
        return
    call.answers += 1
    if call.outcome is not GatewayOutcome.UNKNOWN:
        await session.flush()
        return
    call.outcome = answer.outcome
    call.gateway_reference = answer.reference
    call.fee_minor = answer.fee_minor
    call.answered_at = utcnow()
    if answer.outcome is GatewayOutcome.SUCCEEDED:
        await _succeeded(session, call, pledge, answer)
    else:
        await _declined(session, call, pledge, answer)
    await session.flush()


async def _succeeded(
    session: AsyncSession, call: GatewayCall, pledge: Pledge, answer: GatewayAnswer
) -> None:
    amount = Money(call.amount_minor, call.currency)
    origin = call.idempotency_key
    booking = {"campaign_id": pledge.campaign_id, "pledge_id": pledge.id}
    match call.operation:
        case GatewayOperation.AUTHORIZE:
            pledge.authorization_ref = answer.reference
        case GatewayOperation.CAPTURE:
            await post(session, LedgerKind.CONTRIBUTION, amount, origin=origin, **booking)
            fee = Money(answer.fee_minor, amount.currency)
            await post(session, LedgerKind.PROCESSOR_FEE, fee, origin=origin, **booking)
            # The rate the campaign launched with: a later change of the setting never
            # reprices it, and the entry keeps the rate it was computed with.
            campaign = await session.get(Campaign, pledge.campaign_id)
            assert campaign is not None
            assert campaign.platform_fee_basis_points is not None
            rate = campaign.platform_fee_basis_points
            platform = Money(share(amount.minor_units, rate), amount.currency)
            await post(
                session,
                LedgerKind.PLATFORM_FEE,
                platform,
                origin=origin,
                basis_points=rate,
                **booking,
            )
        case GatewayOperation.REFUND:
            pledge.refunded_minor += amount.minor_units
            await post(session, LedgerKind.REFUND, amount, origin=origin, **booking)
        case GatewayOperation.VOID:
            pass
    await move_pledge(session, pledge, call.then_status)


async def _declined(
    session: AsyncSession, call: GatewayCall, pledge: Pledge, answer: GatewayAnswer
) -> None:
    pledge.failure_reason = (answer.reason or "Declined by the gateway.")[:200]
    match call.operation:
        case GatewayOperation.AUTHORIZE:
            await move_pledge(session, pledge, PledgeStatus.FAILED)
        case GatewayOperation.CAPTURE:
            # The authorisation lapsed or was refused: nothing was taken.
            await move_pledge(session, pledge, PledgeStatus.VOIDED)
        case GatewayOperation.VOID | GatewayOperation.REFUND:
            pass


async def receive(session: AsyncSession, key: str, answer: GatewayAnswer) -> bool:
    """An answer delivered by the gateway on its own (a notification): applied once.
    False when no call has this key."""
    call = await session.scalar(
        select(GatewayCall).where(GatewayCall.idempotency_key == key).with_for_update()
    )
    if call is None:
        return False
    pledge = await locked_pledge(session, call.pledge_id)
    await apply_answer(session, call, pledge, answer)
    return True
