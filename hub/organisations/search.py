"""What an organisation is found by in ``search``."""

from __future__ import annotations

from collections.abc import Mapping

from hub.core.text import search_document


def organisation_names(
    name: str, names: Mapping[str, str], slug: str, city: str | None
) -> list[str | None]:
    return [name, *names.values(), slug.replace("-", " "), city]


def organisation_document(name: str, names: Mapping[str, str], slug: str, city: str | None) -> str:
    return search_document(organisation_names(name, names, slug, city))
