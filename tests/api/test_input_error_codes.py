"""Errors a client's input causes carry a code, whichever stage refused the input."""

import pytest
from sqlalchemy import func, select

from hub.creators.models import Creator
from tests.helpers import ADMIN, graphql

SEARCH = "query ($s: String) { creators(first: 1, filter: {search: $s}) { totalCount } }"
CREATE = """
mutation ($input: CreateCreatorInput!) {
  createCreator(input: $input) { creator { handle } userErrors { code } }
}
"""
LOGIN = """
mutation ($input: LoginInput!) { login(input: $input) { userErrors { code } } }
"""


def _only_code(body: dict) -> str:
    (error,) = body["errors"]
    return error["extensions"]["code"]


# U+0000 is refused at the edge, before anything runs


@pytest.mark.parametrize("text", ["\x00", "Алма\x00ты", "trailing\x00"])
async def test_a_nul_in_a_variable_is_an_invalid_character_and_nothing_runs(client, text):
    body = await graphql(client, SEARCH, {"s": text})
    assert _only_code(body) == "INVALID_CHARACTER"
    assert "data" not in body
    assert "`$s`" in body["errors"][0]["message"]


async def test_a_nul_deep_in_an_input_is_refused_and_nothing_is_written(client, session):
    variables = {
        "input": {
            "handle": "nul-in-portfolio",
            "displayName": "Fine",
            "country": "KZ",
            "portfolio": [{"title": "Reel\x00", "url": "https://example.com"}],
        }
    }
    body = await graphql(client, CREATE, variables, headers=ADMIN)
    assert _only_code(body) == "INVALID_CHARACTER"
    written = select(func.count()).select_from(Creator).where(Creator.handle == "nul-in-portfolio")
    assert await session.scalar(written) == 0


async def test_a_nul_in_a_string_literal_of_the_document_is_refused(client):
    body = await graphql(
        client, '{ creators(first: 1, filter: {search: "a\\u0000b"}) { totalCount } }'
    )
    assert _only_code(body) == "INVALID_CHARACTER"


async def test_a_nul_in_a_login_email_is_refused_like_on_every_database(client):
    body = await graphql(client, LOGIN, {"input": {"email": "a\x00@b.kz", "password": "x"}})
    assert _only_code(body) == "INVALID_CHARACTER"


async def test_text_without_nul_is_served(client):
    body = await graphql(client, SEARCH, {"s": "Алматы 🎨"})
    assert "errors" not in body


# The stages graphql-core and Strawberry refuse at


async def test_a_document_that_does_not_parse_is_parse_failed(client):
    assert _only_code(await graphql(client, "{ creators(first: 1 { totalCount } }")) == (
        "GRAPHQL_PARSE_FAILED"
    )


async def test_a_document_the_schema_does_not_allow_is_validation_failed(client):
    body = await graphql(client, "{ creators(firs: 1) { totalCount } }")
    assert _only_code(body) == "GRAPHQL_VALIDATION_FAILED"


async def test_an_operation_name_naming_nothing_is_validation_failed(client):
    response = await client.post(
        "/graphql", json={"query": "query A { countries { totalCount } }", "operationName": "B"}
    )
    assert _only_code(response.json()) == "GRAPHQL_VALIDATION_FAILED"


@pytest.mark.parametrize(
    ("query", "variables"),
    [
        ("query ($n: Int) { creators(first: $n) { totalCount } }", {"n": 2**31}),
        ("query ($n: Int) { creators(first: $n) { totalCount } }", {"n": "ten"}),
        ("query ($n: Int!) { creators(first: $n) { totalCount } }", {}),
        (
            "query ($o: CreatorOrder) { creators(first: 1, orderBy: $o) { totalCount } }",
            {"o": {"field": "NO_SUCH_FIELD"}},
        ),
    ],
    ids=["int-beyond-32-bits", "text-for-int", "required-missing", "unknown-enum-value"],
)
async def test_a_variable_that_does_not_coerce_is_bad_user_input(client, query, variables):
    assert _only_code(await graphql(client, query, variables)) == "BAD_USER_INPUT"


@pytest.mark.parametrize("year", [0, -1, 10_000])
async def test_a_year_no_calendar_has_is_bad_user_input(client, year):
    body = await graphql(
        client, "query ($y: Int) { countryCollaboration(toYear: $y) { projectCount } }", {"y": year}
    )
    assert _only_code(body) == "BAD_USER_INPUT"
