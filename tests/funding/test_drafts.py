"""A DRAFT campaign is read only by those who may edit it: its project's leads, the
admins of its fiscal host, staff. Anyone else finds no such campaign, through every read
path; once it goes live it is public."""

from __future__ import annotations

import pytest

from hub.accounts.enums import OrganisationRole
from hub.api.principal import Scope
from hub.funding import campaigns
from hub.funding.enums import TierKind
from hub.funding.models import Campaign
from tests.factories import Factory, global_id
from tests.funding import world
from tests.helpers import ADMIN, data_of

LIST = "query { campaigns(first: 50) { totalCount nodes { slug } } }"
BY_SLUG = "query ($slug: String!) { campaign(slug: $slug) { slug status } }"
BY_ID = "query ($id: ID!) { node(id: $id) { ... on Campaign { slug status } } }"
BY_IDS = "query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Campaign { slug } } }"


async def _draft(factory: Factory) -> dict:
    """A draft campaign of a project led by a creator profile, with who is who."""
    lead = await factory.user()
    project = await factory.project(lead_creator=await factory.creator(owner=lead))
    host = await factory.organisation()
    host_admin = await factory.user()
    await factory.member(host, host_admin, OrganisationRole.ADMIN)
    host_member = await factory.user()
    await factory.member(host, host_member, OrganisationRole.MEMBER)
    key = await world.draft_campaign(factory, project, host)
    slug = f"draft-{project}"
    return {
        "key": key,
        "slug": slug,
        "id": global_id("Campaign", key),
        "lead": await factory.headers_for(lead),
        "host_admin": await factory.headers_for(host_admin),
        "host_member": await factory.headers_for(host_member),
        "stranger": await factory.headers_for(await factory.user()),
    }


async def _reads(client, draft: dict, headers: dict[str, str]) -> tuple[bool, ...]:
    """Whether the draft is seen through campaigns, campaign(slug), node(id) and nodes(ids)."""
    listed = await data_of(client, LIST, headers=headers)
    found = await data_of(client, BY_SLUG, {"slug": draft["slug"]}, headers=headers)
    node = await data_of(client, BY_ID, {"id": draft["id"]}, headers=headers)
    nodes = await data_of(client, BY_IDS, {"ids": [draft["id"]]}, headers=headers)
    return (
        draft["slug"] in [c["slug"] for c in listed["campaigns"]["nodes"]],
        found["campaign"] is not None,
        node["node"] is not None,
        nodes["nodes"] != [None],
    )


@pytest.mark.parametrize("who", ["anonymous", "stranger", "host_member"])
async def test_a_draft_is_found_by_no_one_who_may_not_edit_it(client, factory, who):
    draft = await _draft(factory)
    headers = {} if who == "anonymous" else draft[who]
    assert await _reads(client, draft, headers) == (False, False, False, False)


@pytest.mark.parametrize("who", ["lead", "host_admin", "staff"])
async def test_a_draft_is_read_by_those_who_may_edit_it(client, factory, who):
    draft = await _draft(factory)
    headers = ADMIN if who == "staff" else draft[who]
    assert await _reads(client, draft, headers) == (True, True, True, True)
    found = await data_of(client, BY_SLUG, {"slug": draft["slug"]}, headers=headers)
    assert found["campaign"]["status"] == "DRAFT"


async def test_a_stranger_counts_no_draft_in_the_list(client, factory):
    draft = await _draft(factory)
    by_stranger = await data_of(client, LIST, headers=draft["stranger"])
    by_lead = await data_of(client, LIST, headers=draft["lead"])
    assert by_lead["campaigns"]["totalCount"] == by_stranger["campaigns"]["totalCount"] + 1


async def test_once_live_the_campaign_is_public(client, factory):
    draft = await _draft(factory)
    tier = campaigns.TierFields(title="Thanks", kind=TierKind.REWARD, minimum=world.money("100"))
    await factory._write(lambda s: campaigns.add_tier(s, draft["key"], tier))
    await world.launch(factory, draft["key"])
    for headers in ({}, draft["stranger"]):
        assert await _reads(client, draft, headers) == (True, True, True, True)


async def test_a_page_of_nodes_hides_only_the_drafts(client, factory):
    draft = await _draft(factory)
    live, _tier = await world.campaign(factory)
    ids = [draft["id"], global_id("Campaign", live)]
    body = await data_of(client, BY_IDS, {"ids": ids}, headers=draft["stranger"])
    assert body["nodes"][0] is None
    assert body["nodes"][1]["slug"].startswith("campaign-")


async def test_an_api_key_of_the_fiscal_host_with_write_scope_reads_its_draft(client, factory):
    draft = await _draft(factory)
    async with factory.sessions() as session:
        host = (await session.get(Campaign, draft["key"])).fiscal_host_id
    writer = await factory.api_key(host, Scope.READ, Scope.WRITE)
    reader = await factory.api_key(host, Scope.READ)
    found = await data_of(client, BY_SLUG, {"slug": draft["slug"]}, headers=writer)
    hidden = await data_of(client, BY_SLUG, {"slug": draft["slug"]}, headers=reader)
    assert found["campaign"] == {"slug": draft["slug"], "status": "DRAFT"}
    assert hidden["campaign"] is None


TIER_BY_ID = "query ($id: ID!) { node(id: $id) { ... on RewardTier { title } } }"


async def test_a_drafts_reward_tier_is_found_only_by_those_who_may_see_the_draft(client, factory):
    draft = await _draft(factory)
    fields = campaigns.TierFields(
        title="Secret reward", kind=TierKind.REWARD, minimum=world.money("1000")
    )
    tier: int = await factory._write(lambda s: campaigns.add_tier(s, draft["key"], fields))
    variables = {"id": global_id("RewardTier", tier)}

    for hidden_from in ({}, draft["stranger"], draft["host_member"]):
        assert await data_of(client, TIER_BY_ID, variables, headers=hidden_from) == {"node": None}
    for allowed in (draft["lead"], draft["host_admin"]):
        seen = await data_of(client, TIER_BY_ID, variables, headers=allowed)
        assert seen == {"node": {"title": "Secret reward"}}

    await world.launch(factory, draft["key"])
    public = await data_of(client, TIER_BY_ID, variables)
    assert public == {"node": {"title": "Secret reward"}}
