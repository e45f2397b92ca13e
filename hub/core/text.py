"""Text normalisation shared by writes (search documents) and reads (search terms)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from hub.core.transliteration import skeleton

_WHITESPACE = re.compile(r"\s+")

# Separates the names in a search document; a whole name lies between two of them.
NAME_SEPARATOR = " | "


def normalize_for_search(text: str) -> str:
    """Fold case and compatibility forms so ``алматы`` matches ``Алматы`` on any database.

    SQLite's ``lower()`` only folds ASCII, so matching happens on text folded here in
    Python, stored beside the row, and compared with the search term folded the same way.
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _WHITESPACE.sub(" ", folded).strip()


def _distinct(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(value for value in values if value))


def folded_names(parts: Iterable[str | None]) -> list[str]:
    """The distinct folded names a row is known by, in the order given."""
    return _distinct(normalize_for_search(part) for part in parts if part)


def search_document(parts: Iterable[str | None]) -> str:
    """One searchable string: the folded names, then each one's romanised skeleton.

    The folded names keep exact search in the original script working; the skeletons
    (``hub.core.transliteration``) let ``almaty`` find ``Алматы`` and back. A skeleton
    equal to a name already listed is left out.
    """
    names = folded_names(parts)
    skeletons = [form for form in _distinct(map(skeleton, names)) if form not in names]
    return NAME_SEPARATOR.join(names + skeletons)


def escape_like(term: str) -> str:
    """Escape LIKE wildcards so a user's ``%`` or ``_`` matches itself (escape char ``\\``)."""
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
