"""Live updates of campaigns over GraphQL subscriptions (``hub.funding.live``)."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from typing import Annotated

import strawberry
from strawberry import relay

from hub.api.context import Info
from hub.api.global_ids import argument_key
from hub.api.live import between_events
from hub.api.relations import load_node
from hub.core.live import BROADCAST
from hub.funding.live import TOPIC
from hub.funding.types import Campaign


@strawberry.type
class FundingSubscriptions:
    @strawberry.subscription(
        description="A campaign as it changes: its totals, backers and status, after each "
        "pledge, withdrawal, refund, settlement or change of status, from whichever server "
        "made it. The campaign is sent once at the start. A DRAFT campaign only to those "
        "who may read it: its owners and its fiscal host's admins (for anyone else it completes "
        "at once, as for no such id)."
    )
    async def campaign_updated(
        self,
        info: Info,
        id: Annotated[relay.GlobalID, strawberry.argument(description="The campaign.")],
    ) -> AsyncGenerator[Campaign, None]:
        key = argument_key(id, "Campaign", "id")
        async with BROADCAST.subscribe(TOPIC, key) as subscriber:
            while True:
                campaign = await load_node(info, Campaign, key)
                if campaign is None or not await campaign.sees(info):
                    return
                yield campaign
                await between_events(info)
                await subscriber.any_news()
