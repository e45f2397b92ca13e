"""What a sector or discipline is found by in ``search``."""

from __future__ import annotations

from collections.abc import Mapping

from hub.core.text import search_document


def taxonomy_names(slug: str, names: Mapping[str, str]) -> list[str | None]:
    return [*names.values(), slug.replace("-", " ")]


def taxonomy_document(slug: str, names: Mapping[str, str]) -> str:
    return search_document(taxonomy_names(slug, names))
