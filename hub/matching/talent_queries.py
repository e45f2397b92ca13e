"""Root fields ranking the Talent Factory for a creator: programmes and mentors (issue 12),
and why a programme is or is not recommended (issue 11's explanations, for programmes)."""

from __future__ import annotations

from typing import Annotated

import strawberry
from sqlalchemy import RowMapping, exists

from hub.api.context import Info
from hub.api.locales import LanguageArgument, locale_for
from hub.api.pagination import Connection, parse_window
from hub.core.columns import utcnow
from hub.core.paging import Window
from hub.creators.mapping import CREATOR
from hub.creators.types import Creator
from hub.matching.matches import mentors_for, programmes_for
from hub.matching.programmes import applicant_of, programme_exclusions
from hub.matching.queries import AFTER, FIRST, _matches, _refusals_in, _row
from hub.matching.talent_profile import talent_profile
from hub.matching.types import (
    MatchExclusion,
    MatchReason,
    MentorMatch,
    ProgrammeMatch,
    ProgrammeMatchExplanation,
)
from hub.talent.eligibility import load_prerequisites
from hub.talent.mapping import PROGRAMME
from hub.talent.models import Programme as ProgrammeRow
from hub.talent.models import ProgrammeApplication
from hub.talent.types import Programme


def _programme_match(
    row: RowMapping, score: float, reasons: list[MatchReason], **tier: bool
) -> ProgrammeMatch:
    return ProgrammeMatch(programme=Programme.from_row(row), score=score, reasons=reasons, **tier)


def _mentor_match(
    row: RowMapping, score: float, reasons: list[MatchReason], **tier: bool
) -> MentorMatch:
    return MentorMatch(mentor=Creator.from_row(row), score=score, reasons=reasons, **tier)


@strawberry.type
class TalentMatchingQueries:
    @strawberry.field(
        description="Programmes open for applications now that the creator may apply to "
        "(eligible, not applied yet), best fit first: the discipline, the level taught "
        "against theirs (their level or the next step first), a language they speak, in "
        "person in their country, a seat free."
    )
    async def recommended_programmes(
        self,
        info: Info,
        creator_id: Annotated[strawberry.ID, strawberry.argument(description="The creator.")],
        first: Annotated[int | None, strawberry.argument(description=FIRST)] = None,
        after: Annotated[str | None, strawberry.argument(description=AFTER)] = None,
        language: LanguageArgument = None,
    ) -> Connection[ProgrammeMatch]:
        locale = locale_for(info, language)
        window = parse_window(info.context.settings, first, after, None, None)
        loaders = info.context.loaders
        with _refusals_in(locale):
            creator = await _row(info, creator_id, CREATOR, "creatorId")
        profile = await talent_profile(loaders.reader, creator)
        ranked = await programmes_for(loaders, info.context.settings, creator, profile, window)
        return _matches(ranked, _programme_match, locale)

    @strawberry.field(
        description="How one programme stands for a creator: the score and reasons "
        "`recommendedProgrammes` gives it, or every rule that leaves it out, with a code."
    )
    async def explain_programme_match(
        self,
        info: Info,
        programme_id: Annotated[strawberry.ID, strawberry.argument(description="The programme.")],
        creator_id: Annotated[strawberry.ID, strawberry.argument(description="The creator.")],
        language: LanguageArgument = None,
    ) -> ProgrammeMatchExplanation:
        locale = locale_for(info, language)
        loaders = info.context.loaders
        reader = loaders.reader
        with _refusals_in(locale):
            programme_row = await _row(info, programme_id, PROGRAMME, "programmeId")
            creator = await _row(info, creator_id, CREATOR, "creatorId")
        profile = await talent_profile(loaders.reader, creator)
        key = programme_row["id"]
        programme = await reader.run(lambda session: session.get(ProgrammeRow, key))
        assert programme is not None
        prerequisites = await reader.run(lambda session: load_prerequisites(session, key))
        applied = bool(
            await reader.scalar(
                exists()
                .where(
                    ProgrammeApplication.programme_id == key,
                    ProgrammeApplication.creator_id == creator["id"],
                )
                .select()
            )
        )
        now = utcnow()
        exclusions = programme_exclusions(
            programme, prerequisites, applicant_of(creator, profile), applied, now
        )
        if exclusions:
            return ProgrammeMatchExplanation(
                match=None, exclusions=[MatchExclusion.of(item, locale) for item in exclusions]
            )
        ranked = await programmes_for(
            loaders, info.context.settings, creator, profile, Window(first=1), key
        )
        matches = _matches(ranked, _programme_match, locale).nodes
        return ProgrammeMatchExplanation(match=matches[0] if matches else None, exclusions=[])

    @strawberry.field(
        description="Mentors for a young creator, best first: creators offering mentoring "
        "with a place left, in the creator's sectors, ranked by the discipline, how far "
        "above the creator they are in it, a shared language, the same country and the "
        "places they have left."
    )
    async def recommended_mentors(
        self,
        info: Info,
        creator_id: Annotated[strawberry.ID, strawberry.argument(description="The creator.")],
        first: Annotated[int | None, strawberry.argument(description=FIRST)] = None,
        after: Annotated[str | None, strawberry.argument(description=AFTER)] = None,
        language: LanguageArgument = None,
    ) -> Connection[MentorMatch]:
        locale = locale_for(info, language)
        window = parse_window(info.context.settings, first, after, None, None)
        loaders = info.context.loaders
        with _refusals_in(locale):
            creator = await _row(info, creator_id, CREATOR, "creatorId")
        profile = await talent_profile(loaders.reader, creator)
        ranked = await mentors_for(loaders, info.context.settings, profile, window)
        return _matches(ranked, _mentor_match, locale)
