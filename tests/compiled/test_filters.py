"""Root lists compile with their filter and order, built by the same code as their
resolvers: the same rows, in the same order, with the same cursors and totals."""

from __future__ import annotations

import pytest

from hub.api.pagination import encode_cursor
from tests.compiled.comparing import answers_alike
from tests.conftest import StatementLog
from tests.helpers import graphql

PAGE = "totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }"

LISTS = [
    f"creators(first: 3, filter: {{ youngTalent: false }}, orderBy: {{ field: DISPLAY_NAME, "
    f"direction: DESC }}) {{ {PAGE} edges {{ cursor node {{ handle displayName }} }} }}",
    f'creators(last: 2, before: "{encode_cursor(5)}", filter: {{ countries: ["KZ", "uz"] }}) '
    f"{{ {PAGE} nodes {{ handle country {{ code }} }} }}",
    f'projects(first: 2, after: "{encode_cursor(0)}", filter: {{ crossBorder: true }}, '
    f"orderBy: {{ field: CREATED_AT, direction: DESC }}) {{ {PAGE} nodes {{ slug budget "
    f"{{ amount }} participants(first: 2) {{ nodes {{ member {{ __typename }} }} }} }} }}",
    f"organisations(first: 4, orderBy: {{ field: FOUNDED_YEAR }}) {{ {PAGE} nodes {{ slug }} }}",
    f"countries(first: 2, filter: {{ cisStatuses: [MEMBER] }}, orderBy: {{ field: CODE, "
    f"direction: DESC }}) {{ {PAGE} nodes {{ code }} }}",
    f'disciplines(first: 3, filter: {{ sectors: ["film", "music"] }}) '
    f"{{ {PAGE} nodes {{ slug }} }}",
]


@pytest.mark.parametrize("root", LISTS)
async def test_a_filtered_ordered_root_list_answers_as_the_resolvers_do_in_one_statement(
    compiled, resolvers, statements: StatementLog, root: str
):
    query = f"{{ {root} }}"
    await answers_alike(compiled, resolvers, query)
    with statements.record():
        await graphql(compiled, query)
    assert len(statements.selects) == 1
    assert "hub_json" in statements.selects[0]


async def test_the_pages_of_a_filtered_list_follow_on_through_their_cursors(compiled, resolvers):
    query = """query ($after: String) {
      creators(first: 2, after: $after, orderBy: { field: HANDLE, direction: DESC }) {
        pageInfo { hasNextPage endCursor } nodes { handle }
      }
    }"""
    after = None
    seen: list[str] = []
    for _ in range(3):
        body = await answers_alike(compiled, resolvers, query, {"after": after})
        page = body["data"]["creators"]
        seen += [node["handle"] for node in page["nodes"]]
        after = page["pageInfo"]["endCursor"]
    assert seen == sorted(seen, reverse=True)
    assert len(set(seen)) == len(seen) == 6


async def test_a_search_and_the_staff_only_order_are_left_to_the_resolvers(
    compiled, resolvers, statements: StatementLog
):
    search = '{ creators(first: 2, filter: { search: "al" }) { totalCount } }'
    with statements.record():
        await answers_alike(compiled, resolvers, search)
    assert not any("hub_json" in statement for statement in statements.selects)
    staff_only = "{ creators(first: 2, orderBy: { field: BIRTH_YEAR }) { totalCount } }"
    body = await answers_alike(compiled, resolvers, staff_only)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_a_derived_field_correlated_to_its_row_is_computed_per_row(compiled, resolvers):
    # isCrossBorder counts one project's countries in a subquery correlated to its row:
    # compiled over a page, it once counted the whole page's countries instead.
    query = "{ projects(first: 50) { nodes { slug isCrossBorder } } }"
    body = await answers_alike(compiled, resolvers, query)
    flags = {node["isCrossBorder"] for node in body["data"]["projects"]["nodes"]}
    assert flags == {True, False}
