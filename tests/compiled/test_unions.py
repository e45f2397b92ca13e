"""A union (a participant's ``member``) compiles: ``__typename`` and each type's inline
fragment are written in SQL for whichever type the row holds."""

from __future__ import annotations

from tests.compiled.comparing import answers_alike
from tests.conftest import StatementLog
from tests.helpers import graphql

MEMBERS = """{
  projects(first: 5) {
    nodes {
      participants(first: 10) {
        nodes {
          role
          member {
            __typename
            ... on Creator { handle displayName country { code } }
            ... on Organisation { slug name kind }
            ...Named
          }
          who: member { ... on Organisation { __typename slug } }
        }
      }
    }
  }
}
fragment Named on ProjectMember { ... on Creator { id } }
"""


async def test_a_participants_member_answers_as_the_resolvers_do(compiled, resolvers):
    body = await answers_alike(compiled, resolvers, MEMBERS)
    members = [
        participant["member"]
        for project in body["data"]["projects"]["nodes"]
        for participant in project["participants"]["nodes"]
    ]
    assert {member["__typename"] for member in members} == {"Creator", "Organisation"}
    assert all(("handle" in member) == (member["__typename"] == "Creator") for member in members)


async def test_a_union_compiles_into_the_one_statement(compiled, statements: StatementLog):
    with statements.record():
        body = await graphql(compiled, MEMBERS)
    assert body["data"]["projects"]["nodes"]
    assert len(statements.selects) == 1
    assert "hub_json" in statements.selects[0]
