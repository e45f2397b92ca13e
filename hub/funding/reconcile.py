"""Reconciliation: pledges whose gateway state and hub state differ, found and repaired.

A gateway call without an answer (a time-out, a lost connection, a crash between the
write's transaction and the answer's) leaves its pledge where it was, and the call
UNKNOWN. Reconciliation asks the gateway what became of each such call by its key: an
answer is applied as if it had come in time; a request the gateway never received is sent
again with the same key (an authorisation that never arrived fails the pledge instead: the
backer was never charged, and the campaign may have moved on). Like every payment path it
holds no transaction while it talks to the gateway: the calls are read in one short
transaction and each answer applied in its own. Calls younger than ``older_than`` are left
alone: they may still be in flight in a server.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select

from hub.core.columns import utcnow
from hub.funding.enums import GatewayOperation, GatewayOutcome, PledgeStatus
from hub.funding.gateway import Gateway, GatewayAnswer, Transactions
from hub.funding.models import GatewayCall, Pledge
from hub.funding.payments import PendingCall, ask, pending, record_answer

NEVER_ARRIVED = GatewayAnswer(
    GatewayOutcome.DECLINED, reason="The authorisation never reached the gateway."
)


@dataclass
class Reconciliation:
    """What a run did, by call key: answered from the gateway, sent again, failed (an
    authorisation that never arrived), or still unanswered (sent again, no answer)."""

    answered: list[str] = field(default_factory=list)
    resent: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    unanswered: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Unanswered:
    call: PendingCall
    never_authorised: bool
    """An authorisation whose pledge is still PENDING: failed if it never arrived."""


async def reconcile(
    transactions: Transactions, gateway: Gateway, *, older_than: timedelta
) -> Reconciliation:
    """Settle every gateway call unanswered for at least ``older_than``."""
    done = Reconciliation()
    for found in await _unanswered(transactions, utcnow() - older_than):
        key = found.call.key
        answer = await gateway.lookup(key)
        if answer is not None:
            done.answered.append(key)
        elif found.never_authorised:
            answer = NEVER_ARRIVED
            done.failed.append(key)
        else:
            answer = await ask(gateway, found.call)
            lost = answer.outcome is GatewayOutcome.UNKNOWN
            (done.unanswered if lost else done.resent).append(key)
        async with transactions() as session:
            await record_answer(session, found.call.call_id, answer)
    return done


async def _unanswered(transactions: Transactions, before: datetime) -> list[_Unanswered]:
    async with transactions() as session:
        rows = await session.execute(
            select(GatewayCall, Pledge)
            .join(Pledge, Pledge.id == GatewayCall.pledge_id)
            .where(
                GatewayCall.outcome == GatewayOutcome.UNKNOWN,
                GatewayCall.requested_at <= before,
            )
            .order_by(GatewayCall.id)
        )
        return [
            _Unanswered(
                pending(call, pledge),
                call.operation is GatewayOperation.AUTHORIZE
                and pledge.status is PledgeStatus.PENDING,
            )
            for call, pledge in rows
        ]
