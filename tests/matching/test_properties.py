"""Properties of every ranking, for criteria hypothesis draws, on the demo data.

Examples share the test's transaction; the creators an example makes have handles of
their own, are based in Mongolia and are compared only with each other.
"""

from __future__ import annotations

import itertools
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from strawberry.relay import GlobalID

from hub.creators.enums import LanguageProficiency, SkillLevel
from tests.helpers import data_of
from tests.matching.documents import MATCH_CREATORS_FOR, assert_explained

DISCIPLINES = ["animation", "vfx", "composition", "ethno-music", "illustration", "translation"]
LANGUAGES = ["kk", "ru", "uz", "en", "hy", "mn"]
COUNTRIES = ["KZ", "UZ", "AM", "MN", "KG"]
LEVELS = [level.value for level in SkillLevel]
PROFICIENCIES = [proficiency.value for proficiency in LanguageProficiency]

FEW = settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
_handles = itertools.count()


@st.composite
def criteria(draw: st.DrawFn) -> dict[str, Any]:
    disciplines = draw(st.lists(st.sampled_from(DISCIPLINES), max_size=2, unique=True))
    languages = draw(st.lists(st.sampled_from(LANGUAGES), max_size=2, unique=True))
    preferred = draw(st.lists(st.sampled_from(COUNTRIES), max_size=2, unique=True))
    assume(disciplines or languages or preferred)
    return {
        "disciplines": [
            {"discipline": slug, "minimumLevel": draw(st.sampled_from(LEVELS))}
            for slug in disciplines
        ],
        "languages": [
            {"language": code, "importance": draw(st.sampled_from(["REQUIRED", "PREFERRED"]))}
            for code in languages
        ],
        "preferredCountries": preferred,
        "teamCountries": draw(st.lists(st.sampled_from(COUNTRIES), max_size=2, unique=True)),
        "remoteAllowed": draw(st.booleans()),
        "youngTalent": draw(st.sampled_from([None, "PREFERRED"])),
        "mentor": draw(st.sampled_from([None, "PREFERRED"])),
        "includeUnavailable": draw(st.booleans()),
    }


async def _nodes(client, wanted: dict[str, Any], first: int = 100) -> list[dict[str, Any]]:
    data = await data_of(client, MATCH_CREATORS_FOR, {"criteria": wanted, "first": first})
    return data["matchCreatorsFor"]["nodes"]


def _key(node: dict[str, Any]) -> int:
    return int(GlobalID.from_id(node["creator"]["id"]).node_id)


@FEW
@given(wanted=criteria())
async def test_every_ranking_is_explained_ordered_and_deterministic(client, wanted):
    nodes = await _nodes(client, wanted)

    for node in nodes:
        assert_explained(node)
    for higher, lower in itertools.pairwise(nodes):
        assert higher["score"] >= lower["score"] - 1e-12
        if abs(higher["score"] - lower["score"]) < 1e-12:
            assert _key(higher) < _key(lower)
    assert await _nodes(client, wanted) == nodes
    assert await _nodes(client, wanted, first=5) == nodes[:5]


skills = st.lists(
    st.tuples(st.sampled_from(DISCIPLINES), st.sampled_from(LEVELS)),
    max_size=2,
    unique_by=lambda skill: skill[0],
)
spoken = st.lists(
    st.tuples(st.sampled_from(LANGUAGES), st.sampled_from(PROFICIENCIES)),
    max_size=2,
    unique_by=lambda language: language[0],
)


async def _score(client, factory, wanted, skills, languages, birth_year) -> float:
    """The score of a new creator with this profile, 0 when it is not a candidate."""
    handle = f"zz-property-{next(_handles)}"
    await factory.creator(
        handle=handle,
        country="MN",
        birth_year=birth_year,
        skills=[(slug, SkillLevel(level)) for slug, level in skills],
        languages=[(code, LanguageProficiency(level)) for code, level in languages],
    )
    narrowed = {**wanted, "countries": ["MN"]}
    scores = [
        n["score"] for n in await _nodes(client, narrowed) if n["creator"]["handle"] == handle
    ]
    return scores[0] if scores else 0.0


@FEW
@given(
    wanted=criteria(),
    base_skills=skills,
    languages=spoken,
    level=st.sampled_from(LEVELS),
    birth_year=st.integers(1950, 2008),
)
async def test_practising_a_discipline_asked_for_never_lowers_a_score(
    client, factory, wanted, base_skills, languages, level, birth_year
):
    assume(wanted["disciplines"])
    asked = wanted["disciplines"][0]["discipline"]
    base = [skill for skill in base_skills if skill[0] != asked]

    before = await _score(client, factory, wanted, base, languages, birth_year)
    after = await _score(client, factory, wanted, [*base, (asked, level)], languages, birth_year)

    assert after >= before - 1e-12


@FEW
@given(
    wanted=criteria(),
    base_skills=skills,
    languages=spoken,
    proficiency=st.sampled_from(PROFICIENCIES),
    birth_year=st.integers(1950, 2008),
)
async def test_speaking_a_language_asked_for_never_lowers_a_score(
    client, factory, wanted, base_skills, languages, proficiency, birth_year
):
    assume(wanted["languages"])
    asked = wanted["languages"][0]["language"]
    base = [language for language in languages if language[0] != asked]

    before = await _score(client, factory, wanted, base_skills, base, birth_year)
    after = await _score(
        client, factory, wanted, base_skills, [*base, (asked, proficiency)], birth_year
    )

    assert after >= before - 1e-12
