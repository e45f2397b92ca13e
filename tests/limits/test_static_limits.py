"""Depth, aliases, tokens and cost are checked before execution: a refusal runs nothing."""

import re
from pathlib import Path

import pytest

from tests.api import GRAPHQL_RESPONSE_JSON, run
from tests.helpers import ADMIN, is_subscription
from tests.limits import GRAPHIQL_INTROSPECTION

GRAPHQL_ACCEPT = "application/graphql-response+json"
ROOT = Path(__file__).resolve().parents[2]

DEEP = """{ creators(first: 1) { nodes { projects(first: 1) { nodes { participants(first: 1) {
  nodes { member { ... on Creator { projects(first: 1) { nodes { leadCreator { country {
  code } } } } } } } } } } } } }"""
ALIASED = "{ " + " ".join(f"a{i}: __typename" for i in range(31)) + " }"
THIRTY_ALIASES = "{ " + " ".join(f"a{i}: __typename" for i in range(30)) + " }"
LONG = "{ " + "__typename " * 2_000 + "}"
COSTLY = """{ creators(first: 100) { nodes { projects(first: 100) { nodes {
  participants(first: 100) { nodes { role } } } } } } }"""

REFUSED = [
    pytest.param(DEEP, "QUERY_TOO_DEEP", id="too deep"),
    pytest.param(ALIASED, "TOO_MANY_ALIASES", id="too many aliases"),
    pytest.param(LONG, "TOO_MANY_TOKENS", id="too many tokens"),
    pytest.param(COSTLY, "QUERY_TOO_COSTLY", id="too costly"),
]


def operations() -> list:
    # Subscriptions are served over WebSocket, not POST: tests/test_schema_contract.py
    # validates them and tests/funding/test_live.py runs them.
    files = [
        path
        for path in sorted((ROOT / "schema" / "operations").glob("*.graphql"))
        if not is_subscription(path.read_text(encoding="utf-8"))
    ]
    readme = re.findall(r"```graphql\n(.*?)```", (ROOT / "README.md").read_text(), re.S)
    return [pytest.param(f.read_text(), id=f.stem) for f in files] + [
        pytest.param(block, id=f"README {n}") for n, block in enumerate(readme, 1)
    ]


@pytest.mark.parametrize(("query", "code"), REFUSED)
async def test_query_over_a_limit_is_refused_before_anything_runs(client, statements, query, code):
    with statements.record():
        response = await run(client, "POST", query, accept=GRAPHQL_ACCEPT)

    assert response.status_code == 400
    assert response.headers["content-type"] == GRAPHQL_RESPONSE_JSON
    body = response.json()
    assert "data" not in body
    [error] = body["errors"]
    assert error["extensions"]["code"] == code
    assert statements.statements == []


@pytest.mark.parametrize(("query", "code"), REFUSED)
async def test_refusal_in_plain_json_is_200_like_every_request_error(client, query, code):
    response = await run(client, "POST", query, accept="application/json")

    assert response.status_code == 200
    assert "data" not in response.json()
    assert response.json()["errors"][0]["extensions"]["code"] == code


async def test_too_deep_names_the_depth_and_the_limit(client):
    response = await run(client, "POST", DEEP, accept=GRAPHQL_ACCEPT)

    [error] = response.json()["errors"]
    assert error["extensions"] == {"code": "QUERY_TOO_DEEP", "depth": 12, "maxDepth": 10}
    assert "12" in error["message"]


async def test_thirty_aliases_pass_and_thirty_one_do_not(client):
    allowed = await run(client, "POST", THIRTY_ALIASES, accept=GRAPHQL_ACCEPT)
    refused = await run(client, "POST", ALIASED, accept=GRAPHQL_ACCEPT)

    assert allowed.status_code == 200
    assert len(allowed.json()["data"]) == 30
    assert refused.json()["errors"][0]["extensions"] == {
        "code": "TOO_MANY_ALIASES",
        "aliases": 31,
        "maxAliases": 30,
    }


async def test_too_costly_reports_the_computed_cost(client):
    response = await run(client, "POST", COSTLY, accept=GRAPHQL_ACCEPT)

    body = response.json()
    [error] = body["errors"]
    assert error["extensions"] == {"code": "QUERY_TOO_COSTLY", "cost": 1_020_201, "maxCost": 10_000}
    assert body["extensions"]["cost"]["requestedQueryCost"] == 1_020_201


async def test_cost_counts_the_page_size_sent_in_variables(client):
    query = """query ($n: Int) { creators(first: $n) { nodes { projects(first: $n) {
      nodes { participants(first: $n) { nodes { role } } } } } } }"""

    small = await run(client, "POST", query, accept=GRAPHQL_ACCEPT, variables={"n": 2})
    large = await run(client, "POST", query, accept=GRAPHQL_ACCEPT, variables={"n": 100})

    assert small.status_code == 200
    assert small.json()["extensions"]["cost"]["requestedQueryCost"] == 1 + 2 * (2 + 2 * (2 + 2))
    assert large.json()["errors"][0]["extensions"]["code"] == "QUERY_TOO_COSTLY"


async def test_too_many_tokens_is_refused_before_parsing(client):
    response = await run(client, "POST", LONG, accept=GRAPHQL_ACCEPT)

    [error] = response.json()["errors"]
    assert error["extensions"] == {"code": "TOO_MANY_TOKENS", "maxTokens": 2000}


@pytest.mark.parametrize("query", operations())
async def test_every_example_operation_fits_the_default_limits(client, query):
    response = await run(client, "POST", query, accept=GRAPHQL_ACCEPT, headers=ADMIN)

    body = response.json()
    assert response.status_code == 200, body
    assert "errors" not in body, body["errors"]
    cost = body["extensions"]["cost"]
    assert 0 < cost["requestedQueryCost"] <= cost["maximumAvailable"]


async def test_graphiql_introspection_passes_the_default_limits(client):
    response = await run(client, "POST", GRAPHIQL_INTROSPECTION, accept=GRAPHQL_ACCEPT)

    assert response.status_code == 200
    assert response.json()["data"]["__schema"]["queryType"]["name"] == "Query"


async def test_limits_are_settings(app_client):
    query = "{ creators(first: 5) { nodes { country { code } } } }"  # depth 4, cost 11

    async with app_client(max_query_depth=3) as shallow:
        too_deep = await run(shallow, "POST", query, accept=GRAPHQL_ACCEPT)
    async with app_client(max_query_cost=10) as frugal:
        too_costly = await run(frugal, "POST", query, accept=GRAPHQL_ACCEPT)
    async with app_client(max_aliases=0) as plain:
        aliased = await run(plain, "POST", "{ a: __typename }", accept=GRAPHQL_ACCEPT)

    assert too_deep.json()["errors"][0]["extensions"]["code"] == "QUERY_TOO_DEEP"
    assert too_costly.json()["errors"][0]["extensions"]["code"] == "QUERY_TOO_COSTLY"
    assert aliased.json()["errors"][0]["extensions"]["code"] == "TOO_MANY_ALIASES"


async def test_limits_apply_to_get_as_to_post(client):
    response = await run(client, "GET", DEEP, accept=GRAPHQL_ACCEPT)

    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "QUERY_TOO_DEEP"


async def test_server_is_healthy_after_a_barrage_of_refused_queries(client, statements):
    with statements.record():
        for _ in range(10):
            for query in (DEEP, ALIASED, LONG, COSTLY):
                response = await run(client, "POST", query, accept=GRAPHQL_ACCEPT)
                assert response.status_code == 400
    assert statements.statements == []

    health = await client.get("/healthz")
    normal = await run(client, "POST", "{ creators(first: 2) { totalCount } }", accept=None)

    assert health.json() == {"status": "ok"}
    assert normal.status_code == 200
    assert normal.json()["data"]["creators"]["totalCount"] > 0
