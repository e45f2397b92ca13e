"""Programmes for one creator: open ones they may apply to, ranked by fit (issue 12).

The creator is known and the programmes vary, as for roles (``roles.py``): the facts are
SQL on each programme's columns with the creator's profile as parameters. Eligibility is
talent's own rule (``hub.talent.eligibility``), applied in SQL here and named one rule at a
time by ``programme_exclusions``. Fit follows issue 11: a programme at the creator's level,
or the next step up, earns all of ``LEVEL_FIT``; each level further away either way a
quarter less, so a course far below them ranks under one at their level.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import RowMapping, Select, and_, case, exists, func, select, true

from hub.api.loaders import Loaders
from hub.core.mapping import QueryEnv
from hub.core.portable import json_elements, json_length
from hub.creators.enums import LanguageProficiency, SkillLevel
from hub.creators.mapping import rank_of
from hub.creators.models import CreatorDiscipline, CreatorLanguage
from hub.disciplines.models import Discipline
from hub.i18n.messages import _
from hub.i18n.words import LanguageName, Listing
from hub.matching.criteria import CreatorProfile, country_names
from hub.matching.enums import MatchFactor
from hub.matching.exclusions import Exclusion, ExclusionCode
from hub.matching.factors import PROFICIENCIES, proficiency_credit
from hub.matching.scoring import Expr, Factor, number
from hub.matching.wording import Name, Said, levels, word
from hub.talent.applications import accepts_applications
from hub.talent.eligibility import Applicant, Prerequisite, eligible_programmes, refusals
from hub.talent.enums import ProgrammeFormat
from hub.talent.mapping import PROGRAMME
from hub.talent.models import Programme, ProgrammeApplication, ProgrammeDiscipline
from hub.talent.queries import open_for_applications

SKILL_LEVELS = list(SkillLevel)
NOT_PRACTISED = -1
"""The rank of a discipline the creator does not practise: just below BEGINNER."""
LEVEL_FIT_BY_GAP = {0: 1.0, 1: 1.0, 2: 0.75, 3: 0.5, 4: 0.25, -1: 0.75, -2: 0.5, -3: 0.25}
"""Level fit by (level taught - the creator's level): their level or the next step earn
all; each level further either way a quarter less."""


@dataclass(frozen=True)
class ProgrammeFacts:
    practised: Expr
    """Rank of the creator's best level in a discipline the programme teaches; NULL: none."""
    in_sector: Expr
    level_taught: Expr
    language_count: Expr
    language_credit: Expr
    in_person: Expr
    in_country: Expr
    has_free_seat: Expr


@dataclass(frozen=True)
class ProgrammeView:
    discipline: Name
    in_sector: bool
    practised: SkillLevel | None
    level_taught: SkillLevel
    languages: tuple[str, ...]
    spoken: dict[str, LanguageProficiency]
    country: str
    location: str
    seats_left: int


def _discipline_value(facts: ProgrammeFacts, _settings: Any) -> Expr:
    return case((facts.practised.is_not(None), 1.0), (facts.in_sector, 0.5), else_=0.0)


def _discipline_sentence(view: ProgrammeView, _value: float) -> list[Said]:
    if view.practised is not None:
        return [Said("TEACHES_PRACTISED", discipline=view.discipline)]
    code = "TEACHES_IN_SECTOR" if view.in_sector else "TEACHES_NEW"
    return [Said(code, discipline=view.discipline)]


def _level_fit_value(facts: ProgrammeFacts, _settings: Any) -> Expr:
    gap = facts.level_taught - func.coalesce(facts.practised, NOT_PRACTISED)
    return case(LEVEL_FIT_BY_GAP, value=gap, else_=0.0)


def _level_fit_sentence(view: ProgrammeView, _value: float) -> list[Said]:
    level = word(view.level_taught)
    if view.practised is None:
        return [Said("TAUGHT_FROM_SCRATCH", level=level, discipline=view.discipline)]
    gap = view.level_taught.rank - view.practised.rank
    yours = word(view.practised)
    if gap == 0:
        return [Said("TAUGHT_AT_LEVEL", level=level, discipline=view.discipline)]
    if gap == 1:
        return [Said("TAUGHT_NEXT_LEVEL", level=level, yours=yours, discipline=view.discipline)]
    code = "TAUGHT_ABOVE" if gap > 0 else "TAUGHT_BELOW"
    return [Said(code, level=level, gap=levels(abs(gap)), yours=yours, discipline=view.discipline)]


def _language_sentence(view: ProgrammeView, _value: float) -> list[Said]:
    best = max(
        (code for code in view.languages if code in view.spoken),
        key=lambda code: PROFICIENCIES.index(view.spoken[code]),
        default=None,
    )
    if best is None:
        return [Said("TAUGHT_IN_UNSPOKEN", languages=Listing.of(map(LanguageName, view.languages)))]
    return [
        Said("TAUGHT_IN_SPOKEN", language=LanguageName(best), proficiency=word(view.spoken[best]))
    ]


def _location_sentence(view: ProgrammeView, value: float) -> list[Said]:
    if value:
        return [Said("HELD_IN_COUNTRY", country=view.country)]
    return [Said("HELD_ABROAD", location=view.location, country=view.country)]


def _seats_sentence(view: ProgrammeView, value: float) -> list[Said]:
    return [Said("SEATS_FREE", count=view.seats_left) if value else Said("WAITLIST_ONLY")]


PROGRAMME_FACTORS: tuple[Factor[ProgrammeFacts, ProgrammeView], ...] = (
    Factor(MatchFactor.DISCIPLINE, lambda _f: True, _discipline_value, _discipline_sentence),
    Factor(MatchFactor.LEVEL_FIT, lambda _f: True, _level_fit_value, _level_fit_sentence),
    Factor(
        MatchFactor.LANGUAGE,
        lambda facts: facts.language_count > 0,
        lambda facts, _settings: facts.language_credit,
        _language_sentence,
    ),
    Factor.flag(
        MatchFactor.LOCATION,
        lambda facts: facts.in_person,
        lambda facts: facts.in_country,
        _location_sentence,
    ),
    Factor.flag(
        MatchFactor.FREE_SEATS,
        lambda _f: True,
        lambda facts: facts.has_free_seat,
        _seats_sentence,
    ),
)


@dataclass(frozen=True)
class ProgrammeCandidates:
    statement: Select[Any]
    facts: ProgrammeFacts


def applicant_of(creator: RowMapping, profile: CreatorProfile) -> Applicant:
    return Applicant(
        creator_id=creator["id"],
        birth_year=creator["birth_year"],
        country_code=creator["country_code"],
        region_code=creator["region_code"],
        levels={key: level for key, (level, _years) in profile.levels.items()},
    )


def programme_candidates(
    creator: RowMapping,
    profile: CreatorProfile,
    env: QueryEnv,
    now: datetime,
    only_programme_id: int | None = None,
) -> ProgrammeCandidates:
    """Open programmes the creator may apply to and has not applied to, with their facts.

    The facts that read other tables (the creator's best level in a discipline taught, a
    discipline in their sectors, the credit of the language taught they speak best) are
    computed once per programme in grouped subqueries joined to it, and read as columns
    by the score: as scalar subqueries they were evaluated again wherever the score is
    (its column, its bucket, the order), and written out as often in the SQL. They join
    the creator's own rows rather than list their disciplines and languages as
    parameters, so the statement has the same shape, and SQLAlchemy compiles it once,
    whatever the creator practises and speaks.
    """
    # Plain classes, not aliases: each subquery is its own scope, and an alias built per
    # request costs more to build with than the statement's other parts.
    taught, mine = ProgrammeDiscipline, CreatorDiscipline
    practised_in = (
        select(
            taught.programme_id.label("programme_id"),
            func.max(rank_of(mine.level, SKILL_LEVELS)).label("practised"),
        )
        .join(
            mine, and_(mine.discipline_id == taught.discipline_id, mine.creator_id == creator["id"])
        )
        .group_by(taught.programme_id)
        .subquery("fit_practised")
    )
    in_sectors = (
        select(ProgrammeDiscipline.programme_id.label("programme_id"))
        .join(Discipline, Discipline.id == ProgrammeDiscipline.discipline_id)
        .where(Discipline.sector_id.in_(sorted(profile.sector_ids)))
        .group_by(ProgrammeDiscipline.programme_id)
        .subquery("fit_in_sector")
    )
    languages = json_elements(Programme.languages)
    credit = (
        select(
            Programme.id.label("programme_id"),
            func.max(proficiency_credit(rank_of(CreatorLanguage.proficiency, PROFICIENCIES))).label(
                "credit"
            ),
        )
        .select_from(Programme)
        .join(languages, true())
        .join(
            CreatorLanguage,
            and_(
                CreatorLanguage.language == languages.c.value,
                CreatorLanguage.creator_id == creator["id"],
            ),
        )
        .where(open_for_applications(now))
        .group_by(Programme.id)
        .subquery("fit_language")
    )
    in_sector = in_sectors.c.programme_id.is_not(None)
    conditions = [
        open_for_applications(now),
        eligible_programmes(applicant_of(creator, profile), env.today.year),
        ~exists().where(
            ProgrammeApplication.programme_id == Programme.id,
            ProgrammeApplication.creator_id == creator["id"],
        ),
    ]
    if only_programme_id is not None:
        conditions.append(Programme.id == only_programme_id)
    # Built in one step: each generative call (``join``, ``where``, ``add_columns``)
    # copies the select, and the statement is built anew for every request.
    statement = (
        select(
            *PROGRAMME.columns(env),
            practised_in.c.practised.label("fit_practised"),
            case((in_sector, 1), else_=0).label("fit_in_sector"),
        )
        .select_from(
            Programme.__table__.outerjoin(practised_in, practised_in.c.programme_id == Programme.id)
            .outerjoin(in_sectors, in_sectors.c.programme_id == Programme.id)
            .outerjoin(credit, credit.c.programme_id == Programme.id)
        )
        .where(*conditions)
    )
    facts = ProgrammeFacts(
        practised=practised_in.c.practised,
        in_sector=in_sector,
        level_taught=rank_of(Programme.level_taught, SKILL_LEVELS),
        language_count=json_length(Programme.languages),
        language_credit=func.coalesce(credit.c.credit, number(0.0)),
        in_person=Programme.format != ProgrammeFormat.ONLINE,
        in_country=Programme.country_code == creator["country_code"],
        has_free_seat=Programme.seats_taken < Programme.capacity,
    )
    return ProgrammeCandidates(statement, facts)


async def programme_views(
    loaders: Loaders, profile: CreatorProfile, rows: Sequence[RowMapping]
) -> list[ProgrammeView]:
    """What each programme's sentences say: the discipline it teaches that is closest to
    the creator (the one they practise best, else the first by name).

    The disciplines of the page's programmes come in one plain statement (every one of
    them, which a page of a relation would give too)."""
    if not rows:
        return []
    taught: dict[int, list[RowMapping]] = {row["id"]: [] for row in rows}
    for item in await loaders.reader.rows(
        select(
            ProgrammeDiscipline.programme_id,
            Discipline.id,
            Discipline.name.label("default_name"),
            Discipline.names.label("translations"),
        )
        .join(Discipline, Discipline.id == ProgrammeDiscipline.discipline_id)
        .where(ProgrammeDiscipline.programme_id.in_(list(taught)))
    ):
        taught[item["programme_id"]].append(item)
    codes = [profile.country_code, *(row["country_code"] for row in rows if row["country_code"])]
    names = await country_names(loaders, codes)
    views = []
    for row in rows:
        disciplines = sorted(taught[row["id"]], key=lambda d: (d["default_name"], d["id"]))
        practised = [d for d in disciplines if d["id"] in profile.levels]
        focus = max(practised, key=lambda d: profile.levels[d["id"]][0].rank, default=None) or (
            disciplines[0] if disciplines else None
        )
        level = None if focus is None else profile.levels.get(focus["id"], (None, 0))[0]
        views.append(
            ProgrammeView(
                discipline=Name("", {})
                if focus is None
                else Name(focus["default_name"], focus["translations"]),
                in_sector=bool(row["fit_in_sector"]),
                practised=level,
                level_taught=row["level_taught"],
                languages=tuple(row["language_codes"]),
                spoken=dict(profile.languages),
                country=names.get(profile.country_code, profile.country_code),
                location=", ".join(
                    filter(None, [row["city"], names.get(row["country_code"] or "", "")])
                ),
                seats_left=max(row["capacity"] - row["seats_taken"], 0),
            )
        )
    return views


def programme_exclusions(
    programme: Programme,
    prerequisites: Sequence[Prerequisite],
    applicant: Applicant,
    already_applied: bool,
    now: datetime,
) -> list[Exclusion]:
    """Every rule that leaves the programme out of the creator's recommendations."""
    found: list[Exclusion] = []
    if not accepts_applications(programme, now):
        found.append(
            Exclusion(
                ExclusionCode.APPLICATIONS_CLOSED,
                _("The programme does not take applications now."),
            )
        )
    if already_applied:
        found.append(Exclusion(ExclusionCode.ALREADY_APPLIED, _("You have applied already.")))
    for refusal in refusals(programme, prerequisites, applicant, now.year):
        found.append(Exclusion(ExclusionCode[refusal.code.name], refusal.message))
    return found
