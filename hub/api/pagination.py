"""Relay cursor connections backed by SQL: the ``Connection`` type and its arguments.

A list field's resolver returns a *listing* (what to list, in which order); the
``Paginated`` extension adds ``first/after/last/before``, validates them, and asks the
listing for one page. Cursors are opaque; inside they are row offsets.
"""

from __future__ import annotations

import base64
import binascii
import enum
from collections.abc import Awaitable, Callable, Hashable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

import strawberry
from sqlalchemy import ColumnElement
from strawberry.annotation import StrawberryAnnotation
from strawberry.extensions import FieldExtension
from strawberry.types.arguments import StrawberryArgument
from strawberry.types.field import StrawberryField

from hub.api.context import Info
from hub.api.errors import HubError, RequestErrorCode
from hub.api.nodes import MappedType
from hub.config import Settings
from hub.core.mapping import AnySelect, ToMany
from hub.core.paging import Page, Window, count_of, fetch_page

NodeT = TypeVar("NodeT")

_CURSOR_PREFIX = "cursor:"


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"{_CURSOR_PREFIX}{offset}".encode()).decode()


def decode_cursor(cursor: str, argument: str) -> int:
    try:
        text = base64.urlsafe_b64decode(cursor.encode()).decode()
        if not text.startswith(_CURSOR_PREFIX):
            raise ValueError(text)
        offset = int(text.removeprefix(_CURSOR_PREFIX))
        if offset < 0:
            raise ValueError(text)
    except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
        raise HubError(
            f"`{argument}` is not a cursor this list gave out.", RequestErrorCode.INVALID_CURSOR
        ) from exc
    return offset


@strawberry.type(description="Where a page sits in its list, for moving to the next one.")
class PageInfo:
    has_next_page: bool = strawberry.field(description="More items follow this page.")
    has_previous_page: bool = strawberry.field(description="Items come before this page.")
    start_cursor: str | None = strawberry.field(description="Cursor of the first item.")
    end_cursor: str | None = strawberry.field(description="Cursor of the last item.")


@strawberry.type(description="An item in a list, with the cursor that points at it.")
class Edge(Generic[NodeT]):
    cursor: str = strawberry.field(description="Pass as `after` or `before` to page from here.")
    node: NodeT = strawberry.field(description="The item.")


@strawberry.type(description="One page of a list, with cursors to move through the rest.")
class Connection(Generic[NodeT]):
    edges: list[Edge[NodeT]] = strawberry.field(description="The items, each with its cursor.")
    nodes: list[NodeT] = strawberry.field(
        description="The items alone, for when cursors are not needed."
    )
    page_info: PageInfo = strawberry.field(description="How to reach the pages around this one.")
    count_total: strawberry.Private[Callable[[], Awaitable[int]]]

    @strawberry.field(description="How many items the whole list has, across all pages.")
    async def total_count(self) -> int:
        return await self.count_total()

    @classmethod
    def from_page(
        cls,
        node_type: type[MappedType],
        page: Page,
        count_total: Callable[[], Awaitable[int]],
    ) -> Connection[Any]:
        return cls.from_nodes([node_type.from_row(row) for row in page.rows], page, count_total)

    @classmethod
    def from_nodes(
        cls, nodes: list[Any], page: Page, count_total: Callable[[], Awaitable[int]]
    ) -> Connection[Any]:
        """A connection of objects made from a page's rows (one node per row, in order)."""
        edges = [
            Edge(cursor=encode_cursor(page.start + index), node=node)
            for index, node in enumerate(nodes)
        ]
        return cls(
            edges=edges,
            nodes=nodes,
            page_info=PageInfo(
                has_next_page=page.has_next,
                has_previous_page=page.has_previous,
                start_cursor=edges[0].cursor if edges else None,
                end_cursor=edges[-1].cursor if edges else None,
            ),
            count_total=count_total,
        )


@dataclass(frozen=True)
class QueryListing:
    """A top-level list: rows of one entity matching conditions, in an order.

    ``leading_order`` goes before the named ordering, for orders no name stands for
    (a search's relevance); the named or default ordering and the key still follow.
    """

    node_type: type[MappedType]
    conditions: tuple[ColumnElement[Any], ...] = ()
    ordering: tuple[tuple[str, bool], ...] = ()
    leading_order: tuple[ColumnElement[Any], ...] = ()

    async def connection(self, info: Info, window: Window) -> Connection[Any]:
        entity = self.node_type.entity
        reader = info.context.reader
        statement: AnySelect = (
            entity.select(reader.env)
            .where(*self.conditions)
            .order_by(*self.leading_order, *entity.order_by(self.ordering))
        )
        page = await fetch_page(reader, statement, window)
        known_total = page.total
        counted: list[int] = []

        async def count_total() -> int:
            if known_total is not None:
                return known_total
            if not counted:
                counted.append(int(await reader.scalar(count_of(statement))))
            return counted[0]

        return Connection.from_page(self.node_type, page, count_total)


@dataclass(frozen=True)
class RelatedListing:
    """The items related to one parent, loaded for all parents of a page together."""

    relation: ToMany
    parent: Hashable
    node_type: type[MappedType]

    async def connection(self, info: Info, window: Window) -> Connection[Any]:
        page = await info.context.loaders.pages(self.relation).load((self.parent, window))
        total = page.total

        async def count_total() -> int:
            assert total is not None
            return total

        return Connection.from_page(self.node_type, page, count_total)


class Listing(Protocol):
    """What a list field's resolver returns: something that can give one page of itself."""

    async def connection(self, info: Info, window: Window) -> Connection[Any]: ...


def _argument(name: str, annotation: object, description: str) -> StrawberryArgument:
    return StrawberryArgument(
        python_name=name,
        graphql_name=None,
        type_annotation=StrawberryAnnotation(annotation),
        description=description,
        default=None,
    )


class Paginated(FieldExtension):
    """Adds Relay's paging arguments to a field and pages the listing it returns."""

    def apply(self, field: StrawberryField) -> None:
        field.arguments = [
            *field.arguments,
            _argument("first", int | None, "Return at most this many items from the start."),
            _argument("after", str | None, "Start after the item with this cursor."),
            _argument("last", int | None, "Return at most this many items from the end."),
            _argument("before", str | None, "End before the item with this cursor."),
        ]

    async def resolve_async(
        self,
        next_: Callable[..., Awaitable[Listing]],
        source: object,
        info: Info,
        *,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        **kwargs: Any,
    ) -> Connection[Any]:
        window = parse_window(info.context.settings, first, after, last, before)
        listing = await next_(source, info, **kwargs)
        return await listing.connection(info, window)


def parse_window(
    settings: Settings, first: int | None, after: str | None, last: int | None, before: str | None
) -> Window:
    """Check the paging arguments against the page-size cap and decode the cursors."""
    if first is not None and last is not None:
        raise HubError("Pass `first` or `last`, not both.", RequestErrorCode.BAD_USER_INPUT)
    for name, value in (("first", first), ("last", last)):
        if value is not None and value < 0:
            raise HubError(f"`{name}` cannot be negative.", RequestErrorCode.BAD_USER_INPUT)
        if value is not None and value > settings.max_page_size:
            raise HubError(
                f"`{name}` is {value}; at most {settings.max_page_size} items fit in one page.",
                RequestErrorCode.PAGE_SIZE_TOO_LARGE,
            )
    if first is None and last is None:
        first = settings.default_page_size
    return Window(
        first=first,
        after=decode_cursor(after, "after") if after is not None else None,
        last=last,
        before=decode_cursor(before, "before") if before is not None else None,
    )


def connection(
    graphql_type: object, description: str, metadata: Mapping[str, object] | None = None
) -> Callable[[Callable[..., Listing]], StrawberryField]:
    """Declare a paged list field of ``graphql_type``; its resolver returns a ``Listing``.

    ``metadata`` may declare what it lists for the compiled read path (``LISTS_ALL``).
    """

    def declare(resolver: Callable[..., Listing]) -> StrawberryField:
        return strawberry.field(
            resolver,
            graphql_type=graphql_type,
            description=description,
            extensions=[Paginated()],
            metadata=dict(metadata or {}),
        )

    return declare


class OrderInput(Protocol):
    """An ``orderBy`` input: what to sort by, and which way."""

    @property
    def field(self) -> enum.Enum: ...

    @property
    def direction(self) -> enum.Enum: ...


def ordering(order_by: OrderInput | None) -> tuple[tuple[str, bool], ...]:
    """Turn an ``orderBy`` input (``field`` and ``direction``) into mapping ordering pairs."""
    if order_by is None:
        return ()
    return ((order_by.field.value, order_by.direction.value == "DESC"),)
