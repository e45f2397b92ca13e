"""Who may apply to a programme: its age range, countries, regions and prerequisites.

One set of rules, spelled twice: ``refusals`` tells one applicant why a programme refuses
them (a code per rule), and ``eligible_programmes`` is the same rules as SQL, so that
listing the programmes a creator may apply to filters in the database. The age is the age
reached this year (profiles hold a birth year, not a date).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, false, not_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.portable import json_elements, json_length
from hub.creators.enums import SkillLevel
from hub.creators.models import Creator, CreatorDiscipline
from hub.disciplines.models import Discipline
from hub.i18n.messages import Message, _
from hub.talent.errors import TalentErrorCode
from hub.talent.models import Programme, ProgrammePrerequisite


@dataclass(frozen=True)
class Applicant:
    """What eligibility reads of a creator's profile."""

    creator_id: int
    birth_year: int | None
    country_code: str
    region_code: str | None
    levels: Mapping[int, SkillLevel]
    """Level by discipline id."""


@dataclass(frozen=True)
class Prerequisite:
    discipline_id: int
    discipline_slug: str
    minimum_level: SkillLevel


@dataclass(frozen=True)
class Refusal:
    code: TalentErrorCode
    message: Message


async def load_applicant(session: AsyncSession, creator_id: int) -> Applicant | None:
    creator = await session.get(Creator, creator_id)
    if creator is None:
        return None
    skills = await session.execute(
        select(CreatorDiscipline.discipline_id, CreatorDiscipline.level).where(
            CreatorDiscipline.creator_id == creator_id
        )
    )
    return Applicant(
        creator_id=creator.id,
        birth_year=creator.birth_year,
        country_code=creator.country_code,
        region_code=creator.region_code,
        levels={discipline: level for discipline, level in skills.all()},
    )


async def load_prerequisites(session: AsyncSession, programme_id: int) -> list[Prerequisite]:
    rows = await session.execute(
        select(
            ProgrammePrerequisite.discipline_id,
            Discipline.slug,
            ProgrammePrerequisite.minimum_level,
        )
        .join(Discipline, Discipline.id == ProgrammePrerequisite.discipline_id)
        .where(ProgrammePrerequisite.programme_id == programme_id)
        .order_by(Discipline.slug)
    )
    return [Prerequisite(*row) for row in rows.all()]


def refusals(
    programme: Programme,
    prerequisites: Sequence[Prerequisite],
    applicant: Applicant,
    year: int,
) -> list[Refusal]:
    """Every rule of ``programme`` that ``applicant`` fails, in the order of the rules."""
    found: list[Refusal] = []
    if programme.min_age is not None or programme.max_age is not None:
        if applicant.birth_year is None:
            found.append(
                Refusal(
                    TalentErrorCode.AGE_UNKNOWN,
                    _("The programme has an age range; add your birth year to your profile."),
                )
            )
        else:
            age = year - applicant.birth_year
            if programme.min_age is not None and age < programme.min_age:
                found.append(
                    Refusal(
                        TalentErrorCode.TOO_YOUNG,
                        _("Applicants must be at least {age} this year.", age=programme.min_age),
                    )
                )
            if programme.max_age is not None and age > programme.max_age:
                found.append(
                    Refusal(
                        TalentErrorCode.TOO_OLD,
                        _("Applicants must be at most {age} this year.", age=programme.max_age),
                    )
                )
    if programme.eligible_countries and applicant.country_code not in programme.eligible_countries:
        found.append(
            Refusal(
                TalentErrorCode.COUNTRY_NOT_ELIGIBLE,
                _(
                    "The programme is for applicants from {countries}.",
                    countries=", ".join(programme.eligible_countries),
                ),
            )
        )
    if programme.eligible_regions and applicant.region_code not in programme.eligible_regions:
        found.append(
            Refusal(
                TalentErrorCode.REGION_NOT_ELIGIBLE,
                _(
                    "The programme is for applicants from the regions {regions}.",
                    regions=", ".join(programme.eligible_regions),
                ),
            )
        )
    for prerequisite in prerequisites:
        level = applicant.levels.get(prerequisite.discipline_id)
        if level is None or level.rank < prerequisite.minimum_level.rank:
            found.append(
                Refusal(
                    TalentErrorCode.PREREQUISITE_MISSING,
                    _(
                        "The programme asks for {discipline} at {level} or above.",
                        discipline=prerequisite.discipline_slug,
                        level=prerequisite.minimum_level.value,
                    ),
                )
            )
    return found


def _listed_or_open(column: Any, value: str | None) -> ColumnElement[bool]:
    """An empty JSON list admits everyone; otherwise ``value`` must be in it."""
    items = json_elements(column)
    listed = (
        exists(select(items.c.value).select_from(items).where(items.c.value == value))
        if value is not None
        else false()
    )
    return or_(json_length(column) == 0, listed)


def eligible_programmes(applicant: Applicant, year: int) -> ColumnElement[bool]:
    """The rules of ``refusals`` as a condition on ``programme``: true when none refuses."""
    if applicant.birth_year is None:
        age_fits: ColumnElement[bool] = and_(
            Programme.min_age.is_(None), Programme.max_age.is_(None)
        )
    else:
        age = year - applicant.birth_year
        age_fits = and_(
            or_(Programme.min_age.is_(None), Programme.min_age <= age),
            or_(Programme.max_age.is_(None), Programme.max_age >= age),
        )
    met = [
        and_(
            ProgrammePrerequisite.discipline_id == discipline,
            ProgrammePrerequisite.minimum_level.in_(
                [candidate for candidate in SkillLevel if candidate.rank <= level.rank]
            ),
        )
        for discipline, level in applicant.levels.items()
    ]
    unmet = exists().where(
        ProgrammePrerequisite.programme_id == Programme.id, not_(or_(false(), *met))
    )
    return and_(
        age_fits,
        _listed_or_open(Programme.eligible_countries, applicant.country_code),
        _listed_or_open(Programme.eligible_regions, applicant.region_code),
        not_(unmet),
    )
