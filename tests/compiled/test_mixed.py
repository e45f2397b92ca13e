"""An operation may mix compiled root fields and root fields left to the resolver tree:
the compiled ones are answered by their statements, the others by the resolver tree
executing only them, and the response keeps the root fields in document order, with
errors, their paths and locations exactly as the resolver tree alone gives them."""

from __future__ import annotations

from tests.compiled.comparing import answers_alike
from tests.conftest import StatementLog
from tests.helpers import graphql

MIXED = """
query Mixed($size: Int!) {
  me { id }
  first: creators(first: $size) { totalCount nodes { handle } }
  __typename
  ... on Query { second: countries(first: 1) { nodes { code } } }
  ...Rest
}
fragment Rest on Query { rateLimit { limit } third: projects(first: 1) { totalCount } }
"""


async def test_a_mixed_operation_answers_as_the_resolvers_do_in_document_order(compiled, resolvers):
    body = await answers_alike(compiled, resolvers, MIXED, {"size": 2})
    assert list(body["data"]) == ["me", "first", "__typename", "second", "rateLimit", "third"]
    assert len(body["data"]["first"]["nodes"]) == 2


async def test_each_compiled_root_field_of_a_mixed_operation_costs_one_statement(
    compiled, statements: StatementLog
):
    query = """{
      __typename
      a: creators(first: 2) { totalCount nodes { handle country { code } } }
      me { id }
      b: projects(first: 1) { nodes { title countries { code } } }
    }"""
    with statements.record():
        body = await graphql(compiled, query)
    assert body["data"]["__typename"] == "Query"
    assert body["data"]["me"] is None
    assert len(statements.selects) == 2
    assert all("hub_json" in statement for statement in statements.selects)


async def test_a_resolver_root_fields_error_keeps_its_path_and_location(compiled, resolvers):
    query = """query Lookups($handle: String!) {
      a: creator(handle: $handle) { handle }
      bad: node(id: "%%%") { id }
      c: projects(first: 1) { totalCount }
    }"""
    listed = await graphql(resolvers, "{ creators(first: 1) { nodes { handle } } }")
    handle = listed["data"]["creators"]["nodes"][0]["handle"]
    body = await answers_alike(compiled, resolvers, query, {"handle": handle})
    assert body["data"]["a"] == {"handle": handle}
    assert body["data"]["bad"] is None
    [error] = body["errors"]
    assert error["path"] == ["bad"]
    assert error["locations"] == [{"line": 3, "column": 7}]


async def test_the_chosen_operation_of_several_is_mixed_on_its_own(compiled, resolvers):
    query = """
    query One { creators(first: 1) { totalCount } }
    query Two($id: ID!) { me { id } countries(first: 2) { totalCount } node(id: $id) { id } }
    """
    for name in ("One", "Two"):
        payload = {"query": query, "variables": {"id": "%%%"}, "operationName": name}
        answered = await compiled.post("/graphql", json=payload)
        expected = await resolvers.post("/graphql", json=payload)
        assert answered.status_code == expected.status_code == 200
        assert answered.json()["data"] == expected.json()["data"]
        assert answered.json().get("errors") == expected.json().get("errors")


async def test_a_refused_non_null_resolver_root_field_nulls_the_data_with_no_compiled_part(
    compiled, resolvers
):
    # auditLog is for staff and cannot be null: its refusal nulls the whole answer.
    query = "{ auditLog(first: 1) { totalCount } creators(first: 1) { totalCount } }"
    body = await answers_alike(compiled, resolvers, query)
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert body["errors"][0]["path"] == ["auditLog"]
