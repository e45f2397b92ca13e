"""GraphQL types of the collaboration graph."""

from __future__ import annotations

from typing import Any

import strawberry

from hub.api.context import Info
from hub.api.nodes import MappedType
from hub.api.pagination import Connection, connection
from hub.api.relations import follows
from hub.collaboration.countries import PairProjects, pair_key
from hub.collaboration.mapping import COLLABORATOR
from hub.core.paging import Window
from hub.countries.mapping import COUNTRY
from hub.countries.types import Country
from hub.creators.types import Creator
from hub.projects.types import Project


@strawberry.type(
    description="Someone a creator has worked with: both take part in the same project, one "
    "that has left DRAFT and was not CANCELLED."
)
class Collaborator(MappedType):
    entity = COLLABORATOR

    creator_id: strawberry.Private[int]
    collaborator_id: strawberry.Private[int]
    display_name: strawberry.Private[str]
    shared_project_count: int = strawberry.field(
        description="How many projects the two take part in together."
    )
    latest_shared_project_id: strawberry.Private[int]

    creator = follows(COLLABORATOR.relations.creator, Creator, "The collaborator.")

    latest_shared_project = follows(
        COLLABORATOR.relations.latest_shared_project,
        Project,
        "The most recent project they share: the latest start date (projects without one "
        "count as the oldest), then the one added first.",
    )


@strawberry.type(description="One link of a chain: two creators and a project they share.")
class CollaborationLink:
    from_: Creator = strawberry.field(name="from", description="The creator nearer the start.")
    to: Creator = strawberry.field(description="The creator nearer the end.")
    project: Project = strawberry.field(
        description="A project both take part in: the most recent one they share (latest "
        "start date, then the one added first)."
    )


@strawberry.type(description="The shortest chain of creators linked by shared projects.")
class CollaborationPath:
    creators: list[Creator] = strawberry.field(
        description="The creators in order, from `from` to `to`, both included."
    )
    links: list[CollaborationLink] = strawberry.field(
        description="The links between consecutive creators, one per hop."
    )

    @strawberry.field(description="How many links the chain has; 0 from a creator to itself.")
    def hops(self) -> int:
        return len(self.links)


class PairProjectsListing:
    """The projects behind one pair of countries, paged like any other list."""

    def __init__(self, source: PairProjects, pair: str) -> None:
        self.source = source
        self.pair = pair

    async def connection(self, info: Info, window: Window) -> Connection[Any]:
        page = await self.source.page(info.context.reader, self.pair, window)
        total = page.total

        async def count_total() -> int:
            assert total is not None
            return total

        return Connection.from_page(Project, page, count_total)


@strawberry.type(description="Two countries and the joint projects with participants from both.")
class CountryCollaboration:
    first_code: strawberry.Private[str]
    second_code: strawberry.Private[str]
    project_count: int = strawberry.field(
        description="How many projects in scope have participants from both countries."
    )
    pair_projects: strawberry.Private[PairProjects]

    @strawberry.field(description="The two countries, in order of their codes.")
    async def countries(self, info: Info) -> list[Country]:
        rows = await info.context.loaders.entity(COUNTRY).load_many(
            [self.first_code, self.second_code]
        )
        return [Country.from_row(row) for row in rows if row is not None]

    @connection(Connection[Project], "The projects in scope joining the two, by title.")
    def projects(self) -> PairProjectsListing:
        return PairProjectsListing(self.pair_projects, pair_key(self.first_code, self.second_code))
