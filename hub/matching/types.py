"""GraphQL types for matches: the matched object, its score, and the reasons for it."""

from __future__ import annotations

import strawberry

from hub.api.enums import graphql_enum
from hub.creators.types import Creator
from hub.i18n.catalogs import render
from hub.i18n.locales import DEFAULT_LOCALE, Locale
from hub.matching.enums import Importance, MatchFactor, ReasonCode, ReasonStatus
from hub.matching.exclusions import Exclusion, ExclusionCode
from hub.matching.scoring import Reason
from hub.matching.wording import TEMPLATES, Said
from hub.organisations.types import Organisation
from hub.projects.enums import RoleRequirement
from hub.projects.types import OpenRole
from hub.talent.types import Programme

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
        MatchFactor.VERIFIED_SKILL: "Their level in the disciplines asked for is attested by "
        "a valid credential (a completed Talent Factory programme), not only declared.",
        MatchFactor.LEVEL_GAP: "A mentor's level above the creator's in the discipline they "
        "share: two levels or more earns it all.",
        MatchFactor.MENTORING_CAPACITY: "The share of a mentor's places still free.",
        MatchFactor.FREE_SEATS: "A programme has a seat free, rather than only its waitlist.",
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


graphql_enum(
    ReasonCode,
    name="MatchReasonCode",
    description="What one part of a reason says, stable for clients to switch on; "
    "`params` carries the values it refers to and `sentence` says it in words.",
    values={code: f'In English: "{TEMPLATES[code].msgid}".' for code in ReasonCode},
)
graphql_enum(
    ReasonStatus,
    name="MatchReasonStatus",
    description="Whether a reason's factor is met.",
    values={
        ReasonStatus.MET: "Fully met (value 1).",
        ReasonStatus.PARTLY_MET: "Partly met (a value between 0 and 1).",
        ReasonStatus.MISSED: "Not met (value 0).",
    },
)


@strawberry.type(description="A value a reason refers to, by name.")
class MatchReasonParam:
    name: str = strawberry.field(description="The parameter's name in the sentence template.")
    value: str = strawberry.field(
        description="Its value, the same in every language: a language's ISO 639-1 code, "
        "a level, proficiency or importance in lower case (`expert`), a number (a level "
        "gap, years), names as stored (disciplines, countries, projects), several values "
        "separated by `, `."
    )


@strawberry.type(
    description="One part of a reason: one discipline or language asked, or the "
    "whole factor when it has one part."
)
class MatchReasonPart:
    said: strawberry.Private[Said]
    locale: strawberry.Private[Locale]

    @strawberry.field(description="What this part says.")
    def code(self) -> ReasonCode:
        return self.said.code

    @strawberry.field(description="The values it refers to.")
    def params(self) -> list[MatchReasonParam]:
        return [MatchReasonParam(name=name, value=value) for name, value in self.said.raw_params]

    @strawberry.field(
        description="What it says, as a sentence in the ranking field's `language` (default: "
        "the request's, from `Accept-Language`)."
    )
    def sentence(self) -> str:
        return render(self.said.sentence, self.locale)


def _parts(root: MatchReason) -> list[MatchReasonPart]:
    return [MatchReasonPart(said=part, locale=root.locale) for part in root.reason.parts]


@strawberry.type(description="Why a match scored what it did, for one factor.")
class MatchReason:
    """Numbers are plain fields, read as they are: a page of 20 matches has some 150
    reasons, and a resolver per field is dear at that count. Sentences are written out
    only when a client asks for them (some 250 of them on such a page)."""

    reason: strawberry.Private[Reason]
    locale: strawberry.Private[Locale]
    factor: MatchFactor = strawberry.field(description="The factor.")
    status: ReasonStatus = strawberry.field(description="Whether the factor is met.")
    code: ReasonCode = strawberry.field(
        description="What the reason says: the code of its first part (a role asks for one "
        "discipline, so for roles the first part is the whole story, except for languages)."
    )

    parts: list[MatchReasonPart] = strawberry.field(
        resolver=_parts, description="What it says, one part per discipline or language asked."
    )
    weight: float = strawberry.field(
        description="Its share of the score: its weight setting over the sum of the weights "
        "of the factors that apply to this match."
    )
    value: float = strawberry.field(description="How well the match meets it, from 0 to 1.")
    contribution: float = strawberry.field(
        description="`weight` × `value`; the contributions of a match add up to its score."
    )

    @strawberry.field(
        description="The reason, as a sentence a person can read: its parts' sentences "
        "joined by `; `, in the same language as theirs."
    )
    def detail(self) -> str:
        return self.reason.detail(self.locale)

    @classmethod
    def of(cls, reason: Reason, locale: Locale = DEFAULT_LOCALE) -> MatchReason:
        return cls(
            reason=reason,
            locale=locale,
            factor=reason.factor,
            status=ReasonStatus.of(reason.value),
            code=reason.parts[0].code,
            weight=reason.weight,
            value=reason.value,
            contribution=reason.contribution,
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


@strawberry.type(description="An open programme ranked for a creator, and why.")
class ProgrammeMatch(Match):
    programme: Programme = strawberry.field(description="The programme.")


@strawberry.type(description="A mentor ranked for a young creator, and why.")
class MentorMatch(Match):
    mentor: Creator = strawberry.field(description="The mentor.")


graphql_enum(
    ExclusionCode,
    name="MatchExclusionCode",
    description="The rule that leaves a candidate out of a ranking: a creator out of a "
    "role's, or an organisation out of another's partners.",
    values={
        ExclusionCode.CLOSED_TO_COLLABORATION: "Not open to collaboration.",
        ExclusionCode.ALREADY_ON_TEAM: "Already takes part in the role's project.",
        ExclusionCode.MISSING_REQUIRED_LANGUAGE: "Does not speak a language the role requires.",
        ExclusionCode.OUTSIDE_SECTOR: "Practises no discipline of the role's sector.",
        ExclusionCode.STRICT_REQUIREMENT_MISSED: "Misses a requirement the role makes strict.",
        ExclusionCode.SAME_ORGANISATION: "Partners: the organisation itself.",
        ExclusionCode.OUTSIDE_KINDS: "Partners: not of a kind the filter asks for.",
        ExclusionCode.OUTSIDE_COUNTRIES: "Partners: not in a country the filter asks for.",
        ExclusionCode.BELOW_MINIMUM_SCORE: "Partners: scores below the filter's minimum.",
        ExclusionCode.APPLICATIONS_CLOSED: "Programmes: not open for applications now.",
        ExclusionCode.ALREADY_APPLIED: "Programmes: the creator has applied already.",
        ExclusionCode.AGE_UNKNOWN: "Programmes: an age range, and no birth year on the profile.",
        ExclusionCode.TOO_YOUNG: "Programmes: younger than the programme's minimum age.",
        ExclusionCode.TOO_OLD: "Programmes: older than the programme's maximum age.",
        ExclusionCode.COUNTRY_NOT_ELIGIBLE: "Programmes: from a country it is not for.",
        ExclusionCode.REGION_NOT_ELIGIBLE: "Programmes: from a region it is not for.",
        ExclusionCode.PREREQUISITE_MISSING: "Programmes: a prerequisite discipline or level "
        "missing.",
    },
)


@strawberry.type(description="A rule that leaves a candidate out of a ranking.")
class MatchExclusion:
    code: ExclusionCode = strawberry.field(description="The rule.")
    message: str = strawberry.field(
        description="The rule, as a sentence in `explainMatch`'s `language` (default: the "
        "request's, from `Accept-Language`)."
    )
    requirement: RoleRequirement | None = strawberry.field(
        description="The strict requirement missed, for STRICT_REQUIREMENT_MISSED."
    )

    @classmethod
    def of(cls, exclusion: Exclusion, locale: Locale = DEFAULT_LOCALE) -> MatchExclusion:
        return cls(
            code=exclusion.code,
            message=render(exclusion.message, locale),
            requirement=exclusion.requirement,
        )


@strawberry.type(description="How one creator stands for one role: ranked, or left out and why.")
class CreatorMatchExplanation:
    match: CreatorMatch | None = strawberry.field(
        description="Their score and reasons, as `matchCreators` ranks them; null when left out."
    )
    exclusions: list[MatchExclusion] = strawberry.field(
        description="Every rule that leaves them out; empty when they are ranked."
    )


@strawberry.type(
    description="How one organisation stands as a partner for another: ranked, or left out and why."
)
class PartnerMatchExplanation:
    match: PartnerMatch | None = strawberry.field(
        description="Its score and reasons, as `matchPartners` ranks it; null when left out."
    )
    exclusions: list[MatchExclusion] = strawberry.field(
        description="Every rule that leaves it out; empty when it is ranked."
    )


@strawberry.type(description="How one programme stands for a creator: ranked, or left out and why.")
class ProgrammeMatchExplanation:
    match: ProgrammeMatch | None = strawberry.field(
        description="Its score and reasons, as `recommendedProgrammes` ranks it; null when "
        "left out."
    )
    exclusions: list[MatchExclusion] = strawberry.field(
        description="Every rule that leaves it out (eligibility, the application window, an "
        "application made already); empty when it is ranked."
    )
