"""GraphQL object types built from mapped rows, and the Relay ``Node`` lookups for them."""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Iterable
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, ForwardRef, Self, Union, get_args
from typing import get_origin as origin_of

from sqlalchemy import RowMapping
from strawberry import relay
from strawberry.types.lazy_type import StrawberryLazyReference

from hub.api.global_ids import integer_key
from hub.core.mapping import Entity

if TYPE_CHECKING:
    from hub.api.context import Info


class MappedType:
    """An object type whose stored fields are fields of one mapped ``Entity``.

    The stored fields (plain dataclass fields, ``Private`` ones included) bind to the
    entity's fields of the same names; fields declared with ``hub.api.relations``
    bind to its relations. ``hub.api.binding`` reads both.
    """

    entity: ClassVar[Entity[Any]]

    @classmethod
    def stored_fields(cls) -> tuple[str, ...]:
        """The fields a row fills in: every dataclass field without a resolver."""
        return _stored_fields(cls)

    @classmethod
    def from_row(cls, row: RowMapping) -> Self:
        return cls(**{name: row[name] for name in cls.stored_fields()})

    def entity_key_value(self) -> Any:
        """The value of this object's entity key, which its to-many relations start from."""
        return getattr(self, self.entity.key_field)


_STORED_FIELDS: dict[type[MappedType], tuple[str, ...]] = {}
"""Each mapped type's stored fields, worked out on its first row."""


def _stored_fields(cls: type[MappedType]) -> tuple[str, ...]:
    if cls not in _STORED_FIELDS:
        # A strawberry type is a dataclass, which mypy cannot see from the base class.
        fields = dataclasses.fields(cls)  # type: ignore[arg-type]
        _STORED_FIELDS[cls] = tuple(field.name for field in fields if field.init)
    return _STORED_FIELDS[cls]


def mapped_class(annotation: object) -> type[MappedType]:
    """The mapped type a field's GraphQL type names, through ``| None``, lists,
    connections and lazy references (which this imports)."""
    origin = origin_of(annotation)
    arguments = get_args(annotation)
    if origin is Annotated:
        name, *extras = arguments
        for extra in extras:
            if isinstance(extra, StrawberryLazyReference):
                reference = name if isinstance(name, ForwardRef) else ForwardRef(name)
                return mapped_class(extra.resolve_forward_ref(reference).resolve_type())
        return mapped_class(name)
    if origin in (Union, types.UnionType):
        (present,) = (argument for argument in arguments if argument is not type(None))
        return mapped_class(present)
    if origin is not None and len(arguments) == 1:
        return mapped_class(arguments[0])
    if isinstance(annotation, type) and issubclass(annotation, MappedType):
        return annotation
    raise TypeError(f"{annotation!r} names no mapped type")


class MappedNode(MappedType, relay.Node):
    """A mapped type with a global ID, fetched by ``node(id:)`` through its loader."""

    @classmethod
    def parse_key(cls, node_id: str) -> Any:
        """The table key inside a global ID; ``InvalidId`` when it cannot be one."""
        key_type = cls.entity.key.type.python_type
        return integer_key(node_id, f"a {cls.__name__}") if key_type is int else key_type(node_id)

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Self | None]:
        keys = [cls.parse_key(node_id) for node_id in node_ids]
        rows = await info.context.loaders.entity(cls.entity).load_many(keys)
        return [None if row is None else cls.from_row(row) for row in rows]
