"""Root fields for campaigns and the caller's own pledges."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Annotated

import strawberry

from hub.api.context import Info
from hub.api.pagination import Connection, QueryListing, connection, ordering
from hub.api.relations import find_one
from hub.api.scalars import OrderDirection
from hub.core.filters import all_of
from hub.funding.enums import CampaignPurpose, CampaignStatus, PledgeStatus
from hub.funding.models import Campaign as CampaignRow
from hub.funding.models import Pledge as PledgeRow
from hub.funding.types import Campaign, Pledge


@strawberry.enum(description="What campaigns can be sorted by.")
class CampaignOrderField(enum.Enum):
    DEADLINE = strawberry.enum_value("DEADLINE", description="By deadline.")
    TITLE = strawberry.enum_value("TITLE", description="By title.")
    CREATED_AT = strawberry.enum_value("CREATED_AT", description="By when it was created.")


@strawberry.input(description="How to sort campaigns.")
class CampaignOrder:
    field: CampaignOrderField = strawberry.field(description="What to sort by.")
    direction: OrderDirection = strawberry.field(
        default=OrderDirection.ASC, description="Which way."
    )


@strawberry.input(description="Narrows the list of campaigns; every given condition must hold.")
class CampaignFilter:
    statuses: list[CampaignStatus] | None = strawberry.field(
        default=None, description="In one of these statuses."
    )
    purposes: list[CampaignPurpose] | None = strawberry.field(
        default=None, description="For one of these purposes."
    )
    currencies: list[str] | None = strawberry.field(
        default=None, description="Raising in one of these currencies (ISO 4217)."
    )
    ending_before: datetime | None = strawberry.field(
        default=None, description="With a deadline before this instant (ending soon)."
    )


@strawberry.input(description="Narrows the caller's pledges.")
class PledgeFilter:
    statuses: list[PledgeStatus] | None = strawberry.field(
        default=None, description="In one of these statuses."
    )


@strawberry.type
class FundingQueries:
    @connection(Connection[Campaign], "Crowdfunding campaigns, by deadline unless sorted.")
    def campaigns(
        self,
        info: Info,
        filter: Annotated[
            CampaignFilter | None, strawberry.argument(description="Which campaigns.")
        ] = None,
        order_by: Annotated[
            CampaignOrder | None, strawberry.argument(description="Their order.")
        ] = None,
    ) -> QueryListing:
        where = filter or CampaignFilter()
        conditions = all_of(
            CampaignRow.status.in_(where.statuses) if where.statuses else None,
            CampaignRow.purpose.in_(where.purposes) if where.purposes else None,
            CampaignRow.currency.in_([code.upper() for code in where.currencies])
            if where.currencies
            else None,
            CampaignRow.deadline_at < where.ending_before if where.ending_before else None,
        )
        return QueryListing(Campaign, conditions, ordering(order_by))

    @strawberry.field(description="A campaign by slug.")
    async def campaign(
        self, info: Info, slug: Annotated[str, strawberry.argument(description="Its slug.")]
    ) -> Campaign | None:
        return await find_one(info, Campaign, CampaignRow.slug == slug)

    @connection(
        Connection[Pledge],
        "The caller's own pledges, oldest first (empty for anyone but a logged-in person).",
    )
    def my_pledges(
        self,
        info: Info,
        filter: Annotated[
            PledgeFilter | None, strawberry.argument(description="Which pledges.")
        ] = None,
    ) -> QueryListing:
        user = info.context.principal.user_id
        statuses = filter.statuses if filter is not None else None
        conditions = all_of(
            PledgeRow.backer_user_id == user if user is not None else PledgeRow.id < 0,
            PledgeRow.status.in_(statuses) if statuses else None,
        )
        return QueryListing(Pledge, conditions)
