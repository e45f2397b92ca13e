"""The compiled path answers exactly as the resolver tree does: data, errors and cost.

Every example operation, and a corpus of random selections generated over the served
schema from its root lookups and lists (aliases, fragments, ``@skip``/``@include`` with
variables, page sizes and cursors, good and bad), runs through both paths over the same
demo data. The walk reads the schema, not a list of types, so a newly mapped type is
covered the day it is served.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLScalarType,
    GraphQLSchema,
    GraphQLUnionType,
    OperationDefinitionNode,
    OperationType,
    parse,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.workloads import global_id
from hub.api.pagination import encode_cursor
from hub.config import Settings
from hub.server.schema import build_schema
from tests.compiled.comparing import answers_alike
from tests.helpers import graphql

ROOT = Path(__file__).resolve().parents[2]
OPERATIONS = {
    path.stem: path.read_text()
    for path in sorted((ROOT / "schema" / "operations").glob("*.graphql"))
}
SERVED: GraphQLSchema = build_schema(Settings())._schema
READS = sorted(
    name
    for name, document in OPERATIONS.items()
    if all(
        definition.operation == OperationType.QUERY
        for definition in parse(document).definitions
        if isinstance(definition, OperationDefinitionNode)
    )
)
"""The example operations that only read: mutations and subscriptions never compile."""

MAX_EXAMPLES = 60
"""Per database; derandomized so the gate is stable (raise it locally to explore)."""
MAX_DEPTH = 4

PAGING = ("first", "after", "last", "before")
ROOTS = {
    "creator": "handle",
    "project": "slug",
    "organisation": "slug",
    "country": "code",
    "discipline": "slug",
    "sector": "slug",
}
LISTS = ["creators", "projects", "organisations", "countries", "disciplines", "sectors"]
NARROWING = {
    "creators": [
        "filter: { youngTalent: true }",
        'filter: { countries: ["KZ", "uz"], openToCollaboration: true }',
        'filter: { languages: ["ru"], disciplines: ["animation"] }',
        "filter: { isMentor: false }",
        "orderBy: { field: DISPLAY_NAME, direction: DESC }",
        "orderBy: { field: CREATED_AT }",
        'orderBy: { field: HANDLE }, filter: { countries: ["KZ"] }',
        'filter: { search: "al" }',
        'filter: { search: "  " }',
    ],
    "projects": [
        "filter: { crossBorder: true, hasOpenRoles: true }",
        "filter: { statuses: [IN_PROGRESS, SEEKING_PARTNERS] }",
        'filter: { countries: ["KZ"] }, orderBy: { field: START_DATE, direction: DESC }',
        "orderBy: { field: SLUG }",
        "orderBy: { field: CREATED_AT, direction: DESC }",
    ],
    "organisations": [
        "filter: { isAssociationMember: true }",
        'filter: { countries: ["UZ", "KZ"] }, orderBy: { field: FOUNDED_YEAR }',
        "orderBy: { field: NAME, direction: DESC }",
    ],
    "countries": [
        "filter: { cisStatuses: [MEMBER] }",
        "orderBy: { field: CODE, direction: DESC }",
        "filter: { cisStatuses: [MEMBER, OBSERVER] }, orderBy: { field: NAME }",
    ],
    "disciplines": ['filter: { sectors: ["film"] }', "filter: { sectors: [] }"],
    "sectors": [],
}
"""Filters and orders of the root lists, each compiled or left to the resolver tree."""
KEYS_QUERY = """{
  creators(first: 3) { nodes { id handle } }
  projects(first: 3) { nodes { id slug } }
  organisations(first: 3) { nodes { id slug } }
  countries(first: 3) { nodes { id code } }
  disciplines(first: 3) { nodes { id slug } }
  sectors(first: 3) { nodes { id slug } }
}"""


@pytest.mark.parametrize("name", READS)
async def test_every_example_read_answers_alike(compiled, resolvers, name: str):
    await answers_alike(compiled, resolvers, OPERATIONS[name], {})


def test_the_example_reads_are_most_of_the_examples():
    assert len(READS) > len(OPERATIONS) / 2


def _named(graphql_type: GraphQLOutputType) -> Any:
    while isinstance(graphql_type, GraphQLNonNull | GraphQLList):
        graphql_type = graphql_type.of_type
    return graphql_type


def _is_connection(field: GraphQLField) -> bool:
    return all(argument in field.args for argument in PAGING)


@st.composite
def _paging(draw: st.DrawFn, *, refusable: bool) -> str:
    """Paging arguments; ``refusable`` ones may be over the cap, negative or bad cursors.

    Only a root field is sent refusable ones: when a nested list is refused, graphql-core
    cancels its siblings' statements mid-flight, which spoils the test's shared transaction.
    """
    good_sizes = [None, 0, 1, 2, 3, 5]
    sizes = st.sampled_from([*good_sizes, 101, -1] if refusable else good_sizes)
    good_cursors = [None, encode_cursor(0), encode_cursor(1), encode_cursor(7)]
    cursors = st.sampled_from([*good_cursors, "nope"] if refusable else good_cursors)
    first = draw(sizes)
    values = {
        "first": first,
        "after": draw(cursors),
        "last": draw(sizes) if draw(st.booleans()) and (refusable or first is None) else None,
        "before": draw(cursors) if draw(st.booleans()) else None,
    }
    arguments = [
        f"{name}: {value if isinstance(value, int) else f'{chr(34)}{value}{chr(34)}'}"
        for name, value in values.items()
        if value is not None
    ]
    return f"({', '.join(arguments)})" if arguments else ""


@st.composite
def _selection(draw: st.DrawFn, graphql_type: GraphQLObjectType, depth: int) -> str:
    """A random selection on an object type: fields, aliases, fragments, directives."""
    candidates = [
        (name, field)
        for name, field in sorted(graphql_type.fields.items())
        if not any(isinstance(arg.type, GraphQLNonNull) for arg in field.args.values())
        and (depth < MAX_DEPTH or not isinstance(_named(field.type), GraphQLObjectType))
    ]
    chosen = draw(
        st.lists(
            st.sampled_from(candidates), min_size=1, max_size=5, unique_by=lambda pair: pair[0]
        )
    )
    parts: list[str] = []
    for number, (name, field) in enumerate(chosen):
        text = name
        if _is_connection(field):
            text += draw(_paging(refusable=False))
        elif "language" in field.args:
            language = draw(st.sampled_from([None, "ru", "KK", "xx"]))
            text += f'(language: "{language}")' if language else ""
        named = _named(field.type)
        if isinstance(named, GraphQLUnionType):
            members = draw(st.lists(st.sampled_from(named.types), unique_by=lambda t: t.name))
            inner = ["__typename"] if draw(st.booleans()) or not members else []
            inner += [
                f"... on {member.name} {{ {draw(_selection(member, depth + 1))} }}"
                for member in members
            ]
            text += " { " + " ".join(inner) + " }"
        elif isinstance(named, GraphQLObjectType):
            text += " { " + draw(_selection(named, depth + 1)) + " }"
        elif not isinstance(named, GraphQLScalarType | GraphQLEnumType):
            text += " { __typename }"
        if draw(st.booleans()):
            text = f"a{depth}x{number}: {text}"
        directive = draw(st.sampled_from(["", "", "", " @skip(if: $flag)", " @include(if: $flag)"]))
        if directive:
            head, brace, rest = text.partition(" {")
            text = head + directive + brace + rest
        parts.append(text)
    if draw(st.booleans()):
        parts.append("__typename")
    if draw(st.booleans()) and len(parts) > 1:
        parts = [parts[0], f"... on {graphql_type.name} {{ {' '.join(parts[1:])} }}"]
    return " ".join(parts)


@st.composite
def _root_field(
    draw: st.DrawFn,
    keys: dict[str, list[dict[str, str]]],
    number: int,
    variables: dict[str, Any],
    declared: list[str],
    *,
    refusable: bool,
) -> str:
    """One root field the compiler may answer: a lookup, a page of a list, a node."""
    query_type = SERVED.query_type
    assert query_type is not None
    kind = draw(st.sampled_from(["lookup", "list", "node", "nodes"]))
    if kind == "list":
        name = draw(st.sampled_from(LISTS))
        field = query_type.fields[name]
        node_type = _named(_named(field.type).fields["nodes"].type)
        head = f"{name}{draw(_paging(refusable=refusable))}"
        narrowing = draw(st.sampled_from(["", *NARROWING[name]]))
        if narrowing:
            head = f"{head[:-1]}, {narrowing})" if head.endswith(")") else f"{head}({narrowing})"
        parts = {
            "totalCount": "totalCount",
            "pageInfo": "pageInfo { hasNextPage hasPreviousPage startCursor endCursor }",
            "edges": f"edges {{ cursor node {{ {draw(_selection(node_type, 2))} }} }}",
            "nodes": f"nodes {{ {draw(_selection(node_type, 2))} }}",
        }
        chosen = draw(st.lists(st.sampled_from(sorted(parts)), min_size=1, unique=True))
        body = " ".join(parts[name] for name in chosen)
    elif kind == "lookup":
        name = draw(st.sampled_from(sorted(ROOTS)))
        argument = ROOTS[name]
        rows = keys[name + "s" if name != "country" else "countries"]
        value = draw(st.sampled_from([*(row[argument] for row in rows), "no-such-key"]))
        variables[f"k{number}"] = value
        scalar = "CountryCode" if name == "country" else "String"
        declared.append(f"$k{number}: {scalar}!")
        head = f"{name}({argument}: $k{number})"
        body = draw(_selection(_named(query_type.fields[name].type), 1))
    elif kind == "nodes":
        every = [row["id"] for rows in keys.values() for row in rows]
        bad = ["bm9wZTox", "%%%"] if refusable else []
        missing = global_id("Creator", 987654)
        ids = draw(st.lists(st.sampled_from([*every, missing, *bad]), max_size=4))
        variables[f"k{number}"] = ids
        declared.append(f"$k{number}: [ID!]!")
        type_name = draw(st.sampled_from(["Creator", "Project", "Country", "Organisation"]))
        inner = draw(_selection(SERVED.get_type(type_name), 1))
        head = f"nodes(ids: $k{number})"
        body = f"__typename ... on {type_name} {{ {inner} }}"
    else:
        every = [row["id"] for rows in keys.values() for row in rows]
        variables[f"k{number}"] = draw(st.sampled_from([*every, "bm9wZTox", "%%%"]))
        declared.append(f"$k{number}: ID!")
        type_name = draw(st.sampled_from(["Creator", "Project", "Country", "Sector"]))
        inner = draw(_selection(SERVED.get_type(type_name), 1))
        head = f"node(id: $k{number})"
        body = f"__typename id ... on {type_name} {{ {inner} }}"
    alias = f"r{number}: " if draw(st.booleans()) or number else ""
    return f"{alias}{head} {{ {body} }}"


FALLBACK_ROOTS = [
    "__typename",
    "me { id }",
    "rateLimit { limit cost }",
    "pairs: countryCollaboration(fromYear: 2020) { projectCount countries { code } }",
    'searched: creators(first: 2, filter: { search: "ал" }) { totalCount nodes { handle } }',
]
"""Root fields the resolver tree answers, to mix with compiled ones."""


def _operation(selection: str, variables: dict[str, Any], declared: list[str]) -> str:
    if "$flag" not in selection:
        declared.remove("$flag: Boolean!")
        del variables["flag"]
    heading = f"({', '.join(declared)})" if declared else ""
    return f"query Generated{heading} {{ {selection} }}"


@st.composite
def operations(
    draw: st.DrawFn, keys: dict[str, list[dict[str, str]]]
) -> tuple[str, dict[str, Any]]:
    # One root field per operation: when a root field is refused, graphql-core cancels
    # its siblings mid-query, which leaves the test's shared transaction unusable.
    # Several root fields in one operation are generated by ``mixed_operations``.
    variables: dict[str, Any] = {"flag": draw(st.booleans())}
    declared = ["$flag: Boolean!"]
    selection = draw(_root_field(keys, 0, variables, declared, refusable=True))
    return _operation(selection, variables, declared), variables


@st.composite
def mixed_operations(
    draw: st.DrawFn, keys: dict[str, list[dict[str, str]]]
) -> tuple[str, dict[str, Any]]:
    """Several root fields, some compiled and some not, in any order, some inside inline
    or named fragments on Query; paging is never refused (see ``operations``)."""
    variables: dict[str, Any] = {"flag": draw(st.booleans())}
    declared = ["$flag: Boolean!"]
    roots: list[str] = []
    for number in range(draw(st.integers(min_value=2, max_value=4))):
        if draw(st.booleans()):
            roots.append(draw(_root_field(keys, number, variables, declared, refusable=False)))
        else:
            roots.append(draw(st.sampled_from(FALLBACK_ROOTS)))
    roots = list(dict.fromkeys(roots))
    fragments = ""
    wrapping = draw(st.sampled_from(["", "inline", "named"]))
    if wrapping and len(roots) > 1:
        inner = " ".join(roots[1:])
        if wrapping == "inline":
            roots = [roots[0], f"... on Query {{ {inner} }}"]
        else:
            roots = [roots[0], "...Rest"]
            fragments = f" fragment Rest on Query {{ {inner} }}"
    return _operation(" ".join(roots), variables, declared) + fragments, variables


@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
async def test_random_selections_answer_alike(compiled, resolvers, data):
    keys_body = await graphql(resolvers, KEYS_QUERY)
    keys = {name: found["nodes"] for name, found in keys_body["data"].items()}
    query, variables = data.draw(operations(keys), label="operation")
    await answers_alike(compiled, resolvers, query, variables)


@settings(
    max_examples=MAX_EXAMPLES // 2,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
async def test_random_mixed_operations_answer_alike(compiled, resolvers, data):
    keys_body = await graphql(resolvers, KEYS_QUERY)
    keys = {name: found["nodes"] for name, found in keys_body["data"].items()}
    query, variables = data.draw(mixed_operations(keys), label="operation")
    await answers_alike(compiled, resolvers, query, variables)
