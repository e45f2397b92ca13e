"""Cost points per client per minute, charged before a request runs."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from hub.api.limits.charge import Charge
from hub.server.limits.buckets import BucketStore

WINDOW_SECONDS = 60.0


@dataclass(frozen=True)
class Outcome:
    """Whether the points were spent, the client's state, and when it may try again."""

    allowed: bool
    charge: Charge
    retry_after: int


class RateLimiter:
    def __init__(self, buckets: BucketStore, limit: int) -> None:
        self.buckets = buckets
        self.limit = limit

    async def charge(self, client: str, cost: int) -> Outcome:
        """Spend ``cost`` of ``client``'s points if they fit; a refusal spends nothing."""
        return await self._spend(client, cost, cost)

    async def peek(self, client: str, cost: int) -> Outcome:
        """The client's state without spending, for requests refused before they run."""
        return await self._spend(client, cost, 0)

    async def _spend(self, client: str, cost: int, spent: int) -> Outcome:
        spend = await self.buckets.spend(client, spent, self.limit, WINDOW_SECONDS)
        reset_at = datetime.fromtimestamp(math.ceil(time.time() + spend.reset_in), UTC)
        charge = Charge(
            cost=cost,
            limit=self.limit,
            remaining=max(0, self.limit - spend.used),
            reset_at=reset_at,
        )
        return Outcome(spend.allowed, charge, max(1, math.ceil(spend.reset_in)))
