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

from sqlalchemy import (
    Integer,
    RowMapping,
    Select,
    and_,
    case,
    exists,
    func,
    literal,
    null,
    or_,
    select,
)

from hub.api.loaders import Loaders
from hub.core.mapping import QueryEnv
from hub.core.portable import json_elements, json_length, json_text_at
from hub.creators.enums import LanguageProficiency, SkillLevel
from hub.creators.mapping import rank_of
from hub.disciplines.models import Discipline
from hub.matching.criteria import (
    ANY_ROLE,
    CreatorProfile,
    RoleNarrowing,
    country_names,
    discipline_need,
    role_language_needs,
)
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
from hub.projects.enums import ProjectStatus, RoleRequirement
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


def _minimum_rank(code: Expr, default: LanguageProficiency) -> Expr:
    """The rank of the proficiency a role asks for in a language (``language_minimums``)."""
    asked = json_text_at(OpenRole.language_minimums, code)
    ranks = {member.value: PROFICIENCIES.index(member) for member in PROFICIENCIES}
    return case(ranks, value=asked, else_=PROFICIENCIES.index(default))


def _is_strict(requirement: RoleRequirement) -> Expr:
    strict = json_elements(OpenRole.strict_requirements)
    return exists(select(strict.c.value).where(strict.c.value == requirement.value))


def _role_requirements(
    skill: SkillFacts, languages_met: Expr, at_location: Expr
) -> tuple[Requirement, ...]:
    """Each role's requirements, as conditions on its row, for the one creator."""
    return (
        Requirement(
            RoleRequirement.DISCIPLINE,
            True,
            skill.level.is_not(None),
            _is_strict(RoleRequirement.DISCIPLINE),
        ),
        Requirement(
            RoleRequirement.LEVEL,
            True,
            skill.level >= skill.minimum,
            _is_strict(RoleRequirement.LEVEL),
        ),
        Requirement(
            RoleRequirement.LANGUAGE, True, languages_met, _is_strict(RoleRequirement.LANGUAGE)
        ),
        Requirement(
            RoleRequirement.LOCATION,
            OpenRole.remote_allowed.is_(False),
            at_location,
            _is_strict(RoleRequirement.LOCATION),
        ),
    )


def _narrowed(narrowing: RoleNarrowing) -> list[Expr]:
    rules: list[Expr] = []
    if narrowing.countries:
        rules.append(
            or_(
                OpenRole.location_country.in_(narrowing.countries),
                and_(
                    OpenRole.location_country.is_(None),
                    OpenRole.project_id.in_(projects_in_countries(list(narrowing.countries))),
                ),
            )
        )
    if narrowing.discipline_ids:
        rules.append(OpenRole.discipline_id.in_(narrowing.discipline_ids))
    if narrowing.remote_only:
        rules.append(OpenRole.remote_allowed.is_(True))
    return rules


def role_candidates(
    profile: CreatorProfile,
    env: QueryEnv,
    default: LanguageProficiency,
    narrowing: RoleNarrowing = ANY_ROLE,
) -> RoleCandidates:
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
    spoken_rank = case(spoken, value=languages.c.value, else_=-1) if spoken else literal(-1)
    below = select(languages.c.value).where(spoken_rank < _minimum_rank(languages.c.value, default))
    skill = SkillFacts(
        level=_by_discipline({key: level.rank for key, (level, _years) in profile.levels.items()}),
        years=_by_discipline({key: years for key, (_level, years) in profile.levels.items()}),
        in_sector=Discipline.sector_id.in_(profile.sector_ids),
        minimum=rank_of(OpenRole.seniority, list(SkillLevel)),
        verified=_by_discipline({key: level.rank for key, level in profile.verified.items()}),
    )
    country = profile.country_code
    adds_country = OpenRole.project_id.not_in(projects_in_countries([country]))
    at_location = case(
        (OpenRole.location_country.is_not(None), OpenRole.location_country == country),
        else_=~adds_country,
    )
    requirements = _role_requirements(skill, ~exists(below), at_location)
    statement = statement.where(*exclusions(requirements), *_narrowed(narrowing))
    facts = FitFacts(
        skills=(skill,),
        language_count=json_length(OpenRole.required_languages),
        language_credit=select(func.coalesce(func.sum(credit), 0.0)).scalar_subquery(),
        has_preferred_countries=json_length(OpenRole.preferred_countries) > 0,
        in_preferred_country=exists(select(preferred.c.value).where(preferred.c.value == country)),
        has_team=True,
        adds_country=adds_country,
        remote_allowed=OpenRole.remote_allowed.is_(True),
        prefers_young_talent=False,
        is_young_talent=null(),
        prefers_mentors=False,
        is_mentor=null(),
        includes_unavailable=False,
        is_open=null(),
        has_location=True,
        at_location=at_location,
        requirements=requirements,
        rewards_level_fit=True,
    )
    return RoleCandidates(statement, facts)


async def role_views(
    loaders: Loaders,
    profile: CreatorProfile,
    rows: Sequence[RowMapping],
    default: LanguageProficiency,
) -> list[FitView]:
    """What each role's sentences say about this creator."""
    needs = await asyncio.gather(
        *(discipline_need(loaders, row["discipline_id"], row["seniority"]) for row in rows)
    )
    codes = [profile.country_code]
    for row in rows:
        codes += [*row["preferred_country_codes"], *_place(row)]
    names = await country_names(loaders, codes)
    views = []
    for row, need in zip(rows, needs, strict=True):
        level, years = profile.levels.get(need.discipline_id, (None, None))
        views.append(
            FitView(
                # Every candidate role is in a sector the creator works in.
                skills=(
                    SkillFit(
                        need,
                        level,
                        years,
                        in_sector=True,
                        verified=profile.verified.get(need.discipline_id),
                    ),
                ),
                languages=tuple(
                    LanguageFit(need, profile.languages.get(need.code))
                    for need in role_language_needs(
                        row["required_languages"], row["language_minimum_map"], default
                    )
                ),
                country=names.get(profile.country_code, profile.country_code),
                preferred_countries=tuple(
                    names.get(code, code) for code in row["preferred_country_codes"]
                ),
                young_talent_max_age=loaders.reader.env.young_talent_max_age,
                location=row["location_country_code"]
                and names.get(row["location_country_code"], row["location_country_code"]),
            )
        )
    return views


def _place(row: RowMapping) -> list[str]:
    code = row["location_country_code"]
    return [] if code is None else [code]
