"""GraphQL types for matches: the matched object, its score, and the reasons for it."""

from __future__ import annotations

import strawberry

from hub.api.enums import graphql_enum
from hub.creators.types import Creator
from hub.matching.enums import Importance, MatchFactor
from hub.matching.scoring import Reason
from hub.organisations.types import Organisation
from hub.projects.types import OpenRole

graphql_enum(
    MatchFactor,
    description="An ingredient of a match score; `docs/matchmaking.md` defines each one.",
    values={
        MatchFactor.DISCIPLINE: "Practises the disciplines asked for (or one of their sector).",
        MatchFactor.SENIORITY: "Is at or above the skill level asked for in those disciplines.",
        MatchFactor.EXPERIENCE: "Years of practice in the disciplines asked for.",
        MatchFactor.LANGUAGE: "Speaks the languages asked for, and how well.",
        MatchFactor.PREFERRED_COUNTRY: "Is based in one of the preferred countries.",
        MatchFactor.CROSS_BORDER: "Comes from a country not yet on the team.",
        MatchFactor.LOCATION: "Is based in one of the team's countries, for on-site work.",
        MatchFactor.YOUNG_TALENT: "Is a young talent, when young talent is preferred.",
        MatchFactor.MENTOR: "Is a mentor, when mentors are preferred.",
        MatchFactor.AVAILABILITY: "Is open to collaboration.",
        MatchFactor.LEVEL_FIT: "How close their level is to the one asked for, from above: "
        "in `recommendedRoles`, and for roles that prefer the exact level (trainee roles).",
        MatchFactor.COMPLEMENTARY_DISCIPLINES: "A partner practises disciplines of the "
        "organisation's sectors that the organisation lacks.",
        MatchFactor.SHARED_LANGUAGES: "The share of the organisation's working languages "
        "the partner also works in.",
        MatchFactor.PRIOR_COLLABORATION: "The two organisations took part in a project "
        "together (or, with a negative weight, never did).",
    },
)
graphql_enum(
    Importance,
    name="MatchImportance",
    description="How much a wish counts: REQUIRED leaves out whoever lacks it, PREFERRED "
    "only adds to the score of whoever has it.",
    values={
        Importance.REQUIRED: "A hard rule: whoever lacks it is left out.",
        Importance.PREFERRED: "A plus: whoever has it scores higher; nobody is left out.",
    },
)
MatchImportance = Importance


@strawberry.type(description="Why a match scored what it did, for one factor.")
class MatchReason:
    factor: MatchFactor = strawberry.field(description="The factor.")
    weight: float = strawberry.field(
        description="Its share of the score: its weight setting over the sum of the weights "
        "of the factors that apply to this match."
    )
    value: float = strawberry.field(description="How well the match meets it, from 0 to 1.")
    contribution: float = strawberry.field(
        description="`weight` × `value`; the contributions of a match add up to its score."
    )
    detail: str = strawberry.field(description="The reason, as a sentence a person can read.")

    @classmethod
    def of(cls, reason: Reason) -> MatchReason:
        return cls(
            factor=reason.factor,
            weight=reason.weight,
            value=reason.value,
            contribution=reason.contribution,
            detail=reason.detail,
        )


@strawberry.interface(description="Something ranked for a match: how well it fits, and why.")
class Match:
    score: float = strawberry.field(description="How well it matches, from 0 to 1.")
    reasons: list[MatchReason] = strawberry.field(
        description="The factors behind the score, largest contribution first."
    )
    meets_requirements: bool = strawberry.field(
        description="Meets every requirement (discipline, level, languages at the proficiency "
        "asked, location for on-site work). Whoever does ranks above whoever does not, "
        "whatever the scores; always true for partners, who have no requirements."
    )
    tied_with_previous: bool = strawberry.field(
        description="Same tier and the same score (to 1e-9) as the match before it in the "
        "ranking, even across pages: the order between them is the documented tie-break "
        "(handle, slug, or project slug and role title), not a difference in fit."
    )


@strawberry.type(description="A creator ranked for a role or a search, and why.")
class CreatorMatch(Match):
    creator: Creator = strawberry.field(description="The creator.")


@strawberry.type(description="An open role ranked for a creator, and why.")
class RoleMatch(Match):
    role: OpenRole = strawberry.field(description="The role.")


@strawberry.type(description="An organisation ranked as a partner for another, and why.")
class PartnerMatch(Match):
    organisation: Organisation = strawberry.field(description="The prospective partner.")
