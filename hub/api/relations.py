"""Fields that follow a mapped relation, declared once on the GraphQL type.

``country = follows(CREATOR.relations.country, CountryRef, "Country they are based in.")``
binds the field to the relation: the resolver is derived from it, and the binding
(``hub.api.binding``) records it, so that loaders, the agreement test and a future
query compiler all read the same declaration.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass
from functools import cached_property
from typing import Any, TypeVar

import strawberry
from sqlalchemy import ColumnElement
from strawberry.types.field import StrawberryField

from hub.api.context import Info
from hub.api.loaders import NOT_LOADED
from hub.api.nodes import MappedType, mapped_class
from hub.api.pagination import Paginated, RelatedListing
from hub.core.mapping import Relation, ToMany, ToOne
from hub.core.paging import Window

T = TypeVar("T", bound=MappedType)

FOLLOWS = "hub.follows"
"""The key of a field's metadata that holds the relation it follows."""


@dataclass(frozen=True, eq=False)
class Follows:
    """A GraphQL field's binding to a relation of its type's entity."""

    relation: Relation
    graphql_type: object
    guarded: bool = False
    """Only some callers may follow it (``follows_pages``' ``check``)."""

    @cached_property
    def node_type(self) -> type[MappedType]:
        """The mapped type of the objects the field returns (resolved on first use)."""
        return mapped_class(self.graphql_type)


def _field(
    follows: Follows, resolver: Callable[..., object], description: str, **options: Any
) -> StrawberryField:
    return strawberry.field(
        resolver,
        graphql_type=follows.graphql_type,
        description=description,
        metadata={FOLLOWS: follows},
        **options,
    )


def follows(relation: ToOne, graphql_type: object, description: str) -> StrawberryField:
    """A field holding the object ``relation``'s key points at; null when the key is."""
    binding = Follows(relation, graphql_type)

    async def load(info: Info, key: Hashable) -> MappedType | None:
        row = await info.context.loaders.entity(relation.target).load(key)
        return None if row is None else binding.node_type.from_row(row)

    def resolve(root: MappedType, info: Info) -> MappedType | Awaitable[MappedType | None] | None:
        # Not a coroutine function: a row the request has loaded already (a ranking's
        # country names, say) is answered at once, and only a row to load is awaited.
        key = getattr(root, relation.key_field)
        if key is None:
            return None
        row = info.context.loaders.loaded_row(relation.target, key)
        if row is NOT_LOADED:
            return load(info, key)
        return None if row is None else binding.node_type.from_row(row)

    return _field(binding, resolve, description)


def follows_all(relation: ToMany, graphql_type: object, description: str) -> StrawberryField:
    """A list field of every object of a short, bounded relation (skills, languages)."""
    binding = Follows(relation, graphql_type)

    async def resolve(root: MappedType, info: Info) -> list[MappedType]:
        page = await info.context.loaders.pages(relation).load((root.entity_key_value(), Window()))
        return [binding.node_type.from_row(row) for row in page.rows]

    return _field(binding, resolve, description)


Check = Callable[[Info, Any], Awaitable[None]]
"""Whether the caller may follow a relation from the parent with this key; raises if not."""


def follows_pages(
    relation: ToMany, graphql_type: object, description: str, check: Check | None = None
) -> StrawberryField:
    """A connection field paging through ``relation``, for all parents of a page at once.

    ``check`` runs first, for relations only some callers may see (an organisation's
    API keys).
    """
    binding = Follows(relation, graphql_type, guarded=check is not None)

    async def resolve(root: MappedType, info: Info) -> RelatedListing:
        if check is not None:
            await check(info, root.entity_key_value())
        return RelatedListing(relation, root.entity_key_value(), binding.node_type)

    return _field(binding, resolve, description, extensions=[Paginated()])


async def find_one(info: Info, node_type: type[T], condition: ColumnElement[Any]) -> T | None:
    """The one object matching ``condition`` (a unique column), or ``None``."""
    reader = info.context.reader
    rows = await reader.rows(node_type.entity.select(reader.env).where(condition))
    return node_type.from_row(rows[0]) if rows else None


async def load_node(info: Info, node_type: type[T], key: Hashable | None) -> T | None:
    """An object by its table key through the request's loader (after a write, say)."""
    if key is None:
        return None
    row = await info.context.loaders.entity(node_type.entity).load(key)
    return None if row is None else node_type.from_row(row)
