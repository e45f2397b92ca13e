"""explainPartnerMatch: why an organisation is, or is not, offered as a partner.

It must agree with matchPartners: the same score and reasons for an organisation that
is ranked, and for one that is not, every rule that leaves it out, with a code.
"""

from __future__ import annotations

import pytest
from strawberry.relay import to_base64

from hub.organisations.enums import OrganisationKind
from tests.factories import global_id
from tests.helpers import data_of, graphql
from tests.matching.documents import MATCH_PARTNERS, REASONS, organisation_id

EXPLAIN_PARTNER = f"""
query ($organisation: ID!, $partner: ID!, $filter: PartnerMatchFilter) {{
  explainPartnerMatch(organisationId: $organisation, partnerId: $partner, filter: $filter) {{
    match {{ score organisation {{ slug }} {REASONS} }}
    exclusions {{ code message requirement }}
  }}
}}
"""


async def _explain(client, organisation: str, partner: str, filter: dict | None = None) -> dict:
    variables = {"organisation": organisation, "partner": partner, "filter": filter}
    return (await data_of(client, EXPLAIN_PARTNER, variables))["explainPartnerMatch"]


async def _ranked(client, organisation: str, filter: dict | None = None) -> dict[str, dict]:
    variables = {"organisation": organisation, "first": 100, "filter": filter}
    nodes = (await data_of(client, MATCH_PARTNERS, variables))["matchPartners"]["nodes"]
    return {node["organisation"]["slug"]: node for node in nodes}


async def test_a_ranked_partner_is_explained_with_the_rankings_score_and_reasons(client):
    kazakhfilm = await organisation_id(client, "kazakhfilm")
    ranked = await _ranked(client, kazakhfilm)

    explained = await _explain(client, kazakhfilm, await organisation_id(client, "samarkand-pixel"))

    assert explained["exclusions"] == []
    match, expected = explained["match"], ranked["samarkand-pixel"]
    assert match["organisation"] == {"slug": "samarkand-pixel"}
    assert match["score"] == expected["score"]
    assert match["reasons"] == expected["reasons"]
    assert match["meetsRequirements"] is True


async def test_an_organisation_is_not_its_own_partner(client):
    kazakhfilm = await organisation_id(client, "kazakhfilm")

    explained = await _explain(client, kazakhfilm, kazakhfilm)

    assert explained["match"] is None
    assert [item["code"] for item in explained["exclusions"]] == ["SAME_ORGANISATION"]


async def test_every_filter_rule_that_leaves_a_partner_out_is_named(client):
    kazakhfilm = await organisation_id(client, "kazakhfilm")
    pixel = await organisation_id(client, "samarkand-pixel")  # a studio in Uzbekistan

    explained = await _explain(
        client, kazakhfilm, pixel, {"kinds": ["UNIVERSITY"], "countries": ["AM", "GE"]}
    )

    assert explained["match"] is None
    assert [(item["code"], item["requirement"]) for item in explained["exclusions"]] == [
        ("OUTSIDE_KINDS", None),
        ("OUTSIDE_COUNTRIES", None),
    ]
    assert explained["exclusions"][0]["message"] == (
        "Its kind is studio; the filter asks for: university."
    )
    assert explained["exclusions"][1]["message"] == (
        "It is based in Uzbekistan; the filter asks for: Armenia and Georgia."
    )


async def test_the_rules_that_leave_a_partner_out_are_said_in_the_callers_language(client):
    kazakhfilm = await organisation_id(client, "kazakhfilm")
    pixel = await organisation_id(client, "samarkand-pixel")
    variables = {
        "organisation": kazakhfilm,
        "partner": pixel,
        "filter": {"kinds": ["UNIVERSITY"], "countries": ["AM", "GE"]},
    }

    body = await graphql(client, EXPLAIN_PARTNER, variables, headers={"Accept-Language": "ru"})

    exclusions = body["data"]["explainPartnerMatch"]["exclusions"]
    assert [item["code"] for item in exclusions] == ["OUTSIDE_KINDS", "OUTSIDE_COUNTRIES"]
    assert exclusions[0]["message"] == "Вид организации: «студия»; фильтр требует: университет."
    assert exclusions[1]["message"] == (
        "Страна организации: Узбекистан; фильтр требует: Армения и Грузия."
    )


async def test_a_partner_below_the_minimum_score_is_told_its_score(client):
    kazakhfilm = await organisation_id(client, "kazakhfilm")
    pixel = await organisation_id(client, "samarkand-pixel")
    score = (await _ranked(client, kazakhfilm))["samarkand-pixel"]["score"]

    above = await _explain(client, kazakhfilm, pixel, {"minimumScore": score})
    below = await _explain(client, kazakhfilm, pixel, {"minimumScore": min(1.0, score + 0.01)})

    assert above["match"]["score"] == score
    assert above["exclusions"] == []
    assert below["match"] is None
    assert [item["code"] for item in below["exclusions"]] == ["BELOW_MINIMUM_SCORE"]
    assert f"{score:.3f}" in below["exclusions"][0]["message"]


@pytest.mark.parametrize(
    "filter",
    [
        None,
        {"kinds": ["STUDIO", "UNIVERSITY"]},
        {"countries": ["UZ", "AM"]},
        {"minimumScore": 0.45},
    ],
)
async def test_the_explanation_agrees_with_the_ranking_for_every_demo_organisation(client, filter):
    """Whoever the explanation leaves out is missing from the ranking, and whoever it
    ranks is there with the same score."""
    seeker = await organisation_id(client, "tumar-animation")
    ranked = await _ranked(client, seeker, filter)
    data = await data_of(client, "{ organisations(first: 100) { nodes { id slug } } }")
    everyone = data["organisations"]["nodes"]
    assert len(everyone) > len(ranked) > 0

    for node in everyone:
        explained = await _explain(client, seeker, node["id"], filter)
        if explained["exclusions"]:
            assert explained["match"] is None
            assert node["slug"] not in ranked, node["slug"]
        else:
            assert explained["match"]["score"] == ranked[node["slug"]]["score"], node["slug"]


async def test_a_made_up_partner_from_elsewhere_is_explained(client, factory):
    seeker = await factory.organisation(slug="zz-seeker", country="GE", disciplines=["animation"])
    partner = await factory.organisation(
        slug="zz-partner", country="MN", kind=OrganisationKind.SCHOOL, disciplines=["vfx"]
    )

    explained = await _explain(
        client, global_id("Organisation", seeker), global_id("Organisation", partner)
    )

    factors = {item["factor"]: item["value"] for item in explained["match"]["reasons"]}
    assert factors["CROSS_BORDER"] == 1.0
    assert factors["COMPLEMENTARY_DISCIPLINES"] == pytest.approx(1 / 3)


@pytest.mark.parametrize(
    ("argument", "value", "code"),
    [
        ("partner", "garbage", "INVALID_ID"),
        ("partner", to_base64("Organisation", 999_999), "NOT_FOUND"),
        ("partner", to_base64("Creator", 1), "INVALID_ID"),
        ("organisation", to_base64("Organisation", 999_999), "NOT_FOUND"),
    ],
)
async def test_unknown_organisations_are_refused(client, argument, value, code):
    variables = {
        "organisation": await organisation_id(client, "kazakhfilm"),
        "partner": await organisation_id(client, "uzbekfilm"),
        argument: value,
    }
    body = await graphql(client, EXPLAIN_PARTNER, variables)
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == code


@pytest.mark.parametrize("minimum", [-0.1, 1.5])
async def test_a_minimum_score_outside_zero_to_one_is_refused(client, minimum):
    variables = {
        "organisation": await organisation_id(client, "kazakhfilm"),
        "partner": await organisation_id(client, "uzbekfilm"),
        "filter": {"minimumScore": minimum},
    }
    body = await graphql(client, EXPLAIN_PARTNER, variables)
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
