"""Global IDs from clients: one decoder that checks the type, and one code for every bad ID.

A global ID is ``base64("Type:key")``. However an ID is wrong (not base64, empty, random
text, another type than the field expects, a key that is not an integer), the client gets
``INVALID_ID``: an error code for arguments, a userError code for mutation inputs. An ID
that is well formed but names no row is another matter (``NOT_FOUND`` or ``null``).
"""

from __future__ import annotations

import asyncio
from collections.abc import Collection, Sequence

from strawberry import relay
from strawberry.relay.types import GlobalIDValueError

from hub.api.context import Info
from hub.api.errors import HubError, RequestErrorCode
from hub.core.validation import FieldCode, Rejected
from hub.i18n.messages import _

MAX_KEY = 2**31 - 1
"""The largest key an ``INTEGER`` key column holds, on PostgreSQL as on SQLite."""


class InvalidId(ValueError):
    """A global ID this API never gave out for the place it was sent to."""

    def __init__(self, expected: str) -> None:
        super().__init__(f"not the id of {expected}")
        self.expected = expected


def parse(value: relay.GlobalID | str) -> relay.GlobalID:
    """The type name and node id inside ``value``; ``InvalidId`` when it is not base64."""
    if isinstance(value, relay.GlobalID):
        return value
    try:
        global_id = relay.GlobalID.from_id(value)
    except (GlobalIDValueError, TypeError) as error:
        raise InvalidId("an object") from error
    return global_id


def decode(value: relay.GlobalID | str, node_types: str | Collection[str]) -> int:
    """The integer key inside a global ID of one of ``node_types`` (of any type if none)."""
    expected = (node_types,) if isinstance(node_types, str) else tuple(node_types)
    global_id = parse(value)
    if not global_id.type_name or (expected and global_id.type_name not in expected):
        raise InvalidId(_describe(expected))
    return integer_key(global_id.node_id, _describe(expected))


def integer_key(node_id: str, expected: str = "an object") -> int:
    """An integer key as this API writes them: ASCII digits, no sign, spaces or underscores.

    Keys are ``INTEGER`` columns: a larger number names nothing, and PostgreSQL would
    refuse it as a query parameter instead of finding no row.
    """
    # The length first: ``int()`` of thousands of digits is slow, then refused.
    if not (node_id.isascii() and node_id.isdigit()) or len(node_id) > len(str(MAX_KEY)):
        raise InvalidId(expected)
    key = int(node_id)
    if key > MAX_KEY:
        raise InvalidId(expected)
    return key


def argument_key(value: relay.GlobalID | str, node_types: str | Collection[str], name: str) -> int:
    """``decode`` for a field argument: a bad ID is an ``INVALID_ID`` error naming it."""
    try:
        return decode(value, node_types)
    except InvalidId as invalid:
        raise invalid_id_error(name, invalid) from invalid


def optional_argument_key(
    value: relay.GlobalID | str | None, node_types: str | Collection[str], name: str
) -> int | None:
    return None if value is None else argument_key(value, node_types, name)


def any_type_argument_key(info: Info, value: relay.GlobalID | None, name: str) -> int | None:
    """``argument_key`` for an ID of any object type of the schema (a filter on any entity)."""
    if value is None:
        return None
    try:
        global_id = parse(value)
        if info.schema.get_type_by_name(global_id.type_name) is None:
            raise InvalidId("an object")
        return decode(global_id, global_id.type_name)
    except InvalidId as invalid:
        raise invalid_id_error(name, invalid) from invalid


def input_key(value: relay.GlobalID | str, node_type: str, path: str) -> int:
    """``decode`` for a mutation input: a bad ID is an ``INVALID_ID`` userError at ``path``."""
    try:
        return decode(value, node_type)
    except InvalidId as invalid:
        raise Rejected.one(
            path,
            FieldCode.INVALID_ID,
            _("`{name}` is not the id of a {type}.", name=path, type=node_type),
        ) from invalid


def invalid_id_error(name: str, invalid: InvalidId) -> HubError:
    return HubError(f"`{name}` is not the id of {invalid.expected}.", RequestErrorCode.INVALID_ID)


def node_key(info: Info, global_id: relay.GlobalID, name: str) -> object:
    """The key of a global ID of any ``Node`` type of the schema; ``INVALID_ID`` otherwise."""
    try:
        node_type = global_id.resolve_type(info)
        parse_key = getattr(node_type, "parse_key", None)
        return global_id.node_id if parse_key is None else parse_key(global_id.node_id)
    except (InvalidId, GlobalIDValueError) as error:
        invalid = error if isinstance(error, InvalidId) else InvalidId("an object")
        raise invalid_id_error(name, invalid) from error


async def find_nodes(
    info: Info, global_ids: Sequence[relay.GlobalID], name: str
) -> list[relay.Node | None]:
    """The objects global IDs of any type name, ``None`` for those naming nothing.

    Every ID is checked before any is looked up: a refusal must not leave lookups running
    on the request's session. The lookups go through each type's DataLoader, so they batch.
    """
    for global_id in global_ids:
        node_key(info, global_id, name)
    lookups = (global_id.resolve_node(info, required=False) for global_id in global_ids)
    nodes: list[relay.Node | None] = await asyncio.gather(*lookups)
    return nodes


def _describe(expected: tuple[str, ...]) -> str:
    if not expected:
        return "an object"
    return " or ".join(f"a {name}" for name in expected)
