"""Words for the sentences that explain a match: language names, levels, lists.

Sentences come from one table, ``TEMPLATES``: English templates keyed by a stable
code, with named parameters. Translations (gettext catalogs) hook in at ``sentence``,
the one place a template becomes text.
"""

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


def levels(count: int) -> str:
    return f"{count} level" if count == 1 else f"{count} levels"


TEMPLATES: dict[str, str] = {
    "LEVEL_NONE": "no level in {discipline} (asked: {asked})",
    "LEVEL_AS_ASKED": "{level} in {discipline}, the level asked",
    "LEVEL_ABOVE": "{level} in {discipline}, {gap} above the {asked} asked",
    "LEVEL_BELOW": "{level} in {discipline}, {gap} below the {asked} asked",
    "LANGUAGE_SPOKEN": "speaks {language} ({proficiency})",
    "LANGUAGE_BELOW_MINIMUM": "speaks {language} ({proficiency}), below the {asked} asked",
    "LANGUAGE_NOT_SPOKEN": "does not speak {language}",
    "LOCATION_WITH_TEAM": "based in {country}, where the team is, for on-site work",
    "LOCATION_AWAY_FROM_TEAM": "based in {country}, away from the team, for on-site work",
    "LOCATION_MET": "based in {country}, where the work is ({location}), for on-site work",
    "LOCATION_MISSED": "based in {country}, away from the work ({location}), for on-site work",
}
"""English sentences by code; ``{name}`` marks a parameter."""


def sentence(code: str, **params: str) -> str:
    """The sentence for ``code`` with its parameters filled in."""
    return TEMPLATES[code].format(**params)
