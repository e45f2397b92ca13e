"""GraphQL object types built from mapped rows, and the Relay ``Node`` lookups for them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar, Self

from sqlalchemy import RowMapping
from strawberry import relay

from hub.api.global_ids import integer_key
from hub.core.mapping import ENTITIES

_TYPES: dict[str, type[MappedType]] = {}


class MappedType:
    """An object type whose fields are exactly the fields of one mapped ``Entity``."""

    entity: ClassVar[str]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "entity" in cls.__dict__:
            _TYPES[cls.entity] = cls

    @classmethod
    def from_row(cls, row: RowMapping) -> Self:
        return cls(**{name: row[name] for name in ENTITIES[cls.entity].fields})


def type_for(entity: str) -> type[MappedType]:
    return _TYPES[entity]


def build(entity: str, row: RowMapping | None) -> Any:
    return None if row is None else _TYPES[entity].from_row(row)


class MappedNode(MappedType, relay.Node):
    """A mapped type with a global ID, fetched by ``node(id:)`` through its loader."""

    @classmethod
    def parse_key(cls, node_id: str) -> Any:
        """The table key inside a global ID; ``InvalidId`` when it cannot be one."""
        key_type = ENTITIES[cls.entity].key.type.python_type
        return integer_key(node_id, f"a {cls.__name__}") if key_type is int else key_type(node_id)

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Any, node_ids: Iterable[str], required: bool = False
    ) -> list[Self | None]:
        keys = [cls.parse_key(node_id) for node_id in node_ids]
        loader = info.context.loaders.entity(cls.entity)
        rows = await loader.load_many(keys)
        return [build(cls.entity, row) for row in rows]
