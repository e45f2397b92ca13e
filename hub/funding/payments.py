"""Talking to the gateway for a pledge: each request recorded under its own key, each
answer applied once.

A request is recorded (outcome UNKNOWN) before it is sent, in the write's transaction,
with a key made of the pledge's random reference and the operation, so a retry of the
same step sends the same key and the gateway moves no money twice. The answer moves the
pledge and books the ledger through ``apply_answer``, which does nothing for a call
already answered: a gateway answering twice changes nothing the second time. A call left
UNKNOWN (a time-out) is settled later by reconciliation (``hub.funding.reconcile``).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.columns import utcnow
from hub.core.money import Money
from hub.funding.enums import GatewayOperation, GatewayOutcome, LedgerKind, PledgeStatus
from hub.funding.gateway import Gateway, GatewayAnswer
from hub.funding.ledger import PLATFORM_FEE_BASIS_POINTS, post, share
from hub.funding.live import announce
from hub.funding.models import GatewayCall, Pledge, RewardTier
from hub.funding.states import PLEDGE_STATUS


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


def call_key(pledge: Pledge, operation: GatewayOperation, step: int = 0) -> str:
    """The idempotency key of one gateway request for a pledge (refunds are numbered)."""
    suffix = f":{step}" if step else ""
    return f"{pledge.reference}:{operation.value.lower()}{suffix}"


async def send(
    session: AsyncSession,
    gateway: Gateway,
    pledge: Pledge,
    operation: GatewayOperation,
    amount: Money,
    then: PledgeStatus,
    *,
    step: int = 0,
) -> GatewayCall:
    """Record the request, send it, apply the answer; the call says how it went."""
    call = await record_call(session, pledge, operation, amount, then, step=step)
    if call.outcome is not GatewayOutcome.UNKNOWN:
        return call
    answer = await _ask(gateway, call, pledge, amount)
    await apply_answer(session, call, pledge, answer)
    return call


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


async def _ask(gateway: Gateway, call: GatewayCall, pledge: Pledge, amount: Money) -> GatewayAnswer:
    return await ask(gateway, pending(call, pledge))


async def resend(session: AsyncSession, gateway: Gateway, call: GatewayCall) -> None:
    """Send a call again with its own key (it never reached the gateway)."""
    pledge = await locked_pledge(session, call.pledge_id)
    answer = await _ask(gateway, call, pledge, Money(call.amount_minor, call.currency))
    await apply_answer(session, call, pledge, answer)


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
            platform = Money(share(amount.minor_units, PLATFORM_FEE_BASIS_POINTS), amount.currency)
            await post(session, LedgerKind.PLATFORM_FEE, platform, origin=origin, **booking)
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
