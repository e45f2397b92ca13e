"""What a creator is found by in ``search``."""

from __future__ import annotations

from hub.core.text import search_document


def creator_document(display_name: str, handle: str, city: str | None) -> str:
    return search_document([display_name, handle.replace("-", " "), city])
