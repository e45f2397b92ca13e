"""Persisted documents by SHA-256 hash, and the one-process store of them."""

from __future__ import annotations

from collections import OrderedDict
from typing import Protocol


class DocumentStore(Protocol):
    async def get(self, sha256: str) -> str | None: ...

    async def put(self, sha256: str, document: str) -> None: ...


class MemoryDocuments:
    """The most recently used documents of this process (a bounded LRU)."""

    def __init__(self, capacity: int = 1_000) -> None:
        self._capacity = capacity
        self._documents: OrderedDict[str, str] = OrderedDict()

    async def get(self, sha256: str) -> str | None:
        document = self._documents.get(sha256)
        if document is not None:
            self._documents.move_to_end(sha256)
        return document

    async def put(self, sha256: str, document: str) -> None:
        self._documents[sha256] = document
        self._documents.move_to_end(sha256)
        while len(self._documents) > self._capacity:
            self._documents.popitem(last=False)
