"""The sentences that explain a match, marked for translation, and the words they use.

Each reason code has one sentence in ``TEMPLATES``, a ``_()`` message with named
parameters; the text is written out at the API's edge in the caller's language
(``hub.i18n.catalogs.render``). A part of a reason (``Said``) keeps the values it refers
to as they are (codes, numbers, names), so clients read the same ``params`` whatever the
language; only its sentence changes.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from babel import Locale as BabelLocale

from hub.creators.enums import LanguageProficiency, SkillLevel
from hub.i18n.catalogs import render
from hub.i18n.locales import Locale
from hub.i18n.messages import Message, ParamValue, _, _n
from hub.i18n.words import LanguageName, Listing
from hub.matching.enums import Importance, ReasonCode
from hub.projects.enums import RoleRequirement

WORDS: Mapping[enum.Enum, Message] = {
    # Translators: a skill level, inserted into sentences as {level} or {asked}.
    SkillLevel.BEGINNER: _("beginner"),
    SkillLevel.INTERMEDIATE: _("intermediate"),
    SkillLevel.ADVANCED: _("advanced"),
    SkillLevel.EXPERT: _("expert"),
    SkillLevel.MASTER: _("master"),
    # Translators: a language proficiency, inserted as {proficiency} or {asked}.
    LanguageProficiency.BASIC: _("basic"),
    LanguageProficiency.CONVERSATIONAL: _("conversational"),
    LanguageProficiency.PROFESSIONAL: _("professional"),
    LanguageProficiency.FLUENT: _("fluent"),
    LanguageProficiency.NATIVE: _("native"),
    # Translators: how much a language counts, at the start of "{importance}: {languages}".
    Importance.REQUIRED: _("required"),
    Importance.PREFERRED: _("preferred"),
    # Translators: a requirement of a role, inserted as {requirement}.
    RoleRequirement.DISCIPLINE: _("discipline"),
    RoleRequirement.LEVEL: _("level"),
    RoleRequirement.LANGUAGE: _("language"),
    RoleRequirement.LOCATION: _("location"),
}
"""The word for each enum member a sentence mentions (levels, proficiencies, importance)."""


@dataclass(frozen=True)
class Word:
    """An enum member as a word of a sentence: ``ADVANCED`` reads advanced, продвинутый."""

    member: enum.Enum

    def in_locale(self, locale: Locale) -> str:
        return render(WORDS[self.member], locale)


class Name(str):
    """A name the database keeps in several languages (a discipline's, a country's).

    It is the stored main (English) name wherever a ``str`` is expected, so views and
    ``params`` carry it as before; in a sentence it is written in the sentence's language:
    the stored translation, else CLDR's name of the ``territory`` (countries), else the
    main name.
    """

    translations: Mapping[str, str]
    territory: str | None

    def __new__(
        cls, default: str, translations: Mapping[str, str] | None, territory: str | None = None
    ) -> Name:
        name = super().__new__(cls, default)
        name.translations = dict(translations or {})
        name.territory = territory
        return name

    def in_locale(self, locale: Locale) -> str:
        stored = self.translations.get(locale.tag)
        if stored:
            return stored
        if self.territory is not None:
            known = BabelLocale.parse(locale.tag).territories.get(self.territory)
            if known:
                return str(known)
        return str(self)


def word(member: enum.Enum) -> Word:
    return Word(member)


def years(count: int) -> Message:
    return _n("{count} year", "{count} years", count)


def levels(count: int) -> Message:
    return _n("{count} level", "{count} levels", count)


TEMPLATES: dict[ReasonCode, Message] = {
    ReasonCode.DISCIPLINE_PRACTISED: _("practises {discipline}"),
    ReasonCode.DISCIPLINE_IN_SECTOR: _("practises another {sector} discipline, not {discipline}"),
    ReasonCode.DISCIPLINE_MISSING: _("does not practise {discipline} or its sector"),
    ReasonCode.LEVEL_NONE: _("no level in {discipline} (asked: {asked})"),
    ReasonCode.LEVEL_AS_ASKED: _("{level} in {discipline}, the level asked"),
    ReasonCode.LEVEL_ABOVE: _("{level} in {discipline}, {gap} above the {asked} asked"),
    ReasonCode.LEVEL_BELOW: _("{level} in {discipline}, {gap} below the {asked} asked"),
    ReasonCode.SKILL_VERIFIED: _("{level} in {discipline} attested by a credential"),
    ReasonCode.SKILL_VERIFIED_BELOW: _(
        "a credential attests {level} in {discipline}, below the {asked} asked"
    ),
    ReasonCode.SKILL_DECLARED_ONLY: _("no credential attests a level in {discipline}"),
    ReasonCode.EXPERIENCE_NONE: _("no practice of {discipline}"),
    ReasonCode.EXPERIENCE_YEARS: _("{years} of {discipline}"),
    ReasonCode.LANGUAGE_SPOKEN: _("speaks {language} ({proficiency})"),
    ReasonCode.LANGUAGE_BELOW_MINIMUM: _(
        "speaks {language} ({proficiency}), below the {asked} asked"
    ),
    ReasonCode.LANGUAGE_NOT_SPOKEN: _("does not speak {language}"),
    ReasonCode.LANGUAGES_WANTED: _("{importance}: {languages}"),
    ReasonCode.IN_PREFERRED_COUNTRY: _("based in {country}, a preferred country ({preferred})"),
    ReasonCode.OUTSIDE_PREFERRED_COUNTRIES: _("based in {country}; preferred: {preferred}"),
    ReasonCode.ADDS_COUNTRY: _("adds {country} to the countries of the team"),
    ReasonCode.COUNTRY_ON_TEAM: _("{country} is already on the team"),
    ReasonCode.LOCATION_WITH_TEAM: _("based in {country}, where the team is, for on-site work"),
    ReasonCode.LOCATION_AWAY_FROM_TEAM: _(
        "based in {country}, away from the team, for on-site work"
    ),
    ReasonCode.LOCATION_MET: _(
        "based in {country}, where the work is ({location}), for on-site work"
    ),
    ReasonCode.LOCATION_MISSED: _(
        "based in {country}, away from the work ({location}), for on-site work"
    ),
    ReasonCode.YOUNG_TALENT: _("a young talent ({age} or under)"),
    ReasonCode.NOT_YOUNG_TALENT: _("not a young talent (over {age})"),
    ReasonCode.MENTOR: _("willing to mentor"),
    ReasonCode.NOT_MENTOR: _("not a mentor"),
    ReasonCode.OPEN_TO_COLLABORATION: _("open to collaboration"),
    ReasonCode.NOT_OPEN_TO_COLLABORATION: _("not looking for projects at the moment"),
    ReasonCode.COMPLEMENTARY_DISCIPLINES: _(
        "practises {disciplines}, which you lack, in your sectors"
    ),
    ReasonCode.NO_COMPLEMENTARY_DISCIPLINES: _(
        "practises no discipline of your sectors that you lack"
    ),
    ReasonCode.OTHER_COUNTRY: _("based in {country}, another country"),
    ReasonCode.SAME_COUNTRY: _("based in {country} too"),
    ReasonCode.SHARED_LANGUAGES: _("works in {shared}; your working languages: {yours}"),
    ReasonCode.NO_SHARED_LANGUAGES: _("shares none of your working languages ({yours})"),
    ReasonCode.JOINT_PROJECTS: _("worked with you on {projects}"),
    ReasonCode.TEACHES_PRACTISED: _("teaches {discipline}, which you practise"),
    ReasonCode.TEACHES_IN_SECTOR: _("teaches {discipline}, in a sector you work in"),
    ReasonCode.TEACHES_NEW: _("teaches {discipline}, outside your sectors"),
    ReasonCode.TAUGHT_AT_LEVEL: _("taught at {level}, your level in {discipline}"),
    ReasonCode.TAUGHT_NEXT_LEVEL: _(
        "taught at {level}, the next step from your {yours} in {discipline}"
    ),
    ReasonCode.TAUGHT_ABOVE: _("taught at {level}, {gap} above your {yours} in {discipline}"),
    ReasonCode.TAUGHT_BELOW: _("taught at {level}, {gap} below your {yours} in {discipline}"),
    ReasonCode.TAUGHT_FROM_SCRATCH: _("taught at {level}; you have no level in {discipline} yet"),
    ReasonCode.TAUGHT_IN_SPOKEN: _("taught in {language}, which you speak ({proficiency})"),
    ReasonCode.TAUGHT_IN_UNSPOKEN: _("taught in {languages}, none of which you speak"),
    ReasonCode.HELD_IN_COUNTRY: _("held in person in {country}, where you are based"),
    ReasonCode.HELD_ABROAD: _("held in person in {location}, away from {country}"),
    ReasonCode.SEATS_FREE: _("seats free: {count}"),
    ReasonCode.WAITLIST_ONLY: _("every seat is taken: the waitlist only"),
    ReasonCode.MENTOR_PRACTISES: _("practises {discipline}, as you do"),
    ReasonCode.MENTOR_IN_SECTOR: _("practises {discipline}, in your sector"),
    ReasonCode.MENTOR_ABOVE: _("{level} in {discipline}, {gap} above your {yours}"),
    ReasonCode.MENTOR_NOT_ABOVE: _("{level} in {discipline}, not above your {yours}"),
    ReasonCode.MENTOR_SPEAKS: _("speaks {languages} with you"),
    ReasonCode.MENTOR_SPEAKS_NONE: _("speaks none of your languages"),
    ReasonCode.MENTOR_PLACES_LEFT: _("mentoring places free: {free} of {capacity}"),
    ReasonCode.NO_JOINT_PROJECTS: _("has not worked with you yet"),
}
"""The sentence of each code; ``{name}`` marks a parameter. The one source of sentences."""


def sentence(code: ReasonCode, params: Mapping[str, ParamValue]) -> Message:
    """The sentence for ``code`` with its parameters, to be written out in a locale."""
    return TEMPLATES[code].with_params(**params)


def raw(value: ParamValue) -> str:
    """A parameter as clients read it in ``params``: the same in every language.

    Languages give their ISO code, levels and proficiencies their code in lower case,
    counts their number; names (disciplines, countries, projects) their main name.
    """
    if isinstance(value, LanguageName):
        return value.code
    if isinstance(value, Word):
        return str(value.member.value).lower()
    if isinstance(value, Listing):
        return ", ".join(raw(item) for item in value.items)
    if isinstance(value, Message):
        return str(value.count) if value.plural is not None else str(value)
    return str(value)


@dataclass(frozen=True, init=False)
class Said:
    """One part of a reason: what it says (a code) and the values it refers to."""

    code: ReasonCode
    params: tuple[tuple[str, ParamValue], ...]

    def __init__(self, code: str | ReasonCode, **params: ParamValue) -> None:
        object.__setattr__(self, "code", ReasonCode(code))
        object.__setattr__(self, "params", tuple(params.items()))

    @property
    def sentence(self) -> Message:
        return sentence(self.code, dict(self.params))

    @property
    def raw_params(self) -> tuple[tuple[str, str], ...]:
        """The values it refers to, as codes and numbers (``raw``)."""
        return tuple((name, raw(value)) for name, value in self.params)


def sentences(parts: Iterable[Said], locale: Locale) -> str:
    """The parts of a reason as one sentence in ``locale``: each written out, then joined."""
    return "; ".join(render(part.sentence, locale) for part in parts)
