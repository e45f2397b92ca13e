"""SQL conditions shared by the domains' filters."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement

from hub.core.text import escape_like, normalize_for_search


def search_matches(search_text: ColumnElement[str], term: str) -> ColumnElement[Any] | None:
    """Rows whose folded search document contains the folded ``term``; None for a blank term."""
    folded = normalize_for_search(term)
    if not folded:
        return None
    return search_text.like(f"%{escape_like(folded)}%", escape="\\")


def all_of(*conditions: ColumnElement[Any] | None) -> tuple[ColumnElement[Any], ...]:
    """The conditions a filter input gave, leaving out the ones it left empty."""
    return tuple(condition for condition in conditions if condition is not None)
