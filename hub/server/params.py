"""The parameters of a GraphQL request, read from a JSON body or a query string.

Whatever a client sends, the parameters either come out well-typed or the request is
refused here as ``MalformedRequest`` (400, ``HTTP_400``): nothing later has to guess.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote_to_bytes

import orjson

PARAMETERS = ("query", "operationName", "variables", "extensions")
# How deep objects and lists may nest in `variables` and `extensions`. The schema's
# deepest input is four levels (the variables object, an input, a list, an input), and
# code walking the values recursively must never come near Python's recursion limit.
MAX_NESTING = 32


class MalformedRequest(ValueError):
    """The parameters cannot be a GraphQL request; the message says why."""


@dataclass(frozen=True)
class GraphQLParams:
    query: str | None  # None only with a persisted query's hash in ``extensions``
    operation_name: str | None
    variables: dict[str, Any] | None
    extensions: dict[str, Any] | None


def from_query_string(query_string: bytes) -> GraphQLParams:
    """GET: ``variables`` and ``extensions`` JSON-encoded; an empty ``operationName`` is none."""
    raw: dict[str, Any] = {
        key: value for key, value in query_parameters(query_string).items() if key in PARAMETERS
    }
    for key in ("variables", "extensions"):
        if key in raw:
            try:
                raw[key] = orjson.loads(raw[key])
            except orjson.JSONDecodeError as error:
                raise MalformedRequest(f"The `{key}` parameter must be JSON-encoded.") from error
    if raw.get("operationName") == "":
        raw["operationName"] = None
    return validated(raw)


def query_parameters(query_string: bytes) -> dict[str, str]:
    """The parameters of a URL's query string (the last of a repeated one), decoded strictly.

    Starlette's parser replaces bytes that are not UTF-8 with U+FFFD, so a garbled value
    would run as if it had been sent; here it is refused instead.
    """
    parameters: dict[str, str] = {}
    for pair in query_string.split(b"&"):
        if not pair:
            continue
        name, _, value = pair.partition(b"=")
        try:
            parameters[_decoded(name)] = _decoded(value)
        except UnicodeDecodeError as error:
            raise MalformedRequest("The query string is not UTF-8 once percent-decoded.") from error
    return parameters


def _decoded(component: bytes) -> str:
    return unquote_to_bytes(component.replace(b"+", b" ")).decode("utf-8")


def validated(raw: Mapping[str, Any]) -> GraphQLParams:
    """The parameters, once each has the type the protocol gives it.

    A ``null`` parameter is an absent one, ``extensions.persistedQuery`` included: with a
    query it is an ordinary request, and without one there is nothing to run.
    """
    for key in ("variables", "extensions"):
        value = raw.get(key)
        if value is None:
            continue
        if not isinstance(value, dict):
            raise MalformedRequest(f"The `{key}` parameter must be an object.")
        if _nests_deeper_than(value, MAX_NESTING):
            raise MalformedRequest(
                f"The `{key}` parameter nests objects and lists more than {MAX_NESTING} deep."
            )
    query = raw.get("query")
    extensions = raw.get("extensions")
    is_persisted = extensions is not None and extensions.get("persistedQuery") is not None
    if query is None and not is_persisted:
        raise MalformedRequest(
            "Send the document in `query`, or a persisted query's hash in "
            "`extensions.persistedQuery`."
        )
    if query is not None and not isinstance(query, str):
        raise MalformedRequest("The `query` parameter must be a string holding a document.")
    operation_name = raw.get("operationName")
    if operation_name is not None and not isinstance(operation_name, str):
        raise MalformedRequest("The `operationName` parameter must be a string.")
    return GraphQLParams(query, operation_name, raw.get("variables"), extensions)


def _nests_deeper_than(value: object, limit: int) -> bool:
    """Whether objects and lists in ``value`` nest more than ``limit`` levels deep.

    Level by level, without recursion, so the check itself cannot overflow the stack.
    """
    level = [value]
    for _depth in range(limit):
        level = [child for item in level for child in _children(item) if _is_container(child)]
        if not level:
            return False
    return True


def _is_container(value: object) -> bool:
    return isinstance(value, dict | list)


def _children(value: object) -> list[object]:
    if isinstance(value, dict):
        return list(value.values())
    if isinstance(value, list):
        return value
    return []
