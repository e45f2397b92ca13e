"""Depth, aliases and tokens are measured from the document alone."""

from graphql import Lexer, OperationDefinitionNode, parse

from hub.server.limits.shape import Shape, _Measure, count_tokens, fragments_of, shape_of
from tests.counting import counting_calls
from tests.limits import GRAPHIQL_INTROSPECTION


def shape(query: str) -> Shape:
    document = parse(query)
    [operation] = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    return shape_of(operation, fragments_of(document))


def test_depth_counts_field_levels():
    assert shape("{ __typename }").depth == 1
    assert shape("{ creators { nodes { handle } } }").depth == 3


def test_depth_is_the_deepest_branch():
    assert shape("{ a { b } c { d { e { f } } } }").depth == 4


def test_depth_follows_fragments_and_inline_fragments():
    query = """
    query { a { ...F } }
    fragment F on T { b { ... on U { c { d } } } }
    """

    assert shape(query).depth == 4


def test_introspection_roots_count_as_one_level():
    assert shape(GRAPHIQL_INTROSPECTION).depth == 1


def test_aliases_are_counted_wherever_they_are():
    query = """
    query { one: a { two: b } ...F ...F }
    fragment F on Query { three: c }
    """

    assert shape(query).aliases == 2 + 2


def test_cyclic_fragments_do_not_loop():
    query = """
    query { ...A }
    fragment A on Query { x: a { b } ...B }
    fragment B on Query { ...A }
    """

    assert shape(query) == Shape(depth=2, aliases=1)


def test_a_fragment_bomb_is_measured_in_linear_time():
    levels = 40
    fragments = "\n".join(
        f"fragment F{i} on Q {{ ...F{i + 1} ...F{i + 1} }}" for i in range(levels)
    )
    query = f"query {{ ...F0 }}\n{fragments}\nfragment F{levels} on Q {{ a: x }}"

    with counting_calls(_Measure, "selections") as walked:
        measured = shape(query)

    assert measured == Shape(depth=1, aliases=2**levels)
    # the operation, each of the levels + 1 fragments once, and the leaf field a: x
    assert walked.calls == 1 + (levels + 1) + 1


def test_tokens_are_counted_without_comments():
    assert count_tokens("{ a b(c: 1) }", 100) == 9
    assert count_tokens("# a comment\n{ a }", 100) == 3


def test_token_counting_stops_just_past_the_limit():
    huge = "{ " + "a " * 1_000_000 + "}"

    with counting_calls(Lexer, "advance") as lexed:
        counted = count_tokens(huge, 50)

    assert counted == 51
    assert lexed.calls == 51


def test_the_introspection_query_of_graphiql_fits_the_default_token_limit():
    assert count_tokens(GRAPHIQL_INTROSPECTION, 2_000) < 2_000
