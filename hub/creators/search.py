"""What a creator is found by in ``search``."""

from __future__ import annotations

from hub.core.text import search_document


def creator_names(display_name: str, handle: str, city: str | None) -> list[str | None]:
    return [display_name, handle.replace("-", " "), city]


def creator_document(display_name: str, handle: str, city: str | None) -> str:
    return search_document(creator_names(display_name, handle, city))
