"""Per-request DataLoaders, one per entity and per relation, all built from the mapping."""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Awaitable, Callable, Hashable, Sequence
from typing import Any, TypeVar

from sqlalchemy import RowMapping
from strawberry.dataloader import DataLoader

from hub.core.mapping import Entity, ToMany
from hub.core.paging import Page, Window, fetch_related_pages
from hub.core.reader import Reader

PageKey = tuple[Hashable, Window]


class NotLoaded(enum.Enum):
    """Marks a row the request has not loaded yet (``None`` is a row found missing)."""

    NOT_LOADED = enum.auto()


NOT_LOADED = NotLoaded.NOT_LOADED
K = TypeVar("K")
V = TypeVar("V")


class Loaders:
    """Batches every lookup of a request: each distinct load is one SQL statement."""

    def __init__(self, reader: Reader) -> None:
        self.reader = reader
        self._entities: dict[Entity[Any], DataLoader[Any, RowMapping | None]] = {}
        self._pages: dict[ToMany, DataLoader[PageKey, Page]] = {}
        self._batches: dict[str, DataLoader[Any, Any]] = {}

    def entity(self, entity: Entity[Any]) -> DataLoader[Any, RowMapping | None]:
        """Rows of ``entity`` by key; ``None`` for a key that names no row."""
        if entity not in self._entities:
            self._entities[entity] = DataLoader(load_fn=self._entity_batch(entity))
        return self._entities[entity]

    def loaded_row(self, entity: Entity[Any], key: Hashable) -> RowMapping | NotLoaded | None:
        """The row of ``entity`` with this key if this request has loaded it already
        (``None`` when it named no row), else ``NOT_LOADED``: a resolver then answers
        without awaiting, which spares the executor a coroutine per object."""
        loader = self._entities.get(entity)
        if loader is None:
            return NOT_LOADED
        future = loader.cache_map.get(key)
        if future is None or not future.done() or future.cancelled() or future.exception():
            return NOT_LOADED
        return future.result()

    def pages(self, relation: ToMany) -> DataLoader[PageKey, Page]:
        """Pages of ``relation``'s rows by parent key and window."""
        if relation not in self._pages:
            self._pages[relation] = DataLoader(load_fn=self._page_batch(relation))
        return self._pages[relation]

    def batch(
        self, name: str, load_fn: Callable[[Sequence[K]], Awaitable[Sequence[V]]]
    ) -> DataLoader[K, V]:
        """A loader for a lookup the mapping does not describe: one per name and request."""
        if name not in self._batches:
            self._batches[name] = DataLoader(load_fn=load_fn)
        return self._batches[name]

    def clear(self) -> None:
        """Forget everything loaded; called after a write so reads see it."""
        self._entities.clear()
        self._pages.clear()
        self._batches.clear()

    def _entity_batch(
        self, entity: Entity[Any]
    ) -> Callable[[Sequence[Any]], Awaitable[list[RowMapping | None]]]:
        key_name = entity.key_field

        async def load(keys: Sequence[Any]) -> list[RowMapping | None]:
            wanted = [key for key in keys if key is not None]
            found: dict[Any, RowMapping] = {}
            if wanted:
                statement = entity.select(self.reader.env).where(entity.key.in_(wanted))
                found = {row[key_name]: row for row in await self.reader.rows(statement)}
            return [found.get(key) for key in keys]

        return load

    def _page_batch(self, relation: ToMany) -> Callable[[Sequence[PageKey]], Awaitable[list[Page]]]:
        async def load(keys: Sequence[PageKey]) -> list[Page]:
            parents_by_window: dict[Window, list[Hashable]] = defaultdict(list)
            for parent, window in keys:
                parents_by_window[window].append(parent)
            pages: dict[PageKey, Page] = {}
            for window, parents in parents_by_window.items():
                found = await fetch_related_pages(self.reader, relation, parents, window)
                pages.update({(parent, window): page for parent, page in found.items()})
            return [pages[key] for key in keys]

        return load
