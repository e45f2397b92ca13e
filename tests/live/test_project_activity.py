"""projectActivity: a project's activity as it happens, in process (SQLite hands events
over after commit, PostgreSQL through LISTEN/NOTIFY), only what the caller may see."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from hub.core import live
from hub.core.db import begin_write, create_session_factory
from hub.creators.enums import SkillLevel
from hub.projects import service as projects
from tests.factories import Factory, global_id
from tests.funding import world
from tests.helpers import ADMIN, data_of
from tests.live.conftest import Serve, http_client
from tests.live.socket import LiveSocket

ACTIVITY = """
subscription ($id: ID!) {
  projectActivity(id: $id) {
    kind
    occurredAt
    project { slug }
    participant { role }
    member { __typename ... on Creator { handle } ... on Organisation { slug } }
    role { title isOpen }
    campaign { slug status }
  }
}
"""


async def _subscribe(socket: LiveSocket, project: int, credentials: dict[str, str]) -> dict:
    ack = await socket.init(credentials)
    assert ack["type"] == "connection_ack", ack
    await socket.subscribe("1", ACTIVITY, {"id": global_id("Project", project)})
    started = await _next(socket)
    assert started["kind"] == "STARTED"
    return started


async def _next(socket: LiveSocket) -> dict[str, Any]:
    message = await socket.receive()
    assert message["type"] == "next", message
    assert "errors" not in message["payload"], message
    event: dict[str, Any] = message["payload"]["data"]["projectActivity"]
    return event


async def _lead(factory: Factory) -> tuple[int, dict[str, str]]:
    """A project led by a creator profile, and its owner's credentials."""
    user = await factory.user()
    creator = await factory.creator(owner=user)
    project = await factory.project(lead_creator=creator)
    return project, await factory.headers_for(user)


async def test_participants_joining_and_leaving_reach_the_subscriber_in_order(
    serve: Serve, live_factory: Factory
):
    project, _ = await _lead(live_factory)
    organisation = await live_factory.organisation(slug=f"joining-studio-{project}")
    async with serve() as app, http_client(app) as client, LiveSocket(app) as socket:
        started = await _subscribe(socket, project, ADMIN)
        joined = await data_of(
            client,
            "mutation ($input: AddParticipantInput!) { addParticipant(input: $input) "
            "{ participant { id } userErrors { code } } }",
            {
                "input": {
                    "projectId": global_id("Project", project),
                    "organisationId": global_id("Organisation", organisation),
                    "role": "Co-producer",
                }
            },
            admin=True,
        )
        participant = joined["addParticipant"]["participant"]["id"]
        event = await _next(socket)
        await data_of(
            client,
            "mutation ($id: ID!) { removeParticipant(input: {id: $id}) { userErrors { code } } }",
            {"id": participant},
            admin=True,
        )
        left = await _next(socket)
    assert started["project"]["slug"].startswith("test-project-")
    assert event["kind"] == "PARTICIPANT_JOINED"
    assert event["participant"] == {"role": "Co-producer"}
    assert event["member"] == {"__typename": "Organisation", "slug": f"joining-studio-{project}"}
    assert datetime.fromisoformat(event["occurredAt"]) <= datetime.now(UTC)
    assert left["kind"] == "PARTICIPANT_LEFT"
    assert left["participant"] is None, "the participant is gone"
    assert left["member"] == event["member"]


async def test_roles_opened_filled_and_closed_reach_the_subscriber(
    serve: Serve, live_factory: Factory
):
    project, lead = await _lead(live_factory)
    async with serve() as app, http_client(app) as client, LiveSocket(app) as socket:
        await _subscribe(socket, project, lead)
        opened = await data_of(
            client,
            "mutation ($input: OpenRoleInput!) { openRole(input: $input) "
            "{ openRole { id } userErrors { code } } }",
            {
                "input": {
                    "projectId": global_id("Project", project),
                    "title": "Storyboard artist",
                    "discipline": "animation",
                    "seniority": "INTERMEDIATE",
                    "headcount": 2,
                }
            },
            headers=lead,
        )
        role = opened["openRole"]["openRole"]["id"]
        kinds = [await _next(socket)]
        await data_of(
            client,
            "mutation ($id: ID!) { updateOpenRole(input: {id: $id, filledCount: 1}) "
            "{ userErrors { code } } }",
            {"id": role},
            headers=lead,
        )
        kinds.append(await _next(socket))
        await data_of(
            client,
            "mutation ($id: ID!) { closeOpenRole(input: {id: $id}) { userErrors { code } } }",
            {"id": role},
            headers=lead,
        )
        kinds.append(await _next(socket))
    assert [(e["kind"], e["role"]) for e in kinds] == [
        ("ROLE_OPENED", {"title": "Storyboard artist", "isOpen": True}),
        ("ROLE_FILLED", {"title": "Storyboard artist", "isOpen": True}),
        ("ROLE_CLOSED", {"title": "Storyboard artist", "isOpen": False}),
    ]


async def test_a_rolled_back_write_announces_nothing(
    serve: Serve, live_factory: Factory, live_engine: AsyncEngine
):
    project, _ = await _lead(live_factory)
    organisation = await live_factory.organisation()
    async with serve() as app, LiveSocket(app) as socket:
        await _subscribe(socket, project, ADMIN)
        async with create_session_factory(live_engine)() as session:
            await session.begin()
            await begin_write(session)
            await projects.open_role(
                session,
                project,
                projects.RoleFields(
                    title="Never opened", discipline="animation", seniority=SkillLevel.INTERMEDIATE
                ),
            )
            await session.rollback()
        await live_factory.participant(project, organisation=organisation, role="Sound")
        event = await _next(socket)
    assert event["kind"] == "PARTICIPANT_JOINED", "the role that rolled back was never heard of"


async def test_a_draft_campaign_is_heard_of_by_its_owners_only_until_it_goes_live(
    serve: Serve, live_factory: Factory
):
    project, lead = await _lead(live_factory)
    host = await live_factory.organisation()
    sound = await live_factory.organisation()
    slug = f"draft-{project}"
    async with (
        serve() as app,
        http_client(app) as client,
        LiveSocket(app) as owner,
        LiveSocket(app) as public,
    ):
        await _subscribe(owner, project, lead)
        await _subscribe(public, project, {})
        campaign = await world.draft_campaign(live_factory, project, host, with_tier=True)
        created = await _next(owner)
        # Events are sent in order: the public hears this one next, having skipped the draft.
        await live_factory.participant(project, organisation=sound, role="Sound")
        assert (await _next(public))["kind"] == "PARTICIPANT_JOINED"
        assert (await _next(owner))["kind"] == "PARTICIPANT_JOINED"
        await data_of(
            client,
            "mutation ($id: ID!) { launchCampaign(input: {id: $id}) { userErrors { code } } }",
            {"id": global_id("Campaign", campaign)},
            headers=lead,
        )
        await world.pledge(live_factory, campaign, "500")
        seen_by_owner = [await _next(owner) for _ in range(2)]
        seen_by_public = [await _next(public) for _ in range(2)]
    assert (created["kind"], created["campaign"]) == (
        "CAMPAIGN_CREATED",
        {"slug": slug, "status": "DRAFT"},
    )
    for seen in (seen_by_owner, seen_by_public):
        assert [(e["kind"], e["campaign"]) for e in seen] == [
            ("CAMPAIGN_LAUNCHED", {"slug": slug, "status": "LIVE"}),
            ("CAMPAIGN_TOTALS_CHANGED", {"slug": slug, "status": "LIVE"}),
        ]


async def test_an_unknown_project_is_an_error_and_a_deleted_one_ends_the_stream(
    serve: Serve, live_factory: Factory
):
    project, lead = await _lead(live_factory)
    async with serve() as app, http_client(app) as client, LiveSocket(app) as socket:
        await _subscribe(socket, project, lead)
        await socket.subscribe("2", ACTIVITY, {"id": global_id("Project", 10**9)})
        unknown = await socket.receive()
        assert await socket.receive() == {"id": "2", "type": "complete"}
        await data_of(
            client,
            "mutation ($id: ID!) { deleteProject(input: {id: $id}) { userErrors { code } } }",
            {"id": global_id("Project", project)},
            headers=lead,
        )
        ended = await socket.receive()
    assert unknown["id"] == "2"
    assert [e["extensions"]["code"] for e in unknown["payload"]["errors"]] == ["NOT_FOUND"]
    assert ended == {"id": "1", "type": "complete"}


async def test_a_client_leaving_while_its_subscriptions_read_closes_cleanly(
    serve: Serve, live_factory: Factory
):
    project, lead = await _lead(live_factory)
    async with serve() as app:
        for attempt in range(5):
            async with LiveSocket(app) as socket:
                await _subscribe(socket, project, lead)
                await socket.subscribe("2", ACTIVITY, {"id": global_id("Project", project)})
                await live_factory.role(project, title=f"Role {attempt}")
            # Leaving at once, mid-read: the connection's session still closes (no error
            # from the app's task, which the socket awaits).


async def test_waiting_subscriptions_hold_no_database_connection(
    serve: Serve, live_factory: Factory, live_engine: AsyncEngine
):
    project, lead = await _lead(live_factory)
    campaign = "subscription ($id: ID!) { campaignUpdated(id: $id) { slug } }"
    campaign_id, _tier = await world.campaign(live_factory)
    async with serve() as app:
        before = live_engine.pool.checkedout()  # type: ignore[attr-defined]
        async with LiveSocket(app) as socket:
            await _subscribe(socket, project, lead)
            await socket.subscribe("2", campaign, {"id": global_id("Campaign", campaign_id)})
            assert (await socket.receive())["type"] == "next"
            waiting = await _settled(lambda: live_engine.pool.checkedout())  # type: ignore[attr-defined]
            await live_factory.role(project)
            assert (await _next(socket))["kind"] == "ROLE_OPENED"
            after_an_event = await _settled(lambda: live_engine.pool.checkedout())  # type: ignore[attr-defined]
    assert waiting == before
    assert after_an_event == before


async def _settled(count: Any) -> int:
    """The count once it stops falling (a subscription lets go just after it sends)."""
    for _ in range(50):
        value: int = count()
        await asyncio.sleep(0.05)
        if count() == value:
            return value
    return int(count())


async def test_a_subscriber_too_far_behind_is_told_so_rather_than_missing_events_silently(
    serve: Serve, live_factory: Factory, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(live, "QUEUE_SIZE", 2)
    project, lead = await _lead(live_factory)

    async def open_five_roles(session: Any) -> None:
        for number in range(5):
            fields = projects.RoleFields(
                title=f"Role {number}", discipline="animation", seniority=SkillLevel.INTERMEDIATE
            )
            await projects.open_role(session, project, fields)

    async with serve() as app, LiveSocket(app) as socket:
        await _subscribe(socket, project, lead)
        # One transaction: its five events arrive together, before the subscriber reads.
        await live_factory._write(open_five_roles)
        message = await socket.receive()
        ended = await socket.receive()
    assert message["type"] == "next"
    assert [error["extensions"]["code"] for error in message["payload"]["errors"]] == [
        "SUBSCRIPTION_FELL_BEHIND"
    ]
    assert "2 events" in message["payload"]["errors"][0]["message"]
    assert ended == {"id": "1", "type": "complete"}


async def test_an_accepted_invitation_fills_its_role_and_the_creator_joins(
    serve: Serve, live_factory: Factory
):
    project, lead = await _lead(live_factory)
    role = await live_factory.role(project, title="Colourist")
    invitee = await live_factory.user()
    creator = await live_factory.creator(owner=invitee, handle=f"colourist-{project}")
    async with serve() as app, http_client(app) as client, LiveSocket(app) as socket:
        await _subscribe(socket, project, lead)
        sent = await data_of(
            client,
            "mutation ($input: InviteToProjectInput!) { inviteToProject(input: $input) "
            "{ invitation { id } userErrors { code } } }",
            {
                "input": {
                    "projectId": global_id("Project", project),
                    "creatorId": global_id("Creator", creator),
                    "openRoleId": global_id("OpenRole", role),
                }
            },
            headers=lead,
        )
        await data_of(
            client,
            "mutation ($input: InvitationAnswerInput!) { acceptProjectInvitation(input: $input) "
            "{ userErrors { code } } }",
            {"input": {"id": sent["inviteToProject"]["invitation"]["id"]}},
            headers=await live_factory.headers_for(invitee),
        )
        heard = [await _next(socket) for _ in range(2)]
        await data_of(
            client,
            "mutation ($id: ID!) { updateProject(input: {id: $id, status: IN_PROGRESS}) "
            "{ userErrors { code } } }",
            {"id": global_id("Project", project)},
            headers=lead,
        )
        moved = await _next(socket)
    assert [(e["kind"], e["role"], e["member"]) for e in heard] == [
        ("ROLE_FILLED", {"title": "Colourist", "isOpen": False}, None),
        (
            "PARTICIPANT_JOINED",
            None,
            {"__typename": "Creator", "handle": f"colourist-{project}"},
        ),
    ]
    assert moved["kind"] == "PROJECT_STATUS_CHANGED"
