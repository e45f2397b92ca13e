"""The ``rateLimit`` root field: a client's budget of cost points, GitHub's shape."""

from __future__ import annotations

from datetime import datetime

import strawberry

from hub.api.context import Info


@strawberry.type(
    description="The caller's rate limit: cost points per minute, shared by all its requests."
)
class RateLimit:
    limit: int = strawberry.field(description="Points the caller may spend in one window.")
    cost: int = strawberry.field(description="Points this query cost (computed before it ran).")
    remaining: int = strawberry.field(
        description="Points left in the current window, after this query."
    )
    reset_at: datetime = strawberry.field(
        description="When the window ends and `remaining` is back to `limit` (UTC)."
    )


@strawberry.type
class RateLimitQueries:
    @strawberry.field(
        description="The caller's rate limit after this query; null when the server sets none. "
        "Every response also reports it in `extensions.cost`."
    )
    def rate_limit(self, info: Info) -> RateLimit | None:
        charge = info.context.charge
        if charge is None:
            return None
        return RateLimit(
            limit=charge.limit,
            cost=charge.cost,
            remaining=charge.remaining,
            reset_at=charge.reset_at,
        )
