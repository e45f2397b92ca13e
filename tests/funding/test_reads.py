"""Reading campaigns: a page costs the same SQL at any size, and every move is the table's."""

from __future__ import annotations

import itertools

import pytest

from hub.core.states import IllegalTransition
from hub.funding.enums import (
    CAMPAIGN_TRANSITIONS,
    PLEDGE_TRANSITIONS,
    CampaignStatus,
    PledgeStatus,
)
from hub.funding.states import CAMPAIGN_STATUS, PLEDGE_STATUS
from tests.funding.world import campaign, pledge
from tests.helpers import data_of

C = CampaignStatus
P = PledgeStatus

LEGAL_CAMPAIGN_MOVES = {
    (C.DRAFT, C.LIVE),
    (C.LIVE, C.SUCCEEDED),
    (C.LIVE, C.FAILED),
    (C.LIVE, C.CANCELLED),
    (C.LIVE, C.SUSPENDED),
    (C.SUSPENDED, C.LIVE),
    (C.SUCCEEDED, C.PAID_OUT),
}
"""The issue's table, written out again so that a change to the code's table shows here."""

LEGAL_PLEDGE_MOVES = {
    (P.PENDING, P.AUTHORIZED),
    (P.PENDING, P.FAILED),
    (P.AUTHORIZED, P.CAPTURED),
    (P.AUTHORIZED, P.VOIDED),
    (P.AUTHORIZED, P.CANCELLED),
    (P.CAPTURED, P.REFUNDED),
}


def test_the_declared_tables_are_the_issues():
    assert {(a, b) for a, bs in CAMPAIGN_TRANSITIONS.items() for b in bs} == LEGAL_CAMPAIGN_MOVES
    assert {(a, b) for a, bs in PLEDGE_TRANSITIONS.items() for b in bs} == LEGAL_PLEDGE_MOVES


@pytest.mark.parametrize(
    ("current", "wanted"), [(a, b) for a, b in itertools.product(C, C) if a != b]
)
def test_a_campaign_moves_only_along_the_table(current, wanted):
    if (current, wanted) in LEGAL_CAMPAIGN_MOVES:
        CAMPAIGN_STATUS.check(current, wanted)
    else:
        with pytest.raises(IllegalTransition):
            CAMPAIGN_STATUS.check(current, wanted)


@pytest.mark.parametrize(
    ("current", "wanted"), [(a, b) for a, b in itertools.product(P, P) if a != b]
)
def test_a_pledge_moves_only_along_the_table(current, wanted):
    if (current, wanted) in LEGAL_PLEDGE_MOVES:
        PLEDGE_STATUS.check(current, wanted)
    else:
        with pytest.raises(IllegalTransition):
            PLEDGE_STATUS.check(current, wanted)


NESTED_CAMPAIGNS = """
query ($size: Int!) {
  campaigns(first: $size, filter: { currencies: ["TJS"] }) {
    totalCount
    nodes {
      slug goal { amount } raised { amount } held { amount } pledged { amount }
      backersCount percentFunded
      patrons { amount { amount } creator { handle } organisation { slug } }
      fiscalHost { slug } project { slug }
      tiers { title minimum { amount } remaining }
      pledges(first: 10) { totalCount nodes { amount { amount } status tier { title } } }
    }
  }
}
"""


async def test_a_page_of_campaigns_with_their_pledges_costs_a_fixed_number_of_statements(
    client, factory, statements
):
    for _ in range(12):
        key, tier = await campaign(factory, currency="TJS", goal="1000", tier_minimum="10")
        await pledge(factory, key, "20", tier=tier, currency="TJS")
        await pledge(factory, key, "30", currency="TJS")

    with statements.record():
        small = await data_of(client, NESTED_CAMPAIGNS, {"size": 3})
    small_cost = len(statements.selects)
    with statements.record():
        large = await data_of(client, NESTED_CAMPAIGNS, {"size": 12})
    large_cost = len(statements.selects)

    assert len(small["campaigns"]["nodes"]) == 3
    assert len(large["campaigns"]["nodes"]) == 12
    first = large["campaigns"]["nodes"][0]
    assert first["pledged"] == {"amount": "50.00"}
    assert first["pledges"]["totalCount"] == 2
    assert large_cost == small_cost


FILTERED = """
query ($filter: CampaignFilter) {
  campaigns(first: 50, filter: $filter) { nodes { slug } }
}
"""


async def _slugs(client, **filter):
    data = await data_of(client, FILTERED, {"filter": filter})
    return {node["slug"] for node in data["campaigns"]["nodes"]}


async def test_campaigns_filter_by_country_discipline_status_purpose_and_share_funded(client):
    # The demo's campaigns (db/seed/demo/campaigns.json).
    assert await _slugs(client, countries=["AM"]) == {"clay-routes-kiln"}
    assert await _slugs(client, purposes=["SCHOLARSHIP"]) == {
        "astana-hub-animation-scholars",
        "young-animators-first-seats",
    }
    live = await _slugs(client, statuses=["LIVE"])
    assert live == {"after-the-sea-film", "astana-hub-animation-scholars"}
    # 1 800 000 of 3 000 000 KZT pledged: 60 %; the film has 7 900 000 of 15 000 000: 52 %.
    assert await _slugs(client, statuses=["LIVE"], minPercentFunded=55) == {
        "astana-hub-animation-scholars"
    }
    assert await _slugs(client, statuses=["LIVE"], minPercentFunded=50) == live
    films = await _slugs(client, disciplines=["documentary"])
    assert "after-the-sea-film" in films
    assert "astana-hub-animation-scholars" not in films
