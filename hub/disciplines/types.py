"""GraphQL types for the taxonomy of creative work."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay

from hub.api.nodes import MappedNode
from hub.api.pagination import Connection
from hub.api.relations import follows, follows_all, follows_pages
from hub.api.scalars import Named
from hub.disciplines.mapping import DISCIPLINE, SECTOR

if TYPE_CHECKING:
    from hub.creators.types import Creator
    from hub.organisations.types import Organisation
    from hub.projects.types import Project

CreatorRef = Annotated["Creator", strawberry.lazy("hub.creators.types")]
DisciplineRef = Annotated["Discipline", strawberry.lazy("hub.disciplines.types")]
OrganisationRef = Annotated["Organisation", strawberry.lazy("hub.organisations.types")]
ProjectRef = Annotated["Project", strawberry.lazy("hub.projects.types")]


@strawberry.type(description="A sector of the creative economy, grouping disciplines.")
class Sector(Named, MappedNode):
    entity = SECTOR

    id: relay.NodeID[int]
    slug: str = strawberry.field(description="URL-safe identifier, unique across the taxonomy.")

    disciplines = follows_all(
        SECTOR.relations.disciplines, list[DisciplineRef], "The disciplines of this sector."
    )


@strawberry.type(description="A discipline of creative work, such as animation or fashion design.")
class Discipline(Named, MappedNode):
    entity = DISCIPLINE

    id: relay.NodeID[int]
    slug: str = strawberry.field(description="URL-safe identifier, unique across the taxonomy.")
    sector_id: strawberry.Private[int]

    sector = follows(DISCIPLINE.relations.sector, Sector, "The sector this discipline belongs to.")

    creators = follows_pages(
        DISCIPLINE.relations.creators,
        Connection[CreatorRef],
        "Creators who practise this discipline.",
    )

    organisations = follows_pages(
        DISCIPLINE.relations.organisations,
        Connection[OrganisationRef],
        "Organisations working in this discipline.",
    )

    projects = follows_pages(
        DISCIPLINE.relations.projects,
        Connection[ProjectRef],
        "Projects in this discipline.",
    )
