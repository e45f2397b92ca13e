"""Live updates of campaigns: who is told when a campaign's totals, backers or status change.

A write calls ``announce`` in its transaction; ``hub.core.live`` sends the event when the
write commits, to subscribers in every server process. A campaign of a project is also
part of the project's activity (``hub.projects.activity``): the same call records that.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.live import publish
from hub.funding.models import Campaign
from hub.projects.activity import ActivityKind, record_activity

TOPIC = "campaign"


async def announce(
    session: AsyncSession,
    campaign_id: int,
    activity: ActivityKind = ActivityKind.CAMPAIGN_TOTALS_CHANGED,
) -> None:
    """The campaign changed (``activity`` says how): tell subscribers everywhere once this
    transaction commits."""
    publish(session, TOPIC, campaign_id)
    # Loaded already by every write that announces: no statement.
    campaign = await session.get(Campaign, campaign_id)
    if campaign is not None and campaign.project_id is not None:
        record_activity(session, campaign.project_id, activity, campaign=campaign_id)
