"""The three rankings, from criteria (or a creator, or an organisation) to a ranked page."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sqlalchemy import RowMapping

from hub.api.loaders import Loaders
from hub.config import Settings
from hub.core.columns import utcnow
from hub.core.paging import Window
from hub.core.portable import bytewise
from hub.creators.models import Creator
from hub.matching.candidates import creator_candidates, fit_view
from hub.matching.criteria import (
    ANY_ROLE,
    CreatorProfile,
    Criteria,
    RoleNarrowing,
    country_names,
    default_minimum,
)
from hub.matching.factors import FIT_FACTORS, FitView, outsider_ceiling
from hub.matching.mentors import (
    MENTOR_FACTORS,
    MentorPool,
    MentorView,
    mentor_candidates,
    mentor_views,
)
from hub.matching.mentors import outsider_ceiling as mentor_ceiling
from hub.matching.partners import (
    PARTNER_FACTORS,
    OrganisationProfile,
    PartnerView,
    partner_candidates,
    partner_view,
)
from hub.matching.programmes import (
    PROGRAMME_FACTORS,
    ProgrammeView,
    programme_candidates,
    programme_views,
)
from hub.matching.ranking import RankedPage, Ranking, Scored, Shortlist
from hub.matching.roles import role_candidates, role_views
from hub.matching.scoring import weigh
from hub.organisations.enums import OrganisationKind
from hub.organisations.models import Organisation
from hub.projects.models import OpenRole, Project
from hub.talent.models import Programme

CREATOR_ORDER = (bytewise(Creator.handle),)
"""Equal scores in a tier: by handle (unique), the same on every database."""
ROLE_ORDER = (bytewise(Project.slug), bytewise(OpenRole.title), OpenRole.created_at, OpenRole.id)
"""Equal scores: by project slug, role title and opening time; the key only separates two
roles of one project with the same title opened in the same instant."""
PARTNER_ORDER = (bytewise(Organisation.slug),)


async def creators_for(
    loaders: Loaders, settings: Settings, criteria: Criteria, window: Window
) -> RankedPage:
    env = loaders.reader.env

    def scored(*, practitioners_only: bool) -> Scored[FitView]:
        candidates = creator_candidates(criteria, env, practitioners_only=practitioners_only)
        return Scored(
            candidates.statement,
            weigh(FIT_FACTORS, candidates.facts, settings),
            candidates.facts.requirements,
        )

    shortlist = None
    if criteria.disciplines:
        # The same factors and weights apply to both statements: so does the ceiling.
        practitioners = scored(practitioners_only=True)
        shortlist = Shortlist(practitioners, outsider_ceiling(practitioners.weighed))
    ranking = Ranking(lambda: scored(practitioners_only=False), CREATOR_ORDER, shortlist)

    async def views(rows: Sequence[RowMapping]) -> list[FitView]:
        codes = [row["country_code"] for row in rows]
        codes += [*criteria.preferred_countries, *filter(None, [criteria.location_country])]
        names = await country_names(loaders, codes)
        return [fit_view(criteria, row, names, env) for row in rows]

    return await ranking.page(loaders.reader, window, views)


async def roles_for(
    loaders: Loaders,
    settings: Settings,
    profile: CreatorProfile,
    window: Window,
    narrowing: RoleNarrowing = ANY_ROLE,
) -> RankedPage:
    default = default_minimum(settings)
    candidates = role_candidates(profile, loaders.reader.env, default, narrowing)
    scored = Scored(
        candidates.statement,
        weigh(FIT_FACTORS, candidates.facts, settings),
        candidates.facts.requirements,
        narrowing.minimum_score,
    )
    ranking = Ranking(lambda: scored, ROLE_ORDER)

    async def views(rows: Sequence[RowMapping]) -> list[FitView]:
        return await role_views(loaders, profile, rows, default)

    return await ranking.page(loaders.reader, window, views)


async def partners_for(
    loaders: Loaders,
    settings: Settings,
    profile: OrganisationProfile,
    window: Window,
    kinds: Sequence[OrganisationKind] = (),
    countries: Sequence[str] = (),
    minimum_score: float | None = None,
    only_organisation_id: int | None = None,
) -> RankedPage:
    candidates = partner_candidates(
        profile, loaders.reader.env, kinds, countries, only_organisation_id
    )
    weighed = weigh(PARTNER_FACTORS, candidates.facts, settings)
    scored = Scored(candidates.statement, weighed, minimum_score=minimum_score)
    ranking = Ranking(lambda: scored, PARTNER_ORDER)

    async def views(rows: Sequence[RowMapping]) -> list[PartnerView]:
        names = await country_names(loaders, [row["country_code"] for row in rows])
        return [partner_view(profile, row, names) for row in rows]

    return await ranking.page(loaders.reader, window, views)


PROGRAMME_ORDER = (bytewise(Programme.slug),)
MENTOR_ORDER = (bytewise(Creator.handle),)


async def programmes_for(
    loaders: Loaders,
    settings: Settings,
    creator: RowMapping,
    profile: CreatorProfile,
    window: Window,
    only_programme_id: int | None = None,
) -> RankedPage:
    """Open programmes the creator may apply to, best fit first (by slug on a tie)."""
    candidates = programme_candidates(
        creator, profile, loaders.reader.env, utcnow(), only_programme_id
    )
    scored = Scored(candidates.statement, weigh(PROGRAMME_FACTORS, candidates.facts, settings))
    ranking = Ranking(lambda: scored, PROGRAMME_ORDER)

    async def views(rows: Sequence[RowMapping]) -> list[ProgrammeView]:
        return await programme_views(loaders, profile, rows)

    return await ranking.page(loaders.reader, window, views)


async def mentors_for(
    loaders: Loaders,
    settings: Settings,
    profile: CreatorProfile,
    window: Window,
    only_mentor_id: int | None = None,
) -> RankedPage:
    """Mentors with a place left for the creator, best first (by handle on a tie).

    Two shortlists come before the whole ranking. First those practising a discipline
    the creator practises: everyone else in the sectors scores at most
    ``mentors.outsider_ceiling``. Then those and the mentors in the creator's country,
    a few hundred where the sectors hold thousands: everyone else is abroad and scores
    lower still (``LOCATION`` adds nothing for them)."""
    env = loaders.reader.env

    def scored(pool: MentorPool) -> Scored[MentorView]:
        candidates = mentor_candidates(profile, env, only_mentor_id, pool=pool)
        return Scored(
            candidates.statement,
            weigh(MENTOR_FACTORS, candidates.facts, settings),
            candidates.requirements,
        )

    def near() -> Shortlist[MentorView]:
        nearby = scored(MentorPool.NEAR)
        ceiling = mentor_ceiling(nearby.weighed, abroad=True)
        return Shortlist(nearby, ceiling, outsiders_meet_requirements=True)

    shortlist = None
    wider: list[Callable[[], Shortlist[MentorView]]] = []
    if profile.levels and only_mentor_id is None:
        practitioners = scored(MentorPool.PRACTITIONERS)
        ceiling = mentor_ceiling(practitioners.weighed)
        shortlist = Shortlist(practitioners, ceiling, outsiders_meet_requirements=True)
        # Without a weight on the country, nobody abroad scores less than the outsiders.
        if mentor_ceiling(practitioners.weighed, abroad=True) < ceiling:
            wider.append(near)
    ranking = Ranking(lambda: scored(MentorPool.SECTORS), MENTOR_ORDER, shortlist, wider)

    async def views(rows: Sequence[RowMapping]) -> list[MentorView]:
        return await mentor_views(loaders, profile, rows)

    return await ranking.page(loaders.reader, window, views)
