"""What a match asks for, and how a role, a set of wishes or a creator becomes that.

``Criteria`` describe the person wanted (from an open role or from ad-hoc wishes) and
``CreatorProfile`` describes one creator (for ranking roles from their side). Both are
plain values, loaded once per request through the request's loaders.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import orjson
from sqlalchemy import RowMapping, Select, bindparam, select
from sqlalchemy.orm import aliased

from hub.api.errors import HubError, RequestErrorCode
from hub.api.loaders import Loaders
from hub.config import Settings
from hub.core.json_sql import json_array_agg, json_list
from hub.core.languages import LANGUAGE_CODES
from hub.core.mapping import QueryEnv
from hub.core.paging import Window
from hub.countries.mapping import COUNTRY
from hub.creators.enums import LanguageProficiency, SkillLevel
from hub.creators.mapping import CREATOR
from hub.disciplines.mapping import DISCIPLINE, SECTOR
from hub.disciplines.models import Discipline, Sector
from hub.i18n.catalogs import render
from hub.i18n.locales import Locale
from hub.i18n.messages import Message, _, _n
from hub.matching.enums import Importance
from hub.matching.verified import verified_levels
from hub.matching.wording import Name
from hub.projects.enums import RoleRequirement
from hub.projects.links import participant_country, with_members
from hub.projects.mapping import OPEN_ROLE
from hub.projects.models import OpenRole, Participant


@dataclass(frozen=True)
class DisciplineNeed:
    """A discipline asked for, the level wanted, and its sector (which earns part credit)."""

    discipline_id: int
    name: str
    sector_name: str
    sector_discipline_ids: tuple[int, ...]
    minimum: SkillLevel = SkillLevel.BEGINNER


@dataclass(frozen=True)
class LanguageNeed:
    code: str
    importance: Importance = Importance.REQUIRED
    minimum: LanguageProficiency = LanguageProficiency.PROFESSIONAL
    """The proficiency that meets the requirement (a working one unless a role says)."""

    @property
    def is_required(self) -> bool:
        return self.importance is Importance.REQUIRED


@dataclass(frozen=True)
class Criteria:
    """Everything that decides who may appear and how they rank, for one search."""

    disciplines: tuple[DisciplineNeed, ...] = ()
    languages: tuple[LanguageNeed, ...] = ()
    preferred_countries: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    excluded_countries: tuple[str, ...] = ()
    team_countries: tuple[str, ...] = ()
    remote_allowed: bool = True
    young_talent: Importance | None = None
    mentor: Importance | None = None
    include_unavailable: bool = False
    project_id: int | None = None
    strict: frozenset[RoleRequirement] = frozenset()
    """Requirements whose miss leaves a candidate out rather than in the lower tier."""
    prefers_exact_level: bool = False
    location_country: str | None = None
    """Where on-site work happens, when the role says; a region will join it (ISO 3166-2)."""
    only_creator_id: int | None = None
    """Rank this creator alone (``explainMatch``): the score they get among everyone."""

    @property
    def location_countries(self) -> tuple[str, ...]:
        """Where on-site work happens: the role's location, else where the team is."""
        return (self.location_country,) if self.location_country else self.team_countries

    @property
    def has_something_to_rank_by(self) -> bool:
        return bool(self.disciplines or self.languages or self.preferred_countries)


@dataclass(frozen=True)
class Narrowing:
    """Hard rules a caller adds to a role's criteria (``CreatorMatchFilter``)."""

    countries: tuple[str, ...] = ()
    excluded_countries: tuple[str, ...] = ()
    young_talent: Importance | None = None
    mentor: Importance | None = None
    include_unavailable: bool = False
    languages_are_preferred: bool = False

    def apply(self, criteria: Criteria) -> Criteria:
        languages = criteria.languages
        if self.languages_are_preferred:
            languages = tuple(replace(need, importance=Importance.PREFERRED) for need in languages)
        return replace(
            criteria,
            languages=languages,
            countries=self.countries,
            excluded_countries=self.excluded_countries,
            young_talent=self.young_talent,
            mentor=self.mentor,
            include_unavailable=self.include_unavailable,
        )


@dataclass(frozen=True)
class RoleNarrowing:
    """A creator's filter on the roles recommended to them (``RoleMatchFilter``)."""

    countries: tuple[str, ...] = ()
    """Roles located in these countries (their ``locationCountry``, else their team's)."""
    discipline_ids: tuple[int, ...] = ()
    remote_only: bool = False
    minimum_score: float | None = None


ANY_ROLE = RoleNarrowing()
"""No filter on the roles recommended."""


async def discipline_ids(loaders: Loaders, slugs: Sequence[str]) -> tuple[int, ...]:
    """The keys of disciplines named by slug; an unknown slug is refused."""
    reader = loaders.reader
    rows = await reader.rows(DISCIPLINE.select(reader.env).where(Discipline.slug.in_(slugs)))
    by_slug = {row["slug"]: row["id"] for row in rows}
    unknown = [slug for slug in slugs if slug not in by_slug]
    if unknown:
        raise refuse(_("Unknown discipline: {slugs}.", slugs=", ".join(unknown)))
    return tuple(sorted(set(by_slug.values())))


async def checked_countries(
    loaders: Loaders, codes: Sequence[str], argument: str
) -> tuple[str, ...]:
    await _known_countries(loaders, codes, argument)
    return tuple(codes)


def checked_minimum_score(value: float | None) -> float | None:
    if value is not None and not 0.0 <= value <= 1.0:
        raise refuse(_("`minimumScore` must be between 0 and 1."))
    return value


@dataclass(frozen=True)
class Wishes:
    """Ad-hoc criteria as a caller states them: slugs and codes, not yet checked."""

    disciplines: Sequence[tuple[str, SkillLevel]] = ()
    languages: Sequence[LanguageNeed] = ()
    preferred_countries: Sequence[str] = ()
    team_countries: Sequence[str] = ()
    remote_allowed: bool = True
    narrowing: Narrowing = field(default_factory=Narrowing)


@dataclass(frozen=True)
class CreatorProfile:
    """One creator's facts, for ranking roles from their side."""

    creator_id: int
    country_code: str
    levels: dict[int, tuple[SkillLevel, int]]
    sector_ids: frozenset[int]
    languages: dict[str, LanguageProficiency]
    verified: dict[int, SkillLevel] = field(default_factory=dict)
    """The best level a valid credential attests, by discipline."""


class Refused(HubError):
    """A refusal of matchmaking's input, English until the root field says it in the
    caller's language (``in_locale``)."""

    def __init__(self, text: Message, code: RequestErrorCode) -> None:
        super().__init__(str(text), code)
        self.text = text
        self.code = code

    def in_locale(self, locale: Locale) -> HubError:
        return HubError(render(self.text, locale), self.code)


def refuse(message: Message, code: RequestErrorCode = RequestErrorCode.BAD_USER_INPUT) -> Refused:
    return Refused(message, code)


async def discipline_need(
    loaders: Loaders, discipline_id: int, minimum: SkillLevel = SkillLevel.BEGINNER
) -> DisciplineNeed:
    discipline = await loaders.entity(DISCIPLINE).load(discipline_id)
    assert discipline is not None, "discipline ids come from foreign keys or a lookup"
    sector = await loaders.entity(SECTOR).load(discipline["sector_id"])
    members = await loaders.pages(SECTOR.relations.disciplines).load(
        (discipline["sector_id"], Window())
    )
    return DisciplineNeed(
        discipline_id=discipline_id,
        name=Name(discipline["default_name"], discipline["translations"]),
        sector_name=Name(sector["default_name"], sector["translations"]) if sector else "",
        sector_discipline_ids=tuple(row["id"] for row in members.rows),
        minimum=minimum,
    )


async def country_names(loaders: Loaders, codes: Iterable[str]) -> Mapping[str, str]:
    """Names of countries, by code, through the request's country loader: English where
    a ``str`` is read, in a sentence's language when it is written (``Name``)."""
    rows = await loaders.entity(COUNTRY).load_many(sorted(set(codes)))
    return {
        row["code"]: Name(row["default_name"], row["translations"], territory=row["code"])
        for row in rows
        if row is not None
    }


def default_minimum(settings: Settings) -> LanguageProficiency:
    """The proficiency a required language needs when nobody says otherwise."""
    return LanguageProficiency(settings.match_min_language_proficiency)


def role_language_needs(
    codes: Sequence[str], minimums: Mapping[str, str], default: LanguageProficiency
) -> tuple[LanguageNeed, ...]:
    return tuple(
        LanguageNeed(code, minimum=LanguageProficiency(minimums.get(code, default.value)))
        for code in codes
    )


_ASKED = aliased(Discipline, name="asked_discipline")
_SECTOR_MEMBER = aliased(Discipline, name="sector_member")


@functools.lru_cache(maxsize=4)
def _role_with_context(env: QueryEnv) -> Select[Any]:
    """An open role's row (the key is ``role_key``) and, in the same statement, what its
    criteria add to it: the discipline asked for, that discipline's sector and every
    discipline of the sector, and the countries the team already has. Five small
    statements before the ranking cost more than this one; built once per ``env`` (a
    day), as building it and its cache key costs about as much as running it."""
    members = (
        select(json_array_agg(_SECTOR_MEMBER.id, _SECTOR_MEMBER.id))
        .where(_SECTOR_MEMBER.sector_id == _ASKED.sector_id)
        .scalar_subquery()
    )
    # Correlated straight to the participants, not through ``project_countries()``'s
    # DISTINCT pairs: SQLite builds that derived table for every project (75 ms on
    # 45,000 participants) before it filters; a country listed twice is merged below.
    code = participant_country()
    countries = (
        with_members(select(json_array_agg(json_list(code), code)))
        .where(Participant.project_id == OpenRole.project_id, code.is_not(None))
        .scalar_subquery()
    )
    return (
        OPEN_ROLE.select(env)
        .join(_ASKED, _ASKED.id == OpenRole.discipline_id)
        .join(Sector, Sector.id == _ASKED.sector_id)
        .add_columns(
            _ASKED.name.label("discipline_name"),
            _ASKED.names.label("discipline_translations"),
            Sector.name.label("sector_name"),
            Sector.names.label("sector_translations"),
            members.label("sector_discipline_ids"),
            countries.label("team_country_codes"),
        )
        .where(OpenRole.id == bindparam("role_key"))
    )


def _json_list(value: str | list[Any] | None) -> list[Any]:
    """A JSON array the statement built: text on SQLite, decoded by asyncpg already."""
    if value is None:
        return []
    return orjson.loads(value) if isinstance(value, str) else value


async def role_with_context(loaders: Loaders, role_key: int) -> RowMapping | None:
    """The open role with this key, with what ``role_criteria`` needs besides its row;
    ``None`` when no role has the key."""
    reader = loaders.reader
    rows = await reader.rows(_role_with_context(reader.env), {"role_key": role_key})
    return rows[0] if rows else None


def role_criteria(role: RowMapping, default: LanguageProficiency) -> Criteria:
    """What an open role (read by ``role_with_context``) asks for; a closed or filled
    role is refused."""
    if not role["is_open"]:
        raise refuse(_("This role is closed: it takes no one."), RequestErrorCode.ROLE_NOT_OPEN)
    if role["filled_count"] >= role["headcount"]:
        raise refuse(
            _n(
                "All {count} place of this role is taken.",
                "All {count} places of this role are taken.",
                role["headcount"],
            ),
            RequestErrorCode.ROLE_NOT_OPEN,
        )
    need = DisciplineNeed(
        discipline_id=role["discipline_id"],
        name=Name(role["discipline_name"], role["discipline_translations"]),
        sector_name=Name(role["sector_name"], role["sector_translations"]),
        sector_discipline_ids=tuple(_json_list(role["sector_discipline_ids"])),
        minimum=role["seniority"],
    )
    return Criteria(
        disciplines=(need,),
        languages=role_language_needs(
            role["required_languages"], role["language_minimum_map"], default
        ),
        preferred_countries=tuple(role["preferred_country_codes"]),
        team_countries=tuple(sorted({code for (code,) in _json_list(role["team_country_codes"])})),
        remote_allowed=role["remote_allowed"],
        project_id=role["project_id"],
        strict=frozenset(RoleRequirement(name) for name in role["strict_requirement_names"]),
        prefers_exact_level=role["prefers_exact_level"],
        location_country=role["location_country_code"],
    )


async def _known_countries(loaders: Loaders, codes: Sequence[str], argument: str) -> None:
    rows = await loaders.entity(COUNTRY).load_many(list(codes))
    unknown = [code for code, row in zip(codes, rows, strict=True) if row is None]
    if unknown:
        raise refuse(
            _(
                "`{argument}` names unknown countries: {codes}.",
                argument=argument,
                codes=", ".join(unknown),
            )
        )


async def wished_criteria(loaders: Loaders, wishes: Wishes) -> Criteria:
    """Criteria from ad-hoc wishes, checked: known disciplines, countries and languages."""
    slugs = [slug for slug, _level in wishes.disciplines]
    if len(set(slugs)) != len(slugs):
        raise refuse(_("`disciplines` names a discipline twice."))
    reader = loaders.reader
    rows = await reader.rows(DISCIPLINE.select(reader.env).where(Discipline.slug.in_(slugs)))
    by_slug = {row["slug"]: row for row in rows}
    unknown = [slug for slug in slugs if slug not in by_slug]
    if unknown:
        raise refuse(_("Unknown discipline: {slugs}.", slugs=", ".join(unknown)))
    codes = [need.code for need in wishes.languages]
    unknown = [code for code in codes if code not in LANGUAGE_CODES]
    if unknown:
        raise refuse(_("Unknown language code: {codes}.", codes=", ".join(unknown)))
    if len(set(codes)) != len(codes):
        raise refuse(_("`languages` names a language twice."))
    narrowing = wishes.narrowing
    for argument, countries in (
        ("preferredCountries", wishes.preferred_countries),
        ("teamCountries", wishes.team_countries),
        ("countries", narrowing.countries),
        ("excludedCountries", narrowing.excluded_countries),
    ):
        await _known_countries(loaders, countries, argument)
    criteria = Criteria(
        disciplines=tuple(
            [
                await discipline_need(loaders, by_slug[slug]["id"], level)
                for slug, level in wishes.disciplines
            ]
        ),
        languages=tuple(wishes.languages),
        preferred_countries=tuple(wishes.preferred_countries),
        team_countries=tuple(sorted(set(wishes.team_countries))),
        remote_allowed=wishes.remote_allowed,
    )
    if not criteria.has_something_to_rank_by:
        raise refuse(
            _(
                "The criteria give nothing to rank by: ask for a discipline, a language or a "
                "preferred country."
            ),
            RequestErrorCode.EMPTY_CRITERIA,
        )
    return narrowing.apply(criteria)


async def creator_profile(loaders: Loaders, creator: RowMapping) -> CreatorProfile:
    skills = await loaders.pages(CREATOR.relations.disciplines).load((creator["id"], Window()))
    spoken = await loaders.pages(CREATOR.relations.languages).load((creator["id"], Window()))
    verified = await verified_levels(loaders).load(creator["id"])
    disciplines = await loaders.entity(DISCIPLINE).load_many(
        [row["discipline_id"] for row in skills.rows]
    )
    return CreatorProfile(
        creator_id=creator["id"],
        country_code=creator["country_code"],
        levels={
            row["discipline_id"]: (row["level"], row["years_of_experience"]) for row in skills.rows
        },
        sector_ids=frozenset(row["sector_id"] for row in disciplines if row is not None),
        languages={row["language"]: row["proficiency"] for row in spoken.rows},
        verified=verified,
    )
