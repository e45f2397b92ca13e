"""What a request was charged against its client's rate limit, as resolvers see it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class Charge:
    """One request's cost and what its client has left until the window resets."""

    cost: int
    limit: int
    remaining: int
    reset_at: datetime

    def as_throttle_status(self) -> dict[str, Any]:
        """The rate-limit state as ``extensions.cost.throttleStatus`` reports it."""
        return {
            "limit": self.limit,
            "remaining": self.remaining,
            "resetAt": self.reset_at.isoformat().replace("+00:00", "Z"),
        }
