"""Requirements before preferences, proficiency that counts, and misses explained (issue 11).

Every role here requires Zulu, which no demo creator speaks, so only the creators a
test makes can appear.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from strawberry.relay import to_base64

from hub.creators.enums import LanguageProficiency, SkillLevel
from hub.projects.enums import RoleRequirement
from tests.factories import global_id
from tests.helpers import data_of, graphql
from tests.matching.documents import MATCH_CREATORS, REASONS, assert_explained, handles, reason

NATIVE = ("zu", LanguageProficiency.NATIVE)
BASIC = ("zu", LanguageProficiency.BASIC)

EXPLAIN = f"""
query ($role: ID!, $creator: ID!) {{
  explainMatch(roleId: $role, creatorId: $creator) {{
    match {{ score creator {{ handle }} {REASONS} }}
    exclusions {{ code message requirement }}
  }}
}}
"""


@dataclass(frozen=True)
class Minimum:
    language: str
    proficiency: LanguageProficiency


async def _role(factory, **fields) -> tuple[int, str]:
    lead = await factory.creator(country="KZ", languages=[NATIVE])
    project = await factory.project(lead_creator=lead)
    values = {
        "discipline": "cinematography",
        "seniority": SkillLevel.EXPERT,
        "required_languages": ["zu"],
        **fields,
    }
    return project, global_id("OpenRole", await factory.role(project, **values))


async def _person(factory, handle, level=SkillLevel.EXPERT, years=8, country="KZ", **fields):
    return await factory.creator(
        handle=handle,
        country=country,
        skills=fields.pop("skills", [("cinematography", level)]),
        languages=fields.pop("languages", [NATIVE]),
        **fields,
    )


async def _ranked(client, role: str) -> list[dict]:
    data = await data_of(client, MATCH_CREATORS, {"role": role, "first": 50})
    return [edge["node"] for edge in data["matchCreators"]["edges"]]


async def test_a_candidate_below_the_level_asked_ranks_below_everyone_who_meets_it(
    client_with, factory
):
    """Issue 11, failure 1: an advanced cinematographer from a new country outranked experts
    from the team's country, because cross-border gain outweighed the level missed."""
    _, role = await _role(factory)
    await _person(factory, "zz-advanced-am", SkillLevel.ADVANCED, country="AM")
    await _person(factory, "zz-expert-kz", SkillLevel.EXPERT)
    await _person(factory, "zz-master-kz", SkillLevel.MASTER)

    async with client_with(match_weight_cross_border=50.0, match_weight_seniority=0.1) as client:
        nodes = await _ranked(client, role)

    assert handles({"nodes": nodes}) == ["zz-expert-kz", "zz-master-kz", "zz-advanced-am"]
    assert [node["meetsRequirements"] for node in nodes] == [True, True, False]
    assert nodes[2]["score"] > nodes[0]["score"]
    assert reason(nodes[2], "SENIORITY")["detail"] == (
        "advanced in Cinematography, 1 level below the expert asked"
    )
    assert reason(nodes[2], "SENIORITY")["status"] == "PARTLY_MET"


async def test_basic_knowledge_of_a_required_language_is_a_shortfall_and_says_so(client, factory):
    """Issue 11, failure 2: basic Kazakh tied with native speakers for a role requiring it."""
    _, role = await _role(factory)
    await _person(factory, "zz-basic", years=20, languages=[BASIC])
    await _person(factory, "zz-native", years=2)

    nodes = await _ranked(client, role)

    assert handles({"nodes": nodes}) == ["zz-native", "zz-basic"]
    basic = nodes[1]
    assert not basic["meetsRequirements"]
    parts = reason(basic, "LANGUAGE")["parts"]
    assert parts[0]["code"] == "LANGUAGE_BELOW_MINIMUM"
    assert parts[0]["sentence"] == "speaks Zulu (basic), below the professional asked"


async def test_a_role_sets_the_proficiency_it_asks_and_the_setting_sets_the_default(
    client, client_with, factory
):
    project, lenient = await _role(
        factory, language_minimums=[Minimum("zu", LanguageProficiency.BASIC)]
    )
    plain = global_id("OpenRole", await factory.role(
        project, discipline="cinematography", seniority=SkillLevel.EXPERT,
        required_languages=["zu"],
    ))  # fmt: skip
    await _person(factory, "zz-basic", languages=[BASIC])

    assert [node["meetsRequirements"] for node in await _ranked(client, lenient)] == [True]
    assert [node["meetsRequirements"] for node in await _ranked(client, plain)] == [False]
    async with client_with(match_min_language_proficiency="BASIC") as relaxed:
        assert [node["meetsRequirements"] for node in await _ranked(relaxed, plain)] == [True]


async def test_higher_proficiency_than_asked_earns_more_within_the_tier(client, factory):
    _, role = await _role(factory)
    await _person(factory, "zz-professional", languages=[("zu", LanguageProficiency.PROFESSIONAL)])
    await _person(factory, "zz-fluent", languages=[("zu", LanguageProficiency.FLUENT)])

    nodes = await _ranked(client, role)

    assert handles({"nodes": nodes}) == ["zz-fluent", "zz-professional"]
    assert all(node["meetsRequirements"] for node in nodes)
    assert nodes[0]["score"] > nodes[1]["score"]


async def test_a_strict_requirement_leaves_out_whoever_misses_it(client, factory):
    _, role = await _role(factory, strict_requirements=[RoleRequirement.LEVEL])
    await _person(factory, "zz-advanced", SkillLevel.ADVANCED)
    await _person(factory, "zz-expert", SkillLevel.EXPERT)

    assert handles({"nodes": await _ranked(client, role)}) == ["zz-expert"]


async def test_on_site_work_happens_where_the_role_is_when_it_says(client, factory):
    _, role = await _role(factory, remote_allowed=False, location_country="AM")
    await _person(factory, "zz-yerevan", country="AM")
    await _person(factory, "zz-almaty", country="KZ")

    nodes = await _ranked(client, role)

    assert handles({"nodes": nodes}) == ["zz-yerevan", "zz-almaty"]
    assert [node["meetsRequirements"] for node in nodes] == [True, False]
    assert reason(nodes[1], "LOCATION")["detail"] == (
        "based in Kazakhstan, away from the work (Armenia), for on-site work"
    )


async def test_a_trainee_role_may_rank_candidates_far_above_its_level_lower(client, factory):
    _, plain = await _role(factory, seniority=SkillLevel.BEGINNER)
    _, trainee = await _role(factory, seniority=SkillLevel.BEGINNER, prefers_exact_level=True)
    await _person(factory, "zz-a-master", SkillLevel.MASTER, years=0)
    await _person(factory, "zz-beginner", SkillLevel.BEGINNER, years=0)

    # Not penalised unless the role asks: a tie, broken by handle, and said to be one.
    nodes = await _ranked(client, plain)
    assert handles({"nodes": nodes}) == ["zz-a-master", "zz-beginner"]
    assert [node["tiedWithPrevious"] for node in nodes] == [False, True]
    assert reason(nodes[0], "SENIORITY")["detail"] == (
        "master in Cinematography, 4 levels above the beginner asked"
    )
    nodes = await _ranked(client, trainee)
    assert handles({"nodes": nodes}) == ["zz-beginner", "zz-a-master"]
    assert reason(nodes[1], "LEVEL_FIT")["status"] == "MISSED"


async def _explain(client, role: str, creator: int) -> dict:
    data = await data_of(client, EXPLAIN, {"role": role, "creator": global_id("Creator", creator)})
    return data["explainMatch"]


async def test_explain_match_gives_the_score_and_reasons_matchcreators_gives(client, factory):
    _, role = await _role(factory)
    creator = await _person(factory, "zz-expert")
    await _person(factory, "zz-other", SkillLevel.MASTER)

    explained = await _explain(client, role, creator)

    (ranked,) = [node for node in await _ranked(client, role) if "zz-expert" in str(node)]
    assert explained["exclusions"] == []
    match = explained["match"]
    assert_explained(match)
    assert match["score"] == ranked["score"]
    assert match["reasons"] == ranked["reasons"]
    assert match["meetsRequirements"] is True


@pytest.mark.parametrize(
    ("fields", "role_fields", "code", "requirement"),
    [
        ({"open_to_collaboration": False}, {}, "CLOSED_TO_COLLABORATION", None),
        ({"languages": []}, {}, "MISSING_REQUIRED_LANGUAGE", None),
        ({"skills": [("painting", SkillLevel.MASTER)]}, {}, "OUTSIDE_SECTOR", None),
        (
            {"languages": [BASIC]},
            {"strict_requirements": [RoleRequirement.LANGUAGE]},
            "STRICT_REQUIREMENT_MISSED",
            "LANGUAGE",
        ),
    ],
)
async def test_explain_match_names_the_rule_that_leaves_a_creator_out(
    client, factory, fields, role_fields, code, requirement
):
    _, role = await _role(factory, **role_fields)
    creator = await _person(factory, "zz-missing", **fields)

    explained = await _explain(client, role, creator)

    assert explained["match"] is None
    assert [(item["code"], item["requirement"]) for item in explained["exclusions"]] == [
        (code, requirement)
    ]
    assert explained["exclusions"][0]["message"]
    assert "zz-missing" not in str(await _ranked(client, role))


async def test_explain_match_says_who_is_already_on_the_team(client, factory):
    project, role = await _role(factory)
    member = await _person(factory, "zz-member")
    await factory.participant(project, creator=member)

    explained = await _explain(client, role, member)

    assert [item["code"] for item in explained["exclusions"]] == ["ALREADY_ON_TEAM"]


@pytest.mark.parametrize(
    ("creator", "code"),
    [("garbage", "INVALID_ID"), (to_base64("Creator", 999_999), "NOT_FOUND")],
)
async def test_explain_match_refuses_an_unknown_creator(client, factory, creator, code):
    _, role = await _role(factory)
    body = await graphql(client, EXPLAIN, {"role": role, "creator": creator})
    assert body["errors"][0]["extensions"]["code"] == code
