"""The factors that rank a creator against a role's or a search's criteria.

Each factor is written once against ``FitFacts``, SQL expressions for one
(creator, criteria) pair. Ranking creators for criteria builds them from the
creator's tables with the criteria as parameters (``candidates.py``); ranking roles
for a creator builds them from the role's columns with the creator's facts as
parameters (``roles.py``). Either way the same values come out, so a role scores the
same for a creator in ``matchCreators`` and in ``recommendedRoles``.

Verified skills (the Talent Factory) are one factor like the others: ``SkillFacts.verified``
is the best level a valid credential attests in the discipline (any of its achievement's
disciplines, ``verified.py``), and ``VERIFIED_SKILL`` credits it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import case, func, not_

from hub.config import Settings
from hub.creators.enums import LanguageProficiency, SkillLevel
from hub.i18n.words import LanguageName, Listing
from hub.matching.criteria import DisciplineNeed, LanguageNeed
from hub.matching.enums import Importance, MatchFactor
from hub.matching.requirements import Requirement
from hub.matching.scoring import (
    Condition,
    Expr,
    Factor,
    Weighed,
    all_of,
    mean,
)
from hub.matching.wording import Said, levels, word, years

SECTOR_CREDIT = 0.5
"""Credit for practising another discipline of the sector asked for."""

ONE_LEVEL_BELOW_CREDIT = 0.5

VERIFIED_BELOW_CREDIT = 0.5
"""Credit for a credential attesting the level one step below the one asked for; two or
more steps below attest nothing the criteria need (as for ``SENIORITY``)."""
"""Credit for a level one step below the one asked for; two or more steps earn none."""

LEVEL_FIT_STEP = 0.25
"""Level fit lost per level above the one asked for: a master for a beginner's role earns 0."""

PROFICIENCY_CREDIT = {
    LanguageProficiency.BASIC: 0.25,
    LanguageProficiency.CONVERSATIONAL: 0.5,
    LanguageProficiency.PROFESSIONAL: 0.75,
    LanguageProficiency.FLUENT: 1.0,
    LanguageProficiency.NATIVE: 1.0,
}


PROFICIENCIES = list(LanguageProficiency)


def below_minimum(proficiency: LanguageProficiency, minimum: LanguageProficiency) -> bool:
    return PROFICIENCIES.index(proficiency) < PROFICIENCIES.index(minimum)


def proficiency_credit(rank: Expr) -> Expr:
    """A proficiency's rank (its place in ``PROFICIENCIES``) as credit in [0, 1].

    Not speaking the language (a NULL rank) earns 0.
    """
    credits = {PROFICIENCIES.index(member): credit for member, credit in PROFICIENCY_CREDIT.items()}
    return case(credits, value=rank, else_=0.0)


@dataclass(frozen=True)
class SkillFacts:
    """How a creator stands against one discipline asked for."""

    level: Expr
    """Rank of their level in the discipline; NULL when they do not practise it."""
    years: Expr
    """Their years of practice in it; NULL when they do not practise it."""
    in_sector: Expr
    """They practise a discipline of the same sector."""
    minimum: Expr | int
    """Rank of the level asked for."""
    verified: Expr
    """Rank of the best level a valid credential attests in it; NULL when none does."""


@dataclass(frozen=True)
class FitFacts:
    """SQL for everything the factors read about one creator and one set of criteria."""

    skills: tuple[SkillFacts, ...]
    language_count: Expr | int
    language_credit: Expr
    """Sum of the proficiency credits of the languages asked for."""
    has_preferred_countries: Condition
    in_preferred_country: Expr
    has_team: Condition
    adds_country: Expr
    """The creator's country is not yet among the team's."""
    remote_allowed: Condition
    prefers_young_talent: bool
    is_young_talent: Expr
    prefers_mentors: bool
    is_mentor: Expr
    includes_unavailable: bool
    is_open: Expr
    has_location: Condition
    """On-site work somewhere known: the role's location, else the team's countries."""
    at_location: Expr
    requirements: tuple[Requirement, ...]
    rewards_level_fit: Condition
    """Candidates far above the level asked for rank lower (roles for a creator; trainees)."""


@dataclass(frozen=True)
class SkillFit:
    need: DisciplineNeed
    level: SkillLevel | None
    years: int | None
    in_sector: bool
    verified: SkillLevel | None = None


@dataclass(frozen=True)
class LanguageFit:
    need: LanguageNeed
    proficiency: LanguageProficiency | None


@dataclass(frozen=True)
class FitView:
    """What the sentences of one match say, in Python, for one fetched row."""

    skills: tuple[SkillFit, ...]
    languages: tuple[LanguageFit, ...]
    country: str
    """Name of the creator's country."""
    preferred_countries: tuple[str, ...]
    """Names of the preferred countries."""
    young_talent_max_age: int
    location: str | None
    """Where on-site work happens, in words, when the role says; None: where the team is."""


def _discipline_value(facts: FitFacts, _settings: Settings) -> Expr:
    return mean(
        [
            case((skill.level.is_not(None), 1.0), (skill.in_sector, SECTOR_CREDIT), else_=0.0)
            for skill in facts.skills
        ]
    )


def _discipline_sentence(view: FitView, _value: float) -> list[Said]:
    parts = []
    for fit in view.skills:
        if fit.level is not None:
            parts.append(Said("DISCIPLINE_PRACTISED", discipline=fit.need.name))
        elif fit.in_sector:
            parts.append(
                Said("DISCIPLINE_IN_SECTOR", discipline=fit.need.name, sector=fit.need.sector_name)
            )
        else:
            parts.append(Said("DISCIPLINE_MISSING", discipline=fit.need.name))
    return parts


def _seniority_value(facts: FitFacts, _settings: Settings) -> Expr:
    return mean(
        [
            case(
                (skill.level.is_(None), 0.0),
                (skill.level >= skill.minimum, 1.0),
                (skill.level == skill.minimum - 1, ONE_LEVEL_BELOW_CREDIT),
                else_=0.0,
            )
            for skill in facts.skills
        ]
    )


def _seniority_sentence(view: FitView, _value: float) -> list[Said]:
    return [level_said(fit) for fit in view.skills]


def level_said(fit: SkillFit) -> Said:
    """Their level against the one asked for, with the gap either way."""
    asked = word(fit.need.minimum)
    if fit.level is None:
        return Said("LEVEL_NONE", discipline=fit.need.name, asked=asked)
    gap = fit.level.rank - fit.need.minimum.rank
    code = "LEVEL_AS_ASKED" if gap == 0 else "LEVEL_ABOVE" if gap > 0 else "LEVEL_BELOW"
    return Said(
        code, level=word(fit.level), discipline=fit.need.name, asked=asked, gap=levels(abs(gap))
    )


def _level_fit_value(facts: FitFacts, _settings: Settings) -> Expr:
    return mean(
        [
            case(
                (skill.level.is_(None), 0.0),
                (skill.level <= skill.minimum, 1.0),
                else_=1.0 - (skill.level - skill.minimum) * LEVEL_FIT_STEP,
            )
            for skill in facts.skills
        ]
    )


def _level_fit_sentence(view: FitView, _value: float) -> list[Said]:
    return [level_said(fit) for fit in view.skills]


def _verified_value(facts: FitFacts, _settings: Settings) -> Expr:
    return mean(
        [
            case(
                (skill.verified.is_(None), 0.0),
                (skill.verified >= skill.minimum, 1.0),
                (skill.verified == skill.minimum - 1, VERIFIED_BELOW_CREDIT),
                else_=0.0,
            )
            for skill in facts.skills
        ]
    )


def _verified_sentence(view: FitView, _value: float) -> list[Said]:
    said = []
    for fit in view.skills:
        if fit.verified is None:
            said.append(Said("SKILL_DECLARED_ONLY", discipline=fit.need.name))
        elif fit.verified.rank >= fit.need.minimum.rank:
            said.append(Said("SKILL_VERIFIED", level=word(fit.verified), discipline=fit.need.name))
        else:
            said.append(
                Said(
                    "SKILL_VERIFIED_BELOW",
                    level=word(fit.verified),
                    discipline=fit.need.name,
                    asked=word(fit.need.minimum),
                )
            )
    return said


def _experience_value(facts: FitFacts, settings: Settings) -> Expr:
    full = settings.match_experience_full_years
    values = []
    for skill in facts.skills:
        practised = func.coalesce(skill.years, 0)
        values.append(case((practised >= full, 1.0), else_=practised * (1.0 / full)))
    return mean(values)


def _experience_sentence(view: FitView, _value: float) -> list[Said]:
    return [
        Said("EXPERIENCE_NONE", discipline=fit.need.name)
        if fit.years is None
        else Said("EXPERIENCE_YEARS", years=years(fit.years), discipline=fit.need.name)
        for fit in view.skills
    ]


def _language_value(facts: FitFacts, _settings: Settings) -> Expr:
    if isinstance(facts.language_count, int):
        return facts.language_credit * (1.0 / facts.language_count)
    share = facts.language_credit / func.nullif(facts.language_count, 0)
    return func.coalesce(share, 0.0)


def _language_sentence(view: FitView, _value: float) -> list[Said]:
    said = []
    for fit in view.languages:
        name, asked = LanguageName(fit.need.code), word(fit.need.minimum)
        if fit.proficiency is None:
            said.append(Said("LANGUAGE_NOT_SPOKEN", language=name, asked=asked))
        elif fit.need.is_required and below_minimum(fit.proficiency, fit.need.minimum):
            said.append(
                Said(
                    "LANGUAGE_BELOW_MINIMUM",
                    language=name,
                    proficiency=word(fit.proficiency),
                    asked=asked,
                )
            )
        else:
            said.append(Said("LANGUAGE_SPOKEN", language=name, proficiency=word(fit.proficiency)))
    for importance in Importance:
        codes = [fit.need.code for fit in view.languages if fit.need.importance is importance]
        if codes:
            said.append(
                Said(
                    "LANGUAGES_WANTED",
                    importance=word(importance),
                    languages=Listing.of(map(LanguageName, codes)),
                )
            )
    return said


def _preferred_country_sentence(view: FitView, value: float) -> list[Said]:
    code = "IN_PREFERRED_COUNTRY" if value else "OUTSIDE_PREFERRED_COUNTRIES"
    return [Said(code, country=view.country, preferred=Listing.of(view.preferred_countries))]


def _cross_border_sentence(view: FitView, value: float) -> list[Said]:
    return [Said("ADDS_COUNTRY" if value else "COUNTRY_ON_TEAM", country=view.country)]


def _location_sentence(view: FitView, value: float) -> list[Said]:
    if view.location is None:
        code = "LOCATION_WITH_TEAM" if value else "LOCATION_AWAY_FROM_TEAM"
        return [Said(code, country=view.country)]
    code = "LOCATION_MET" if value else "LOCATION_MISSED"
    return [Said(code, country=view.country, location=view.location)]


def _young_talent_sentence(view: FitView, value: float) -> list[Said]:
    code = "YOUNG_TALENT" if value else "NOT_YOUNG_TALENT"
    return [Said(code, age=view.young_talent_max_age)]


def _mentor_sentence(_view: FitView, value: float) -> list[Said]:
    return [Said("MENTOR" if value else "NOT_MENTOR")]


def _availability_sentence(_view: FitView, value: float) -> list[Said]:
    return [Said("OPEN_TO_COLLABORATION" if value else "NOT_OPEN_TO_COLLABORATION")]


OUTSIDER_CEILING = {
    MatchFactor.DISCIPLINE: SECTOR_CREDIT,
    MatchFactor.SENIORITY: 0.0,
    MatchFactor.EXPERIENCE: 0.0,
    MatchFactor.LEVEL_FIT: 0.0,
}
"""The highest value a creator who practises none of the disciplines asked for can get."""


def outsider_ceiling(weighed: Sequence[Weighed[FitFacts, FitView]]) -> float:
    """The highest score a creator who practises none of the disciplines asked for can get.

    Every other factor may reach 1. Only meaningful when every factor's applicability
    is known for the whole statement, as it is when ranking creators for criteria.
    """
    total = sum(item.weight for item in weighed)
    reachable = sum(item.weight * OUTSIDER_CEILING.get(item.factor.kind, 1.0) for item in weighed)
    assert all(item.applies is True for item in weighed)
    return reachable / total if total else 0.0


def _negation(condition: Condition) -> Condition:
    if isinstance(condition, bool):
        return not condition
    return not_(condition)


def _asks_for_disciplines(facts: FitFacts) -> bool:
    return bool(facts.skills)


FIT_FACTORS: tuple[Factor[FitFacts, FitView], ...] = (
    Factor(MatchFactor.DISCIPLINE, _asks_for_disciplines, _discipline_value, _discipline_sentence),
    Factor(MatchFactor.SENIORITY, _asks_for_disciplines, _seniority_value, _seniority_sentence),
    Factor(MatchFactor.EXPERIENCE, _asks_for_disciplines, _experience_value, _experience_sentence),
    Factor(MatchFactor.VERIFIED_SKILL, _asks_for_disciplines, _verified_value, _verified_sentence),
    Factor(
        MatchFactor.LANGUAGE,
        lambda facts: facts.language_count > 0,
        _language_value,
        _language_sentence,
    ),
    Factor.flag(
        MatchFactor.PREFERRED_COUNTRY,
        lambda facts: facts.has_preferred_countries,
        lambda facts: facts.in_preferred_country,
        _preferred_country_sentence,
    ),
    Factor.flag(
        MatchFactor.CROSS_BORDER,
        lambda facts: facts.has_team,
        lambda facts: facts.adds_country,
        _cross_border_sentence,
    ),
    Factor.flag(
        MatchFactor.LOCATION,
        lambda facts: all_of(facts.has_location, _negation(facts.remote_allowed)),
        lambda facts: facts.at_location,
        _location_sentence,
    ),
    Factor(
        MatchFactor.LEVEL_FIT,
        lambda facts: all_of(_asks_for_disciplines(facts), facts.rewards_level_fit),
        _level_fit_value,
        _level_fit_sentence,
    ),
    Factor.flag(
        MatchFactor.YOUNG_TALENT,
        lambda facts: facts.prefers_young_talent,
        lambda facts: facts.is_young_talent,
        _young_talent_sentence,
    ),
    Factor.flag(
        MatchFactor.MENTOR,
        lambda facts: facts.prefers_mentors,
        lambda facts: facts.is_mentor,
        _mentor_sentence,
    ),
    Factor.flag(
        MatchFactor.AVAILABILITY,
        lambda facts: facts.includes_unavailable,
        lambda facts: facts.is_open,
        _availability_sentence,
    ),
)
