"""Words for the sentences that explain a match: language names, levels, lists.

Sentences come from one table, ``TEMPLATES``: English templates keyed by a stable
code, with named parameters. Translations (gettext catalogs) hook in at ``sentence``,
the one place a template becomes text.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from hub.matching.enums import ReasonCode

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


TEMPLATES: dict[ReasonCode, str] = {
    ReasonCode.DISCIPLINE_PRACTISED: "practises {discipline}",
    ReasonCode.DISCIPLINE_IN_SECTOR: "practises another {sector} discipline, not {discipline}",
    ReasonCode.DISCIPLINE_MISSING: "does not practise {discipline} or its sector",
    ReasonCode.LEVEL_NONE: "no level in {discipline} (asked: {asked})",
    ReasonCode.LEVEL_AS_ASKED: "{level} in {discipline}, the level asked",
    ReasonCode.LEVEL_ABOVE: "{level} in {discipline}, {gap} above the {asked} asked",
    ReasonCode.LEVEL_BELOW: "{level} in {discipline}, {gap} below the {asked} asked",
    ReasonCode.EXPERIENCE_NONE: "no practice of {discipline}",
    ReasonCode.EXPERIENCE_YEARS: "{years} of {discipline}",
    ReasonCode.LANGUAGE_SPOKEN: "speaks {language} ({proficiency})",
    ReasonCode.LANGUAGE_BELOW_MINIMUM: "speaks {language} ({proficiency}), below the {asked} asked",
    ReasonCode.LANGUAGE_NOT_SPOKEN: "does not speak {language}",
    ReasonCode.LANGUAGES_WANTED: "{importance}: {languages}",
    ReasonCode.IN_PREFERRED_COUNTRY: "based in {country}, a preferred country ({preferred})",
    ReasonCode.OUTSIDE_PREFERRED_COUNTRIES: "based in {country}; preferred: {preferred}",
    ReasonCode.ADDS_COUNTRY: "adds {country} to the countries of the team",
    ReasonCode.COUNTRY_ON_TEAM: "{country} is already on the team",
    ReasonCode.LOCATION_WITH_TEAM: "based in {country}, where the team is, for on-site work",
    ReasonCode.LOCATION_AWAY_FROM_TEAM: "based in {country}, away from the team, for on-site work",
    ReasonCode.LOCATION_MET: "based in {country}, where the work is ({location}), for on-site work",
    ReasonCode.LOCATION_MISSED: "based in {country}, away from the work ({location}), for "
    "on-site work",
    ReasonCode.YOUNG_TALENT: "a young talent ({age} or under)",
    ReasonCode.NOT_YOUNG_TALENT: "not a young talent (over {age})",
    ReasonCode.MENTOR: "willing to mentor",
    ReasonCode.NOT_MENTOR: "not a mentor",
    ReasonCode.OPEN_TO_COLLABORATION: "open to collaboration",
    ReasonCode.NOT_OPEN_TO_COLLABORATION: "not looking for projects at the moment",
    ReasonCode.COMPLEMENTARY_DISCIPLINES: "practises {disciplines}, which you lack, in your "
    "sectors",
    ReasonCode.NO_COMPLEMENTARY_DISCIPLINES: "practises no discipline of your sectors that you "
    "lack",
    ReasonCode.OTHER_COUNTRY: "based in {country}, another country",
    ReasonCode.SAME_COUNTRY: "based in {country} too",
    ReasonCode.SHARED_LANGUAGES: "works in {shared}; your working languages: {yours}",
    ReasonCode.NO_SHARED_LANGUAGES: "shares none of your working languages ({yours})",
    ReasonCode.JOINT_PROJECTS: "worked with you on {projects}",
    ReasonCode.NO_JOINT_PROJECTS: "has not worked with you yet",
}
"""English sentences by code; ``{name}`` marks a parameter. The one source of sentences."""


def sentence(code: ReasonCode, params: Mapping[str, str]) -> str:
    """The sentence for ``code`` with its parameters filled in."""
    return TEMPLATES[code].format_map(params)


@dataclass(frozen=True, init=False)
class Said:
    """One part of a reason: what it says (a code) and the values it refers to."""

    code: ReasonCode
    params: tuple[tuple[str, str], ...]

    def __init__(self, code: str | ReasonCode, **params: str) -> None:
        object.__setattr__(self, "code", ReasonCode(code))
        object.__setattr__(self, "params", tuple(params.items()))

    @property
    def sentence(self) -> str:
        return sentence(self.code, dict(self.params))


def sentences(parts: Iterable[Said]) -> str:
    """The parts of a reason as one sentence."""
    return "; ".join(part.sentence for part in parts)
