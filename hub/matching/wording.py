"""Words for the sentences that explain a match: language names, levels, lists."""

from __future__ import annotations

import enum
from collections.abc import Iterable

# English names of the languages people in the region list; others show their code.
LANGUAGE_NAMES = {
    "ar": "Arabic", "az": "Azerbaijani", "be": "Belarusian", "de": "German", "en": "English",
    "es": "Spanish", "fa": "Persian", "fr": "French", "hy": "Armenian", "it": "Italian",
    "ja": "Japanese", "ka": "Georgian", "kk": "Kazakh", "ko": "Korean", "ky": "Kyrgyz",
    "mn": "Mongolian", "ps": "Pashto", "ro": "Romanian", "ru": "Russian", "tg": "Tajik",
    "tk": "Turkmen", "tr": "Turkish", "tt": "Tatar", "uk": "Ukrainian", "uz": "Uzbek",
    "zh": "Chinese",
}  # fmt: skip


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


def word(member: enum.Enum) -> str:
    """An enum member as a word in a sentence: ``ADVANCED`` reads ``advanced``."""
    return str(member.value).lower()


def listing(items: Iterable[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    words = list(items)
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


def years(count: int) -> str:
    return f"{count} year" if count == 1 else f"{count} years"
