"""Expenses: the owners file, the fiscal host approves (paid out, in the ledger) or rejects;
the public budget (raised, spent, held) adds up."""

from __future__ import annotations

from sqlalchemy import func, select

from hub.accounts.enums import OrganisationRole
from hub.funding.models import Expense
from tests.factories import global_id
from tests.funding.world import close_and_settle, launch, pledge
from tests.helpers import graphql

FILE = """
mutation ($input: FileExpenseInput!) {
  fileExpense(input: $input) {
    expense { id status amount { amount } items { description amount { amount } } }
    userErrors { field code }
  }
}
"""
APPROVE = """
mutation ($input: ApproveExpenseInput!) {
  approveExpense(input: $input) { expense { status } userErrors { code } }
}
"""
REJECT = """
mutation ($input: RejectExpenseInput!) {
  rejectExpense(input: $input) { expense { status decisionNote } userErrors { code } }
}
"""
BUDGET = """
query ($slug: String!) {
  campaign(slug: $slug) {
    raised { amount } spent { amount } held { amount }
    expenses { totalCount nodes { title status } }
  }
}
"""


async def _succeeded_campaign(factory):
    """A succeeded campaign (100 000 KZT raised), its lead's and its host admin's headers."""
    from hub.core.columns import utcnow
    from hub.funding import campaigns
    from hub.funding.campaigns import CampaignFields, CampaignTarget, TierFields
    from hub.funding.enums import CampaignPurpose, TierKind
    from tests.funding.world import money

    lead = await factory.user()
    project = await factory.project(lead_creator=await factory.creator(owner=lead))
    host = await factory.organisation()
    admin = await factory.user()
    await factory.member(host, admin, OrganisationRole.ADMIN)
    number = await factory.user()
    from datetime import timedelta

    fields = CampaignFields(
        slug=f"spend-{number}",
        title="Spend",
        goal=money("1000"),
        deadline_at=utcnow() + timedelta(days=3),
    )
    target = CampaignTarget(CampaignPurpose.PROJECT, project_id=project)
    key = await factory._write(lambda s: campaigns.create_campaign(s, target, host, lead, fields))
    tier = TierFields(title="Thanks", kind=TierKind.NO_REWARD, minimum=money("10"))
    await factory._write(lambda s: campaigns.add_tier(s, key, tier))
    await launch(factory, key)
    await pledge(factory, key, "1000")
    await close_and_settle(factory, key)
    return key, f"spend-{number}", await factory.headers_for(lead), await factory.headers_for(admin)


def _expense(campaign: int, *amounts: str) -> dict:
    return {
        "input": {
            "campaignId": global_id("Campaign", campaign),
            "title": "Studio rent",
            "items": [
                {"description": f"Month {i}", "amount": {"amount": a, "currencyCode": "KZT"}}
                for i, a in enumerate(amounts)
            ],
            "receipts": ["https://example.org/receipt.pdf"],
        }
    }


async def test_the_owner_files_the_host_approves_and_the_budget_adds_up(client, factory, session):
    key, slug, lead, host = await _succeeded_campaign(factory)
    body = await graphql(client, FILE, _expense(key, "300", "200.50"), headers=lead)
    filed = body["data"]["fileExpense"]["expense"]
    assert filed["status"] == "SUBMITTED"
    assert filed["amount"] == {"amount": "500.50"}
    variables = {"input": {"id": filed["id"], "idempotencyKey": "approve-1"}}
    body = await graphql(client, APPROVE, variables, headers=host)
    assert body["data"]["approveExpense"]["expense"]["status"] == "APPROVED"
    budget = (await graphql(client, BUDGET, {"slug": slug}))["data"]["campaign"]
    assert budget["raised"] == [{"amount": "1000.00"}]
    assert budget["spent"] == [{"amount": "500.50"}]
    # 1000 less 5 % platform fee, 2.5 % processor fee and the expense.
    assert budget["held"] == [{"amount": "424.50"}]
    assert budget["expenses"]["totalCount"] == 1
    again = await graphql(client, APPROVE, variables, headers=host)
    assert again["data"]["approveExpense"]["expense"]["status"] == "APPROVED"
    budget = (await graphql(client, BUDGET, {"slug": slug}))["data"]["campaign"]
    assert budget["spent"] == [{"amount": "500.50"}]


async def test_an_expense_above_what_is_held_is_refused_and_nothing_moves(client, factory, session):
    key, slug, lead, host = await _succeeded_campaign(factory)
    body = await graphql(client, FILE, _expense(key, "950"), headers=lead)
    expense = body["data"]["fileExpense"]["expense"]["id"]
    variables = {"input": {"id": expense, "idempotencyKey": "too-much"}}
    body = await graphql(client, APPROVE, variables, headers=host)
    assert body["data"]["approveExpense"]["userErrors"] == [{"code": "INSUFFICIENT_FUNDS"}]
    budget = (await graphql(client, BUDGET, {"slug": slug}))["data"]["campaign"]
    assert budget["spent"] == [{"amount": "0.00"}]
    assert budget["expenses"]["nodes"][0]["status"] == "SUBMITTED"


async def test_a_rejected_expense_cannot_then_be_approved(client, factory, session):
    key, _, lead, host = await _succeeded_campaign(factory)
    body = await graphql(client, FILE, _expense(key, "10"), headers=lead)
    expense = body["data"]["fileExpense"]["expense"]["id"]
    body = await graphql(
        client, REJECT, {"input": {"id": expense, "note": "No receipt."}}, headers=host
    )
    assert body["data"]["rejectExpense"]["expense"] == {
        "status": "REJECTED",
        "decisionNote": "No receipt.",
    }
    variables = {"input": {"id": expense, "idempotencyKey": "late"}}
    body = await graphql(client, APPROVE, variables, headers=host)
    assert body["data"]["approveExpense"]["userErrors"] == [{"code": "INVALID_STATUS_TRANSITION"}]


async def test_only_owners_file_and_only_the_host_decides(client, factory, session):
    key, _, lead, _host = await _succeeded_campaign(factory)
    stranger = await factory.headers_for(await factory.user())
    body = await graphql(client, FILE, _expense(key, "10"), headers=stranger)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await session.scalar(select(func.count()).where(Expense.campaign_id == key)) == 0
    body = await graphql(client, FILE, _expense(key, "10"), headers=lead)
    expense = body["data"]["fileExpense"]["expense"]["id"]
    variables = {"input": {"id": expense, "idempotencyKey": "mine"}}
    body = await graphql(client, APPROVE, variables, headers=lead)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_expense_items_must_be_in_the_campaigns_currency(client, factory, session):
    key, _, lead, _ = await _succeeded_campaign(factory)
    values = _expense(key, "10")
    values["input"]["items"][0]["amount"]["currencyCode"] = "USD"
    body = await graphql(client, FILE, values, headers=lead)
    assert body["data"]["fileExpense"]["userErrors"] == [
        {"field": ["items", "0", "amount", "currencyCode"], "code": "CURRENCY_MISMATCH"}
    ]
    assert await session.scalar(select(func.count()).where(Expense.campaign_id == key)) == 0


async def test_a_campaign_that_has_not_succeeded_files_no_expense(client, factory, session):
    from tests.funding.world import campaign

    key, _ = await campaign(factory)
    # Staff may act for any owner; the refusal is the campaign's status, not the caller.
    from tests.helpers import ADMIN

    body = await graphql(client, FILE, _expense(key, "10"), headers=ADMIN)
    assert body["data"]["fileExpense"]["userErrors"] == [
        {"field": ["campaignId"], "code": "CAMPAIGN_NOT_LIVE"}
    ]
