"""Trigram similarity computed exactly as PostgreSQL's pg_trgm computes it, in Python.

PostgreSQL answers fuzzy searches with pg_trgm; SQLite gets these functions registered
on each connection instead, so both databases give the same answers. The definitions
follow pg_trgm (version 1.6, PostgreSQL 15):

- A *word* is a maximal run of alphanumeric characters; everything else separates.
- Each word is lower-cased and padded with two spaces in front and one behind; its
  trigrams are the three-character windows of the padded word (``"ab"`` gives
  ``"  a"``, ``" ab"``, ``"ab "``).
- Similarities are ratios of trigram counts ``shared / (a + b - shared)``, rounded to
  a 4-byte float as PostgreSQL's ``real`` is, so comparisons with a threshold agree to
  the last bit.

``strict_word_similarity(term, text)`` is the similarity between the term's trigrams
and the best run of whole words in ``text``: the fuzzy "does this word occur in this
name" test. pg_trgm finds that run with a single greedy pass (each word end is an upper
bound; the lower bound only moves forward, to the word start that improves the ratio
most); it is reproduced step for step here because the greedy pass is not always the
true maximum, and both databases must agree on the answer rather than on the ideal.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache


def _real(value: float) -> float:
    """``value`` rounded to a 4-byte float, as PostgreSQL's ``real`` holds it."""
    rounded: float = struct.unpack("f", struct.pack("f", value))[0]
    return rounded


def _ratio(shared: int, first: int, second: int) -> float:
    union = first + second - shared
    return _real(shared / union) if union else 0.0


def words(text: str) -> Iterator[str]:
    """The words pg_trgm sees in ``text``: runs of alphanumerics, lower-cased."""
    start = None
    for index, char in enumerate(text):
        if char.isalnum():
            if start is None:
                start = index
        elif start is not None:
            yield text[start:index].lower()
            start = None
    if start is not None:
        yield text[start:].lower()


def word_trigrams(word: str) -> list[str]:
    padded = f"  {word} "
    return [padded[index : index + 3] for index in range(len(padded) - 2)]


@lru_cache(maxsize=1_024)
def trigrams(text: str) -> frozenset[str]:
    """The set of trigrams of ``text`` (pg_trgm's ``show_trgm``, before hashing)."""
    return frozenset(trigram for word in words(text) for trigram in word_trigrams(word))


@dataclass(frozen=True)
class _Sequence:
    """A text's trigrams in order, with the positions where words start and end."""

    trigrams: tuple[str, ...]
    starts: frozenset[int]
    ends: frozenset[int]


@lru_cache(maxsize=65_536)
def _sequence(text: str) -> _Sequence:
    sequence: list[str] = []
    starts: set[int] = set()
    ends: set[int] = set()
    for word in words(text):
        starts.add(len(sequence))
        sequence.extend(word_trigrams(word))
        ends.add(len(sequence) - 1)
    return _Sequence(tuple(sequence), frozenset(starts), frozenset(ends))


def strict_word_similarity(term: str, text: str) -> float:
    """pg_trgm's ``strict_word_similarity(term, text)``; see the module docstring."""
    wanted = trigrams(term)
    sequence = _sequence(text)
    if not wanted or not sequence.trigrams:
        return 0.0
    seen = sequence.trigrams
    last_seen: dict[str, int] = {}
    lower = distinct = shared = 0
    best = 0.0
    for upper, trigram in enumerate(seen):
        if last_seen.get(trigram, -1) < 0:
            distinct += 1
            shared += trigram in wanted
        last_seen[trigram] = upper
        if upper not in sequence.ends:
            continue
        current = _ratio(shared, len(wanted), distinct)
        previous_lower = lower
        trial_distinct, trial_shared = distinct, shared
        for trial_lower in range(lower, upper + 1):
            if trial_lower in sequence.starts:
                ratio = _ratio(trial_shared, len(wanted), trial_distinct)
                if ratio > current:
                    current, lower = ratio, trial_lower
                    distinct, shared = trial_distinct, trial_shared
            dropped = seen[trial_lower]
            if last_seen[dropped] == trial_lower:
                trial_distinct -= 1
                trial_shared -= dropped in wanted
        best = max(best, current)
        for position in range(previous_lower, lower):
            if last_seen[seen[position]] == position:
                last_seen[seen[position]] = -1
    return best


def has_similar_words(term: str, text: str, threshold: float) -> bool:
    """``strict_word_similarity(term, text) >= threshold``, ruling most texts out cheaply.

    A trigram of the term can only be shared if its letters occur in ``text``, so when
    too few do, no run of words can reach the threshold and the full computation is
    skipped. This is what makes a fuzzy search of many rows affordable on SQLite.
    """
    wanted = trigrams(term)
    if not wanted:
        return False
    lowered = text.lower()
    possible = sum(trigram.strip() in lowered for trigram in wanted)
    # The margin keeps 4-byte rounding from ever turning a skip into a wrong answer.
    if possible / len(wanted) < threshold - 1e-6:
        return False
    return strict_word_similarity(term, text) >= threshold
