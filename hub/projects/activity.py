"""A project's activity as it happens: what ``projectActivity`` subscribers hear.

Each write that changes what a project's followers care about records one event with
``record_activity`` inside its transaction; it reaches subscribers only if the write
commits (``hub.core.live``). The event names the rows it is about by key; the
subscription reads them fresh when it sends the event.
"""

from __future__ import annotations

import enum

from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.live import publish

TOPIC = "project"
GONE = "GONE"
"""The project was deleted: its subscriptions end."""


class ActivityKind(enum.Enum):
    STARTED = "STARTED"
    PROJECT_STATUS_CHANGED = "PROJECT_STATUS_CHANGED"
    PARTICIPANT_JOINED = "PARTICIPANT_JOINED"
    PARTICIPANT_LEFT = "PARTICIPANT_LEFT"
    ROLE_OPENED = "ROLE_OPENED"
    ROLE_FILLED = "ROLE_FILLED"
    ROLE_CLOSED = "ROLE_CLOSED"
    CAMPAIGN_CREATED = "CAMPAIGN_CREATED"
    CAMPAIGN_LAUNCHED = "CAMPAIGN_LAUNCHED"
    CAMPAIGN_STATUS_CHANGED = "CAMPAIGN_STATUS_CHANGED"
    CAMPAIGN_TOTALS_CHANGED = "CAMPAIGN_TOTALS_CHANGED"


def record_activity(
    session: AsyncSession,
    project_id: int,
    kind: ActivityKind,
    *,
    participant: int | None = None,
    creator: int | None = None,
    organisation: int | None = None,
    role: int | None = None,
    campaign: int | None = None,
) -> None:
    """``kind`` happened to the project; the keys name the rows it happened to."""
    publish(
        session,
        TOPIC,
        project_id,
        kind=kind.value,
        participant=participant,
        creator=creator,
        organisation=organisation,
        role=role,
        campaign=campaign,
    )


def record_project_gone(session: AsyncSession, project_id: int) -> None:
    """The project was deleted: its subscribers' streams end."""
    publish(session, TOPIC, project_id, kind=GONE)
