"""Text normalisation shared by writes (search documents) and reads (search terms)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_WHITESPACE = re.compile(r"\s+")


def normalize_for_search(text: str) -> str:
    """Fold case and compatibility forms so ``алматы`` matches ``Алматы`` on any database.

    SQLite's ``lower()`` only folds ASCII, so matching happens on text folded here in
    Python, stored beside the row, and compared with the search term folded the same way.
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _WHITESPACE.sub(" ", folded).strip()


def search_document(parts: Iterable[str | None]) -> str:
    """One searchable string from the names a row is known by, separated by a bar."""
    seen: list[str] = []
    for part in parts:
        if part:
            normalized = normalize_for_search(part)
            if normalized and normalized not in seen:
                seen.append(normalized)
    return " | ".join(seen)


def escape_like(term: str) -> str:
    """Escape LIKE wildcards so a user's ``%`` or ``_`` matches itself (escape char ``\\``)."""
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
