"""Relay connections over keyset pages, for lists that grow while people page them.

The same ``Connection`` type and arguments as ``hub.api.pagination``; only the cursors
differ: each holds its row's sort values, so a page starts where the last one ended
however many rows arrived meanwhile. The audit log pages this way.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import orjson
import strawberry
from sqlalchemy import ColumnElement, Select

from hub.api.context import Info
from hub.api.errors import HubError, RequestErrorCode
from hub.api.nodes import MappedType
from hub.api.pagination import Connection, Edge, PageInfo, Paginated, parse_window
from hub.core.keyset import (
    KeysetPage,
    KeysetWindow,
    SortKey,
    SortValue,
    fetch_keyset_page,
    sort_values,
)
from hub.core.paging import Window, count_of

_PREFIX = b"keyset:"


def encode_keyset_cursor(values: tuple[SortValue, ...]) -> str:
    return base64.urlsafe_b64encode(_PREFIX + orjson.dumps(values)).decode()


def decode_keyset_cursor(cursor: str, argument: str, width: int) -> tuple[SortValue, ...]:
    try:
        raw = base64.urlsafe_b64decode(cursor.encode())
        if not raw.startswith(_PREFIX):
            raise ValueError(cursor)
        values = orjson.loads(raw.removeprefix(_PREFIX))
        if not isinstance(values, list) or len(values) != width:
            raise ValueError(cursor)
        if not all(isinstance(v, int | str | float | bool) or v is None for v in values):
            raise ValueError(cursor)
    except (ValueError, binascii.Error, orjson.JSONDecodeError) as error:
        raise HubError(
            f"`{argument}` is not a cursor this list gave out.", RequestErrorCode.INVALID_CURSOR
        ) from error
    return tuple(values)


@dataclass(frozen=True)
class KeysetListing:
    """Rows of one mapped type's entity matching conditions, ordered by ``keys``
    (field, descending), the entity's key closing the order."""

    node_type: type[MappedType]
    conditions: tuple[ColumnElement[Any], ...] = ()
    keys: tuple[tuple[str, bool], ...] = ()

    def order(self, info: Info) -> list[SortKey]:
        entity = self.node_type.entity
        env = info.context.reader.env
        names = [name for name, _ in self.keys]
        pairs = (
            [*self.keys] if entity.key_field in names else [*self.keys, (entity.key_field, False)]
        )
        return [
            SortKey(name, entity.expression(name, env), descending) for name, descending in pairs
        ]

    async def connection(self, info: Info, cursors: KeysetCursors) -> Connection[Any]:
        entity = self.node_type.entity
        reader = info.context.reader
        order = self.order(info)
        window = cursors.window(len(order))
        statement: Select[Any] = entity.select(reader.env).where(*self.conditions)
        page: KeysetPage = await fetch_keyset_page(reader, statement, order, window)
        counted: list[int] = []

        async def count_total() -> int:
            if not counted:
                counted.append(int(await reader.scalar(count_of(statement))))
            return counted[0]

        edges = [
            Edge(
                cursor=encode_keyset_cursor(sort_values(order, row)),
                node=self.node_type.from_row(row),
            )
            for row in page.rows
        ]
        return Connection(
            edges=edges,
            nodes=[edge.node for edge in edges],
            page_info=PageInfo(
                has_next_page=page.has_next,
                has_previous_page=page.has_previous,
                start_cursor=edges[0].cursor if edges else None,
                end_cursor=edges[-1].cursor if edges else None,
            ),
            count_total=count_total,
        )


@dataclass(frozen=True)
class KeysetCursors:
    """Checked page sizes and the raw cursors, decoded once the order's width is known."""

    sizes: Window
    after: str | None
    before: str | None

    def window(self, width: int) -> KeysetWindow:
        return KeysetWindow(
            first=self.sizes.first,
            after=decode_keyset_cursor(self.after, "after", width) if self.after else None,
            last=self.sizes.last,
            before=decode_keyset_cursor(self.before, "before", width) if self.before else None,
        )


class KeysetPaginated(Paginated):
    """Relay's paging arguments over a ``KeysetListing``: cursors are sort values."""

    async def resolve_async(
        self,
        next_: Callable[..., Awaitable[Any]],
        source: Any,
        info: Any,
        *,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        **kwargs: Any,
    ) -> Connection[Any]:
        sizes = parse_window(info.context.settings, first, None, last, None)
        listing: KeysetListing = await next_(source, info, **kwargs)
        return await listing.connection(info, KeysetCursors(sizes, after, before))


def keyset_connection(graphql_type: Any, description: str) -> Any:
    """Declare a paged list field whose resolver returns a ``KeysetListing``."""
    return strawberry.field(
        graphql_type=graphql_type, description=description, extensions=[KeysetPaginated()]
    )
