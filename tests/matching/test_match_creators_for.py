"""matchCreatorsFor: ad-hoc criteria without a saved role, and how bad criteria are refused."""

from __future__ import annotations

import pytest

from hub.creators.enums import LanguageProficiency, SkillLevel
from tests.helpers import data_of, graphql
from tests.matching.documents import MATCH_CREATORS_FOR, assert_explained, handles, reason

ZULU = ("zu", LanguageProficiency.NATIVE)


async def _match(client, criteria: dict, **variables) -> dict:
    data = await data_of(client, MATCH_CREATORS_FOR, {"criteria": criteria, **variables})
    return data["matchCreatorsFor"]


async def test_several_disciplines_with_minimum_levels_each_count_equally(client, factory):
    await factory.creator(
        handle="zz-both",
        skills=[("animation", SkillLevel.EXPERT), ("sound-design", SkillLevel.ADVANCED)],
        languages=[ZULU],
    )
    await factory.creator(
        handle="zz-one", skills=[("animation", SkillLevel.MASTER)], languages=[ZULU]
    )
    criteria = {
        "disciplines": [
            {"discipline": "animation", "minimumLevel": "ADVANCED"},
            {"discipline": "sound-design", "minimumLevel": "ADVANCED"},
        ],
        "languages": [{"language": "zu"}],
    }

    found = await _match(client, criteria)

    assert handles(found) == ["zz-both", "zz-one"]
    both, one = found["nodes"]
    for node in found["nodes"]:
        assert_explained(node)
    assert reason(both, "SENIORITY")["value"] == 1.0
    assert reason(one, "SENIORITY")["value"] == 0.5
    assert reason(one, "DISCIPLINE")["detail"] == (
        "practises Animation; practises another Audiovisual discipline, not Sound design"
    )


async def test_a_preferred_language_ranks_its_speakers_higher_without_excluding_others(
    client, factory
):
    await factory.creator(
        handle="zz-speaker",
        country="TR",
        skills=[("felt-making", SkillLevel.ADVANCED)],
        languages=[("xh", LanguageProficiency.FLUENT)],
    )
    await factory.creator(
        handle="zz-other", country="TR", skills=[("felt-making", SkillLevel.ADVANCED)]
    )
    criteria = {
        "disciplines": [{"discipline": "felt-making"}],
        "languages": [{"language": "xh", "importance": "PREFERRED"}],
        "countries": ["TR"],
    }

    found = await _match(client, criteria)

    assert handles(found) == ["zz-speaker", "zz-other"]
    speaker, other = found["nodes"]
    assert reason(speaker, "LANGUAGE")["detail"] == "speaks Xhosa (fluent); preferred: Xhosa"
    assert reason(other, "LANGUAGE")["detail"] == "does not speak Xhosa; preferred: Xhosa"
    assert reason(other, "LANGUAGE")["status"] == "MISSED"
    assert reason(other, "LANGUAGE")["parts"][0] == {
        "code": "LANGUAGE_NOT_SPOKEN",
        "params": [{"name": "language", "value": "xh"}, {"name": "asked", "value": "professional"}],
        "sentence": "does not speak Xhosa",
    }
    assert (
        reason(other, "SENIORITY")["detail"]
        == "advanced in Felt making, 2 levels above the beginner asked"
    )


async def test_languages_alone_rank_their_speakers_by_proficiency(client, factory):
    await factory.creator(handle="zz-basic", languages=[("zu", LanguageProficiency.BASIC)])
    await factory.creator(handle="zz-native", languages=[ZULU])

    found = await _match(client, {"languages": [{"language": "zu"}]})

    assert handles(found) == ["zz-native", "zz-basic"]
    assert [node["score"] for node in found["nodes"]] == [1.0, 0.25]


async def test_young_talent_and_mentors_can_be_required_or_preferred(client, factory):
    await factory.creator(handle="zz-young", birth_year=2003, languages=[ZULU])
    await factory.creator(handle="zz-mentor", birth_year=1960, is_mentor=True, languages=[ZULU])
    zulu = [{"language": "zu"}]

    required = await _match(client, {"languages": zulu, "youngTalent": "REQUIRED"})
    preferred = await _match(client, {"languages": zulu, "mentor": "PREFERRED"})

    assert handles(required) == ["zz-young"]
    assert handles(preferred) == ["zz-mentor", "zz-young"]
    assert reason(preferred["nodes"][1], "MENTOR")["detail"] == "not a mentor"


async def test_team_countries_turn_on_the_cross_border_factor(client, factory):
    await factory.creator(handle="zz-kz", country="KZ", languages=[ZULU])
    await factory.creator(handle="zz-am", country="AM", languages=[ZULU])

    found = await _match(client, {"languages": [{"language": "zu"}], "teamCountries": ["KZ"]})

    assert handles(found) == ["zz-am", "zz-kz"]
    assert reason(found["nodes"][0], "CROSS_BORDER")["detail"] == (
        "adds Armenia to the countries of the team"
    )


async def _error(client, criteria: dict) -> dict:
    body = await graphql(client, MATCH_CREATORS_FOR, {"criteria": criteria})
    assert body["data"] is None, body
    (error,) = body["errors"]
    return error


@pytest.mark.parametrize(
    "criteria",
    [{}, {"youngTalent": "REQUIRED"}, {"teamCountries": ["KZ"], "excludedCountries": ["UZ"]}],
)
async def test_criteria_with_nothing_to_rank_by_are_refused(client, criteria):
    error = await _error(client, criteria)
    assert error["extensions"]["code"] == "EMPTY_CRITERIA"


@pytest.mark.parametrize(
    ("criteria", "message"),
    [
        ({"disciplines": [{"discipline": "alchemy"}]}, "Unknown discipline: alchemy."),
        ({"languages": [{"language": "qq"}]}, "Unknown language code: qq."),
        ({"preferredCountries": ["XX"]}, "`preferredCountries` names unknown countries: XX."),
        (
            {"disciplines": [{"discipline": "vfx"}, {"discipline": "vfx"}]},
            "`disciplines` names a discipline twice.",
        ),
        (
            {"languages": [{"language": "kk"}, {"language": "kk", "importance": "PREFERRED"}]},
            "`languages` names a language twice.",
        ),
    ],
)
async def test_unknown_or_repeated_criteria_are_refused_with_a_clear_message(
    client, criteria, message
):
    error = await _error(client, criteria)
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["message"] == message
