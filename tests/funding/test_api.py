"""Campaigns and pledges over GraphQL: permissions, idempotency keys, what the public sees."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from hub.accounts.enums import OrganisationRole
from hub.core.columns import utcnow
from hub.funding import mutations, payments
from hub.funding.enums import GatewayOperation, GatewayOutcome, PledgeStatus
from hub.funding.models import Campaign, GatewayCall, Pledge
from hub.funding.sandbox import SandboxGateway
from tests.factories import global_id
from tests.funding.world import campaign as make_campaign
from tests.funding.world import reconciled
from tests.helpers import graphql

CREATE = """
mutation ($input: CreateCampaignInput!) {
  createCampaign(input: $input) {
    campaign { id slug status purpose goal { amount currencyCode } story(language: "ru") }
    userErrors { field code message }
  }
}
"""
ADD_TIER = """
mutation ($input: AddRewardTierInput!) {
  addRewardTier(input: $input) { tier { id remaining minimum { amount } } userErrors { code } }
}
"""
LAUNCH = """
mutation ($input: CampaignIdInput!) {
  launchCampaign(input: $input) { campaign { status allowedTransitions } userErrors { code } }
}
"""
PLEDGE = """
mutation ($input: PledgeInput!) {
  pledge(input: $input) {
    pledge { id status amount { amount currencyCode } }
    userErrors { field code message }
  }
}
"""
PUBLIC_PLEDGES = """
query ($slug: String!) {
  campaign(slug: $slug) {
    pledged { amount } backersCount percentFunded raised { amount currencyCode }
    pledges { totalCount nodes { isMine visibility message amount { amount } backer { handle } } }
  }
}
"""


async def _lead(factory):
    user = await factory.user()
    creator = await factory.creator(owner=user)
    project = await factory.project(lead_creator=creator)
    return project, await factory.headers_for(user)


def _create_input(project: int, host: int, slug: str) -> dict:
    return {
        "projectId": global_id("Project", project),
        "fiscalHostId": global_id("Organisation", host),
        "slug": slug,
        "title": "A film about the steppe",
        "goal": {"amount": "500000.00", "currencyCode": "KZT"},
        "deadlineAt": (utcnow() + timedelta(days=20)).isoformat(),
        "story": [{"language": "en", "text": "Our film."}, {"language": "ru", "text": "Фильм."}],
    }


async def test_a_project_lead_creates_adds_a_tier_and_launches_a_campaign(client, factory, session):
    project, headers = await _lead(factory)
    host = await factory.organisation()
    body = await graphql(
        client, CREATE, {"input": _create_input(project, host, "steppe-film")}, headers=headers
    )
    created = body["data"]["createCampaign"]
    assert created["userErrors"] == []
    assert created["campaign"]["status"] == "DRAFT"
    assert created["campaign"]["story"] == "Фильм."
    assert created["campaign"]["goal"] == {"amount": "500000.00", "currencyCode": "KZT"}
    campaign_id = created["campaign"]["id"]
    tier = {
        "campaignId": campaign_id,
        "title": "Poster",
        "kind": "REWARD",
        "minimum": {"amount": "5000", "currencyCode": "KZT"},
        "quantityLimit": 100,
    }
    body = await graphql(client, ADD_TIER, {"input": tier}, headers=headers)
    assert body["data"]["addRewardTier"]["tier"]["remaining"] == 100
    body = await graphql(client, LAUNCH, {"input": {"id": campaign_id}}, headers=headers)
    assert body["data"]["launchCampaign"]["campaign"]["status"] == "LIVE"
    assert "SUSPENDED" in body["data"]["launchCampaign"]["campaign"]["allowedTransitions"]


async def test_someone_not_leading_the_project_cannot_create_its_campaign(client, factory, session):
    project, _ = await _lead(factory)
    stranger = await factory.headers_for(await factory.user())
    host = await factory.organisation()
    body = await graphql(
        client, CREATE, {"input": _create_input(project, host, "not-mine")}, headers=stranger
    )
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await session.scalar(select(func.count()).where(Campaign.slug == "not-mine")) == 0


async def test_a_campaign_in_an_unsupported_currency_is_refused(client, factory, session):
    project, headers = await _lead(factory)
    host = await factory.organisation()
    values = _create_input(project, host, "yen-film")
    values["goal"] = {"amount": "1000", "currencyCode": "JPY"}
    body = await graphql(client, CREATE, {"input": values}, headers=headers)
    errors = body["data"]["createCampaign"]["userErrors"]
    assert [(e["field"], e["code"]) for e in errors] == [
        (["goal", "currencyCode"], "UNSUPPORTED_CURRENCY")
    ]


def _pledge_input(campaign: int, key: str, amount: str = "2000", **more: object) -> dict:
    return {
        "idempotencyKey": key,
        "campaignId": global_id("Campaign", campaign),
        "amount": {"amount": amount, "currencyCode": "KZT"},
        **more,
    }


async def test_the_same_key_and_request_pledges_once_and_answers_the_same_pledge(
    client, factory, session, sandbox
):
    campaign, _ = await make_campaign(factory)
    headers = await factory.headers_for(await factory.user())
    variables = {"input": _pledge_input(campaign, "key-1")}
    first = await graphql(client, PLEDGE, variables, headers=headers)
    again = await graphql(client, PLEDGE, variables, headers=headers)
    assert first["data"]["pledge"]["pledge"]["status"] == "AUTHORIZED"
    assert again["data"]["pledge"]["pledge"]["id"] == first["data"]["pledge"]["pledge"]["id"]
    assert await session.scalar(select(func.count()).where(Pledge.campaign_id == campaign)) == 1
    assert await sandbox.charged(GatewayOperation.AUTHORIZE) == 200_000


async def test_a_replayed_key_answers_the_first_response_after_the_pledge_changed(
    client, factory, session, sandbox
):
    campaign, _ = await make_campaign(factory)
    headers = await factory.headers_for(await factory.user())
    variables = {"input": _pledge_input(campaign, "key-snap")}
    first = await graphql(client, PLEDGE, variables, headers=headers)
    assert first["data"]["pledge"]["pledge"]["status"] == "AUTHORIZED"
    cancel = """
    mutation ($input: CancelPledgeInput!) { cancelPledge(input: $input) { pledge { status } } }
    """
    pledge_id = first["data"]["pledge"]["pledge"]["id"]
    body = await graphql(
        client, cancel, {"input": {"id": pledge_id, "idempotencyKey": "c"}}, headers=headers
    )
    assert body["data"]["cancelPledge"]["pledge"]["status"] == "CANCELLED"
    again = await graphql(client, PLEDGE, variables, headers=headers)
    assert again["data"] == first["data"]
    assert await sandbox.charged(GatewayOperation.AUTHORIZE) == 200_000
    assert await session.scalar(select(func.count()).where(Pledge.campaign_id == campaign)) == 1
    cancelled_again = await graphql(
        client, cancel, {"input": {"id": pledge_id, "idempotencyKey": "c"}}, headers=headers
    )
    assert cancelled_again["data"] == body["data"]


async def test_the_same_key_with_another_request_is_refused_and_charges_nothing(
    client, factory, session, sandbox
):
    campaign, _ = await make_campaign(factory)
    headers = await factory.headers_for(await factory.user())
    await graphql(client, PLEDGE, {"input": _pledge_input(campaign, "key-2")}, headers=headers)
    body = await graphql(
        client, PLEDGE, {"input": _pledge_input(campaign, "key-2", "3000")}, headers=headers
    )
    errors = body["data"]["pledge"]["userErrors"]
    assert [(e["field"], e["code"]) for e in errors] == [
        (["idempotencyKey"], "IDEMPOTENCY_KEY_REUSED")
    ]
    assert body["data"]["pledge"]["pledge"] is None
    assert await session.scalar(select(func.count()).where(Pledge.campaign_id == campaign)) == 1
    assert await sandbox.charged(GatewayOperation.AUTHORIZE) == 200_000


async def test_keys_are_the_callers_own(client, factory, session):
    campaign, _ = await make_campaign(factory)
    one = await factory.headers_for(await factory.user())
    other = await factory.headers_for(await factory.user())
    await graphql(client, PLEDGE, {"input": _pledge_input(campaign, "shared")}, headers=one)
    body = await graphql(
        client, PLEDGE, {"input": _pledge_input(campaign, "shared")}, headers=other
    )
    assert body["data"]["pledge"]["userErrors"] == []
    assert await session.scalar(select(func.count()).where(Pledge.campaign_id == campaign)) == 2


async def test_an_anonymous_backer_never_shows_to_strangers_but_does_to_themselves(
    client, factory, session
):
    campaign, _ = await make_campaign(factory, goal="10000")
    user = await factory.user()
    await factory.creator(owner=user, handle="secret-patron")
    backer = await factory.headers_for(user)
    variables = {
        "input": _pledge_input(campaign, "anon", visibility="ANONYMOUS", message="From me")
    }
    await graphql(client, PLEDGE, variables, headers=backer)
    named = await factory.user()
    await factory.creator(owner=named, handle="open-patron")
    variables = {"input": _pledge_input(campaign, "named", "3000", visibility="NAME_ONLY")}
    await graphql(client, PLEDGE, variables, headers=await factory.headers_for(named))
    slug = (await session.get(Campaign, campaign)).slug

    stranger = await graphql(client, PUBLIC_PLEDGES, {"slug": slug})
    seen = stranger["data"]["campaign"]
    assert seen["pledges"]["totalCount"] == 2
    assert seen["pledged"] == {"amount": "5000.00"}
    assert seen["backersCount"] == 2
    assert seen["percentFunded"] == 50
    assert seen["raised"] == []
    anonymous, name_only = seen["pledges"]["nodes"]
    assert anonymous == {
        "isMine": False,
        "visibility": "ANONYMOUS",
        "message": None,
        "amount": {"amount": "2000.00"},
        "backer": None,
    }
    assert name_only["backer"] == {"handle": "open-patron"}
    assert name_only["amount"] is None
    assert "secret-patron" not in str(stranger)

    own = await graphql(client, PUBLIC_PLEDGES, {"slug": slug}, headers=backer)
    mine = own["data"]["campaign"]["pledges"]["nodes"][0]
    assert mine["isMine"] is True
    assert mine["backer"] == {"handle": "secret-patron"}
    assert mine["message"] == "From me"


async def test_a_pledge_for_an_organisation_needs_its_admin(client, factory, session):
    campaign, _ = await make_campaign(factory)
    organisation = await factory.organisation()
    member = await factory.user()
    await factory.member(organisation, member, OrganisationRole.MEMBER)
    variables = {
        "input": _pledge_input(
            campaign, "org", organisationId=global_id("Organisation", organisation)
        )
    }
    body = await graphql(client, PLEDGE, variables, headers=await factory.headers_for(member))
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    admin = await factory.user()
    await factory.member(organisation, admin, OrganisationRole.ADMIN)
    body = await graphql(client, PLEDGE, variables, headers=await factory.headers_for(admin))
    assert body["data"]["pledge"]["pledge"]["status"] == "AUTHORIZED"
    assert (
        await session.scalar(select(func.count()).where(Pledge.organisation_id == organisation))
        == 1
    )


async def test_only_the_fiscal_host_refunds_and_only_staff_suspend(client, factory, session):
    campaign, _ = await make_campaign(factory)
    headers = await factory.headers_for(await factory.user())
    body = await graphql(client, PLEDGE, {"input": _pledge_input(campaign, "k")}, headers=headers)
    pledge = body["data"]["pledge"]["pledge"]["id"]
    refund = """
    mutation ($input: RefundPledgeInput!) { refundPledge(input: $input) { userErrors { code } } }
    """
    body = await graphql(
        client, refund, {"input": {"id": pledge, "idempotencyKey": "r"}}, headers=headers
    )
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    suspend = """
    mutation ($input: CampaignIdInput!) { suspendCampaign(input: $input) { campaign { status } } }
    """
    variables = {"input": {"id": global_id("Campaign", campaign)}}
    body = await graphql(client, suspend, variables, headers=headers)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    from tests.helpers import ADMIN

    body = await graphql(client, suspend, variables, headers=ADMIN)
    assert body["data"]["suspendCampaign"]["campaign"]["status"] == "SUSPENDED"


BOARD = """
query ($slug: String!) {
  campaign(slug: $slug) {
    patrons {
      isAnonymous pledgeCount amount { amount }
      creator { handle } organisation { slug }
    }
  }
}
"""


async def test_the_patrons_board_honours_each_pledges_visibility(client, factory, session):
    campaign, _ = await make_campaign(factory, goal="10000")
    secret, named, generous = [await factory.user() for _ in range(3)]
    await factory.creator(owner=secret, handle="board-secret")
    await factory.creator(owner=named, handle="board-named")
    await factory.creator(owner=generous, handle="board-generous")
    pledges = [
        (secret, "anon-1", "1000", "ANONYMOUS"),
        (secret, "anon-2", "1500", "ANONYMOUS"),
        (named, "named", "9000", "NAME_ONLY"),
        (generous, "gen-1", "3000", "PUBLIC"),
        (generous, "gen-2", "2000", "PUBLIC"),
    ]
    for user, key, amount, visibility in pledges:
        variables = {"input": _pledge_input(campaign, key, amount, visibility=visibility)}
        await graphql(client, PLEDGE, variables, headers=await factory.headers_for(user))
    slug = (await session.get(Campaign, campaign)).slug
    board = (await graphql(client, BOARD, {"slug": slug}))["data"]["campaign"]["patrons"]
    assert board == [
        {
            "isAnonymous": False,
            "pledgeCount": 2,
            "amount": {"amount": "5000.00"},
            "creator": {"handle": "board-generous"},
            "organisation": None,
        },
        {
            "isAnonymous": False,
            "pledgeCount": 1,
            "amount": None,
            "creator": {"handle": "board-named"},
            "organisation": None,
        },
        {
            "isAnonymous": True,
            "pledgeCount": 2,
            "amount": {"amount": "2500.00"},
            "creator": None,
            "organisation": None,
        },
    ]
    assert "board-secret" not in str(board)


async def test_a_project_with_a_campaign_is_not_deleted(client, factory, session):
    from hub.funding.models import Campaign as CampaignRow

    campaign, _ = await make_campaign(factory)
    project = (await session.get(CampaignRow, campaign)).project_id
    delete = """
    mutation ($input: DeleteProjectInput!) { deleteProject(input: $input) { userErrors { code } } }
    """
    from tests.helpers import ADMIN

    variables = {"input": {"id": global_id("Project", project)}}
    body = await graphql(client, delete, variables, headers=ADMIN)
    assert body["data"]["deleteProject"]["userErrors"] == [{"code": "CONFLICT"}]
    assert await session.scalar(select(func.count()).where(CampaignRow.id == campaign)) == 1


async def test_the_gateway_is_asked_after_the_pledge_and_its_call_are_committed(
    client, factory, session, sessions, monkeypatch
):
    campaign, _ = await make_campaign(factory)
    headers = await factory.headers_for(await factory.user())
    seen: list[tuple[PledgeStatus, GatewayOutcome]] = []

    async def before(operation: GatewayOperation, key: str) -> None:
        # Another connection sees the PENDING pledge and its UNKNOWN call: the write's
        # transaction has committed (no row lock or connection held while asking).
        async with sessions() as other:
            row = (
                await other.execute(
                    select(Pledge.status, GatewayCall.outcome)
                    .join(GatewayCall, GatewayCall.pledge_id == Pledge.id)
                    .where(GatewayCall.idempotency_key == key)
                )
            ).one()
            seen.append((row.status, row.outcome))

    monkeypatch.setattr(
        mutations, "payment_gateway", lambda transactions: SandboxGateway(transactions, before)
    )
    body = await graphql(
        client, PLEDGE, {"input": _pledge_input(campaign, "k-out")}, headers=headers
    )
    assert seen == [(PledgeStatus.PENDING, GatewayOutcome.UNKNOWN)]
    assert body["data"]["pledge"]["pledge"]["status"] == "AUTHORIZED"
    again = await graphql(
        client, PLEDGE, {"input": _pledge_input(campaign, "k-out")}, headers=headers
    )
    assert again["data"] == body["data"]
    assert len(seen) == 1


async def test_a_crash_after_the_gateway_answered_is_repaired_by_reconcile(
    client, factory, session, monkeypatch, sandbox
):
    campaign, _ = await make_campaign(factory)
    headers = await factory.headers_for(await factory.user())

    async def crash(*args: object) -> None:
        raise RuntimeError("the process died after the gateway answered")

    monkeypatch.setattr(payments, "record_answer", crash)
    await graphql(client, PLEDGE, {"input": _pledge_input(campaign, "k-crash")}, headers=headers)
    pledge = await session.scalar(select(Pledge).where(Pledge.campaign_id == campaign))
    assert pledge is not None
    assert pledge.status is PledgeStatus.PENDING
    assert await sandbox.charged(GatewayOperation.AUTHORIZE) == 200_000
    monkeypatch.undo()
    done = await reconciled(factory)
    assert len(done.answered) == 1
    assert not done.resent
    assert not done.failed
    await session.refresh(pledge)
    assert pledge.status is PledgeStatus.AUTHORIZED
    assert await sandbox.charged(GatewayOperation.AUTHORIZE) == 200_000
