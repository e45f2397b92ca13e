"""The sandbox gateway: a fake payment provider for development, demos and tests, whose
state lives in the hub's database so every process sees the same provider.

A real provider is one service that every server process, worker and ``hub funding
reconcile`` talks to; a sandbox keeping its answers in process memory would let
reconciliation, run as its own process, see none of the charges a server made. So the
sandbox keeps each request it received (``sandbox_payment``, unique by idempotency key)
and the behaviours a test scripted (``sandbox_script``) in two tables of its own, written
in its own short transactions; none of the hub's tables refer to them, and a real
provider needs neither.
"""

from __future__ import annotations

import dataclasses
import enum
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import BigInteger, Boolean, Integer, String, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from hub.core.columns import UTCDateTime, enum_column, utcnow
from hub.core.db import Base
from hub.core.money import Money
from hub.funding.enums import GatewayOperation, GatewayOutcome
from hub.funding.gateway import NO_ANSWER, GatewayAnswer, Transactions

SANDBOX_FEE_BASIS_POINTS = 250
"""What the sandbox processor charges on a capture: 2.5 %."""


class Behaviour(enum.Enum):
    """What the sandbox does with the next request of an operation (tests script these)."""

    DECLINE = "DECLINE"
    TIME_OUT = "TIME_OUT"
    """Does the work, but the answer is lost: the caller sees UNKNOWN."""
    LOSE_REQUEST = "LOSE_REQUEST"
    """The request never arrives: the caller sees UNKNOWN and ``lookup`` finds nothing."""
    ANSWER_TWICE = "ANSWER_TWICE"
    """Answers, and delivers the same answer again as a notification."""


class SandboxPayment(Base):
    """A request the sandbox received and its answer, once per idempotency key."""

    __tablename__ = "sandbox_payment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    idempotency_key: Mapped[str] = mapped_column(String(80), unique=True)
    operation: Mapped[GatewayOperation] = mapped_column(enum_column(GatewayOperation))
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    outcome: Mapped[GatewayOutcome] = mapped_column(enum_column(GatewayOutcome))
    reference: Mapped[str | None] = mapped_column(String(64))
    fee_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    reason: Mapped[str | None] = mapped_column(String(200))
    notifies: Mapped[bool] = mapped_column(Boolean, default=False)
    """Answered twice: the answer is delivered again as a notification."""
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class SandboxScript(Base):
    """A behaviour queued for the next request of an operation, oldest first."""

    __tablename__ = "sandbox_script"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    operation: Mapped[GatewayOperation] = mapped_column(enum_column(GatewayOperation))
    behaviour: Mapped[Behaviour] = mapped_column(enum_column(Behaviour))


Arrival = Callable[[GatewayOperation, str], Awaitable[None]]


def _answer(payment: SandboxPayment) -> GatewayAnswer:
    return GatewayAnswer(payment.outcome, payment.reference, payment.fee_minor, payment.reason)


@dataclass(frozen=True)
class SandboxGateway:
    """A gateway with the semantics of a real one (idempotent by key), and test hooks.

    ``script`` queues behaviours per operation (shared by every process); ``charged``
    sums the money actually moved per operation, so a test proves a key was never charged
    twice; ``notifications`` are answers delivered a second time, for the hub to apply
    (once); both leave out the requests received up to ``baseline`` (``from_now``).
    ``before`` is an in-process test hook run as each request arrives.
    """

    transactions: Transactions
    before: Arrival | None = None
    baseline: int = 0

    async def from_now(self) -> SandboxGateway:
        """This sandbox, counting charges and notifications only from now on."""
        async with self.transactions() as session:
            latest = await session.scalar(select(func.max(SandboxPayment.id)))
        return dataclasses.replace(self, baseline=int(latest or 0))

    async def authorize(self, key: str, amount: Money) -> GatewayAnswer:
        return await self._handle(GatewayOperation.AUTHORIZE, key, amount, None)

    async def capture(self, key: str, authorization: str, amount: Money) -> GatewayAnswer:
        return await self._handle(GatewayOperation.CAPTURE, key, amount, authorization)

    async def void(self, key: str, authorization: str, amount: Money) -> GatewayAnswer:
        return await self._handle(GatewayOperation.VOID, key, amount, authorization)

    async def refund(self, key: str, authorization: str, amount: Money) -> GatewayAnswer:
        return await self._handle(GatewayOperation.REFUND, key, amount, authorization)

    async def lookup(self, key: str) -> GatewayAnswer | None:
        async with self.transactions() as session:
            payment = await _received(session, key)
            return None if payment is None else _answer(payment)

    async def script(self, operation: GatewayOperation, *behaviours: Behaviour) -> None:
        async with self.transactions() as session:
            session.add_all(SandboxScript(operation=operation, behaviour=b) for b in behaviours)

    async def charged(self, operation: GatewayOperation) -> int:
        """The minor units this operation moved, whatever the currency (tests use one)."""
        async with self.transactions() as session:
            total = await session.scalar(
                select(func.coalesce(func.sum(SandboxPayment.amount_minor), 0)).where(
                    SandboxPayment.id > self.baseline,
                    SandboxPayment.operation == operation,
                    SandboxPayment.outcome == GatewayOutcome.SUCCEEDED,
                )
            )
            return int(total or 0)

    async def notifications(self) -> list[tuple[str, GatewayAnswer]]:
        async with self.transactions() as session:
            rows = await session.scalars(
                select(SandboxPayment)
                .where(SandboxPayment.id > self.baseline, SandboxPayment.notifies.is_(True))
                .order_by(SandboxPayment.id)
            )
            return [(row.idempotency_key, _answer(row)) for row in rows]

    async def _handle(
        self, operation: GatewayOperation, key: str, amount: Money, authorization: str | None
    ) -> GatewayAnswer:
        if self.before is not None:
            await self.before(operation, key)
        async with self.transactions() as session:
            payment = await _received(session, key)
            if payment is not None:
                return _answer(payment)
            behaviour = await _next_behaviour(session, operation)
            if behaviour is Behaviour.LOSE_REQUEST:
                return NO_ANSWER
            payment = _payment(operation, key, amount, authorization, behaviour)
            try:
                # A copy of this request sent at the same time waits on the unique key
                # (PostgreSQL) or the write lock (SQLite) and then answers what this one did.
                async with session.begin_nested():
                    session.add(payment)
            except IntegrityError:
                payment = await _received(session, key)
                assert payment is not None, key
                return _answer(payment)
            answer = _answer(payment)
        return NO_ANSWER if behaviour is Behaviour.TIME_OUT else answer


def _payment(
    operation: GatewayOperation,
    key: str,
    amount: Money,
    authorization: str | None,
    behaviour: Behaviour | None,
) -> SandboxPayment:
    payment = SandboxPayment(
        idempotency_key=key,
        operation=operation,
        amount_minor=amount.minor_units,
        currency=amount.currency,
        fee_minor=0,
        notifies=behaviour is Behaviour.ANSWER_TWICE,
    )
    if behaviour is Behaviour.DECLINE:
        payment.outcome = GatewayOutcome.DECLINED
        payment.reason = "Declined by the sandbox."
        return payment
    payment.outcome = GatewayOutcome.SUCCEEDED
    if operation is GatewayOperation.AUTHORIZE:
        payment.reference = f"auth-{uuid.uuid4().hex[:16]}"
    else:
        payment.reference = authorization
    if operation is GatewayOperation.CAPTURE:
        payment.fee_minor = (amount.minor_units * SANDBOX_FEE_BASIS_POINTS + 5_000) // 10_000
    return payment


async def _received(session: AsyncSession, key: str) -> SandboxPayment | None:
    payment: SandboxPayment | None = await session.scalar(
        select(SandboxPayment)
        .where(SandboxPayment.idempotency_key == key)
        .execution_options(populate_existing=True)
    )
    return payment


async def _next_behaviour(session: AsyncSession, operation: GatewayOperation) -> Behaviour | None:
    """Take the oldest behaviour scripted for ``operation``, if any (concurrent requests
    on PostgreSQL skip one another's, so each takes its own)."""
    queued = await session.scalar(
        select(SandboxScript)
        .where(SandboxScript.operation == operation)
        .order_by(SandboxScript.id)
        .limit(1)
        .with_for_update(skip_locked=True)
    )
    if queued is None:
        return None
    await session.delete(queued)
    await session.flush()
    return queued.behaviour
