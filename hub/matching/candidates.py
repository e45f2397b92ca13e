"""Creators for a set of criteria: who may appear (candidates), and the SQL facts to rank them.

Candidates are narrowed through indexes first: creators who practise a discipline of
the sectors asked for (``creator_discipline.discipline_id``); when no discipline is
asked for, creators who speak a language asked for (``creator_language``); failing
that, creators based in a preferred country (``creator.country_code``). Skills are
aggregated in one pass over those index ranges; each language asked for is one join
on ``creator_language``'s key, inner when the language is required.

Ranking first tries the *practitioners*, the creators who practise a discipline asked
for: only when they cannot fill the page above the score anyone else can reach does
the whole sector get ranked (see ``ranking.Ranking``).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import RowMapping, Select, Subquery, and_, case, exists, func, select
from sqlalchemy.orm import aliased

from hub.core.mapping import QueryEnv
from hub.core.portable import picked_by_key
from hub.creators.enums import SkillLevel
from hub.creators.mapping import CREATOR, rank_of
from hub.creators.models import Creator, CreatorDiscipline, CreatorLanguage
from hub.matching.criteria import Criteria, DisciplineNeed
from hub.matching.enums import Importance
from hub.matching.factors import (
    PROFICIENCIES,
    FitFacts,
    FitView,
    LanguageFit,
    SkillFacts,
    SkillFit,
    proficiency_credit,
)
from hub.matching.requirements import Requirement, exclusions
from hub.matching.scoring import Expr, number
from hub.matching.verified import ATTESTED_DISCIPLINE, ATTESTED_LEVEL, HOLDER, attested
from hub.projects.enums import RoleRequirement
from hub.projects.models import Participant

SKILL_LEVELS = list(SkillLevel)

# Built once: expressions are immutable and an alias is dear to make (SQLAlchemy copies
# every column of the table for it), and these are the same in every request.
_LEVEL = rank_of(CreatorDiscipline.level, SKILL_LEVELS)
_ATTESTED_LEVEL = rank_of(ATTESTED_LEVEL, SKILL_LEVELS)
_OTHER_DISCIPLINE = aliased(CreatorDiscipline)


@functools.cache
def _spoken(index: int) -> tuple[type[CreatorLanguage], Expr]:
    """The join for the ``index``-th language asked for, and the proficiency's rank in it."""
    spoken = aliased(CreatorLanguage, name=f"language_{index}")
    return spoken, rank_of(spoken.proficiency, PROFICIENCIES)


def _skills(needs: tuple[DisciplineNeed, ...], *, practitioners_only: bool) -> Subquery:
    """Per creator: level and years in each discipline asked for, and a sector flag.

    Read from the rows of the disciplines asked for (``practitioners_only``) or of
    every discipline of their sectors, through the ``discipline_id`` index.
    """
    level = _LEVEL
    discipline = CreatorDiscipline.discipline_id
    columns: list[Expr] = [CreatorDiscipline.creator_id.label("creator_id")]
    for index, need in enumerate(needs):
        exact = discipline == need.discipline_id
        columns += [
            func.max(case((exact, level))).label(f"level_{index}"),
            func.max(case((exact, CreatorDiscipline.years_of_experience))).label(f"years_{index}"),
        ]
        if not practitioners_only:
            in_sector = discipline.in_(need.sector_discipline_ids)
            columns.append(func.max(case((in_sector, 1), else_=0)).label(f"in_sector_{index}"))
    return (
        select(*columns)
        .where(discipline.in_(_read_disciplines(needs, practitioners_only)))
        .group_by(CreatorDiscipline.creator_id)
        .subquery("skills")
    )


def _verified(needs: tuple[DisciplineNeed, ...]) -> Subquery:
    """Per creator holding a valid credential that attests a discipline asked for (any
    of its disciplines, not only its first): the best level attested in each."""
    level, discipline = _ATTESTED_LEVEL, ATTESTED_DISCIPLINE
    columns: list[Expr] = [HOLDER.label("creator_id")]
    for index, need in enumerate(needs):
        exact = discipline == need.discipline_id
        columns.append(func.max(case((exact, level))).label(f"verified_{index}"))
    return (
        attested(*columns)
        .where(discipline.in_(sorted({need.discipline_id for need in needs})))
        .group_by(HOLDER)
        .subquery("verified")
    )


def _practising(criteria: Criteria, practitioners_only: bool) -> Select[Any]:
    """The keys of the creators to rank, narrowed by index before any creator row is read.

    Required languages narrow here too: probing ``creator_language``'s key for a few
    thousand practitioners is cheaper than reading each practitioner's whole row first.
    """
    keys = select(CreatorDiscipline.creator_id).where(
        CreatorDiscipline.discipline_id.in_(
            _read_disciplines(criteria.disciplines, practitioners_only)
        )
    )
    for need in criteria.languages:
        if need.is_required:
            keys = keys.where(
                exists().where(
                    CreatorLanguage.creator_id == CreatorDiscipline.creator_id,
                    CreatorLanguage.language == need.code,
                )
            )
    return keys


def _read_disciplines(needs: tuple[DisciplineNeed, ...], practitioners_only: bool) -> list[int]:
    wanted = {need.discipline_id for need in needs}
    if not practitioners_only:
        wanted |= {key for need in needs for key in need.sector_discipline_ids}
    return sorted(wanted)


def _in_sector(skills: Subquery, index: int, need: DisciplineNeed) -> Expr:
    """A practitioner's sector flag: practising the discipline itself, or another one."""
    other = _OTHER_DISCIPLINE
    practises_sector = exists().where(
        other.creator_id == Creator.id, other.discipline_id.in_(need.sector_discipline_ids)
    )
    return case((skills.c[f"level_{index}"].is_not(None), 1), (practises_sector, 1), else_=0)


@dataclass(frozen=True)
class CreatorCandidates:
    """The creators who may appear for some criteria, and their facts against them."""

    statement: Select[Any]
    """Every ``Creator`` field and the skill and language details, hard rules applied."""
    facts: FitFacts


def _hard_rules(criteria: Criteria, env: QueryEnv) -> list[Expr]:
    rules: list[Expr] = []
    if not criteria.include_unavailable:
        rules.append(Creator.open_to_collaboration.is_(True))
    if criteria.countries:
        rules.append(Creator.country_code.in_(criteria.countries))
    if criteria.only_creator_id is not None:
        rules.append(Creator.id == criteria.only_creator_id)
    if criteria.excluded_countries:
        rules.append(Creator.country_code.not_in(criteria.excluded_countries))
    if criteria.young_talent is Importance.REQUIRED:
        rules.append(CREATOR.expression("is_young_talent", env))
    if criteria.mentor is Importance.REQUIRED:
        rules.append(Creator.is_mentor.is_(True))
    if criteria.project_id is not None:
        # Not correlated: the team is read once (PostgreSQL hashes it), not probed for
        # each of a few thousand candidates.
        team = select(Participant.creator_id).where(
            Participant.project_id == criteria.project_id, Participant.creator_id.is_not(None)
        )
        rules.append(Creator.id.not_in(team))
    return rules


def creator_candidates(
    criteria: Criteria, env: QueryEnv, *, practitioners_only: bool = False
) -> CreatorCandidates:
    """The candidates for ``criteria``, or only those who practise a discipline asked for.

    ``practitioners_only`` is the shortlist: everyone left out of it practises none of
    the disciplines asked for, which caps their score (``factors.outsider_ceiling``).
    """
    statement = CREATOR.select(env).where(*_hard_rules(criteria, env))
    skills: list[SkillFacts] = []
    if criteria.disciplines:
        found = _skills(criteria.disciplines, practitioners_only=practitioners_only)
        practising = _practising(criteria, practitioners_only)
        verified = _verified(criteria.disciplines)
        statement = (
            statement.join(found, found.c.creator_id == Creator.id)
            .outerjoin(verified, verified.c.creator_id == Creator.id)
            .where(picked_by_key(Creator.id, practising))
        )
        for index, need in enumerate(criteria.disciplines):
            level, years = found.c[f"level_{index}"], found.c[f"years_{index}"]
            in_sector = (
                _in_sector(found, index, need)
                if practitioners_only
                else found.c[f"in_sector_{index}"]
            )
            attested = verified.c[f"verified_{index}"]
            statement = statement.add_columns(
                level.label(f"skill_level_{index}"),
                years.label(f"skill_years_{index}"),
                in_sector.label(f"skill_in_sector_{index}"),
                attested.label(f"skill_verified_{index}"),
            )
            skills.append(SkillFacts(level, years, in_sector == 1, need.minimum.rank, attested))
    credit: Expr = number(0.0)
    languages_met: list[Expr] = []
    for index, language in enumerate(criteria.languages):
        spoken, rank = _spoken(index)
        # A required language joins (and so narrows); a preferred one may be missing.
        statement = statement.join(
            spoken,
            (spoken.creator_id == Creator.id) & (spoken.language == language.code),
            isouter=not language.is_required,
        )
        statement = statement.add_columns(rank.label(f"language_{index}"))
        credit = credit + proficiency_credit(rank)
        if language.is_required:
            languages_met.append(rank >= PROFICIENCIES.index(language.minimum))
    if not criteria.disciplines and not any(need.is_required for need in criteria.languages):
        statement = statement.where(_speakers_or_preferred_countries(criteria))
    team = criteria.team_countries
    location = criteria.location_countries
    requirements = _requirements(criteria, skills, languages_met)
    statement = statement.where(*exclusions(requirements))
    facts = FitFacts(
        skills=tuple(skills),
        language_count=len(criteria.languages),
        language_credit=credit,
        has_preferred_countries=bool(criteria.preferred_countries),
        in_preferred_country=Creator.country_code.in_(criteria.preferred_countries),
        has_team=bool(team),
        adds_country=Creator.country_code.not_in(team),
        remote_allowed=criteria.remote_allowed,
        prefers_young_talent=criteria.young_talent is Importance.PREFERRED,
        is_young_talent=CREATOR.expression("is_young_talent", env),
        prefers_mentors=criteria.mentor is Importance.PREFERRED,
        is_mentor=Creator.is_mentor.is_(True),
        includes_unavailable=criteria.include_unavailable,
        is_open=Creator.open_to_collaboration.is_(True),
        has_location=bool(location),
        at_location=Creator.country_code.in_(location),
        requirements=requirements,
        rewards_level_fit=criteria.prefers_exact_level,
    )
    return CreatorCandidates(statement, facts)


def _requirements(
    criteria: Criteria, skills: list[SkillFacts], languages_met: list[Expr]
) -> tuple[Requirement, ...]:
    """The criteria's requirements, as conditions on a creator's row."""
    strict = criteria.strict
    found: list[Requirement] = []

    def add(kind: RoleRequirement, conditions: list[Expr]) -> None:
        if conditions:
            found.append(Requirement(kind, True, and_(*conditions), kind in strict))

    add(RoleRequirement.DISCIPLINE, [skill.level.is_not(None) for skill in skills])
    add(RoleRequirement.LEVEL, [skill.level >= skill.minimum for skill in skills])
    add(RoleRequirement.LANGUAGE, languages_met)
    if not criteria.remote_allowed and criteria.location_countries:
        add(RoleRequirement.LOCATION, [Creator.country_code.in_(criteria.location_countries)])
    return tuple(found)


def _speakers_or_preferred_countries(criteria: Criteria) -> Expr:
    """Without a discipline or a required language, whom to rank at all."""
    if criteria.languages:
        codes = [need.code for need in criteria.languages]
        return Creator.id.in_(
            select(CreatorLanguage.creator_id).where(CreatorLanguage.language.in_(codes))
        )
    return Creator.country_code.in_(criteria.preferred_countries)


def fit_view(
    criteria: Criteria, row: RowMapping, country_names: Mapping[str, str], env: QueryEnv
) -> FitView:
    """The facts a creator's row carries, in words the sentences use."""
    skills = []
    for index, need in enumerate(criteria.disciplines):
        level, attested = row[f"skill_level_{index}"], row[f"skill_verified_{index}"]
        skills.append(
            SkillFit(
                need=need,
                level=None if level is None else SKILL_LEVELS[level],
                years=row[f"skill_years_{index}"],
                in_sector=bool(row[f"skill_in_sector_{index}"]),
                verified=None if attested is None else SKILL_LEVELS[attested],
            )
        )
    languages = []
    for index, language in enumerate(criteria.languages):
        rank = row[f"language_{index}"]
        languages.append(LanguageFit(language, None if rank is None else PROFICIENCIES[rank]))
    return FitView(
        skills=tuple(skills),
        languages=tuple(languages),
        country=country_names.get(row["country_code"], row["country_code"]),
        preferred_countries=tuple(
            country_names.get(code, code) for code in criteria.preferred_countries
        ),
        young_talent_max_age=env.young_talent_max_age,
        location=None
        if criteria.location_country is None
        else country_names.get(criteria.location_country, criteria.location_country),
    )
