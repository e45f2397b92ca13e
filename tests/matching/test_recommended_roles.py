"""recommendedRoles: open roles ranked for one creator, by the same factors as matchCreators."""

from __future__ import annotations

import pytest
from strawberry.relay import to_base64

from hub.creators.enums import LanguageProficiency, SkillLevel
from hub.projects.enums import ProjectStatus, RoleRequirement
from tests.factories import global_id
from tests.helpers import data_of, graphql
from tests.matching.documents import (
    MATCH_CREATORS,
    RECOMMENDED_ROLES,
    assert_explained,
    creator_id,
    reason,
    role_id,
)

ZULU = ("zu", LanguageProficiency.NATIVE)


async def _recommended(client, creator: str) -> dict:
    data = await data_of(client, RECOMMENDED_ROLES, {"creator": creator, "first": 100})
    return data["recommendedRoles"]


def _titles(connection: dict) -> list[str]:
    return [node["role"]["title"] for node in connection["nodes"]]


async def test_only_open_unfilled_roles_of_recruiting_projects_they_are_not_on_are_recommended(
    client, factory
):
    creator = await factory.creator(
        handle="zz-animator", country="AM", skills=[("animation", SkillLevel.ADVANCED)],
        languages=[ZULU],
    )  # fmt: skip
    lead = await factory.creator(country="KZ")
    recruiting = await factory.project(lead_creator=lead, status=ProjectStatus.IN_PROGRESS)
    draft = await factory.project(lead_creator=lead, status=ProjectStatus.DRAFT)
    theirs = await factory.project(lead_creator=creator)
    wanted = {"discipline": "animation", "required_languages": ["zu"]}
    await factory.role(recruiting, title="zz fits", **wanted)
    await factory.role(recruiting, title="zz near", discipline="vfx", required_languages=["zu"])
    await factory.role(recruiting, title="zz filled", headcount=1, filled_count=1, **wanted)
    await factory.role(recruiting, title="zz painter", discipline="painting")
    await factory.role(recruiting, title="zz unspoken", discipline="animation",
                       required_languages=["ja"])  # fmt: skip
    await factory.role(draft, title="zz draft", **wanted)
    await factory.role(theirs, title="zz theirs", **wanted)

    found = await _recommended(client, global_id("Creator", creator))

    mine = [title for title in _titles(found) if title.startswith("zz")]
    assert mine == ["zz fits", "zz near"]
    for node in found["nodes"]:
        assert_explained(node)


async def test_a_role_scores_the_same_from_either_side(client_with, factory):
    """matchCreators(role) and recommendedRoles(creator) agree on every factor of a pair;
    recommendedRoles adds level fit, so it is switched off here."""
    lead = await factory.creator(country="KZ")
    project = await factory.project(lead_creator=lead)
    await factory.participant(project, creator=await factory.creator(country="UZ"))
    role = await factory.role(
        project,
        discipline="animation",
        seniority=SkillLevel.EXPERT,
        required_languages=["zu", "ru"],
        preferred_countries=["AM", "GE"],
        remote_allowed=False,
        location_country="KZ",
    )
    creator = await factory.creator(
        handle="zz-pair",
        country="AM",
        skills=[("animation", SkillLevel.ADVANCED), ("vfx", SkillLevel.MASTER)],
        languages=[ZULU, ("ru", LanguageProficiency.CONVERSATIONAL)],
    )

    async with client_with(match_weight_level_fit=0) as client:
        by_role = await data_of(client, MATCH_CREATORS, {"role": global_id("OpenRole", role)})
        by_creator = await _recommended(client, global_id("Creator", creator))

    (edge,) = by_role["matchCreators"]["edges"]
    (node,) = [n for n in by_creator["nodes"] if n["role"]["id"] == global_id("OpenRole", role)]
    assert node["score"] == pytest.approx(edge["node"]["score"])
    assert node["reasons"] == edge["node"]["reasons"]
    assert {item["factor"] for item in node["reasons"]} == {
        "DISCIPLINE", "SENIORITY", "EXPERIENCE", "VERIFIED_SKILL", "LANGUAGE",
        "PREFERRED_COUNTRY", "CROSS_BORDER", "LOCATION",
    }  # fmt: skip


async def test_demo_roles_score_the_same_for_a_demo_creator_from_either_side(client_with):
    async with client_with(match_weight_level_fit=0) as client:
        role = await role_id(client, "after-the-sea", "Cinematographer")
        creator = await creator_id(client, "saule-sadykova")
        by_role = await data_of(client, MATCH_CREATORS, {"role": role, "first": 100})
        by_creator = await _recommended(client, creator)

    (from_role,) = [
        edge["node"]
        for edge in by_role["matchCreators"]["edges"]
        if edge["node"]["creator"]["handle"] == "saule-sadykova"
    ]
    (from_creator,) = [node for node in by_creator["nodes"] if node["role"]["id"] == role]
    assert from_creator["reasons"] == from_role["reasons"]


async def test_a_role_at_the_creators_level_ranks_above_one_far_below_it(client, factory):
    """Issue 11, failure 3: a master was offered a director's and a trainee's role alike."""
    master = await factory.creator(
        handle="zz-master", country="AM", skills=[("animation", SkillLevel.MASTER)]
    )
    lead = await factory.creator(country="KZ")
    project = await factory.project(lead_creator=lead, status=ProjectStatus.IN_PROGRESS)
    await factory.role(project, title="zz a trainee", seniority=SkillLevel.BEGINNER)
    await factory.role(project, title="zz director", seniority=SkillLevel.MASTER)

    found = await _recommended(client, global_id("Creator", master))

    mine = [node for node in found["nodes"] if node["role"]["title"].startswith("zz")]
    assert [node["role"]["title"] for node in mine] == ["zz director", "zz a trainee"]
    director, trainee = mine
    assert reason(director, "LEVEL_FIT")["value"] == 1.0
    assert reason(trainee, "LEVEL_FIT")["value"] == 0.0
    assert reason(trainee, "LEVEL_FIT")["detail"] == (
        "master in Animation, 4 levels above the beginner asked"
    )
    assert director["score"] > trainee["score"]


async def test_a_role_above_the_creators_level_ranks_below_every_role_they_meet(client, factory):
    creator = await factory.creator(
        handle="zz-junior", country="AM", skills=[("animation", SkillLevel.INTERMEDIATE)],
        languages=[ZULU],
    )  # fmt: skip
    lead = await factory.creator(country="KZ")
    project = await factory.project(lead_creator=lead, status=ProjectStatus.IN_PROGRESS)
    await factory.role(project, title="zz expert", seniority=SkillLevel.EXPERT,
                       required_languages=["zu"], preferred_countries=["AM"])  # fmt: skip
    await factory.role(project, title="zz intermediate", seniority=SkillLevel.INTERMEDIATE)
    await factory.role(project, title="zz strict expert", seniority=SkillLevel.EXPERT,
                       strict_requirements=[RoleRequirement.LEVEL])  # fmt: skip

    found = await _recommended(client, global_id("Creator", creator))

    mine = [node for node in found["nodes"] if node["role"]["title"].startswith("zz")]
    assert [node["role"]["title"] for node in mine] == ["zz intermediate", "zz expert"]
    assert [node["meetsRequirements"] for node in mine] == [True, False]
    assert reason(mine[1], "SENIORITY")["detail"] == (
        "intermediate in Animation, 2 levels below the expert asked"
    )


@pytest.mark.parametrize(
    ("creator", "code"),
    [("garbage", "INVALID_ID"), (to_base64("Creator", 999_999), "NOT_FOUND")],
)
async def test_an_unknown_creator_is_refused(client, creator, code):
    body = await graphql(client, RECOMMENDED_ROLES, {"creator": creator})
    assert body["errors"][0]["extensions"]["code"] == code


FILTERED = """
query ($creator: ID!, $filter: RoleMatchFilter, $first: Int, $after: String) {
  recommendedRoles(creatorId: $creator, filter: $filter, first: $first, after: $after) {
    totalCount
    nodes { score tiedWithPrevious role { title } }
    pageInfo { hasNextPage endCursor }
  }
}
"""


async def test_recommended_roles_take_filters_and_pages(client, factory):
    creator = await factory.creator(
        handle="zz-filtered", country="AM", skills=[("animation", SkillLevel.ADVANCED),
        ("vfx", SkillLevel.ADVANCED)], languages=[ZULU],
    )  # fmt: skip
    lead = await factory.creator(country="KZ")
    project = await factory.project(lead_creator=lead, status=ProjectStatus.IN_PROGRESS)
    zulu = {"required_languages": ["zu"]}
    await factory.role(project, title="zz remote animation", **zulu)
    await factory.role(project, title="zz on site in Georgia", remote_allowed=False,
                       location_country="GE", **zulu)  # fmt: skip
    await factory.role(project, title="zz vfx", discipline="vfx", **zulu)
    me = global_id("Creator", creator)

    async def titles(**filter) -> list[str]:
        data = await data_of(client, FILTERED, {"creator": me, "filter": filter, "first": 100})
        found = data["recommendedRoles"]
        assert found["totalCount"] == len(found["nodes"])
        return sorted(n["role"]["title"] for n in found["nodes"] if n["role"]["title"][:2] == "zz")

    assert await titles(countries=["GE"]) == ["zz on site in Georgia"]
    assert await titles(countries=["KZ"]) == ["zz remote animation", "zz vfx"]
    assert await titles(disciplines=["vfx"]) == ["zz vfx"]
    assert await titles(remoteOnly=True) == ["zz remote animation", "zz vfx"]
    everyone = await data_of(client, FILTERED, {"creator": me, "first": 100})
    scores = [node["score"] for node in everyone["recommendedRoles"]["nodes"]]
    cut = sorted(scores)[len(scores) // 2]
    data = await data_of(client, FILTERED, {"creator": me, "filter": {"minimumScore": cut}})
    assert all(node["score"] >= cut - 1e-9 for node in data["recommendedRoles"]["nodes"])
    assert data["recommendedRoles"]["totalCount"] == sum(score >= cut - 1e-9 for score in scores)

    first = await data_of(client, FILTERED, {"creator": me, "first": 2})
    rest = await data_of(
        client,
        FILTERED,
        {"creator": me, "first": 100, "after": first["recommendedRoles"]["pageInfo"]["endCursor"]},
    )
    paged = first["recommendedRoles"]["nodes"] + rest["recommendedRoles"]["nodes"]
    assert paged == everyone["recommendedRoles"]["nodes"]


@pytest.mark.parametrize(
    ("filter", "code"),
    [
        ({"minimumScore": 1.5}, "BAD_USER_INPUT"),
        ({"disciplines": ["no-such-thing"]}, "BAD_USER_INPUT"),
        ({"countries": ["XX"]}, "BAD_USER_INPUT"),
    ],
)
async def test_bad_recommended_role_filters_are_refused(client, filter, code):
    creator = await creator_id(client, "saule-sadykova")
    body = await graphql(client, FILTERED, {"creator": creator, "filter": filter})
    assert body["errors"][0]["extensions"]["code"] == code
