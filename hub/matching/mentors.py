"""Mentors for one young creator (issue 12): who could mentor them, ranked and explained.

Candidates are creators offering mentoring with a place left (``mentor_capacity``, a
small table: the statement starts there), other than the creator, not already paired
with them, practising a discipline of the creator's sectors. The factors: the discipline
(one the creator practises, else one of their sectors), the level gap in it (a mentor two
levels or more above), a shared language, the same country, and the share of places left.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    CompoundSelect,
    Integer,
    RowMapping,
    Select,
    case,
    exists,
    func,
    literal,
    select,
    union,
)

from hub.api.loaders import Loaders
from hub.core.mapping import QueryEnv
from hub.creators.enums import LanguageProficiency, SkillLevel
from hub.creators.mapping import CREATOR, rank_of
from hub.creators.models import Creator, CreatorDiscipline, CreatorLanguage
from hub.disciplines.models import Discipline
from hub.i18n.words import LanguageName, Listing
from hub.matching.criteria import CreatorProfile, country_names
from hub.matching.enums import MatchFactor
from hub.matching.factors import PROFICIENCIES, below_minimum
from hub.matching.requirements import Requirement
from hub.matching.scoring import Expr, Factor, Weighed
from hub.matching.wording import Name, Said, levels, word
from hub.projects.enums import RoleRequirement
from hub.talent.mentoring.enums import PairingStatus
from hub.talent.mentoring.models import MentorCapacity, MentorshipPairing

SKILL_LEVELS = list(SkillLevel)
WORKING = LanguageProficiency.CONVERSATIONAL
"""The least proficiency at which a language counts as shared for mentoring."""
GAP_VALUE = {2: 1.0, 1: 0.5}
"""Level gap (mentor minus creator) to value; two or more earn all, none or less nothing."""


@dataclass(frozen=True)
class MentorFacts:
    shares_discipline: Expr
    gap: Expr
    shares_language: Expr
    same_country: Expr
    free_share: Expr


@dataclass(frozen=True)
class MentorView:
    discipline: Name
    shares_discipline: bool
    mentor_level: SkillLevel | None
    creator_level: SkillLevel | None
    shared_languages: tuple[str, ...]
    country: str
    free: int
    capacity: int


def _discipline_sentence(view: MentorView, _value: float) -> list[Said]:
    code = "MENTOR_PRACTISES" if view.shares_discipline else "MENTOR_IN_SECTOR"
    return [Said(code, discipline=view.discipline)]


def _gap_sentence(view: MentorView, _value: float) -> list[Said]:
    if view.mentor_level is None:
        return [Said("MENTOR_IN_SECTOR", discipline=view.discipline)]
    level = word(view.mentor_level)
    if view.creator_level is None:
        return [
            Said(
                "MENTOR_ABOVE",
                level=level,
                discipline=view.discipline,
                gap=levels(view.mentor_level.rank + 1),
                yours=word(SkillLevel.BEGINNER),
            )
        ]
    gap = view.mentor_level.rank - view.creator_level.rank
    yours = word(view.creator_level)
    if gap <= 0:
        return [Said("MENTOR_NOT_ABOVE", level=level, discipline=view.discipline, yours=yours)]
    return [
        Said("MENTOR_ABOVE", level=level, discipline=view.discipline, gap=levels(gap), yours=yours)
    ]


def _language_sentence(view: MentorView, _value: float) -> list[Said]:
    if not view.shared_languages:
        return [Said("MENTOR_SPEAKS_NONE")]
    return [Said("MENTOR_SPEAKS", languages=Listing.of(map(LanguageName, view.shared_languages)))]


def _country_sentence(view: MentorView, value: float) -> list[Said]:
    return [Said("SAME_COUNTRY" if value else "OTHER_COUNTRY", country=view.country)]


def _capacity_sentence(view: MentorView, _value: float) -> list[Said]:
    return [Said("MENTOR_PLACES_LEFT", free=view.free, capacity=view.capacity)]


MENTOR_FACTORS: tuple[Factor[MentorFacts, MentorView], ...] = (
    Factor(
        MatchFactor.DISCIPLINE,
        lambda _f: True,
        # Every candidate practises a discipline of the creator's sectors at least.
        lambda facts, _s: case((facts.shares_discipline, 1.0), else_=0.5),
        _discipline_sentence,
    ),
    Factor(
        MatchFactor.LEVEL_GAP,
        lambda _f: True,
        lambda facts, _s: case((facts.gap >= 2, 1.0), (facts.gap == 1, GAP_VALUE[1]), else_=0.0),
        _gap_sentence,
    ),
    Factor.flag(
        MatchFactor.SHARED_LANGUAGES,
        lambda _f: True,
        lambda facts: facts.shares_language,
        _language_sentence,
    ),
    Factor.flag(
        MatchFactor.LOCATION, lambda _f: True, lambda facts: facts.same_country, _country_sentence
    ),
    Factor(
        MatchFactor.MENTORING_CAPACITY,
        lambda _f: True,
        lambda facts, _s: facts.free_share,
        _capacity_sentence,
    ),
)


class MentorPool(enum.Enum):
    """Which of the candidates a statement ranks: the shortlists, or all of them."""

    PRACTITIONERS = "practitioners"
    """Mentors practising a discipline the creator practises."""
    NEAR = "near"
    """Those, and every candidate in the creator's country."""
    SECTORS = "sectors"
    """Every candidate: the whole ranking."""


@dataclass(frozen=True)
class MentorCandidates:
    statement: Select[Any]
    facts: MentorFacts
    requirements: tuple[Requirement, ...]
    """A mentor above the creator in the discipline ranks above any who is not (issue 11:
    requirements before preferences), whatever languages and countries add."""


def mentor_candidates(
    profile: CreatorProfile,
    env: QueryEnv,
    only_mentor_id: int | None = None,
    *,
    pool: MentorPool = MentorPool.SECTORS,
) -> MentorCandidates:
    """The candidates in ``pool`` and their facts. A shortlist's candidates have the
    facts the whole ranking gives them: a practitioner's gap and ``shares`` are decided
    by the creator's own disciplines alone, which ``PRACTITIONERS`` reads, and ``NEAR``
    reads every discipline of the sectors, as the whole ranking does."""
    own = {key: level.rank for key, (level, _years) in profile.levels.items()}
    # The plain class, not an alias (``programme_candidates`` says why).
    skill = CreatorDiscipline
    # The creator's own disciplines are in their sectors (the sectors are theirs).
    sector_disciplines: Any = (
        sorted(own)
        if pool is MentorPool.PRACTITIONERS
        else select(Discipline.id).where(Discipline.sector_id.in_(sorted(profile.sector_ids)))
    )
    mentor_rank = rank_of(skill.level, SKILL_LEVELS)
    # Per mentor: their best level in a discipline the creator practises, and the creator's
    # level in that discipline; the gap between them.
    creator_rank = (
        case(own, value=skill.discipline_id, else_=literal(None, Integer))
        if own
        else literal(None, Integer)
    )
    spoken = [
        code for code, level in profile.languages.items() if not below_minimum(level, WORKING)
    ]
    # Whether the mentor speaks one of the creator's languages, once per mentor, by an
    # index probe: an EXISTS in the score was planned as a hashed scan of every speaker
    # of those languages (tens of thousands), once per copy of the score (its value
    # column, the order, ``lag()``). A scalar subquery with LIMIT cannot be hashed.
    speaks = (
        select(literal(1))
        .where(
            CreatorLanguage.creator_id == skill.creator_id,
            CreatorLanguage.language.in_(spoken),
            CreatorLanguage.proficiency.in_(
                [level for level in PROFICIENCIES if not below_minimum(level, WORKING)]
            ),
        )
        .limit(1)
        .scalar_subquery()
    )
    aggregate = (
        select(
            skill.creator_id.label("mentor_id"),
            func.max(case((creator_rank.is_not(None), mentor_rank - creator_rank))).label("gap"),
            func.max(case((creator_rank.is_not(None), 1), else_=0)).label("shares"),
            func.max(mentor_rank).label("best"),
            case((speaks.is_not(None), 1), else_=0).label("speaks"),
        )
        # From the mentors with a place left (a few per hundred creators), not from
        # everyone practising the sector: the aggregate reads only their skill rows.
        .join(MentorCapacity, MentorCapacity.creator_id == skill.creator_id)
        .where(
            skill.discipline_id.in_(sector_disciplines),
            MentorCapacity.taken < MentorCapacity.capacity,
        )
    )
    if pool is MentorPool.NEAR:
        near = _near(profile, sorted(own)).subquery("near_mentors")
        aggregate = aggregate.join(near, near.c.mentor_id == skill.creator_id)
    shared = aggregate.group_by(skill.creator_id).subquery("mentor_skills")
    statement = (
        CREATOR.select(env)
        # ``mentor_capacity`` again, though the aggregate read it: carrying its columns
        # through the aggregate instead led PostgreSQL, for the whole sector's ranking,
        # to hash every creator row rather than probe the few thousand mentors' by key.
        .join(MentorCapacity, MentorCapacity.creator_id == Creator.id)
        .join(shared, shared.c.mentor_id == Creator.id)
        .where(
            MentorCapacity.taken < MentorCapacity.capacity,
            Creator.id != profile.creator_id,
            ~exists().where(
                MentorshipPairing.mentor_id == Creator.id,
                MentorshipPairing.mentee_id == profile.creator_id,
                MentorshipPairing.status.in_([PairingStatus.PROPOSED, PairingStatus.ACTIVE]),
            ),
        )
        .add_columns(
            shared.c.gap.label("mentor_gap"),
            shared.c.shares.label("mentor_shares"),
            MentorCapacity.capacity.label("mentor_capacity"),
            MentorCapacity.taken.label("mentor_taken"),
        )
    )
    if only_mentor_id is not None:
        statement = statement.where(Creator.id == only_mentor_id)
    # Without a shared discipline the gap is to a beginner's: their best level, plus one.
    gap = func.coalesce(shared.c.gap, shared.c.best + 1)
    facts = MentorFacts(
        shares_discipline=shared.c.shares == 1,
        gap=gap,
        shares_language=shared.c.speaks == 1 if spoken else literal(False),
        same_country=Creator.country_code == profile.country_code,
        free_share=(MentorCapacity.capacity - MentorCapacity.taken)
        * (1.0 / func.nullif(MentorCapacity.capacity, 0)),
    )
    above = Requirement(RoleRequirement.LEVEL, True, gap >= 1, False)
    return MentorCandidates(statement, facts, (above,))


def _near(profile: CreatorProfile, own: list[int]) -> CompoundSelect[Any]:
    """The mentors with a place left in the creator's country or practising one of their
    disciplines: a few hundred, where the sectors hold thousands. Their skill rows are
    then read by key, not picked out of every skill in the sectors."""
    free = MentorCapacity.taken < MentorCapacity.capacity
    return union(
        select(MentorCapacity.creator_id.label("mentor_id"))
        .join(Creator, Creator.id == MentorCapacity.creator_id)
        .where(free, Creator.country_code == profile.country_code),
        select(MentorCapacity.creator_id)
        .join(CreatorDiscipline, CreatorDiscipline.creator_id == MentorCapacity.creator_id)
        .where(free, CreatorDiscipline.discipline_id.in_(own)),
    )


def outsider_ceiling(
    weighed: Sequence[Weighed[MentorFacts, MentorView]], *, abroad: bool = False
) -> float:
    """The highest score a mentor practising none of the creator's disciplines can get
    (``abroad``: one in another country): their ``DISCIPLINE`` value is 0.5 (whichever
    way its weight points), ``LOCATION`` 0 abroad (its weight is never negative), every
    other value at most 1. Such a mentor is always above a beginner, so meets the
    requirement."""
    total = sum(item.weight for item in weighed)
    most = {MatchFactor.DISCIPLINE: 0.5, MatchFactor.LOCATION: 0.0 if abroad else 1.0}
    reachable = sum(item.weight * most.get(item.factor.kind, 1.0) for item in weighed)
    return reachable / total if total else 0.0


async def mentor_views(
    loaders: Loaders, profile: CreatorProfile, rows: Sequence[RowMapping]
) -> list[MentorView]:
    """What each mentor's sentences say. The page's mentors' disciplines (with their
    names and sectors) come in one plain statement, their languages in another."""
    if not rows:
        return []
    ids = [row["id"] for row in rows]
    reader = loaders.reader
    skills: dict[int, list[RowMapping]] = {key: [] for key in ids}
    for skill in await reader.rows(
        select(
            CreatorDiscipline.creator_id,
            CreatorDiscipline.discipline_id,
            CreatorDiscipline.level,
            Discipline.sector_id,
            Discipline.name.label("default_name"),
            Discipline.names.label("translations"),
        )
        .join(Discipline, Discipline.id == CreatorDiscipline.discipline_id)
        .where(CreatorDiscipline.creator_id.in_(ids))
    ):
        skills[skill["creator_id"]].append(skill)
    spoken: dict[int, dict[str, LanguageProficiency]] = {key: {} for key in ids}
    for said in await reader.rows(
        select(
            CreatorLanguage.creator_id, CreatorLanguage.language, CreatorLanguage.proficiency
        ).where(CreatorLanguage.creator_id.in_(ids))
    ):
        spoken[said["creator_id"]][said["language"]] = said["proficiency"]
    countries = await country_names(loaders, [row["country_code"] for row in rows])
    mine = {code for code, level in profile.languages.items() if not below_minimum(level, WORKING)}
    views = []
    for row in rows:
        languages = spoken[row["id"]]
        relevant = [
            skill for skill in skills[row["id"]] if skill["sector_id"] in profile.sector_ids
        ]
        shared = [skill for skill in relevant if skill["discipline_id"] in profile.levels]
        pool = shared or relevant
        focus = max(pool, key=lambda skill: (skill["level"].rank, -skill["discipline_id"]))
        creator_level = profile.levels.get(focus["discipline_id"], (None, 0))[0]
        views.append(
            MentorView(
                discipline=Name(focus["default_name"], focus["translations"]),
                shares_discipline=bool(shared),
                mentor_level=focus["level"],
                creator_level=creator_level,
                shared_languages=tuple(
                    sorted(
                        code
                        for code, level in languages.items()
                        if code in mine and not below_minimum(level, WORKING)
                    )
                ),
                country=countries.get(row["country_code"], row["country_code"]),
                free=row["mentor_capacity"] - row["mentor_taken"],
                capacity=row["mentor_capacity"],
            )
        )
    return views
