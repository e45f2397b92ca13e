"""A project's activity over GraphQL subscriptions (``hub.projects.activity``)."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from datetime import datetime
from typing import Annotated

import strawberry
from strawberry import relay

from hub.api.context import Info
from hub.api.enums import graphql_enum
from hub.api.errors import HubError, RequestErrorCode
from hub.api.global_ids import argument_key
from hub.api.live import between_events
from hub.api.relations import load_node
from hub.core.columns import utcnow
from hub.core.live import BROADCAST, LiveEvent
from hub.creators.types import Creator
from hub.funding.types import Campaign
from hub.i18n.catalogs import render
from hub.i18n.messages import _
from hub.organisations.types import Organisation
from hub.projects.activity import GONE, TOPIC, ActivityKind
from hub.projects.types import OpenRole, Participant, Project, ProjectMember

graphql_enum(
    ActivityKind,
    name="ProjectActivityKind",
    description="What happened to a project.",
    values={
        ActivityKind.STARTED: "Sent once, first: the subscription is live, and every "
        "later event reaches it.",
        ActivityKind.PROJECT_STATUS_CHANGED: "The project's status changed (closing it "
        "closes its open roles).",
        ActivityKind.PARTICIPANT_JOINED: "A creator or an organisation joined (`participant`, "
        "`member`).",
        ActivityKind.PARTICIPANT_LEFT: "A participant left or was removed (`member`; "
        "`participant` is null, as it is gone).",
        ActivityKind.ROLE_OPENED: "A role was opened (`role`).",
        ActivityKind.ROLE_FILLED: "A place in a role was taken (`role`); the last place closes it.",
        ActivityKind.ROLE_CLOSED: "A role was closed (`role`).",
        ActivityKind.CAMPAIGN_CREATED: "A campaign for the project was created, as a DRAFT "
        "(`campaign`; sent only to its owners and its fiscal host's admins).",
        ActivityKind.CAMPAIGN_LAUNCHED: "A campaign went LIVE (`campaign`).",
        ActivityKind.CAMPAIGN_STATUS_CHANGED: "A campaign's status changed otherwise: "
        "suspended, resumed, settled, cancelled, paid out (`campaign`).",
        ActivityKind.CAMPAIGN_TOTALS_CHANGED: "A pledge to a campaign landed, was withdrawn, "
        "captured, voided or refunded: its totals changed (`campaign`).",
    },
)


@strawberry.type(description="Something that happened to a project, as `projectActivity` sends it.")
class ProjectActivityEvent:
    kind: ActivityKind = strawberry.field(description="What happened.")
    occurred_at: datetime = strawberry.field(description="When it happened (UTC).")
    project: Project = strawberry.field(description="The project, as it is now.")
    participant: Participant | None = strawberry.field(
        default=None, description="The participant who joined (participant events)."
    )
    member: ProjectMember | None = strawberry.field(
        default=None, description="Who joined or left: a creator or an organisation."
    )
    role: OpenRole | None = strawberry.field(
        default=None, description="The role opened, filled or closed (role events)."
    )
    campaign: Campaign | None = strawberry.field(
        default=None, description="The campaign, as it is now (campaign events)."
    )


@strawberry.type
class ProjectSubscriptions:
    @strawberry.subscription(
        description="A project's activity as it happens, from whichever server made it: "
        "participants joining and leaving, roles opened, filled and closed, its campaigns "
        "created, launched, changing status and receiving pledges. Starts with a STARTED "
        "event; ends when the project is deleted. A DRAFT campaign's events reach only those "
        "who may read it (its owners and its fiscal host's admins)."
    )
    async def project_activity(
        self,
        info: Info,
        id: Annotated[relay.GlobalID, strawberry.argument(description="The project.")],
    ) -> AsyncGenerator[ProjectActivityEvent, None]:
        key = argument_key(id, "Project", "id")
        async with BROADCAST.subscribe(TOPIC, key) as subscriber:
            project = await load_node(info, Project, key)
            if project is None:
                message = render(_("No project has this id."), info.context.locale)
                raise HubError(message, RequestErrorCode.NOT_FOUND)
            yield ProjectActivityEvent(
                kind=ActivityKind.STARTED, occurred_at=utcnow(), project=project
            )
            while True:
                await between_events(info)
                live_event = await subscriber.next()
                if subscriber.fell_behind:
                    message = render(
                        _(
                            "This subscription fell more than {count} events behind and "
                            "missed some; subscribe again.",
                            count=subscriber.queue.maxsize,
                        ),
                        info.context.locale,
                    )
                    raise HubError(message, RequestErrorCode.SUBSCRIPTION_FELL_BEHIND)
                if live_event.data.get("kind") == GONE:
                    return
                activity = await _activity(info, key, live_event)
                if activity is not None:
                    yield activity


async def _activity(
    info: Info, project_id: int, live_event: LiveEvent
) -> ProjectActivityEvent | None:
    """The event as the caller may see it, read afresh; ``None`` when it is hidden from
    them, or its project is gone."""
    project = await load_node(info, Project, project_id)
    if project is None:
        return None
    data = live_event.data
    campaign = await load_node(info, Campaign, data.get("campaign"))
    if campaign is not None and not await campaign.sees(info):
        return None
    member: Creator | Organisation | None = None
    if data.get("creator") is not None:
        member = await load_node(info, Creator, data["creator"])
    elif data.get("organisation") is not None:
        member = await load_node(info, Organisation, data["organisation"])
    return ProjectActivityEvent(
        kind=ActivityKind(data["kind"]),
        occurred_at=live_event.at,
        project=project,
        participant=await load_node(info, Participant, data.get("participant")),
        member=member,
        role=await load_node(info, OpenRole, data.get("role")),
        campaign=campaign,
    )
