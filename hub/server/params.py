"""The parameters of a GraphQL request, read from a JSON body or a query string."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import orjson

PARAMETERS = ("query", "operationName", "variables", "extensions")


class MalformedRequest(ValueError):
    """The parameters cannot be a GraphQL request; the message says why."""


@dataclass(frozen=True)
class GraphQLParams:
    query: str | None  # None only with a persisted query's hash in ``extensions``
    operation_name: str | None
    variables: dict[str, Any] | None
    extensions: dict[str, Any] | None


def from_query_string(query_params: Mapping[str, str]) -> GraphQLParams:
    """GET: ``variables`` and ``extensions`` JSON-encoded; an empty ``operationName`` is none."""
    raw: dict[str, Any] = {key: query_params[key] for key in PARAMETERS if key in query_params}
    for key in ("variables", "extensions"):
        if key in raw:
            try:
                raw[key] = orjson.loads(raw[key])
            except orjson.JSONDecodeError as error:
                raise MalformedRequest(f"The `{key}` parameter must be JSON-encoded.") from error
    if raw.get("operationName") == "":
        raw["operationName"] = None
    return validated(raw)


def validated(raw: Mapping[str, Any]) -> GraphQLParams:
    for key in ("variables", "extensions"):
        if raw.get(key) is not None and not isinstance(raw[key], dict):
            raise MalformedRequest(f"The `{key}` parameter must be an object.")
    query = raw.get("query")
    extensions = raw.get("extensions")
    is_persisted = extensions is not None and "persistedQuery" in extensions
    if not isinstance(query, str) and not (query is None and is_persisted):
        raise MalformedRequest("The `query` parameter must be a string holding a document.")
    operation_name = raw.get("operationName")
    if operation_name is not None and not isinstance(operation_name, str):
        raise MalformedRequest("The `operationName` parameter must be a string.")
    return GraphQLParams(query, operation_name, raw.get("variables"), extensions)
