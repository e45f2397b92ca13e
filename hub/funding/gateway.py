"""The payment gateway interface, and a sandbox gateway for development and tests.

A gateway authorises a payment when a pledge is made, captures it when the campaign
succeeds, voids it when the campaign fails or the backer withdraws, and refunds it. Every
request carries an idempotency key: a gateway that sees a key again answers what it
answered the first time and moves no money (as Stripe does). ``lookup`` asks what became
of a request by its key, for reconciliation after a time-out. No real provider is wired
in; one is a class with these five methods.
"""

from __future__ import annotations

import enum
import itertools
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Protocol

from hub.core.money import Money
from hub.funding.enums import GatewayOperation, GatewayOutcome

SANDBOX_FEE_BASIS_POINTS = 250
"""What the sandbox processor charges on a capture: 2.5 %."""


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


class Behaviour(enum.Enum):
    """What the sandbox does with the next request of an operation (tests script these)."""

    DECLINE = "DECLINE"
    TIME_OUT = "TIME_OUT"
    """Does the work, but the answer is lost: the caller sees UNKNOWN."""
    LOSE_REQUEST = "LOSE_REQUEST"
    """The request never arrives: the caller sees UNKNOWN and ``lookup`` finds nothing."""
    ANSWER_TWICE = "ANSWER_TWICE"
    """Answers, and delivers the same answer again as a notification."""


@dataclass
class SandboxGateway:
    """An in-memory gateway with the semantics of a real one, and test hooks.

    ``script`` queues behaviours per operation; ``charges`` counts the money actually moved
    per operation, so a test can prove a key was never charged twice; ``notifications`` are
    answers delivered a second time, for the hub to apply (once).
    """

    answers: dict[str, GatewayAnswer] = field(default_factory=dict)
    charges: dict[GatewayOperation, int] = field(default_factory=lambda: defaultdict(int))
    notifications: list[tuple[str, GatewayAnswer]] = field(default_factory=list)
    _scripts: dict[GatewayOperation, deque[Behaviour]] = field(
        default_factory=lambda: defaultdict(deque)
    )
    _numbers: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    before: Callable[[GatewayOperation, str], Awaitable[None]] | None = None
    """A test hook run as each request arrives (the operation and its key)."""

    def script(self, operation: GatewayOperation, *behaviours: Behaviour) -> None:
        self._scripts[operation].extend(behaviours)

    def reset(self) -> None:
        self.answers.clear()
        self.charges.clear()
        self.notifications.clear()
        self._scripts.clear()
        self.before = None

    async def authorize(self, key: str, amount: Money) -> GatewayAnswer:
        await self._arrive(GatewayOperation.AUTHORIZE, key)
        return self._handle(GatewayOperation.AUTHORIZE, key, amount, "auth")

    async def capture(self, key: str, authorization: str, amount: Money) -> GatewayAnswer:
        await self._arrive(GatewayOperation.CAPTURE, key)
        return self._handle(GatewayOperation.CAPTURE, key, amount, authorization)

    async def void(self, key: str, authorization: str, amount: Money) -> GatewayAnswer:
        await self._arrive(GatewayOperation.VOID, key)
        return self._handle(GatewayOperation.VOID, key, amount, authorization)

    async def refund(self, key: str, authorization: str, amount: Money) -> GatewayAnswer:
        await self._arrive(GatewayOperation.REFUND, key)
        return self._handle(GatewayOperation.REFUND, key, amount, authorization)

    async def _arrive(self, operation: GatewayOperation, key: str) -> None:
        if self.before is not None:
            await self.before(operation, key)

    async def lookup(self, key: str) -> GatewayAnswer | None:
        return self.answers.get(key)

    def _handle(
        self, operation: GatewayOperation, key: str, amount: Money, prefix: str
    ) -> GatewayAnswer:
        if key in self.answers:
            return self.answers[key]
        script = self._scripts[operation]
        behaviour = script.popleft() if script else None
        if behaviour is Behaviour.LOSE_REQUEST:
            return NO_ANSWER
        if behaviour is Behaviour.DECLINE:
            answer = GatewayAnswer(GatewayOutcome.DECLINED, reason="Declined by the sandbox.")
        else:
            fee = 0
            if operation is GatewayOperation.CAPTURE:
                fee = (amount.minor_units * SANDBOX_FEE_BASIS_POINTS + 5_000) // 10_000
            reference = f"{prefix}-{next(self._numbers)}" if prefix == "auth" else prefix
            answer = GatewayAnswer(GatewayOutcome.SUCCEEDED, reference, fee)
            self.charges[operation] += amount.minor_units
        self.answers[key] = answer
        if behaviour is Behaviour.TIME_OUT:
            return NO_ANSWER
        if behaviour is Behaviour.ANSWER_TWICE:
            self.notifications.append((key, answer))
        return answer


SANDBOX = SandboxGateway()
"""The process's sandbox gateway (the only gateway until a provider is wired in)."""


def payment_gateway() -> Gateway:
    """The gateway the hub's writes and jobs talk to."""
    return SANDBOX
