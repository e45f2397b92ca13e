"""userErrors and refusals in the caller's language, chosen by ``Accept-Language``.

The codes a client switches on never change with the language; only ``message`` does,
and the response's ``Content-Language`` says which language was used.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from hub.creators.models import Creator
from tests.factories import global_id
from tests.helpers import ADMIN

CREATE_CREATOR = """
mutation ($input: CreateCreatorInput!) {
  createCreator(input: $input) { creator { handle } userErrors { field code message } }
}
"""

CREATE_ORGANISATION = """
mutation ($input: CreateOrganisationInput!) {
  createOrganisation(input: $input) {
    organisation { slug } userErrors { field code message }
  }
}
"""

UPDATE_CREATOR = """
mutation ($input: UpdateCreatorInput!) {
  updateCreator(input: $input) { creator { handle } userErrors { field code message } }
}
"""

REFUSED_CREATOR = {"handle": "Not A Handle", "displayName": "  ", "country": "KZ"}
"""Two problems at once: a handle of the wrong shape and an empty name."""

CREATOR_REFUSALS = {
    "en": {
        "handle": "`handle` must be lowercase Latin letters, digits and inner hyphens "
        "('not a handle' is not).",
        "displayName": "`displayName` must not be empty.",
    },
    "ru": {
        "handle": "Значение `handle` может содержать только строчные латинские буквы, цифры и "
        "дефисы внутри ('not a handle' не подходит).",
        "displayName": "Поле `displayName` не может быть пустым.",
    },
    "kk": {
        "handle": "`handle` құрамында тек мыналар болуы керек: кіші латын әріптері, цифрлар "
        "және ішкі дефистер ('not a handle' сәйкес емес).",
        "displayName": "`displayName` бос болмауы керек.",
    },
}

ORGANISATION = {"slug": "zz-taken-slug", "name": "Taken", "kind": "STUDIO", "country": "KZ"}
TAKEN_SLUG = {
    "en": "The slug 'zz-taken-slug' is taken.",
    "ru": "Значение 'zz-taken-slug' поля `slug` уже занято.",
    "kk": "`slug` өрісінің 'zz-taken-slug' мәні бұрыннан алынған.",
}


async def _post(
    client: httpx.AsyncClient,
    query: str,
    variables: dict[str, Any],
    language: str | None,
    headers: dict[str, str] = ADMIN,
) -> httpx.Response:
    sent = headers if language is None else {**headers, "Accept-Language": language}
    return await client.post(
        "/graphql", json={"query": query, "variables": variables}, headers=sent
    )


async def _creator_refusal(
    client: httpx.AsyncClient, language: str | None
) -> tuple[httpx.Response, dict[str, tuple[str, str]]]:
    """The answer, and each refused field's (code, message)."""
    response = await _post(client, CREATE_CREATOR, {"input": REFUSED_CREATOR}, language)
    payload = response.json()["data"]["createCreator"]
    assert payload["creator"] is None
    errors = {e["field"][0]: (e["code"], e["message"]) for e in payload["userErrors"]}
    return response, errors


async def _creators(session) -> int:
    return await session.scalar(select(func.count()).select_from(Creator))


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
async def test_a_refused_creator_is_explained_in_the_language_asked(client, session, language):
    before = await _creators(session)
    response, errors = await _creator_refusal(client, language)
    assert response.headers["content-language"] == language
    assert {field: message for field, (_, message) in errors.items()} == (
        CREATOR_REFUSALS[language]
    )
    assert await _creators(session) == before


async def test_the_codes_and_fields_are_the_same_whatever_the_language(client):
    answers = [await _creator_refusal(client, language) for language in ("en", "ru", "kk")]
    codes = [{field: code for field, (code, _) in errors.items()} for _, errors in answers]
    assert codes == [{"handle": "INVALID", "displayName": "REQUIRED"}] * 3


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
async def test_a_taken_slug_is_refused_in_the_language_asked(client, factory, language):
    await factory.organisation(slug="zz-taken-slug")
    response = await _post(client, CREATE_ORGANISATION, {"input": ORGANISATION}, language)
    assert response.headers["content-language"] == language
    assert response.json()["data"]["createOrganisation"] == {
        "organisation": None,
        "userErrors": [{"field": ["slug"], "code": "DUPLICATE", "message": TAKEN_SLUG[language]}],
    }


@pytest.mark.parametrize(
    ("header", "language"),
    [
        ("en;q=0.3, kk;q=0.9, ru;q=0.5", "kk"),
        ("fr-FR, fr;q=0.9, ru;q=0.8, en;q=0.1", "ru"),
        ("ru-RU", "ru"),
        ("kk;q=0, en;q=0.2", "en"),
    ],
)
async def test_q_values_decide_between_the_languages_offered(client, header, language):
    response, errors = await _creator_refusal(client, header)
    assert response.headers["content-language"] == language
    assert errors["displayName"][1] == CREATOR_REFUSALS[language]["displayName"]


@pytest.mark.parametrize("header", [None, "fr", "de-DE, uk;q=0.5", "*"])
async def test_a_language_the_hub_does_not_speak_falls_back_to_english(client, header):
    response, errors = await _creator_refusal(client, header)
    assert response.headers["content-language"] == "en"
    assert errors["displayName"][1] == CREATOR_REFUSALS["en"]["displayName"]


async def test_a_language_argument_overrides_the_header_for_its_field(client):
    query = """
    mutation ($input: CreateCreatorInput!) {
      createCreator(input: $input) {
        userErrors { field asked: message ru: message(language: RU) en: message(language: EN) }
      }
    }
    """
    response = await _post(client, query, {"input": REFUSED_CREATOR}, "kk")
    errors = response.json()["data"]["createCreator"]["userErrors"]
    [name] = [e for e in errors if e["field"] == ["displayName"]]
    assert (name["asked"], name["ru"], name["en"]) == (
        CREATOR_REFUSALS["kk"]["displayName"],
        CREATOR_REFUSALS["ru"]["displayName"],
        CREATOR_REFUSALS["en"]["displayName"],
    )


async def test_a_permission_refusal_is_worded_in_the_callers_language_with_its_code(
    client, factory
):
    creator = await factory.creator(owner=await factory.user())
    stranger = await factory.headers_for(await factory.user())
    variables = {"input": {"id": global_id("Creator", creator), "city": "Астана"}}
    response = await _post(client, UPDATE_CREATOR, variables, "ru", headers=stranger)
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "FORBIDDEN"
    assert error["message"] == "Это может сделать только владелец этого профиля автора."
    assert response.headers["content-language"] == "ru"


@pytest.mark.parametrize(
    ("method", "body", "status"),
    [
        ("POST", {"query": "{ __typename }"}, 200),
        ("POST", {"query": "{ noSuchField }"}, 200),
        ("POST", [], 400),
        ("PUT", None, 405),
    ],
    ids=["answer", "request error", "malformed request", "wrong method"],
)
async def test_every_answer_says_its_language(client, method, body, status):
    response = await client.request(
        method,
        "/graphql",
        json=body,
        headers={"Accept": "application/json", "Accept-Language": "kk, ru;q=0.5"},
    )
    assert response.status_code == status
    assert response.headers["content-language"] == "kk"


async def test_a_write_without_a_caller_is_refused_in_the_callers_language(client, session):
    before = await _creators(session)
    response = await _post(client, CREATE_CREATOR, {"input": REFUSED_CREATOR}, "kk", headers={})
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "UNAUTHENTICATED"
    assert error["message"] == (
        "Өзгеріс енгізу үшін жүйеге кіріңіз (`Authorization: Bearer <access token>`) немесе "
        "API кілтін жіберіңіз."
    )
    assert await _creators(session) == before
