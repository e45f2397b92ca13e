"""matchPartners: organisations ranked as partners, and prior joint work as a plus or minus.

The scenario's organisations are in Georgia and Mongolia, where the demo data has none,
and every query narrows to those two countries.
"""

from __future__ import annotations

import pytest
from strawberry.relay import to_base64

from hub.creators.enums import LanguageProficiency
from hub.organisations.enums import OrganisationKind
from tests.factories import global_id
from tests.helpers import ADMIN, data_of, graphql
from tests.matching.documents import MATCH_PARTNERS, assert_explained, reason

HERE = {"countries": ["GE", "MN"]}


async def _partners(client, organisation: int, **filter) -> list[dict]:
    data = await data_of(
        client,
        MATCH_PARTNERS,
        {"organisation": global_id("Organisation", organisation), "filter": {**HERE, **filter}},
    )
    return data["matchPartners"]["nodes"]


def _slugs(nodes: list[dict]) -> list[str]:
    return [node["organisation"]["slug"] for node in nodes]


async def test_partners_are_ranked_by_complementary_disciplines_countries_and_languages(
    client, factory
):
    seeker = await factory.organisation(
        slug="zz-seeker", country="GE", disciplines=["animation", "illustration"]
    )
    await factory.organisation(
        slug="zz-complement", country="MN", disciplines=["vfx", "sound-design", "painting"]
    )
    await factory.organisation(slug="zz-same", country="GE", disciplines=["animation"])
    await factory.organisation(slug="zz-elsewhere", country="MN", disciplines=["jewellery"])

    nodes = await _partners(client, seeker)

    # A neighbour sharing the language and a stranger abroad tie; the slugs break the tie.
    assert _slugs(nodes) == ["zz-complement", "zz-elsewhere", "zz-same"]
    assert nodes[1]["score"] == nodes[2]["score"]
    assert [node["tiedWithPrevious"] for node in nodes] == [False, False, True]
    assert all(node["meetsRequirements"] for node in nodes)
    for node in nodes:
        assert_explained(node)
    best, _, same = nodes
    assert reason(best, "COMPLEMENTARY_DISCIPLINES")["detail"] == (
        "practises Painting, Sound design, and Visual effects (VFX), which you lack, "
        "in your sectors"
    )
    assert reason(best, "CROSS_BORDER")["detail"] == "based in Mongolia, another country"
    assert reason(same, "CROSS_BORDER")["value"] == 0.0
    assert reason(same, "SHARED_LANGUAGES")["value"] == 1.0


async def test_members_languages_count_as_the_organisations_working_languages(client, factory):
    seeker = await factory.organisation(slug="zz-seeker", country="GE")
    partner = await factory.organisation(slug="zz-partner", country="MN")
    speaker = await factory.creator(languages=[("ka", LanguageProficiency.PROFESSIONAL)])
    added = await graphql(
        client,
        "mutation ($i: AddAffiliationInput!) { addAffiliation(input: $i) { userErrors { code } } }",
        {
            "i": {
                "creatorId": global_id("Creator", speaker),
                "organisationId": global_id("Organisation", partner),
                "role": "Staff",
            }
        },
        headers=ADMIN,
    )
    assert added["data"]["addAffiliation"]["userErrors"] == []

    (node,) = await _partners(client, seeker)

    shared = reason(node, "SHARED_LANGUAGES")
    assert shared["value"] == 1.0
    assert shared["detail"] == "works in Georgian; your working languages: Georgian"


async def test_prior_joint_work_is_a_plus_or_a_minus_as_configured(client, client_with, factory):
    seeker = await factory.organisation(slug="zz-seeker", country="GE")
    old_friend = await factory.organisation(slug="zz-old-friend", country="MN")
    await factory.organisation(slug="zz-stranger", country="MN")
    project = await factory.project(lead_organisation=seeker, title="Steppe Echoes")
    await factory.participant(project, organisation=old_friend)

    plus = await _partners(client, seeker)
    async with client_with(match_weight_prior_collaboration=-1.0) as wary:
        minus = await _partners(wary, seeker)

    assert _slugs(plus) == ["zz-old-friend", "zz-stranger"]
    assert _slugs(minus) == ["zz-stranger", "zz-old-friend"]
    assert reason(plus[0], "PRIOR_COLLABORATION")["detail"] == "worked with you on Steppe Echoes"
    assert reason(minus[0], "PRIOR_COLLABORATION") == {
        **reason(minus[0], "PRIOR_COLLABORATION"),
        "value": 1.0,
        "detail": "has not worked with you yet",
    }


async def test_partners_can_be_narrowed_to_kinds(client, factory):
    seeker = await factory.organisation(slug="zz-seeker", country="GE")
    await factory.organisation(slug="zz-studio", country="MN", kind=OrganisationKind.STUDIO)
    await factory.organisation(slug="zz-fund", country="MN", kind=OrganisationKind.FUND)

    assert _slugs(await _partners(client, seeker, kinds=["FUND"])) == ["zz-fund"]


@pytest.mark.parametrize(
    ("organisation", "code"),
    [("??", "INVALID_ID"), (to_base64("Organisation", 999_999), "NOT_FOUND")],
)
async def test_an_unknown_organisation_is_refused(client, organisation, code):
    body = await graphql(client, MATCH_PARTNERS, {"organisation": organisation})
    assert body["errors"][0]["extensions"]["code"] == code


async def test_a_minimum_score_leaves_out_partners_below_it(client, factory):
    seeker = await factory.organisation(
        slug="zz-seeker", country="GE", disciplines=["animation", "illustration"]
    )
    await factory.organisation(
        slug="zz-complement", country="MN", disciplines=["vfx", "sound-design", "painting"]
    )
    await factory.organisation(slug="zz-same", country="GE", disciplines=["animation"])
    everyone = await _partners(client, seeker)
    cut = everyone[0]["score"]

    kept = await _partners(client, seeker, minimumScore=cut)

    assert _slugs(kept) == ["zz-complement"]
    assert cut > everyone[1]["score"]
    body = await graphql(
        client,
        MATCH_PARTNERS,
        {"organisation": global_id("Organisation", seeker), "filter": {"minimumScore": -0.1}},
    )
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
