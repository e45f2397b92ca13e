"""Reconciliation: pledges whose gateway state and hub state differ, found and repaired.

A gateway call without an answer (a time-out, a lost connection) leaves its pledge where
it was. Reconciliation asks the gateway what became of each such call by its key: an
answer is applied as if it had come in time; a request the gateway never received is
sent again with the same key (an authorisation that never arrived fails the pledge
instead: the backer was never charged, and the campaign may have moved on).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.funding.enums import GatewayOperation, GatewayOutcome, PledgeStatus
from hub.funding.gateway import Gateway, GatewayAnswer
from hub.funding.models import GatewayCall
from hub.funding.payments import apply_answer, locked_pledge, resend

NEVER_ARRIVED = GatewayAnswer(
    GatewayOutcome.DECLINED, reason="The authorisation never reached the gateway."
)


@dataclass
class Reconciliation:
    """What a run repaired: call keys answered from the gateway, sent again, or failed."""

    answered: list[str] = field(default_factory=list)
    resent: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


async def reconcile(session: AsyncSession, gateway: Gateway) -> Reconciliation:
    """Settle every unanswered gateway call, in the caller's transaction."""
    done = Reconciliation()
    calls = await session.scalars(
        select(GatewayCall)
        .where(GatewayCall.outcome == GatewayOutcome.UNKNOWN)
        .order_by(GatewayCall.id)
        .with_for_update()
    )
    for call in calls.all():
        pledge = await locked_pledge(session, call.pledge_id)
        answer = await gateway.lookup(call.idempotency_key)
        if answer is not None:
            await apply_answer(session, call, pledge, answer)
            done.answered.append(call.idempotency_key)
        elif call.operation is GatewayOperation.AUTHORIZE and pledge.status is PledgeStatus.PENDING:
            await apply_answer(session, call, pledge, NEVER_ARRIVED)
            done.failed.append(call.idempotency_key)
        else:
            await resend(session, gateway, call)
            done.resent.append(call.idempotency_key)
    return done
