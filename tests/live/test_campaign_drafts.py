"""campaignUpdated streams a DRAFT campaign only to those who may edit it: for anyone else
it completes at once without data, as for a campaign that does not exist."""

from __future__ import annotations

from datetime import timedelta

from hub.accounts.enums import OrganisationRole
from hub.core.columns import utcnow
from hub.funding import campaigns
from hub.funding.campaigns import CampaignTarget
from hub.funding.enums import CampaignPurpose
from tests.factories import Factory, global_id
from tests.funding import world
from tests.live.conftest import Serve
from tests.live.socket import LiveSocket

UPDATED = "subscription ($id: ID!) { campaignUpdated(id: $id) { slug status } }"


async def _draft(factory: Factory) -> tuple[int, str, dict[str, str], dict[str, str]]:
    """A draft campaign with a tier; (campaign, slug, lead's and host admin's credentials)."""
    lead = await factory.user()
    project = await factory.project(lead_creator=await factory.creator(owner=lead))
    host = await factory.organisation()
    host_admin = await factory.user()
    await factory.member(host, host_admin, OrganisationRole.ADMIN)
    key = await world.draft_campaign(factory, project, host, with_tier=True)
    slug = f"draft-{project}"
    return key, slug, await factory.headers_for(lead), await factory.headers_for(host_admin)


async def _first(socket: LiveSocket, campaign: int, credentials: dict[str, str]) -> dict:
    ack = await socket.init(credentials)
    assert ack["type"] == "connection_ack", ack
    await socket.subscribe("1", UPDATED, {"id": global_id("Campaign", campaign)})
    return await socket.receive()


async def test_a_stranger_and_an_anonymous_caller_get_no_draft(serve: Serve, live_factory: Factory):
    campaign, _slug, _lead, _host = await _draft(live_factory)
    stranger = await live_factory.headers_for(await live_factory.user())
    async with serve() as app:
        for credentials in ({}, stranger):
            async with LiveSocket(app) as socket:
                assert await _first(socket, campaign, credentials) == {
                    "id": "1",
                    "type": "complete",
                }


async def test_the_lead_and_the_fiscal_hosts_admin_see_the_draft(
    serve: Serve, live_factory: Factory
):
    campaign, slug, lead, host_admin = await _draft(live_factory)
    async with serve() as app:
        for credentials in (lead, host_admin):
            async with LiveSocket(app) as socket:
                first = await _first(socket, campaign, credentials)
                assert first["type"] == "next", first
                assert first["payload"]["data"]["campaignUpdated"] == {
                    "slug": slug,
                    "status": "DRAFT",
                }


async def test_once_live_the_campaign_streams_to_anyone(serve: Serve, live_factory: Factory):
    campaign, slug, _lead, _host = await _draft(live_factory)
    await world.launch(live_factory, campaign)
    async with serve() as app, LiveSocket(app) as socket:
        first = await _first(socket, campaign, {})
    assert first["payload"]["data"]["campaignUpdated"] == {"slug": slug, "status": "LIVE"}


ACTIVITY = "subscription ($id: ID!) { projectActivity(id: $id) { kind campaign { status } } }"


async def _activity(socket: LiveSocket) -> dict:
    message = await socket.receive()
    assert message["type"] == "next", message
    event: dict = message["payload"]["data"]["projectActivity"]
    return event


async def test_project_activity_tells_the_fiscal_hosts_admin_of_a_draft_not_a_stranger(
    serve: Serve, live_factory: Factory
):
    lead = await live_factory.user()
    project = await live_factory.project(lead_creator=await live_factory.creator(owner=lead))
    host = await live_factory.organisation()
    host_admin = await live_factory.user()
    await live_factory.member(host, host_admin, OrganisationRole.ADMIN)
    stranger = await live_factory.user()
    async with serve() as app, LiveSocket(app) as admin_socket, LiveSocket(app) as other:
        for socket, user in ((admin_socket, host_admin), (other, stranger)):
            await socket.init(await live_factory.headers_for(user))
            await socket.subscribe("1", ACTIVITY, {"id": global_id("Project", project)})
            assert (await _activity(socket))["kind"] == "STARTED"
        fields = campaigns.CampaignFields(
            slug=f"heard-{project}",
            title="Draft",
            goal=world.money("1000"),
            deadline_at=utcnow() + timedelta(days=30),
        )
        target = CampaignTarget(CampaignPurpose.PROJECT, project_id=project)
        await live_factory._write(
            lambda s: campaigns.create_campaign(s, target, host, None, fields)
        )
        await live_factory.participant(project, organisation=await live_factory.organisation())
        heard_by_admin = [await _activity(admin_socket) for _ in range(2)]
        heard_by_stranger = await _activity(other)
    assert heard_by_admin == [
        {"kind": "CAMPAIGN_CREATED", "campaign": {"status": "DRAFT"}},
        {"kind": "PARTICIPANT_JOINED", "campaign": None},
    ]
    assert heard_by_stranger == {"kind": "PARTICIPANT_JOINED", "campaign": None}
