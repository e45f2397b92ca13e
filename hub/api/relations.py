"""Resolving relations through the request's loaders: to-one and small to-many lists."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from sqlalchemy import ColumnElement

from hub.api.nodes import build
from hub.core.mapping import ENTITIES, ToMany, ToOne
from hub.core.paging import Window


async def related_one(info: Any, entity: str, relation: str, key: Hashable | None) -> Any:
    """The object a foreign key points at, or ``None`` when the key is empty."""
    target = ENTITIES[entity].relations[relation]
    assert isinstance(target, ToOne)
    if key is None:
        return None
    row = await info.context.loaders.entity(target.target).load(key)
    return build(target.target, row)


async def related_list(info: Any, entity: str, relation: str, parent: Hashable) -> list[Any]:
    """All items of a short, bounded relation (skills, languages), in mapping order."""
    target = ENTITIES[entity].relations[relation]
    assert isinstance(target, ToMany)
    page = await info.context.loaders.pages(entity, relation).load((parent, Window()))
    return [build(target.target, row) for row in page.rows]


async def find_one(info: Any, entity: str, condition: ColumnElement[Any]) -> Any:
    """The one object matching ``condition`` (a unique column), or ``None``."""
    mapped = ENTITIES[entity]
    rows = await info.context.reader.rows(mapped.select(info.context.reader.env).where(condition))
    return build(entity, rows[0]) if rows else None


async def load_node(info: Any, entity: str, key: Hashable | None) -> Any:
    """An object by its table key through the request's loader (after a write, say)."""
    if key is None:
        return None
    return build(entity, await info.context.loaders.entity(entity).load(key))
