"""Request parameters of every shape: null means absent, a wrong type is a coded 400.

A ``null`` ``extensions.persistedQuery`` once reached an assertion and answered 500; the
parameters are now settled before anything runs, by POST and by GET alike.
"""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from hub.server.limits.documents import MemoryDocuments
from hub.server.limits.persisted import PersistedQueries, sha256_of
from hub.server.limits.refusal import Refused
from hub.server.params import MAX_NESTING, MalformedRequest, validated
from hub.server.schema import build_schema

QUERY = '{ country(code: "KZ") { code } }'
ACCEPT = {"Accept": "application/graphql-response+json"}


async def post(client: httpx.AsyncClient, body: dict[str, Any]) -> httpx.Response:
    return await client.post("/graphql", json=body, headers=ACCEPT)


async def get(client: httpx.AsyncClient, body: dict[str, Any]) -> httpx.Response:
    """GET with ``variables`` and ``extensions`` JSON-encoded; ``None`` values left out."""
    encoded = {
        key: json.dumps(value) if key in ("variables", "extensions") else value
        for key, value in body.items()
        if value is not None
    }
    return await client.get("/graphql", params=encoded, headers=ACCEPT)


SENDERS = {"POST": post, "GET": get}


def code_of(response: httpx.Response) -> str:
    code: str = response.json()["errors"][0]["extensions"]["code"]
    return code


@pytest.mark.parametrize("method", SENDERS)
@pytest.mark.parametrize(
    "extensions",
    [{"persistedQuery": None}, None, {}],
    ids=["persistedQuery null", "extensions null", "extensions empty"],
)
async def test_a_query_with_a_null_persisted_query_runs_as_an_ordinary_request(
    client, method, extensions
):
    response = await SENDERS[method](client, {"query": QUERY, "extensions": extensions})

    assert response.status_code == 200
    assert response.json()["data"] == {"country": {"code": "KZ"}}


@pytest.mark.parametrize("method", SENDERS)
@pytest.mark.parametrize(
    "extensions",
    [{"persistedQuery": None}, None, {}],
    ids=["persistedQuery null", "extensions null", "extensions empty"],
)
async def test_no_query_and_no_persisted_hash_is_a_coded_400_and_runs_nothing(
    client, statements, method, extensions
):
    with statements.record():
        response = await SENDERS[method](client, {"extensions": extensions})

    assert response.status_code == 400
    assert code_of(response) == "HTTP_400"
    assert "persistedQuery" in response.json()["errors"][0]["message"]
    assert statements.statements == []


@pytest.mark.parametrize("method", SENDERS)
@pytest.mark.parametrize(
    "persisted",
    [
        5,
        "x",
        True,
        [],
        {"version": True, "sha256Hash": sha256_of(QUERY)},
        {"version": 1.0, "sha256Hash": sha256_of(QUERY)},
        {"version": "1", "sha256Hash": sha256_of(QUERY)},
        {"version": 1, "sha256Hash": 5},
        {"version": 1, "sha256Hash": None},
    ],
    ids=[
        "number",
        "string",
        "boolean",
        "list",
        "version true",
        "version 1.0",
        "version string",
        "hash number",
        "hash null",
    ],
)
@pytest.mark.parametrize("with_query", [False, True], ids=["hash alone", "with its query"])
async def test_a_persisted_query_of_the_wrong_shape_is_persisted_query_invalid(
    client, method, persisted, with_query
):
    body = {"extensions": {"persistedQuery": persisted}, "query": QUERY if with_query else None}

    response = await SENDERS[method](client, body)

    assert response.status_code == 400
    assert code_of(response) == "PERSISTED_QUERY_INVALID"


WRONG_TYPES = [
    ({"query": 5}, "`query`"),
    ({"query": ["{ __typename }"]}, "`query`"),
    ({"query": {"text": "{ __typename }"}}, "`query`"),
    ({"query": "{ __typename }", "variables": [1]}, "`variables`"),
    ({"query": "{ __typename }", "variables": "{}"}, "`variables`"),
    ({"query": "{ __typename }", "variables": 5}, "`variables`"),
    ({"query": "{ __typename }", "extensions": "x"}, "`extensions`"),
    ({"query": "{ __typename }", "extensions": [{"persistedQuery": None}]}, "`extensions`"),
    ({"query": "{ __typename }", "operationName": 5}, "`operationName`"),
    ({"query": "{ __typename }", "operationName": ["A"]}, "`operationName`"),
    ({"query": "{ __typename }", "operationName": True}, "`operationName`"),
]


@pytest.mark.parametrize(("body", "named"), WRONG_TYPES, ids=[str(b) for b, _ in WRONG_TYPES])
async def test_a_parameter_of_the_wrong_type_is_a_coded_400_naming_it(client, body, named):
    response = await post(client, body)

    assert response.status_code == 400
    assert code_of(response) == "HTTP_400"
    assert named in response.json()["errors"][0]["message"]


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"query": "{ __typename }", "variables": "[1]"}, "`variables`"),
        ({"query": "{ __typename }", "variables": "5"}, "`variables`"),
        ({"query": "{ __typename }", "variables": "{not json"}, "`variables`"),
        ({"query": "{ __typename }", "extensions": '"x"'}, "`extensions`"),
        ({"query": "{ __typename }", "extensions": "{not json"}, "`extensions`"),
        ({"extensions": '{"persistedQuery": null}'}, "`query`"),
    ],
    ids=[
        "variables list",
        "variables number",
        "variables not JSON",
        "extensions string",
        "extensions not JSON",
        "persistedQuery null alone",
    ],
)
async def test_a_get_parameter_of_the_wrong_type_is_a_coded_400_naming_it(client, params, named):
    response = await client.get("/graphql", params=params, headers=ACCEPT)

    assert response.status_code == 400
    assert code_of(response) == "HTTP_400"
    assert named in response.json()["errors"][0]["message"]


def nested(depth: int) -> dict[str, Any]:
    """An object ``depth`` levels deep, alternating objects and lists."""
    value: Any = 1
    for level in range(depth - 1):
        value = [value] if level % 2 else {"a": value}
    return {"a": value}


@pytest.mark.parametrize("key", ["variables", "extensions"])
async def test_variables_nested_beyond_the_limit_are_a_coded_400(client, key):
    response = await post(client, {"query": "{ __typename }", key: nested(MAX_NESTING + 1)})

    assert response.status_code == 400
    assert code_of(response) == "HTTP_400"
    assert f"more than {MAX_NESTING} deep" in response.json()["errors"][0]["message"]


async def test_variables_nested_up_to_the_limit_are_accepted(client):
    response = await post(client, {"query": "{ __typename }", "variables": nested(MAX_NESTING)})

    assert response.status_code == 200
    assert response.json()["data"] == {"__typename": "Query"}


def test_nesting_is_measured_without_recursion_so_any_depth_is_refused_cleanly():
    value: Any = 1
    for _ in range(100_000):
        value = [value]

    with pytest.raises(MalformedRequest, match="nests"):
        validated({"query": "{ __typename }", "variables": {"a": value}})


def _input_depth(type_: Any, seen: frozenset[str]) -> int:
    from graphql import GraphQLInputObjectType, GraphQLList, get_nullable_type

    type_ = get_nullable_type(type_)
    if isinstance(type_, GraphQLList):
        return 1 + _input_depth(type_.of_type, seen)
    if isinstance(type_, GraphQLInputObjectType):
        assert type_.name not in seen, f"{type_.name} holds itself: its depth has no bound"
        fields = type_.fields.values()
        return 1 + max((_input_depth(f.type, seen | {type_.name}) for f in fields), default=0)
    return 0


def test_the_nesting_limit_admits_every_input_the_schema_has(settings):
    schema = build_schema(settings)._schema
    roots = [schema.query_type, schema.mutation_type]
    deepest = max(
        _input_depth(argument.type, frozenset())
        for root in roots
        if root is not None
        for field in root.fields.values()
        for argument in field.args.values()
    )

    # One more level for the variables object itself.
    assert deepest + 1 <= MAX_NESTING


async def test_resolving_without_query_or_hash_is_a_refusal_not_an_assertion():
    persisted = PersistedQueries(MemoryDocuments(), {}, trusted_only=False)

    with pytest.raises(Refused) as refused:
        await persisted.resolve(None, {"persistedQuery": None})

    assert refused.value.code == "PERSISTED_QUERY_INVALID"
