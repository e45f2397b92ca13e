"""SQL conditions shared by the domains' filters, text search among them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, SQLColumnExpression, and_, case, literal, or_

from hub.core.search_sql import has_similar_word, word_similarity
from hub.core.text import NAME_SEPARATOR, escape_like, normalize_for_search
from hub.core.transliteration import skeleton
from hub.core.trigrams import words

# A term needs this many letters or digits before it is also matched romanised and
# fuzzily; shorter ones (``zz``, ``ли``) would match almost everything that way.
MIN_ROMANISED_LETTERS = 3
# A word of the term needs this many letters to match with typos; a shorter word of a
# longer term must appear as written.
MIN_FUZZY_LETTERS = 4


def _contains(document: SQLColumnExpression[str], text: str) -> ColumnElement[bool]:
    return document.like(f"%{escape_like(text)}%", escape="\\")


def _letters(text: str) -> int:
    return sum(char.isalnum() for char in text)


@dataclass(frozen=True)
class TextSearch:
    """A search term, folded and romanised once, as a condition and a ranking.

    A document matches when it contains the folded term (``Алматы`` in the original
    script), or the term's romanised skeleton (``almaty`` finds ``Алматы``), or when
    every word of the term has a similar word in it (``Nursltan`` finds
    ``Nursultan``). Documents are ranked exact name, then a word starting with the
    term, then the term anywhere, then fuzzy matches, and by similarity within each.
    """

    folded: str
    romanised: str | None
    threshold: float

    @classmethod
    def of(cls, term: str | None, threshold: float) -> TextSearch | None:
        """The search for ``term``; None when it is blank and so narrows nothing."""
        folded = normalize_for_search(term or "")
        if not folded:
            return None
        romanised = skeleton(folded) if _letters(folded) >= MIN_ROMANISED_LETTERS else None
        return cls(folded, romanised, threshold)

    @property
    def forms(self) -> tuple[str, ...]:
        """The term as folded and, when it differs, as romanised."""
        if self.romanised is None or self.romanised == self.folded:
            return (self.folded,)
        return (self.folded, self.romanised)

    def _any_form(self, condition: Callable[[str], ColumnElement[bool]]) -> ColumnElement[bool]:
        return or_(*(condition(form) for form in self.forms))

    def matches(self, document: SQLColumnExpression[str]) -> ColumnElement[bool]:
        contained = self._any_form(lambda form: _contains(document, form))
        fuzzy = self._fuzzy(document)
        return contained if fuzzy is None else or_(contained, fuzzy)

    def _fuzzy(self, document: SQLColumnExpression[str]) -> ColumnElement[bool] | None:
        if self.romanised is None:
            return None
        term_words = list(words(self.romanised))
        if not any(_letters(word) >= MIN_FUZZY_LETTERS for word in term_words):
            return None
        return and_(
            *(
                has_similar_word(word, document, self.threshold)
                if _letters(word) >= MIN_FUZZY_LETTERS
                else _contains(document, word)
                for word in term_words
            )
        )

    def relevance(self, document: SQLColumnExpression[str]) -> tuple[ColumnElement[Any], ...]:
        """ORDER BY terms that put the best matches first."""
        bar = NAME_SEPARATOR
        names = literal(bar) + document + literal(bar)
        words_of = literal(" ") + document
        is_a_name = self._any_form(lambda form: _contains(names, f"{bar}{form}{bar}"))
        starts_a_word = self._any_form(lambda form: _contains(words_of, f" {form}"))
        contains = self._any_form(lambda form: _contains(document, form))
        tier = case((is_a_name, 0), (starts_a_word, 1), (contains, 2), else_=3)
        similarity = word_similarity(self.romanised or self.folded, document)
        return (tier.asc(), similarity.desc())


def all_of(*conditions: ColumnElement[Any] | None) -> tuple[ColumnElement[Any], ...]:
    """The conditions a filter input gave, leaving out the ones it left empty."""
    return tuple(condition for condition in conditions if condition is not None)
