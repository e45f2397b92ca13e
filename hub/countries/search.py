"""What a country is found by in ``search``."""

from __future__ import annotations

from collections.abc import Mapping

from hub.core.text import search_document


def country_names(code: str, names: Mapping[str, str]) -> list[str | None]:
    return [*names.values(), code]


def country_document(code: str, names: Mapping[str, str]) -> str:
    return search_document(country_names(code, names))
