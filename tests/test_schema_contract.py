"""The published contract: the SDL file, its documentation, and example operations."""

from pathlib import Path

import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLObjectType,
    OperationType,
    parse,
    validate,
)

from hub.config import Settings
from hub.server.schema import build_schema
from tests.helpers import ADMIN, graphql

ROOT = Path(__file__).resolve().parent.parent
OPERATIONS = sorted((ROOT / "schema" / "operations").glob("*.graphql"))


def test_the_published_sdl_matches_the_live_schema():
    live = build_schema(Settings()).as_str().rstrip() + "\n"
    published = (ROOT / "schema" / "schema.graphql").read_text(encoding="utf-8")
    assert published == live, "schema/schema.graphql is stale: run `hub schema export`"


def _undocumented() -> list[str]:
    schema = build_schema(Settings())._schema
    missing = []
    for name, named_type in schema.type_map.items():
        if name.startswith("__") or name in {"String", "Int", "Float", "Boolean", "ID"}:
            continue
        if not named_type.description:
            missing.append(name)
        if isinstance(named_type, GraphQLEnumType):
            missing.extend(
                f"{name}.{value_name}"
                for value_name, value in named_type.values.items()
                if not value.description
            )
            continue
        if isinstance(
            named_type, GraphQLObjectType | GraphQLInterfaceType | GraphQLInputObjectType
        ):
            for field_name, field in named_type.fields.items():
                if not field.description:
                    missing.append(f"{name}.{field_name}")
                for arg_name, arg in getattr(field, "args", {}).items():
                    if not arg.description and arg_name not in {"input"}:
                        missing.append(f"{name}.{field_name}({arg_name})")
    return missing


def test_every_type_field_and_argument_is_described():
    assert _undocumented() == []


def test_there_are_example_operations():
    assert len(OPERATIONS) >= 5


@pytest.mark.parametrize("path", OPERATIONS, ids=lambda path: path.stem)
async def test_each_example_operation_runs_without_errors(client, path):
    document = path.read_text(encoding="utf-8")
    operation = parse(document).definitions[0]
    if operation.operation == OperationType.SUBSCRIPTION:
        # Served over WebSocket only (tests/funding/test_live.py runs them); here, it must
        # at least be valid against the schema.
        assert validate(build_schema(Settings())._schema, parse(document)) == []
        return
    is_mutation = operation.operation == OperationType.MUTATION
    body = await graphql(client, document, headers=ADMIN if is_mutation else None)
    assert "errors" not in body, body.get("errors")
    assert all(value is not None for value in body["data"].values()), body["data"]
