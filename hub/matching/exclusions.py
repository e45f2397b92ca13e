"""Why a creator is missing from a role's ranking: the hard rule that leaves them out.

The ranking applies these rules in SQL (``candidates.py``); ``explainMatch`` names
them, one code each, for one creator. A test checks that the two agree: a creator with
no exclusion here is ranked, and one with an exclusion is not.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from sqlalchemy import RowMapping, exists, select

from hub.core.reader import Reader
from hub.i18n.messages import Message, _
from hub.i18n.words import LanguageName
from hub.matching.criteria import CreatorProfile, Criteria
from hub.matching.factors import below_minimum
from hub.matching.wording import word
from hub.projects.enums import RoleRequirement
from hub.projects.models import Participant


class ExclusionCode(enum.Enum):
    """The rule that leaves a candidate out of a ranking (a creator for a role; a
    partner for an organisation, ``partner_exclusions.py``)."""

    CLOSED_TO_COLLABORATION = "CLOSED_TO_COLLABORATION"
    ALREADY_ON_TEAM = "ALREADY_ON_TEAM"
    MISSING_REQUIRED_LANGUAGE = "MISSING_REQUIRED_LANGUAGE"
    OUTSIDE_SECTOR = "OUTSIDE_SECTOR"
    STRICT_REQUIREMENT_MISSED = "STRICT_REQUIREMENT_MISSED"
    SAME_ORGANISATION = "SAME_ORGANISATION"
    OUTSIDE_KINDS = "OUTSIDE_KINDS"
    OUTSIDE_COUNTRIES = "OUTSIDE_COUNTRIES"
    BELOW_MINIMUM_SCORE = "BELOW_MINIMUM_SCORE"
    APPLICATIONS_CLOSED = "APPLICATIONS_CLOSED"
    ALREADY_APPLIED = "ALREADY_APPLIED"
    AGE_UNKNOWN = "AGE_UNKNOWN"
    TOO_YOUNG = "TOO_YOUNG"
    TOO_OLD = "TOO_OLD"
    COUNTRY_NOT_ELIGIBLE = "COUNTRY_NOT_ELIGIBLE"
    REGION_NOT_ELIGIBLE = "REGION_NOT_ELIGIBLE"
    PREREQUISITE_MISSING = "PREREQUISITE_MISSING"


@dataclass(frozen=True)
class Exclusion:
    code: ExclusionCode
    message: Message
    requirement: RoleRequirement | None = None


async def exclusions_for(
    reader: Reader, criteria: Criteria, creator: RowMapping, profile: CreatorProfile
) -> list[Exclusion]:
    """Every hard rule of a role's ranking that leaves this creator out, in a fixed order."""
    found: list[Exclusion] = []
    if not creator["open_to_collaboration"] and not criteria.include_unavailable:
        found.append(
            Exclusion(
                ExclusionCode.CLOSED_TO_COLLABORATION,
                _("They are not open to collaboration at the moment."),
            )
        )
    if criteria.project_id is not None:
        on_team = await reader.scalar(
            select(
                exists().where(
                    Participant.project_id == criteria.project_id,
                    Participant.creator_id == profile.creator_id,
                )
            )
        )
        if on_team:
            found.append(
                Exclusion(ExclusionCode.ALREADY_ON_TEAM, _("They are already on the project."))
            )
    for need in criteria.languages:
        if need.is_required and need.code not in profile.languages:
            found.append(
                Exclusion(
                    ExclusionCode.MISSING_REQUIRED_LANGUAGE,
                    # Translators: {language} is a language's name, in the nominative.
                    _(
                        "They do not speak {language}, which the role requires.",
                        language=LanguageName(need.code),
                    ),
                )
            )
    for discipline in criteria.disciplines:
        if not set(discipline.sector_discipline_ids) & set(profile.levels):
            found.append(
                Exclusion(
                    ExclusionCode.OUTSIDE_SECTOR,
                    _("They practise no {sector} discipline.", sector=discipline.sector_name),
                )
            )
    found += [
        Exclusion(
            ExclusionCode.STRICT_REQUIREMENT_MISSED,
            _(
                "They miss a strict requirement of the role ({requirement}).",
                requirement=word(requirement),
            ),
            requirement,
        )
        for requirement in sorted(criteria.strict, key=lambda item: item.value)
        if not _meets(requirement, criteria, profile)
    ]
    return found


def _meets(requirement: RoleRequirement, criteria: Criteria, profile: CreatorProfile) -> bool:
    """The same conditions as ``candidates._requirements``, for one creator in Python."""
    if requirement is RoleRequirement.DISCIPLINE:
        return all(need.discipline_id in profile.levels for need in criteria.disciplines)
    if requirement is RoleRequirement.LEVEL:
        return all(
            need.discipline_id in profile.levels
            and profile.levels[need.discipline_id][0].rank >= need.minimum.rank
            for need in criteria.disciplines
        )
    if requirement is RoleRequirement.LANGUAGE:
        return all(
            need.code in profile.languages
            and not below_minimum(profile.languages[need.code], need.minimum)
            for need in criteria.languages
            if need.is_required
        )
    places = criteria.location_countries
    return criteria.remote_allowed or not places or profile.country_code in places
