"""The benchmark's workloads answer the same through both paths, one statement per root."""

from __future__ import annotations

from typing import Any

import httpx

from bench.workloads import NESTED_GRAPHQL, POINT_GRAPHQL, global_id
from tests.compiled.comparing import answers_alike
from tests.conftest import StatementLog
from tests.helpers import graphql


async def _both(
    compiled: httpx.AsyncClient,
    resolvers: httpx.AsyncClient,
    query: str,
    variables: dict[str, Any] | None = None,
) -> dict[str, Any]:
    return await answers_alike(compiled, resolvers, query, variables)


async def test_the_point_lookup_answers_as_the_resolvers_do(compiled, resolvers, statements):
    listed = await graphql(resolvers, "{ creators(first: 3) { nodes { handle } } }")
    handles = [node["handle"] for node in listed["data"]["creators"]["nodes"]]
    for handle in [*handles, "nobody-has-this-handle"]:
        with statements.record():
            body = await _both(compiled, resolvers, POINT_GRAPHQL, {"handle": handle})
    assert body["data"]["creator"] is None


# The benchmark's nested page, at sizes the tests' cost limit admits.
NESTED = NESTED_GRAPHQL.replace("first: 50", "first: 10")


async def test_the_nested_page_answers_as_the_resolvers_do(compiled, resolvers):
    body = await _both(compiled, resolvers, NESTED)
    assert body["data"]["projects"]["nodes"]


async def test_a_compiled_root_field_costs_one_statement(
    compiled, resolvers, statements: StatementLog
):
    with statements.record():
        body = await graphql(compiled, NESTED)
    assert body["data"]["projects"]["nodes"]
    assert len(statements.selects) == 1


async def test_node_by_id_answers_as_the_resolvers_do(compiled, resolvers):
    query = "query ($id: ID!) { node(id: $id) { __typename id ... on Creator { handle } } }"
    await _both(compiled, resolvers, query, {"id": global_id("Creator", 1)})


async def test_a_root_field_with_a_rule_of_its_own_is_left_to_the_resolvers(compiled, resolvers):
    # auditLog is for staff: only root fields that declare a plain lookup or list compile.
    body = await _both(compiled, resolvers, "{ auditLog(first: 2) { totalCount } }")
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_nodes_by_ids_answer_as_the_resolvers_do_in_one_statement(
    compiled, resolvers, statements: StatementLog
):
    query = """query ($ids: [ID!]!) {
      nodes(ids: $ids) { __typename id ... on Creator { handle } ... on Country { code } }
    }"""
    ids = [global_id("Country", "KZ"), global_id("Creator", 987654), global_id("Creator", 1)]
    body = await _both(compiled, resolvers, query, {"ids": ids})
    found = body["data"]["nodes"]
    assert [node and node["__typename"] for node in found] == ["Country", None, "Creator"]
    with statements.record():
        await graphql(compiled, query, {"ids": ids})
    assert len(statements.selects) == 1
    assert "hub_json" in statements.selects[0]
    empty = await _both(compiled, resolvers, query, {"ids": []})
    assert empty["data"]["nodes"] == []
