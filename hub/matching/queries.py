"""Root fields for matchmaking: ranked, explained matches as cursor connections."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Annotated, Any

import strawberry
from sqlalchemy import RowMapping

from hub.api.context import Info
from hub.api.errors import RequestErrorCode
from hub.api.global_ids import argument_key
from hub.api.locales import LanguageArgument, locale_for
from hub.api.pagination import Connection, parse_window
from hub.api.scalars import CountryCode, LanguageCode
from hub.core.mapping import Entity
from hub.core.paging import Window
from hub.creators.enums import LanguageProficiency, SkillLevel
from hub.creators.enums import SkillLevel as SkillLevelEnum
from hub.creators.mapping import CREATOR
from hub.creators.types import Creator
from hub.i18n.locales import Locale
from hub.i18n.messages import _
from hub.matching.criteria import (
    LanguageNeed,
    Narrowing,
    Refused,
    RoleNarrowing,
    Wishes,
    checked_countries,
    checked_minimum_score,
    creator_profile,
    default_minimum,
    discipline_ids,
    role_criteria,
    role_with_context,
    wished_criteria,
)
from hub.matching.enums import Importance
from hub.matching.exclusions import exclusions_for
from hub.matching.matches import creators_for, partners_for, roles_for
from hub.matching.partner_exclusions import PartnerNarrowing, below_minimum, partner_exclusions
from hub.matching.partners import organisation_profile
from hub.matching.ranking import RankedPage
from hub.matching.types import (
    CreatorMatch,
    CreatorMatchExplanation,
    MatchExclusion,
    MatchImportance,
    MatchReason,
    PartnerMatch,
    PartnerMatchExplanation,
    RoleMatch,
)
from hub.organisations.enums import OrganisationKind
from hub.organisations.mapping import ORGANISATION
from hub.organisations.types import Organisation
from hub.projects.mapping import OPEN_ROLE
from hub.projects.types import OpenRole

FIRST = "Return at most this many matches, best first."
AFTER = "Start after the match with this cursor."


@strawberry.input(description="Hard rules on creators, shared by role filters and criteria.")
class CreatorNarrowing:
    countries: list[CountryCode] | None = strawberry.field(
        default=None, description="Only creators based in these countries."
    )
    excluded_countries: list[CountryCode] | None = strawberry.field(
        default=None, description="Never creators based in these countries."
    )
    young_talent: MatchImportance | None = strawberry.field(
        default=None, description="Young talents only (REQUIRED), or a plus (PREFERRED)."
    )
    mentor: MatchImportance | None = strawberry.field(
        default=None, description="Mentors only (REQUIRED), or a plus (PREFERRED)."
    )
    include_unavailable: bool = strawberry.field(
        default=False,
        description="Also rank creators not open to collaboration (they score lower).",
    )


@strawberry.input(description="Hard rules added to a role's own when matching creators to it.")
class CreatorMatchFilter(CreatorNarrowing):
    languages_are_preferred: bool = strawberry.field(
        default=False,
        description="Treat the role's required languages as preferences: rank creators who "
        "lack one instead of leaving them out.",
    )


@strawberry.input(description="A discipline wanted, at a minimum level.")
class DisciplineWish:
    discipline: str = strawberry.field(description="The discipline's slug.")
    minimum_level: SkillLevel = strawberry.field(
        default=SkillLevelEnum.BEGINNER, description="The level wanted; lower levels score less."
    )


@strawberry.input(description="A language wanted.")
class LanguageWish:
    language: LanguageCode = strawberry.field(description="ISO 639-1 code.")
    importance: MatchImportance = strawberry.field(
        default=Importance.REQUIRED,
        description="REQUIRED leaves out creators who do not speak it; PREFERRED ranks them lower.",
    )
    minimum_proficiency: LanguageProficiency | None = strawberry.field(
        default=None,
        description="For a REQUIRED language, the proficiency that meets the requirement "
        "(default `HUB_MATCH_MIN_LANGUAGE_PROFICIENCY`, a working one); creators below it "
        "rank after those who meet every requirement.",
    )


@strawberry.input(description="Ad-hoc criteria for creators, without a saved role.")
class MatchCriteriaInput(CreatorNarrowing):
    disciplines: list[DisciplineWish] = strawberry.field(
        default_factory=list, description="Disciplines wanted; each counts equally."
    )
    languages: list[LanguageWish] = strawberry.field(
        default_factory=list, description="Languages wanted, required or preferred."
    )
    preferred_countries: list[CountryCode] = strawberry.field(
        default_factory=list, description="Creators based here score higher."
    )
    team_countries: list[CountryCode] = strawberry.field(
        default_factory=list,
        description="Countries the team already has: creators from elsewhere score higher "
        "(cross-border), and for on-site work creators from these score higher.",
    )
    remote_allowed: bool = strawberry.field(
        default=True, description="The work can be done remotely."
    )


@strawberry.input(description="Which organisations may be proposed as partners.")
class PartnerMatchFilter:
    kinds: list[OrganisationKind] | None = strawberry.field(
        default=None, description="Only organisations of these kinds."
    )
    countries: list[CountryCode] | None = strawberry.field(
        default=None, description="Only organisations based in these countries."
    )
    minimum_score: float | None = strawberry.field(
        default=None, description="Only matches scoring at least this (0 to 1)."
    )


@strawberry.input(description="Which open roles may be recommended.")
class RoleMatchFilter:
    countries: list[CountryCode] | None = strawberry.field(
        default=None,
        description="Only roles located in these countries (their `locationCountry`, or "
        "without one, a country of their team).",
    )
    disciplines: list[str] | None = strawberry.field(
        default=None, description="Only roles in these disciplines (slugs)."
    )
    remote_only: bool = strawberry.field(
        default=False, description="Only roles that can be done remotely."
    )
    minimum_score: float | None = strawberry.field(
        default=None, description="Only matches scoring at least this (0 to 1)."
    )


def _narrowing(source: CreatorNarrowing | None, languages_are_preferred: bool = False) -> Narrowing:
    if source is None:
        return Narrowing()
    return Narrowing(
        countries=tuple(source.countries or ()),
        excluded_countries=tuple(source.excluded_countries or ()),
        young_talent=source.young_talent,
        mentor=source.mentor,
        include_unavailable=source.include_unavailable,
        languages_are_preferred=languages_are_preferred,
    )


def _names_nothing(entity: Entity[Any], argument: str) -> Refused:
    return Refused(
        _("`{argument}` names no {entity}.", argument=argument, entity=entity.name),
        RequestErrorCode.NOT_FOUND,
    )


async def _row(info: Info, value: str, entity: Entity[Any], argument: str) -> RowMapping:
    """The row a global ID names, refused with a clear code when it names nothing."""
    key = argument_key(value, entity.name, argument)
    row = await info.context.loaders.entity(entity).load(key)
    if row is None:
        raise _names_nothing(entity, argument)
    return row


async def _role(info: Info, value: str) -> RowMapping:
    """The open role a global ID names, read with what its criteria need (one statement),
    refused like ``_row`` when it names nothing."""
    role = await role_with_context(
        info.context.loaders, argument_key(value, OPEN_ROLE.name, "roleId")
    )
    if role is None:
        raise _names_nothing(OPEN_ROLE, "roleId")
    return role


@contextmanager
def _refusals_in(locale: Locale) -> Iterator[None]:
    """Matchmaking's refusals of the input, said in the language of the field's answer."""
    try:
        yield
    except Refused as refused:
        raise refused.in_locale(locale) from None


def _matches(ranked: RankedPage, make: Callable[..., object], locale: Locale) -> Connection[Any]:
    """A connection of match objects, ``make(row, score, reasons)`` for each ranked row,
    their sentences in ``locale``."""
    nodes = [
        make(
            match.row,
            match.score,
            [MatchReason.of(reason, locale) for reason in match.reasons],
            meets_requirements=match.meets_requirements,
            tied_with_previous=match.tied_with_previous,
        )
        for match in ranked.matches
    ]
    return Connection.from_nodes(nodes, ranked.page, ranked.count_total)


def _creator_match(
    row: RowMapping, score: float, reasons: list[MatchReason], **tier: bool
) -> CreatorMatch:
    return CreatorMatch(creator=Creator.from_row(row), score=score, reasons=reasons, **tier)


@strawberry.type
class MatchingQueries:
    @strawberry.field(
        description="Creators ranked for an open role, best first, each with its reasons. "
        "Closed and filled roles are refused; people already on the project never appear."
    )
    async def match_creators(
        self,
        info: Info,
        role_id: Annotated[strawberry.ID, strawberry.argument(description="The open role.")],
        first: Annotated[int | None, strawberry.argument(description=FIRST)] = None,
        after: Annotated[str | None, strawberry.argument(description=AFTER)] = None,
        filter: Annotated[
            CreatorMatchFilter | None,
            strawberry.argument(description="Hard rules to add to the role's."),
        ] = None,
        language: LanguageArgument = None,
    ) -> Connection[CreatorMatch]:
        locale = locale_for(info, language)
        window = parse_window(info.context.settings, first, after, None, None)
        loaders = info.context.loaders
        with _refusals_in(locale):
            languages_are_preferred = filter is not None and filter.languages_are_preferred
            role = await _role(info, role_id)
            criteria = _narrowing(filter, languages_are_preferred).apply(
                role_criteria(role, default_minimum(info.context.settings))
            )
        ranked = await creators_for(loaders, info.context.settings, criteria, window)
        return _matches(ranked, _creator_match, locale)

    @strawberry.field(
        description="How one creator stands for an open role: the score and reasons "
        "`matchCreators` gives them, or every rule that leaves them out, with a code."
    )
    async def explain_match(
        self,
        info: Info,
        role_id: Annotated[strawberry.ID, strawberry.argument(description="The open role.")],
        creator_id: Annotated[strawberry.ID, strawberry.argument(description="The creator.")],
        language: LanguageArgument = None,
    ) -> CreatorMatchExplanation:
        locale = locale_for(info, language)
        loaders = info.context.loaders
        with _refusals_in(locale):
            role = await _role(info, role_id)
            creator = await _row(info, creator_id, CREATOR, "creatorId")
            criteria = role_criteria(role, default_minimum(info.context.settings))
        profile = await creator_profile(loaders, creator)
        exclusions = await exclusions_for(loaders.reader, criteria, creator, profile)
        if exclusions:
            return CreatorMatchExplanation(
                match=None, exclusions=[MatchExclusion.of(item, locale) for item in exclusions]
            )
        alone = replace(criteria, only_creator_id=creator["id"])
        ranked = await creators_for(loaders, info.context.settings, alone, Window(first=1))
        matches = _matches(ranked, _creator_match, locale).nodes
        return CreatorMatchExplanation(match=matches[0] if matches else None, exclusions=[])

    @strawberry.field(
        description="Creators ranked for ad-hoc criteria, best first, each with its reasons."
    )
    async def match_creators_for(
        self,
        info: Info,
        criteria: Annotated[
            MatchCriteriaInput, strawberry.argument(description="What to look for.")
        ],
        first: Annotated[int | None, strawberry.argument(description=FIRST)] = None,
        after: Annotated[str | None, strawberry.argument(description=AFTER)] = None,
        language: LanguageArgument = None,
    ) -> Connection[CreatorMatch]:
        locale = locale_for(info, language)
        window = parse_window(info.context.settings, first, after, None, None)
        wishes = Wishes(
            disciplines=[(wish.discipline, wish.minimum_level) for wish in criteria.disciplines],
            languages=[
                LanguageNeed(
                    wish.language,
                    wish.importance,
                    wish.minimum_proficiency or default_minimum(info.context.settings),
                )
                for wish in criteria.languages
            ],
            preferred_countries=criteria.preferred_countries,
            team_countries=criteria.team_countries,
            remote_allowed=criteria.remote_allowed,
            narrowing=_narrowing(criteria),
        )
        loaders = info.context.loaders
        with _refusals_in(locale):
            wanted = await wished_criteria(loaders, wishes)
        ranked = await creators_for(loaders, info.context.settings, wanted, window)
        return _matches(ranked, _creator_match, locale)

    @strawberry.field(
        description="Open roles ranked for a creator, best first: unfilled roles of projects "
        "seeking partners or in progress that they are not on yet."
    )
    async def recommended_roles(
        self,
        info: Info,
        creator_id: Annotated[strawberry.ID, strawberry.argument(description="The creator.")],
        first: Annotated[int | None, strawberry.argument(description=FIRST)] = None,
        after: Annotated[str | None, strawberry.argument(description=AFTER)] = None,
        filter: Annotated[
            RoleMatchFilter | None, strawberry.argument(description="Which roles.")
        ] = None,
        language: LanguageArgument = None,
    ) -> Connection[RoleMatch]:
        locale = locale_for(info, language)
        window = parse_window(info.context.settings, first, after, None, None)
        loaders = info.context.loaders
        with _refusals_in(locale):
            creator = await _row(info, creator_id, CREATOR, "creatorId")
            narrowing = RoleNarrowing()
            if filter is not None:
                narrowing = RoleNarrowing(
                    countries=await checked_countries(loaders, filter.countries or [], "countries"),
                    discipline_ids=await discipline_ids(loaders, filter.disciplines or []),
                    remote_only=filter.remote_only,
                    minimum_score=checked_minimum_score(filter.minimum_score),
                )
        profile = await creator_profile(loaders, creator)
        ranked = await roles_for(loaders, info.context.settings, profile, window, narrowing)
        return _matches(
            ranked,
            lambda row, score, reasons, **tier: RoleMatch(
                role=OpenRole.from_row(row), score=score, reasons=reasons, **tier
            ),
            locale,
        )

    @strawberry.field(
        description="Organisations ranked as partners for an organisation, best first: "
        "complementary disciplines, other countries, shared languages, prior joint work."
    )
    async def match_partners(
        self,
        info: Info,
        organisation_id: Annotated[
            strawberry.ID, strawberry.argument(description="The organisation seeking partners.")
        ],
        first: Annotated[int | None, strawberry.argument(description=FIRST)] = None,
        after: Annotated[str | None, strawberry.argument(description=AFTER)] = None,
        filter: Annotated[
            PartnerMatchFilter | None, strawberry.argument(description="Which partners.")
        ] = None,
        language: LanguageArgument = None,
    ) -> Connection[PartnerMatch]:
        locale = locale_for(info, language)
        window = parse_window(info.context.settings, first, after, None, None)
        loaders = info.context.loaders
        with _refusals_in(locale):
            organisation = await _row(info, organisation_id, ORGANISATION, "organisationId")
            narrowing = _partner_narrowing(filter)
        profile = await organisation_profile(loaders, organisation)
        ranked = await partners_for(
            loaders,
            info.context.settings,
            profile,
            window,
            kinds=narrowing.kinds,
            countries=narrowing.countries,
            minimum_score=narrowing.minimum_score,
        )
        return _matches(ranked, _partner_match, locale)

    @strawberry.field(
        description="How one organisation stands as a partner for another: the score and "
        "reasons `matchPartners` (with the same filter) gives it, or every rule that leaves "
        "it out, with a code."
    )
    async def explain_partner_match(
        self,
        info: Info,
        organisation_id: Annotated[
            strawberry.ID, strawberry.argument(description="The organisation seeking partners.")
        ],
        partner_id: Annotated[
            strawberry.ID, strawberry.argument(description="The prospective partner.")
        ],
        filter: Annotated[
            PartnerMatchFilter | None,
            strawberry.argument(description="The filter of the ranking to explain, if any."),
        ] = None,
        language: LanguageArgument = None,
    ) -> PartnerMatchExplanation:
        locale = locale_for(info, language)
        loaders = info.context.loaders
        with _refusals_in(locale):
            organisation = await _row(info, organisation_id, ORGANISATION, "organisationId")
            partner = await _row(info, partner_id, ORGANISATION, "partnerId")
            narrowing = _partner_narrowing(filter)
        exclusions = partner_exclusions(organisation["id"], partner, narrowing)
        if exclusions:
            return PartnerMatchExplanation(
                match=None, exclusions=[MatchExclusion.of(item, locale) for item in exclusions]
            )
        profile = await organisation_profile(loaders, organisation)
        ranked = await partners_for(
            loaders, info.context.settings, profile, Window(first=1),
            only_organisation_id=partner["id"],
        )  # fmt: skip
        match = _matches(ranked, _partner_match, locale).nodes[0]
        low = below_minimum(match.score, narrowing)
        if low is not None:
            return PartnerMatchExplanation(match=None, exclusions=[MatchExclusion.of(low, locale)])
        return PartnerMatchExplanation(match=match, exclusions=[])


def _partner_narrowing(filter: PartnerMatchFilter | None) -> PartnerNarrowing:
    if filter is None:
        return PartnerNarrowing()
    return PartnerNarrowing(
        kinds=tuple(filter.kinds or ()),
        countries=tuple(filter.countries or ()),
        minimum_score=checked_minimum_score(filter.minimum_score),
    )


def _partner_match(
    row: RowMapping, score: float, reasons: list[MatchReason], **tier: bool
) -> PartnerMatch:
    return PartnerMatch(
        organisation=Organisation.from_row(row), score=score, reasons=reasons, **tier
    )
