"""matchCreators: creators ranked for an open role, with hard rules and explained scores.

Every scenario's role requires Zulu, which no demo creator speaks, so only the
creators a test makes can appear.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy import update
from strawberry.relay import to_base64

from hub.creators.enums import LanguageProficiency, SkillLevel
from hub.projects.models import OpenRole
from tests.factories import global_id
from tests.helpers import ADMIN, data_of, graphql
from tests.matching.documents import MATCH_CREATORS, assert_explained, handles, reason

ZULU = [("zu", LanguageProficiency.NATIVE)]


@dataclass(frozen=True)
class Scenario:
    project: int
    role: str


async def _scenario(factory, **role_fields) -> Scenario:
    """A Kazakh-led project looking for an advanced animator who speaks Zulu."""
    lead = await factory.creator(handle="zz-lead", country="KZ", languages=ZULU)
    project = await factory.project(lead_creator=lead)
    fields = {
        "discipline": "animation",
        "seniority": SkillLevel.ADVANCED,
        "required_languages": ["zu"],
        "preferred_countries": ["AM"],
        **role_fields,
    }
    role = await factory.role(project, **fields)
    return Scenario(project, global_id("OpenRole", role))


async def _animator(factory, handle: str, country: str, level: SkillLevel, **fields) -> int:
    return await factory.creator(
        handle=handle,
        country=country,
        skills=fields.pop("skills", [("animation", level)]),
        languages=fields.pop("languages", ZULU),
        **fields,
    )


async def _match(client, role: str, **variables) -> dict:
    data = await data_of(client, MATCH_CREATORS, {"role": role, **variables})
    return data["matchCreators"]


async def test_creators_are_ranked_by_fit_and_every_score_is_explained(client, factory):
    scenario = await _scenario(factory)
    await _animator(factory, "zz-expert-am", "AM", SkillLevel.EXPERT)
    await _animator(factory, "zz-advanced-kz", "KZ", SkillLevel.ADVANCED)
    await _animator(factory, "zz-beginner-uz", "UZ", SkillLevel.BEGINNER)
    await _animator(
        factory, "zz-vfx-kg", "KG", SkillLevel.EXPERT, skills=[("vfx", SkillLevel.EXPERT)]
    )

    found = await _match(client, scenario.role)

    assert handles(found) == ["zz-expert-am", "zz-advanced-kz", "zz-beginner-uz", "zz-vfx-kg"]
    nodes = [edge["node"] for edge in found["edges"]]
    scores = [node["score"] for node in nodes]
    assert scores == sorted(scores, reverse=True)
    for node in nodes:
        assert_explained(node)
    best = nodes[0]
    assert {item["factor"] for item in best["reasons"]} == {
        "DISCIPLINE", "SENIORITY", "EXPERIENCE", "VERIFIED_SKILL", "LANGUAGE",
        "PREFERRED_COUNTRY", "CROSS_BORDER",
    }  # fmt: skip
    assert reason(best, "SENIORITY")["detail"] == (
        "expert in Animation, 1 level above the advanced asked"
    )
    assert reason(best, "PREFERRED_COUNTRY")["value"] == 1.0
    assert reason(nodes[3], "DISCIPLINE")["detail"] == (
        "practises another Audiovisual discipline, not Animation"
    )


async def test_people_already_on_the_project_never_appear(client, factory):
    scenario = await _scenario(factory)
    member = await _animator(factory, "zz-member", "AM", SkillLevel.MASTER)
    await _animator(factory, "zz-outsider", "AM", SkillLevel.ADVANCED)
    await factory.participant(scenario.project, creator=member)

    found = await _match(client, scenario.role)

    assert handles(found) == ["zz-outsider"]
    assert "zz-lead" not in handles(found)


async def test_creators_not_open_to_collaboration_appear_only_when_asked_for(client, factory):
    scenario = await _scenario(factory)
    await _animator(factory, "zz-busy", "AM", SkillLevel.MASTER, open_to_collaboration=False)
    await _animator(factory, "zz-free", "AM", SkillLevel.INTERMEDIATE)

    assert handles(await _match(client, scenario.role)) == ["zz-free"]
    everyone = await _match(client, scenario.role, filter={"includeUnavailable": True})
    assert set(handles(everyone)) == {"zz-busy", "zz-free"}
    busy = next(e["node"] for e in everyone["edges"] if e["node"]["creator"]["handle"] == "zz-busy")
    assert reason(busy, "AVAILABILITY")["value"] == 0.0


async def test_a_missing_required_language_excludes_unless_languages_are_preferences(
    client, factory
):
    scenario = await _scenario(factory)
    await _animator(factory, "zz-speaks", "AM", SkillLevel.ADVANCED)
    await _animator(
        factory,
        "zz-silent",
        "AM",
        SkillLevel.MASTER,
        languages=[("hy", LanguageProficiency.NATIVE)],
    )

    assert handles(await _match(client, scenario.role)) == ["zz-speaks"]
    relaxed = await _match(client, scenario.role, filter={"languagesArePreferred": True})
    assert "zz-silent" in handles(relaxed)
    silent = next(
        edge["node"]
        for edge in relaxed["edges"]
        if edge["node"]["creator"]["handle"] == "zz-silent"
    )
    assert reason(silent, "LANGUAGE")["value"] == 0.0
    assert "does not speak Zulu" in reason(silent, "LANGUAGE")["detail"]


async def test_creators_outside_the_roles_sector_never_appear(client, factory):
    scenario = await _scenario(factory)
    await _animator(
        factory, "zz-painter", "AM", SkillLevel.MASTER, skills=[("painting", SkillLevel.MASTER)]
    )

    assert handles(await _match(client, scenario.role)) == []


async def test_a_creator_who_adds_a_country_to_the_team_scores_higher_by_the_cross_border_weight(
    client, client_with, factory
):
    scenario = await _scenario(factory, preferred_countries=[])
    await _animator(factory, "zz-from-kz", "KZ", SkillLevel.ADVANCED)
    await _animator(factory, "zz-from-tj", "TJ", SkillLevel.ADVANCED)

    found = await _match(client, scenario.role)
    assert handles(found) == ["zz-from-tj", "zz-from-kz"]
    tj, kz = (edge["node"] for edge in found["edges"])
    cross_border = reason(tj, "CROSS_BORDER")
    assert cross_border["value"] == 1.0
    assert reason(kz, "CROSS_BORDER")["value"] == 0.0
    assert tj["score"] - kz["score"] == pytest.approx(cross_border["weight"])
    assert reason(kz, "CROSS_BORDER")["detail"] == "Kazakhstan is already on the team"

    async with client_with(match_weight_cross_border=0) as unweighted:
        plain = await _match(unweighted, scenario.role)
    scores = [edge["node"]["score"] for edge in plain["edges"]]
    assert scores[0] == pytest.approx(scores[1])
    assert all(
        item["factor"] != "CROSS_BORDER"
        for edge in plain["edges"]
        for item in edge["node"]["reasons"]
    )


async def test_an_on_site_role_stored_without_a_location_favours_where_the_team_is(
    client, factory, session
):
    """Roles stored before on-site work needed a location fall back on the team."""
    scenario = await _scenario(
        factory, preferred_countries=[], remote_allowed=False, location_country="AM"
    )
    await session.execute(
        update(OpenRole)
        .where(OpenRole.project_id == scenario.project)
        .values(location_country=None)
    )
    await session.commit()
    await _animator(factory, "zz-local", "KZ", SkillLevel.ADVANCED)

    local = (await _match(client, scenario.role))["edges"][0]["node"]

    assert reason(local, "LOCATION")["value"] == 1.0
    assert reason(local, "LOCATION")["detail"] == (
        "based in Kazakhstan, where the team is, for on-site work"
    )


async def test_filters_add_hard_rules_to_the_roles_own(client, factory):
    scenario = await _scenario(factory)
    await _animator(factory, "zz-young-am", "AM", SkillLevel.ADVANCED, birth_year=2004)
    await _animator(
        factory, "zz-mentor-kg", "KG", SkillLevel.EXPERT, birth_year=1970, is_mentor=True
    )
    await _animator(factory, "zz-senior-uz", "UZ", SkillLevel.EXPERT, birth_year=1975)

    async def only(filter: dict) -> set[str]:
        return set(handles(await _match(client, scenario.role, filter=filter)))

    assert await only({"countries": ["AM", "KG"]}) == {"zz-young-am", "zz-mentor-kg"}
    assert await only({"excludedCountries": ["AM"]}) == {"zz-mentor-kg", "zz-senior-uz"}
    assert await only({"youngTalent": "REQUIRED"}) == {"zz-young-am"}
    assert await only({"mentor": "REQUIRED"}) == {"zz-mentor-kg"}
    preferring = await _match(client, scenario.role, filter={"mentor": "PREFERRED"})
    mentor = next(
        e["node"] for e in preferring["edges"] if e["node"]["creator"]["handle"] == "zz-mentor-kg"
    )
    assert reason(mentor, "MENTOR") == {
        **reason(mentor, "MENTOR"),
        "value": 1.0,
        "detail": "willing to mentor",
    }


async def test_pages_follow_each_other_without_gaps_or_repeats(client, factory):
    scenario = await _scenario(factory)
    for number, level in enumerate(
        [
            SkillLevel.MASTER,
            SkillLevel.EXPERT,
            SkillLevel.ADVANCED,
            SkillLevel.INTERMEDIATE,
            SkillLevel.BEGINNER,
        ]
    ):
        await _animator(factory, f"zz-page-{number}", "AM", level)

    everything = await _match(client, scenario.role, first=10)
    first = await _match(client, scenario.role, first=2)
    second = await _match(client, scenario.role, first=2, after=first["pageInfo"]["endCursor"])
    third = await _match(client, scenario.role, first=2, after=second["pageInfo"]["endCursor"])

    assert handles(first) + handles(second) + handles(third) == handles(everything)
    assert first["pageInfo"]["hasNextPage"]
    assert second["pageInfo"]["hasNextPage"]
    assert not third["pageInfo"]["hasNextPage"]
    assert everything["totalCount"] == first["totalCount"] == 5


async def test_a_page_says_whether_its_first_match_is_tied_with_the_last_one_before_it(
    client, factory
):
    scenario = await _scenario(factory)
    for handle in ("zz-equal-a", "zz-equal-b", "zz-equal-c"):
        await _animator(factory, handle, "AM", SkillLevel.EXPERT)
    await _animator(factory, "zz-lower-kz", "KZ", SkillLevel.ADVANCED)
    await _animator(factory, "zz-lowest-kz", "KZ", SkillLevel.BEGINNER)

    everything = await _match(client, scenario.role, first=10)
    expected = [
        (edge["node"]["creator"]["handle"], edge["node"]["tiedWithPrevious"])
        for edge in everything["edges"]
    ]

    assert expected == [
        ("zz-equal-a", False),
        ("zz-equal-b", True),
        ("zz-equal-c", True),
        ("zz-lower-kz", False),
        ("zz-lowest-kz", False),
    ]
    for size in (1, 2, 3):
        paged: list[tuple[str, bool]] = []
        cursor = None
        while True:
            page = await _match(client, scenario.role, first=size, after=cursor)
            paged += [
                (edge["node"]["creator"]["handle"], edge["node"]["tiedWithPrevious"])
                for edge in page["edges"]
            ]
            if not page["pageInfo"]["hasNextPage"]:
                break
            cursor = page["pageInfo"]["endCursor"]
        assert paged == expected, size


async def _error(client, role: str, **variables) -> dict:
    body = await graphql(client, MATCH_CREATORS, {"role": role, **variables})
    assert body["data"] is None, body
    (error,) = body["errors"]
    return error


@pytest.mark.parametrize(
    ("role", "code"),
    [
        ("not an id", "INVALID_ID"),
        (to_base64("OpenRole", 999_999), "NOT_FOUND"),
        (to_base64("OpenRole", "x"), "INVALID_ID"),
        (to_base64("Creator", 1), "INVALID_ID"),
    ],
)
async def test_an_unknown_or_malformed_role_id_is_refused_with_a_code(client, role, code):
    error = await _error(client, role)
    assert error["extensions"]["code"] == code
    assert "roleId" in error["message"]


async def test_a_closed_role_is_refused(client, factory):
    scenario = await _scenario(factory)
    closed = await graphql(
        client,
        "mutation ($id: ID!) { closeOpenRole(input: { id: $id }) { userErrors { code } } }",
        {"id": scenario.role},
        headers=ADMIN,
    )
    assert closed["data"]["closeOpenRole"]["userErrors"] == []

    error = await _error(client, scenario.role)

    assert error["extensions"]["code"] == "ROLE_NOT_OPEN"
    assert error["message"] == "This role is closed: it takes no one."


async def test_a_filled_role_is_refused(client, factory):
    scenario = await _scenario(factory, headcount=2, filled_count=2)

    error = await _error(client, scenario.role)

    assert error["extensions"]["code"] == "ROLE_NOT_OPEN"
    assert error["message"] == "All 2 places of this role are taken."


@pytest.mark.parametrize(
    ("variables", "code"),
    [
        ({"first": 101}, "PAGE_SIZE_TOO_LARGE"),
        ({"first": -1}, "BAD_USER_INPUT"),
        ({"after": "bm90IGEgY3Vyc29y"}, "INVALID_CURSOR"),
    ],
)
async def test_bad_paging_arguments_are_refused_like_every_other_list(
    client, factory, variables, code
):
    scenario = await _scenario(factory)
    assert (await _error(client, scenario.role, **variables))["extensions"]["code"] == code
