"""Reasons, exclusions and refusals of matchmaking in the caller's language.

The language comes from ``Accept-Language`` or, for one ranking field, its ``language``
argument; codes and structured parameters never change with it, only sentences do.
"""

from __future__ import annotations

from typing import Any

import pytest

from hub.creators.enums import LanguageProficiency, SkillLevel
from tests.factories import global_id
from tests.helpers import graphql
from tests.matching.documents import REASONS, reason

ZULU = [("zu", LanguageProficiency.NATIVE)]

MATCH_CREATORS = f"""
query ($role: ID!, $language: Locale) {{
  matchCreators(roleId: $role, language: $language) {{
    nodes {{ creator {{ handle }} {REASONS} }}
  }}
}}
"""

EXPLAIN = """
query ($role: ID!, $creator: ID!, $language: Locale) {
  explainMatch(roleId: $role, creatorId: $creator, language: $language) {
    exclusions { code message }
  }
}
"""

MATCH_CREATORS_FOR = """
query ($criteria: MatchCriteriaInput!, $language: Locale) {
  matchCreatorsFor(criteria: $criteria, language: $language) { totalCount }
}
"""

SENIORITY = {
    "en": "expert in Animation, 1 level above the advanced asked",
    "ru": "«Анимация»: уровень «эксперт», на 1 уровень выше запрошенного («продвинутый»)",
    "kk": "«Анимация» бағыты: деңгейі «сарапшы», сұралған деңгейден («озық») 1 деңгей жоғары",
}
LANGUAGE = {
    "en": "speaks Zulu (native); required: Zulu",
    "ru": "владеет языком: зулу (уровень: родной); обязательно: зулу",
    "kk": "тілді біледі: зулу тілі (деңгейі: ана тілі); міндетті: зулу тілі",
}
EXPERIENCE = {
    "en": "3 years of Animation",
    "ru": "опыт в дисциплине «Анимация»: 3 года",
    "kk": "«Анимация» бағытындағы тәжірибесі: 3 жыл",
}
CROSS_BORDER = {
    "en": "adds Armenia to the countries of the team",
    "ru": "добавляет в команду новую страну: Армения",
    "kk": "командаға жаңа ел қосады: Армения",
}
CLOSED = {
    "en": "They are not open to collaboration at the moment.",
    "ru": "Сейчас этот человек не открыт для сотрудничества.",
    "kk": "Ол қазір ынтымақтастыққа ашық емес.",
}
TWICE = {
    "en": "`disciplines` names a discipline twice.",
    "ru": "В `disciplines` дисциплина указана дважды.",
    "kk": "`disciplines` ішінде бір бағыт екі рет көрсетілген.",
}


async def _role(factory) -> str:
    """An advanced animator's role, requiring Zulu, in a Kazakh-led project."""
    lead = await factory.creator(handle="zz-lead", country="KZ", languages=ZULU)
    project = await factory.project(lead_creator=lead)
    role = await factory.role(
        project, discipline="animation", seniority=SkillLevel.ADVANCED, required_languages=["zu"]
    )
    return global_id("OpenRole", role)


async def _expert(factory, **fields: Any) -> int:
    return await factory.creator(
        handle="zz-expert",
        country="AM",
        skills=[("animation", SkillLevel.EXPERT)],
        languages=ZULU,
        **fields,
    )


async def _ranked(client, role: str, accept: str | None = None, language: str | None = None):
    headers = {} if accept is None else {"Accept-Language": accept}
    body = await graphql(
        client, MATCH_CREATORS, {"role": role, "language": language}, headers=headers
    )
    assert "errors" not in body, body
    [node] = body["data"]["matchCreators"]["nodes"]
    return node


def _structure(node: dict) -> list:
    """Everything of a match but its sentences: what must not change with the language."""
    return [
        (
            (item["factor"], item["code"], item["status"], item["value"], item["weight"]),
            [(part["code"], part["params"]) for part in item["parts"]],
        )
        for item in node["reasons"]
    ]


@pytest.mark.parametrize("accept", ["en", "ru", "kk"])
async def test_reasons_are_said_in_the_language_accept_language_asks_for(client, factory, accept):
    role = await _role(factory)
    await _expert(factory)

    node = await _ranked(client, role, accept=accept)

    assert reason(node, "SENIORITY")["detail"] == SENIORITY[accept]
    assert reason(node, "LANGUAGE")["detail"] == LANGUAGE[accept]
    assert reason(node, "EXPERIENCE")["detail"] == EXPERIENCE[accept]
    assert reason(node, "CROSS_BORDER")["detail"] == CROSS_BORDER[accept]
    for item in node["reasons"]:
        assert item["detail"] == "; ".join(part["sentence"] for part in item["parts"])


async def test_the_language_argument_overrides_accept_language(client, factory):
    role = await _role(factory)
    await _expert(factory)

    node = await _ranked(client, role, accept="kk, en;q=0.5", language="RU")

    assert reason(node, "SENIORITY")["detail"] == SENIORITY["ru"]
    assert (
        reason(node, "LANGUAGE")["parts"][0]["sentence"] == "владеет языком: зулу (уровень: родной)"
    )


async def test_without_a_language_reasons_stay_in_english(client, factory):
    role = await _role(factory)
    await _expert(factory)

    node = await _ranked(client, role)

    assert reason(node, "SENIORITY")["detail"] == SENIORITY["en"]
    assert reason(node, "LANGUAGE")["detail"] == LANGUAGE["en"]


async def test_codes_and_params_are_the_same_whatever_the_language(client, factory):
    role = await _role(factory)
    await _expert(factory)

    english = await _ranked(client, role)
    others = [
        await _ranked(client, role, accept="ru"),
        await _ranked(client, role, language="KK"),
    ]

    assert all(_structure(other) == _structure(english) for other in others)
    seniority = reason(english, "SENIORITY")["parts"][0]
    assert seniority["code"] == "LEVEL_ABOVE"
    assert seniority["params"] == [
        {"name": "level", "value": "expert"},
        {"name": "discipline", "value": "Animation"},
        {"name": "asked", "value": "advanced"},
        {"name": "gap", "value": "1"},
    ]
    assert reason(english, "LANGUAGE")["parts"][1]["params"] == [
        {"name": "importance", "value": "required"},
        {"name": "languages", "value": "zu"},
    ]
    assert reason(english, "CROSS_BORDER")["parts"][0]["params"] == [
        {"name": "country", "value": "Armenia"}
    ]
    assert reason(english, "EXPERIENCE")["parts"][0]["params"] == [
        {"name": "years", "value": "3"},
        {"name": "discipline", "value": "Animation"},
    ]


@pytest.mark.parametrize(("accept", "language"), [("ru", None), ("en", "KK"), (None, "EN")])
async def test_explain_match_says_why_someone_is_left_out_in_the_language_asked(
    client, factory, accept, language
):
    role = await _role(factory)
    creator = global_id("Creator", await _expert(factory, open_to_collaboration=False))
    headers = {} if accept is None else {"Accept-Language": accept}

    body = await graphql(
        client,
        EXPLAIN,
        {"role": role, "creator": creator, "language": language},
        headers=headers,
    )

    chosen = (language or accept or "en").lower()
    assert body["data"]["explainMatch"]["exclusions"] == [
        {"code": "CLOSED_TO_COLLABORATION", "message": CLOSED[chosen]}
    ]


@pytest.mark.parametrize(("accept", "language"), [("kk", None), ("kk", "RU"), ("ru", "EN")])
async def test_a_refused_search_is_explained_in_the_language_asked(client, accept, language):
    twice = {"disciplines": [{"discipline": "animation"}, {"discipline": "animation"}]}

    body = await graphql(
        client,
        MATCH_CREATORS_FOR,
        {"criteria": twice, "language": language},
        headers={"Accept-Language": accept},
    )

    assert body["data"] is None
    [error] = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["message"] == TWICE[(language or accept).lower()]
