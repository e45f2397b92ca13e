"""Creators for a set of criteria: who may appear (candidates), and the SQL facts to rank them.

Candidates are narrowed through indexes first: creators who practise a discipline of
the sector asked for (``creator_discipline.discipline_id``); when no discipline is
asked for, creators who speak a language asked for (``creator_language.language``);
failing that, creators based in a preferred country (``creator.country_code``). Each
creator's skills and languages against the criteria are aggregated in one pass over
those index ranges, not looked up creator by creator.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import RowMapping, Select, Subquery, case, exists, func, select

from hub.core.mapping import QueryEnv
from hub.creators.enums import SkillLevel
from hub.creators.mapping import CREATOR, rank_of
from hub.creators.models import Creator, CreatorDiscipline, CreatorLanguage
from hub.matching.criteria import Criteria, DisciplineNeed, LanguageNeed
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
from hub.matching.scoring import Expr, number
from hub.projects.models import Participant

SKILL_LEVELS = list(SkillLevel)


def _skills(needs: tuple[DisciplineNeed, ...]) -> Subquery:
    """Per creator who practises a discipline of a needed sector: level, years, sector."""
    level = rank_of(CreatorDiscipline.level, SKILL_LEVELS)
    discipline = CreatorDiscipline.discipline_id
    columns: list[Expr] = [CreatorDiscipline.creator_id.label("creator_id")]
    for index, need in enumerate(needs):
        exact = discipline == need.discipline_id
        in_sector = discipline.in_(need.sector_discipline_ids)
        columns += [
            func.max(case((exact, level))).label(f"level_{index}"),
            func.max(case((exact, CreatorDiscipline.years_of_experience))).label(f"years_{index}"),
            func.max(case((in_sector, 1), else_=0)).label(f"in_sector_{index}"),
        ]
    wanted = sorted({key for need in needs for key in need.sector_discipline_ids})
    return (
        select(*columns)
        .where(discipline.in_(wanted))
        .group_by(CreatorDiscipline.creator_id)
        .subquery("skills")
    )


def _languages(needs: tuple[LanguageNeed, ...]) -> Subquery:
    """Per creator who speaks a language asked for: the rank of each one they speak."""
    proficiency = rank_of(CreatorLanguage.proficiency, PROFICIENCIES)
    columns: list[Expr] = [CreatorLanguage.creator_id.label("creator_id")]
    for index, need in enumerate(needs):
        spoken = CreatorLanguage.language == need.code
        columns.append(func.max(case((spoken, proficiency))).label(f"proficiency_{index}"))
    return (
        select(*columns)
        .where(CreatorLanguage.language.in_([need.code for need in needs]))
        .group_by(CreatorLanguage.creator_id)
        .subquery("languages")
    )


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
    if criteria.excluded_countries:
        rules.append(Creator.country_code.not_in(criteria.excluded_countries))
    if criteria.young_talent is Importance.REQUIRED:
        rules.append(CREATOR.expression("is_young_talent", env))
    if criteria.mentor is Importance.REQUIRED:
        rules.append(Creator.is_mentor.is_(True))
    if criteria.project_id is not None:
        rules.append(
            ~exists().where(
                Participant.project_id == criteria.project_id,
                Participant.creator_id == Creator.id,
            )
        )
    return rules


def creator_candidates(criteria: Criteria, env: QueryEnv) -> CreatorCandidates:
    statement = CREATOR.select(env).where(*_hard_rules(criteria, env))
    skills: list[SkillFacts] = []
    if criteria.disciplines:
        found = _skills(criteria.disciplines)
        statement = statement.join(found, found.c.creator_id == Creator.id)
        for index, need in enumerate(criteria.disciplines):
            level, years = found.c[f"level_{index}"], found.c[f"years_{index}"]
            in_sector = found.c[f"in_sector_{index}"]
            statement = statement.add_columns(
                level.label(f"skill_level_{index}"),
                years.label(f"skill_years_{index}"),
                in_sector.label(f"skill_in_sector_{index}"),
            )
            skills.append(SkillFacts(level, years, in_sector == 1, need.minimum.rank))
    credit: Expr = number(0.0)
    if criteria.languages:
        spoken = _languages(criteria.languages)
        must_speak = any(need.is_required for need in criteria.languages)
        statement = statement.join(
            spoken,
            spoken.c.creator_id == Creator.id,
            isouter=bool(criteria.disciplines) and not must_speak,
        )
        for index, need in enumerate(criteria.languages):
            proficiency = spoken.c[f"proficiency_{index}"]
            statement = statement.add_columns(proficiency.label(f"language_{index}"))
            credit = credit + proficiency_credit(proficiency)
            if need.is_required:
                statement = statement.where(proficiency.is_not(None))
    if not criteria.disciplines and not criteria.languages:
        statement = statement.where(Creator.country_code.in_(criteria.preferred_countries))
    team = criteria.team_countries
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
    )
    return CreatorCandidates(statement, facts)


def fit_view(
    criteria: Criteria, row: RowMapping, country_names: Mapping[str, str], env: QueryEnv
) -> FitView:
    """The facts a creator's row carries, in words the sentences use."""
    skills = []
    for index, need in enumerate(criteria.disciplines):
        level = row[f"skill_level_{index}"]
        skills.append(
            SkillFit(
                need=need,
                level=None if level is None else SKILL_LEVELS[level],
                years=row[f"skill_years_{index}"],
                in_sector=bool(row[f"skill_in_sector_{index}"]),
            )
        )
    languages = []
    for index, need in enumerate(criteria.languages):
        rank = row[f"language_{index}"]
        languages.append(LanguageFit(need, None if rank is None else PROFICIENCIES[rank]))
    return FitView(
        skills=tuple(skills),
        languages=tuple(languages),
        country=country_names.get(row["country_code"], row["country_code"]),
        preferred_countries=tuple(
            country_names.get(code, code) for code in criteria.preferred_countries
        ),
        young_talent_max_age=env.young_talent_max_age,
    )
