"""Open roles for one creator: the same factors as ``candidates.py``, from the other side.

Here the creator is known and the roles vary, so the facts are built from each role's
columns (its discipline, seniority, JSON lists of languages and countries, its
project's team) with the creator's skills and languages as parameters.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Integer, RowMapping, Select, case, exists, func, literal, null, select

from hub.api.loaders import Loaders
from hub.core.mapping import QueryEnv
from hub.core.portable import json_elements, json_length
from hub.creators.enums import SkillLevel
from hub.creators.mapping import rank_of
from hub.disciplines.models import Discipline
from hub.matching.criteria import CreatorProfile, LanguageNeed, country_names, discipline_need
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
from hub.projects.enums import ProjectStatus
from hub.projects.links import projects_in_countries
from hub.projects.mapping import OPEN_ROLE
from hub.projects.models import OpenRole, Participant, Project

RECRUITING = (ProjectStatus.SEEKING_PARTNERS, ProjectStatus.IN_PROGRESS)


@dataclass(frozen=True)
class RoleCandidates:
    statement: Select[Any]
    """Every ``OpenRole`` field, hard rules applied."""
    facts: FitFacts


def _by_discipline(values: dict[int, int]) -> Expr:
    """A value per discipline of the creator's, looked up by the role's discipline."""
    if not values:
        return null()
    return case(values, value=OpenRole.discipline_id, else_=literal(None, Integer))


def role_candidates(profile: CreatorProfile, env: QueryEnv) -> RoleCandidates:
    """Open, unfilled roles of recruiting projects the creator is not on, in their sectors."""
    languages = json_elements(OpenRole.required_languages)
    spoken = {code: PROFICIENCIES.index(level) for code, level in profile.languages.items()}
    credit = proficiency_credit(case(spoken, value=languages.c.value)) if spoken else number(0.0)
    preferred = json_elements(OpenRole.preferred_countries)
    statement = (
        OPEN_ROLE.select(env)
        .join(Discipline, Discipline.id == OpenRole.discipline_id)
        .join(Project, Project.id == OpenRole.project_id)
        .where(
            OpenRole.is_open.is_(True),
            OpenRole.filled_count < OpenRole.headcount,
            Project.status.in_(RECRUITING),
            Discipline.sector_id.in_(profile.sector_ids),
            ~exists().where(
                Participant.project_id == OpenRole.project_id,
                Participant.creator_id == profile.creator_id,
            ),
            ~exists(select(languages.c.value).where(languages.c.value.not_in(list(spoken)))),
        )
    )
    skill = SkillFacts(
        level=_by_discipline({key: level.rank for key, (level, _years) in profile.levels.items()}),
        years=_by_discipline({key: years for key, (_level, years) in profile.levels.items()}),
        in_sector=Discipline.sector_id.in_(profile.sector_ids),
        minimum=rank_of(OpenRole.seniority, list(SkillLevel)),
    )
    country = profile.country_code
    facts = FitFacts(
        skills=(skill,),
        language_count=json_length(OpenRole.required_languages),
        language_credit=select(func.coalesce(func.sum(credit), 0.0)).scalar_subquery(),
        has_preferred_countries=json_length(OpenRole.preferred_countries) > 0,
        in_preferred_country=exists(select(preferred.c.value).where(preferred.c.value == country)),
        has_team=True,
        adds_country=OpenRole.project_id.not_in(projects_in_countries([country])),
        remote_allowed=OpenRole.remote_allowed.is_(True),
        prefers_young_talent=False,
        is_young_talent=null(),
        prefers_mentors=False,
        is_mentor=null(),
        includes_unavailable=False,
        is_open=null(),
    )
    return RoleCandidates(statement, facts)


async def role_views(
    loaders: Loaders, profile: CreatorProfile, rows: Sequence[RowMapping]
) -> list[FitView]:
    """What each role's sentences say about this creator."""
    needs = await asyncio.gather(
        *(discipline_need(loaders, row["discipline_id"], row["seniority"]) for row in rows)
    )
    codes = [profile.country_code]
    for row in rows:
        codes += row["preferred_country_codes"]
    names = await country_names(loaders, codes)
    views = []
    for row, need in zip(rows, needs, strict=True):
        level, years = profile.levels.get(need.discipline_id, (None, None))
        views.append(
            FitView(
                # Every candidate role is in a sector the creator works in.
                skills=(SkillFit(need, level, years, in_sector=True),),
                languages=tuple(
                    LanguageFit(LanguageNeed(code), profile.languages.get(code))
                    for code in row["required_languages"]
                ),
                country=names.get(profile.country_code, profile.country_code),
                preferred_countries=tuple(
                    names.get(code, code) for code in row["preferred_country_codes"]
                ),
                young_talent_max_age=loaders.reader.env.young_talent_max_age,
            )
        )
    return views
