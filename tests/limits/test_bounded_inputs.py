"""A document's length and each string in it or its variables are capped before anything runs."""

import pytest

from tests.api import run
from tests.helpers import ADMIN

GRAPHQL_ACCEPT = "application/graphql-response+json"

SEARCH = "query ($term: String) { countries(filter: {search: $term}) { totalCount } }"
TEXT_TOO_LONG = {"code": "TEXT_TOO_LONG", "length": 10_001, "maxTextLength": 10_000}
CREATE = """mutation ($input: CreateCreatorInput!) {
  createCreator(input: $input) { creator { id } userErrors { code } } }"""


def searching(term: str) -> str:
    return '{ countries(filter: {search: "' + term + '"}) { totalCount } }'


def creator_input(bio: str) -> dict:
    return {
        "handle": "bounded-bio",
        "displayName": "Bounded Bio",
        "country": "UZ",
        "bio": bio,
        "disciplines": [{"discipline": "animation", "level": "BEGINNER", "yearsOfExperience": 1}],
    }


async def test_a_100_000_character_string_literal_is_refused_before_anything_runs(
    client, statements
):
    with statements.record():
        response = await run(client, "POST", searching("x" * 100_000), accept=GRAPHQL_ACCEPT)

    assert response.status_code == 400
    body = response.json()
    assert "data" not in body
    [error] = body["errors"]
    assert error["extensions"]["code"] == "DOCUMENT_TOO_LONG"
    assert error["extensions"]["maxDocumentLength"] == 50_000
    assert statements.statements == []


async def test_a_long_string_literal_in_a_short_document_is_refused_with_its_place(
    client, statements
):
    with statements.record():
        response = await run(client, "POST", searching("x" * 10_001), accept=GRAPHQL_ACCEPT)

    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["extensions"] == {
        "code": "TEXT_TOO_LONG",
        "length": 10_001,
        "maxTextLength": 10_000,
    }
    assert "line 1, column 30" in error["message"]
    assert statements.statements == []


async def test_a_long_variable_is_refused_and_named_by_its_path(client, statements):
    with statements.record():
        response = await run(
            client, "POST", SEARCH, accept=GRAPHQL_ACCEPT, variables={"term": "y" * 10_001}
        )

    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["extensions"] == {
        "code": "TEXT_TOO_LONG",
        "length": 10_001,
        "maxTextLength": 10_000,
    }
    assert "$term" in error["message"]
    assert statements.statements == []


async def test_a_long_text_inside_a_mutation_input_is_refused_and_nothing_is_created(client):
    response = await run(
        client,
        "POST",
        CREATE,
        accept=GRAPHQL_ACCEPT,
        variables={"input": creator_input("z" * 10_001)},
        headers=ADMIN,
    )
    lookup = await run(
        client, "POST", '{ creator(handle: "bounded-bio") { id } }', accept=GRAPHQL_ACCEPT
    )

    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "TEXT_TOO_LONG"
    assert "$input.bio" in error["message"]
    assert lookup.json()["data"]["creator"] is None


async def test_strings_in_lists_of_variables_are_measured_too(app_client):
    query = "query ($ids: [ID!]!) { nodes(ids: $ids) { id } }"
    async with app_client(max_text_length=100) as strict:
        response = await run(
            strict, "POST", query, accept=GRAPHQL_ACCEPT, variables={"ids": ["a", "b" * 101]}
        )

    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "TEXT_TOO_LONG"
    assert "$ids[1]" in error["message"]


@pytest.mark.parametrize("method", ["GET", "POST"])
async def test_text_at_the_limit_runs_and_one_character_more_does_not(app_client, method):
    async with app_client(max_text_length=100) as strict:
        literal_at = await run(strict, method, searching("a" * 100), accept=GRAPHQL_ACCEPT)
        literal_over = await run(strict, method, searching("a" * 101), accept=GRAPHQL_ACCEPT)
        variable_at = await run(
            strict, method, SEARCH, accept=GRAPHQL_ACCEPT, variables={"term": "b" * 100}
        )
        variable_over = await run(
            strict, method, SEARCH, accept=GRAPHQL_ACCEPT, variables={"term": "b" * 101}
        )

    for allowed in (literal_at, variable_at):
        assert allowed.status_code == 200, allowed.json()
        assert "errors" not in allowed.json()
        assert allowed.json()["data"]["countries"]["totalCount"] >= 0
    for refused in (literal_over, variable_over):
        assert refused.status_code == 400
        assert refused.json()["errors"][0]["extensions"]["code"] == "TEXT_TOO_LONG"


async def test_the_document_length_is_a_setting_counted_in_characters(app_client):
    query = "{ __typename }"
    padding = "\n# " + "é" * 1_000  # comments count: they are part of what is sent
    at_limit = (query + padding)[:1_000]
    async with app_client(max_document_length=1_000) as strict:
        allowed = await run(strict, "POST", at_limit, accept=GRAPHQL_ACCEPT)
        refused = await run(strict, "POST", at_limit + "é", accept=GRAPHQL_ACCEPT)

    assert allowed.status_code == 200
    assert allowed.json()["data"] == {"__typename": "Query"}
    [error] = refused.json()["errors"]
    assert error["extensions"] == {
        "code": "DOCUMENT_TOO_LONG",
        "length": 1_001,
        "maxDocumentLength": 1_000,
    }
