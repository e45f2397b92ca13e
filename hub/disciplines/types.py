"""GraphQL types for the taxonomy of creative work."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, ClassVar

import strawberry
from strawberry import relay

from hub.api.context import Info
from hub.api.nodes import MappedNode
from hub.api.pagination import Connection, RelatedListing, connection
from hub.api.relations import related_list, related_one
from hub.api.scalars import Named

if TYPE_CHECKING:
    from hub.creators.types import Creator
    from hub.organisations.types import Organisation
    from hub.projects.types import Project

CreatorRef = Annotated["Creator", strawberry.lazy("hub.creators.types")]
OrganisationRef = Annotated["Organisation", strawberry.lazy("hub.organisations.types")]
ProjectRef = Annotated["Project", strawberry.lazy("hub.projects.types")]


@strawberry.type(description="A sector of the creative economy, grouping disciplines.")
class Sector(Named, MappedNode):
    entity: ClassVar[str] = "Sector"

    id: relay.NodeID[int]
    slug: str = strawberry.field(description="URL-safe identifier, unique across the taxonomy.")

    @strawberry.field(description="The disciplines of this sector.")
    async def disciplines(self, info: Info) -> list[Discipline]:
        return await related_list(info, "Sector", "disciplines", self.id)


@strawberry.type(description="A discipline of creative work, such as animation or fashion design.")
class Discipline(Named, MappedNode):
    entity: ClassVar[str] = "Discipline"

    id: relay.NodeID[int]
    slug: str = strawberry.field(description="URL-safe identifier, unique across the taxonomy.")
    sector_id: strawberry.Private[int]

    @strawberry.field(description="The sector this discipline belongs to.")
    async def sector(self, info: Info) -> Sector:
        return await related_one(info, "Discipline", "sector", self.sector_id)

    @connection(Connection[CreatorRef], "Creators who practise this discipline.")
    def creators(self) -> RelatedListing:
        return RelatedListing("Discipline", "creators", self.id)

    @connection(Connection[OrganisationRef], "Organisations working in this discipline.")
    def organisations(self) -> RelatedListing:
        return RelatedListing("Discipline", "organisations", self.id)

    @connection(Connection[ProjectRef], "Projects in this discipline.")
    def projects(self) -> RelatedListing:
        return RelatedListing("Discipline", "projects", self.id)
