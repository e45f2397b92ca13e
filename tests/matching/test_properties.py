"""Properties of every ranking, for criteria hypothesis draws, on the demo data.

Examples share the test's transaction; the creators an example makes have handles of
their own, are based in Mongolia and are compared only with each other.
"""

from __future__ import annotations

import itertools
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

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


def _handle(node: dict[str, Any]) -> str:
    return str(node["creator"]["handle"])


def assert_tiered(nodes: list[dict[str, Any]]) -> None:
    """Whoever meets every requirement first; by score within a tier; ties by handle."""
    assert not nodes or not nodes[0]["tiedWithPrevious"]
    for higher, lower in itertools.pairwise(nodes):
        assert higher["meetsRequirements"] >= lower["meetsRequirements"]
        if higher["meetsRequirements"] != lower["meetsRequirements"]:
            assert not lower["tiedWithPrevious"]
            continue
        assert higher["score"] >= lower["score"] - 1e-9
        tied = abs(higher["score"] - lower["score"]) < 1e-9
        assert lower["tiedWithPrevious"] == tied
        if tied:
            assert _handle(higher) < _handle(lower)


@FEW
@given(wanted=criteria())
async def test_every_ranking_is_explained_ordered_and_deterministic(client, wanted):
    nodes = await _nodes(client, wanted)

    for node in nodes:
        assert_explained(node)
    assert_tiered(nodes)
    assert await _nodes(client, wanted) == nodes
    assert await _nodes(client, wanted, first=5) == nodes[:5]


WEIGHTS = st.fixed_dictionaries(
    {
        f"match_weight_{factor}": st.sampled_from([0.0, 0.5, 1.0, 3.0, 20.0])
        for factor in ("discipline", "seniority", "experience", "language", "cross_border",
                       "preferred_country", "location")
    }
)  # fmt: skip


@FEW
@given(wanted=criteria(), weights=WEIGHTS)
async def test_meeting_the_requirements_never_ranks_below_missing_one_whatever_the_weights(
    client_with, wanted, weights
):
    assume(wanted["disciplines"])
    async with client_with(**weights) as client:
        nodes = await _nodes(client, wanted)

    assert_tiered(nodes)
    for node in nodes:
        levels_met = all(
            item["value"] == 1.0 for item in node["reasons"] if item["factor"] == "SENIORITY"
        )
        if node["meetsRequirements"] and weights["match_weight_seniority"]:
            assert levels_met


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


async def _standing(client, factory, wanted, skills, languages) -> tuple[bool, float] | None:
    """Whether a new creator with this profile meets the requirements, and their score."""
    handle = f"zz-property-{next(_handles)}"
    await factory.creator(
        handle=handle,
        country="MN",
        skills=[(slug, SkillLevel(level)) for slug, level in skills],
        languages=[(code, LanguageProficiency(level)) for code, level in languages],
    )
    narrowed = {**wanted, "countries": ["MN"]}
    found = [n for n in await _nodes(client, narrowed) if n["creator"]["handle"] == handle]
    return (found[0]["meetsRequirements"], found[0]["score"]) if found else None


@FEW
@given(
    wanted=criteria(),
    base_skills=skills,
    lower=st.sampled_from(PROFICIENCIES),
    higher=st.sampled_from(PROFICIENCIES),
)
async def test_raising_proficiency_in_a_required_language_never_lowers_score_or_tier(
    client, factory, wanted, base_skills, lower, higher
):
    required = [wish for wish in wanted["languages"] if wish["importance"] == "REQUIRED"]
    assume(required)
    lower, higher = sorted([lower, higher], key=PROFICIENCIES.index)
    others = [(wish["language"], "NATIVE") for wish in wanted["languages"][1:]]
    asked = wanted["languages"][0]["language"]
    assume(asked == required[0]["language"])

    before = await _standing(client, factory, wanted, base_skills, [(asked, lower), *others])
    after = await _standing(client, factory, wanted, base_skills, [(asked, higher), *others])

    assert (before is None) == (after is None)
    if before is not None and after is not None:
        assert after[0] >= before[0]
        assert after[1] >= before[1] - 1e-12
