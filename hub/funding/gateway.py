"""The payment gateway interface, and where the hub gets its gateway.

A gateway authorises a payment when a pledge is made, captures it when the campaign
succeeds, voids it when the campaign fails or the backer withdraws, and refunds it. Every
request carries an idempotency key: a gateway that sees a key again answers what it
answered the first time and moves no money (as Stripe does). ``lookup`` asks what became
of a request by its key, for reconciliation after a time-out. No real provider is wired
in; one is a class with these five methods. The hub never calls a gateway while it holds
a database transaction (``hub.funding.payments``).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from typing import Protocol, TypeAlias

from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.money import Money
from hub.funding.enums import GatewayOutcome

Transactions: TypeAlias = Callable[[], AbstractAsyncContextManager[AsyncSession]]
"""Opens one short write transaction and commits it on leaving (``payments.transactions``)."""


@dataclass(frozen=True)
class GatewayAnswer:
    """What the gateway said: the outcome, its own reference, its fee and, if refused, why."""

    outcome: GatewayOutcome
    reference: str | None = None
    fee_minor: int = 0
    reason: str | None = None


NO_ANSWER = GatewayAnswer(GatewayOutcome.UNKNOWN, reason="The gateway did not answer in time.")


class Gateway(Protocol):
    async def authorize(self, key: str, amount: Money) -> GatewayAnswer: ...

    async def capture(self, key: str, authorization: str, amount: Money) -> GatewayAnswer: ...

    async def void(self, key: str, authorization: str, amount: Money) -> GatewayAnswer: ...

    async def refund(self, key: str, authorization: str, amount: Money) -> GatewayAnswer: ...

    async def lookup(self, key: str) -> GatewayAnswer | None:
        """What became of the request sent with ``key``; None if it never arrived."""
        ...


def payment_gateway(transactions: Transactions) -> Gateway:
    """The gateway the hub's writes, jobs and commands talk to: the sandbox until a
    provider is wired in. The sandbox keeps its state in the hub's database, in short
    transactions of its own opened by ``transactions`` (never the caller's)."""
    from hub.funding.sandbox import SandboxGateway

    return SandboxGateway(transactions)
