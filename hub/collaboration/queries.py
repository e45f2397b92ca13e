"""Root fields of the collaboration graph: chains between creators, pairs of countries."""

from __future__ import annotations

from datetime import MAXYEAR, MINYEAR
from typing import Annotated

import strawberry
from sqlalchemy import exists, or_, select
from strawberry import relay

from hub.api.context import Info
from hub.api.errors import HubError, RequestErrorCode
from hub.api.global_ids import argument_key
from hub.collaboration.countries import (
    PairProjects,
    ProjectScope,
    pair_counts,
    pair_key,
    pair_projects_relation,
)
from hub.collaboration.paths import SearchTooBroad, shortest_chain
from hub.collaboration.types import CollaborationLink, CollaborationPath, CountryCollaboration
from hub.creators.mapping import CREATOR
from hub.creators.types import Creator
from hub.disciplines.models import Discipline, Sector
from hub.projects.mapping import PROJECT
from hub.projects.types import Project


def _check_max_hops(max_hops: int, limit: int) -> None:
    if not 1 <= max_hops <= limit:
        raise HubError(
            f"`maxHops` is {max_hops}; it must be between 1 and {limit}.",
            RequestErrorCode.BAD_USER_INPUT,
        )


async def _collaboration_path(
    info: Info, source: int, target: int, max_hops: int
) -> CollaborationPath | None:
    settings = info.context.settings
    creators = info.context.loaders.entity(CREATOR)
    for argument, row in zip(
        ("from", "to"), await creators.load_many([source, target]), strict=True
    ):
        if row is None:
            raise HubError(f"`{argument}` is not the id of a creator.", RequestErrorCode.NOT_FOUND)
    try:
        chain = await shortest_chain(
            info.context.reader,
            source,
            target,
            max_hops=max_hops,
            max_frontier=settings.collaboration_max_frontier,
        )
    except SearchTooBroad as error:
        raise HubError(
            f"The search reached {error.size} creators in one step, more than the "
            f"{error.limit} allowed; try a smaller `maxHops`.",
            RequestErrorCode.SEARCH_TOO_BROAD,
        ) from error
    if chain is None:
        return None
    # The chain was read in this transaction, so every creator and project in it exists.
    people = [
        Creator.from_row(row) for row in await creators.load_many(chain.creators) if row is not None
    ]
    projects = [
        Project.from_row(row)
        for row in await info.context.loaders.entity(PROJECT).load_many(chain.projects)
        if row is not None
    ]
    assert len(people) == len(chain.creators)
    assert len(projects) == len(chain.projects)
    links = [
        CollaborationLink(from_=people[hop], to=people[hop + 1], project=project)
        for hop, project in enumerate(projects)
    ]
    return CollaborationPath(creators=people, links=links)


async def _check_scope(info: Info, scope: ProjectScope) -> None:
    for name, year in (("fromYear", scope.from_year), ("toYear", scope.to_year)):
        if year is not None and not MINYEAR <= year <= MAXYEAR:
            raise HubError(
                f"`{name}` is {year}; it must be between {MINYEAR} and {MAXYEAR}.",
                RequestErrorCode.BAD_USER_INPUT,
            )
    if (
        scope.from_year is not None
        and scope.to_year is not None
        and scope.from_year > scope.to_year
    ):
        raise HubError(
            f"`fromYear` ({scope.from_year}) is after `toYear` ({scope.to_year}).",
            RequestErrorCode.BAD_USER_INPUT,
        )
    if scope.sector is not None:
        named = or_(
            exists().where(Sector.slug == scope.sector),
            exists().where(Discipline.slug == scope.sector),
        )
        if not await info.context.reader.scalar(select(named)):
            raise HubError(
                f"No sector or discipline has the slug {scope.sector!r}.",
                RequestErrorCode.NOT_FOUND,
            )


@strawberry.type
class CollaborationQueries:
    @strawberry.field(
        description="The shortest chain of creators from one to another, each linked to the "
        "next by a project they share; null when no chain has at most `maxHops` links. Among "
        "equally short chains, the one whose creators were added earliest, compared from "
        "`from` onwards."
    )
    async def collaboration_path(
        self,
        info: Info,
        from_: Annotated[
            relay.GlobalID,
            strawberry.argument(name="from", description="The creator to start from."),
        ],
        to: Annotated[relay.GlobalID, strawberry.argument(description="The creator to reach.")],
        max_hops: Annotated[
            int,
            strawberry.argument(
                description="The longest chain wanted, in links: 1 up to a server setting "
                "(6 by default)."
            ),
        ] = 4,
    ) -> CollaborationPath | None:
        _check_max_hops(max_hops, info.context.settings.collaboration_max_hops)
        source, target = argument_key(from_, "Creator", "from"), argument_key(to, "Creator", "to")
        return await _collaboration_path(info, source, target, max_hops)

    @strawberry.field(
        description="For each pair of countries, how many joint projects had participants "
        "from both: most first, then by the countries' codes. Only projects that have left "
        "DRAFT and were not CANCELLED count."
    )
    async def country_collaboration(
        self,
        info: Info,
        from_year: Annotated[
            int | None,
            strawberry.argument(
                description="Only projects not ended before 1 January of this year (no end "
                "date: not ended)."
            ),
        ] = None,
        to_year: Annotated[
            int | None,
            strawberry.argument(
                description="Only projects started by 31 December of this year; projects "
                "without a start date are then left out."
            ),
        ] = None,
        sector: Annotated[
            str | None,
            strawberry.argument(
                description="Only projects in this sector (its slug) or discipline (its slug)."
            ),
        ] = None,
    ) -> list[CountryCollaboration]:
        scope = ProjectScope(from_year=from_year, to_year=to_year, sector=sector)
        await _check_scope(info, scope)
        rows = await info.context.reader.rows(pair_counts(scope))
        projects = PairProjects(
            pair_projects_relation(scope), [pair_key(row["first"], row["second"]) for row in rows]
        )
        return [
            CountryCollaboration(
                first_code=row["first"],
                second_code=row["second"],
                project_count=row["project_count"],
                pair_projects=projects,
            )
            for row in rows
        ]
