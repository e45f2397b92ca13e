"""The query cost is a pure function of the document, the schema and the variables."""

import pytest
from graphql import OperationDefinitionNode, parse

from hub.config import Settings
from hub.server.limits.cost import (
    INTROSPECTION_COST,
    MUTATION_COST,
    PageSizes,
    _Costing,
    operation_cost,
)
from hub.server.schema import build_schema
from tests.counting import counting_calls

PAGES = PageSizes(default=20, maximum=100)
SCHEMA = build_schema(Settings())._schema


def cost(query: str, variables: dict | None = None, operation: str | None = None) -> int:
    document = parse(query)
    chosen = [
        d
        for d in document.definitions
        if isinstance(d, OperationDefinitionNode)
        and (operation is None or (d.name and d.name.value == operation))
    ]
    return operation_cost(SCHEMA, document, chosen[0], variables, PAGES)


def test_scalars_cost_nothing():
    assert cost("{ __typename }") == 0
    assert cost('{ country(code: "KZ") { code name cisStatus } }') == 1


def test_each_object_costs_one():
    assert cost('{ country(code: "KZ") { code names { value } } }') == 2


def test_a_connection_counts_each_item_of_its_page():
    assert cost("{ creators(first: 10) { totalCount nodes { handle } } }") == 1 + 10


def test_edges_count_the_edge_and_its_node():
    assert cost("{ creators(first: 10) { edges { cursor node { handle } } } }") == 1 + 10 * 2


def test_page_info_and_total_count_are_not_multiplied():
    query = "{ creators(first: 10) { totalCount pageInfo { hasNextPage } nodes { handle } } }"

    assert cost(query) == 1 + 1 + 10


def test_nested_connections_multiply():
    query = "{ creators(first: 10) { nodes { projects(first: 5) { nodes { slug } } } } }"

    assert cost(query) == 1 + 10 * (1 + (1 + 5 * 1))


def test_objects_below_each_item_are_multiplied_too():
    query = "{ creators(first: 10) { nodes { country { code } } } }"

    assert cost(query) == 1 + 10 * (1 + 1)


def test_last_counts_like_first():
    assert cost("{ creators(last: 7) { nodes { handle } } }") == 1 + 7


def test_a_connection_without_first_or_last_counts_the_default_page():
    assert cost("{ creators { nodes { handle } } }") == 1 + PAGES.default


def test_first_above_the_page_cap_counts_the_cap():
    """The field refuses such a page itself; no more than the cap can ever run."""
    assert cost("{ creators(first: 5000) { nodes { handle } } }") == 1 + PAGES.maximum


def test_first_from_a_variable_is_used():
    query = "query ($n: Int) { creators(first: $n) { nodes { handle } } }"

    assert cost(query, {"n": 3}) == 1 + 3
    assert cost(query, {"n": 90}) == 1 + 90


def test_first_from_a_variable_default_is_used_when_not_sent():
    query = "query ($n: Int = 4) { creators(first: $n) { nodes { handle } } }"

    assert cost(query) == 1 + 4
    assert cost(query, {"n": 8}) == 1 + 8


def test_first_from_a_missing_or_null_variable_counts_the_default_page():
    query = "query ($n: Int) { creators(first: $n) { nodes { handle } } }"

    assert cost(query) == 1 + PAGES.default
    assert cost(query, {"n": None}) == 1 + PAGES.default


def test_aliases_of_the_same_field_are_counted_separately():
    query = """{
      a: creators(first: 10) { nodes { handle } }
      b: creators(first: 10) { nodes { handle } }
      c: creators(first: 50) { nodes { handle } }
    }"""

    assert cost(query) == (1 + 10) + (1 + 10) + (1 + 50)


def test_fragments_are_counted_where_they_are_spread():
    query = """
    query { creators(first: 10) { nodes { ...Card } } }
    fragment Card on Creator { country { code } projects(first: 2) { nodes { slug } } }
    """

    assert cost(query) == 1 + 10 * (1 + 1 + (1 + 2))


def test_inline_fragments_are_counted():
    query = "{ creators(first: 10) { nodes { ... on Creator { country { code } } } } }"

    assert cost(query) == 1 + 10 * (1 + 1)


def test_on_a_union_only_the_dearest_member_counts():
    query = """{
      projects(first: 2) { nodes { participants(first: 3) { nodes { member {
        ... on Creator { country { code } }
        ... on Organisation { country { code } members(first: 4) { nodes { role } } }
      } } } } }
    }"""
    organisation = 1 + (1 + 4)
    member = 1 + organisation

    assert cost(query) == 1 + 2 * (1 + (1 + 3 * (1 + member)))


def test_nodes_by_id_counts_each_id():
    query = "query ($ids: [GlobalID!]!) { nodes(ids: $ids) { id } }"

    assert cost(query, {"ids": ["a", "b", "c"]}) == 3


def test_plain_lists_count_as_one_item():
    assert cost("{ creators(first: 1) { nodes { disciplines { level } } } }") == 1 + 1 * (1 + 1)


def test_a_mutation_costs_a_fixed_amount_on_top_of_its_payload():
    query = """
    mutation ($i: CreateCreatorInput!) {
      createCreator(input: $i) { creator { handle country { code } } userErrors { code } }
    }
    """
    payload = 1 + 1 + 1 + 1  # the payload, its creator, the creator's country, userErrors

    assert cost(query) == MUTATION_COST + payload


def test_introspection_costs_a_fixed_amount():
    assert cost("{ __schema { types { fields { type { ofType { name } } } } } }") == (
        INTROSPECTION_COST
    )


def test_the_chosen_operation_is_costed_not_the_others():
    query = """
    query Small { creators(first: 1) { nodes { handle } } }
    query Large { creators(first: 100) { nodes { handle } } }
    """

    assert cost(query, operation="Small") == 2
    assert cost(query, operation="Large") == 101


def test_unknown_fields_cost_nothing_so_validation_can_name_them():
    assert cost("{ noSuchField { deeper } creators(first: 2) { nodes { nope { x } } } }") == 3


def test_cyclic_fragments_do_not_loop():
    query = """
    query { creators(first: 1) { nodes { ...A } } }
    fragment A on Creator { country { code } ...B }
    fragment B on Creator { ...A }
    """

    assert cost(query) == 1 + 1 * (1 + 1)


def test_a_fragment_bomb_is_costed_in_linear_time():
    """Each fragment spreads the next one twice: 2**40 spreads if walked naively."""
    levels = 40
    fragments = "\n".join(
        f"fragment F{i} on Creator {{ ...F{i + 1} ...F{i + 1} }}" for i in range(levels)
    )
    query = f"""
    query {{ creators(first: 1) {{ nodes {{ ...F0 }} }} }}
    {fragments}
    fragment F{levels} on Creator {{ country {{ code }} }}
    """

    with counting_calls(_Costing, "_on") as walked:
        result = cost(query)

    assert result == 1 + 1 * (1 + 2**levels)
    # the operation, creators, nodes, each of the levels + 1 fragments once, and country
    assert walked.calls == 3 + (levels + 1) + 1


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("{ creators(first: 100) { nodes { handle } } }", 101),
        (
            "{ creators(first: 100) { nodes { projects(first: 100) { nodes { slug } } } } }",
            1 + 100 * (1 + 1 + 100),
        ),
        (
            """{ creators(first: 100) { nodes { projects(first: 100) { nodes {
                 participants(first: 100) { nodes { role } } } } } } }""",
            1 + 100 * (1 + 1 + 100 * (1 + 1 + 100)),
        ),
    ],
    ids=["one page", "100 x 100", "100 x 100 x 100"],
)
def test_full_pages_nested(query, expected):
    assert cost(query) == expected
