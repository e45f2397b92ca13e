"""GraphQL types for projects, their participants and open roles."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, ClassVar

import strawberry
from strawberry import relay

from hub.api.context import Info
from hub.api.enums import graphql_enum
from hub.api.nodes import MappedNode, build
from hub.api.pagination import Connection, RelatedListing, connection
from hub.api.relations import related_list, related_one
from hub.api.scalars import LanguageCode, Money
from hub.countries.types import Country
from hub.creators.types import Creator, SkillLevel
from hub.disciplines.types import Discipline
from hub.organisations.types import Organisation
from hub.projects.enums import ALLOWED_TRANSITIONS, ProjectStatus

graphql_enum(
    ProjectStatus,
    description="Where a project is in its life: DRAFT, SEEKING_PARTNERS, IN_PROGRESS, then "
    "COMPLETED or CANCELLED.",
    values={
        ProjectStatus.DRAFT: "Being prepared; not yet looking for anyone.",
        ProjectStatus.SEEKING_PARTNERS: "Looking for creators and organisations to join it.",
        ProjectStatus.IN_PROGRESS: "Under way.",
        ProjectStatus.COMPLETED: "Finished. Final: it changes no more.",
        ProjectStatus.CANCELLED: "Abandoned. Final: it changes no more.",
    },
)

ProjectMember = Annotated[
    Creator | Organisation,
    strawberry.union("ProjectMember", description="Who takes part in a project."),
]


@strawberry.type(description="A creator or an organisation taking part in a project.")
class Participant(MappedNode):
    entity: ClassVar[str] = "Participant"

    id: relay.NodeID[int]
    project_id: strawberry.Private[int]
    creator_id: strawberry.Private[int | None]
    organisation_id: strawberry.Private[int | None]
    role: str = strawberry.field(description="What they do in the project.")
    joined_on: date | None = strawberry.field(description="When they joined.")

    @strawberry.field(description="The project.")
    async def project(self, info: Info) -> Project:
        return await related_one(info, "Participant", "project", self.project_id)

    @strawberry.field(description="The creator, when a creator takes part.")
    async def creator(self, info: Info) -> Creator | None:
        return await related_one(info, "Participant", "creator", self.creator_id)

    @strawberry.field(description="The organisation, when an organisation takes part.")
    async def organisation(self, info: Info) -> Organisation | None:
        return await related_one(info, "Participant", "organisation", self.organisation_id)

    @strawberry.field(description="Who takes part: a creator or an organisation.")
    async def member(self, info: Info) -> ProjectMember:
        if self.creator_id is not None:
            return await related_one(info, "Participant", "creator", self.creator_id)
        return await related_one(info, "Participant", "organisation", self.organisation_id)


@strawberry.type(description="A position a project is looking to fill.")
class OpenRole(MappedNode):
    entity: ClassVar[str] = "OpenRole"

    id: relay.NodeID[int]
    project_id: strawberry.Private[int]
    title: str = strawberry.field(description="The role's name.")
    description: str = strawberry.field(description="What the role involves.")
    discipline_id: strawberry.Private[int]
    required_languages: list[LanguageCode] = strawberry.field(
        description="Languages the person must speak."
    )
    seniority: SkillLevel = strawberry.field(description="The level the role asks for.")
    headcount: int = strawberry.field(description="How many people the role is for.")
    filled_count: int = strawberry.field(description="How many places are taken.")
    remote_allowed: bool = strawberry.field(description="The work can be done remotely.")
    preferred_country_codes: strawberry.Private[list[str]]
    is_open: bool = strawberry.field(description="Still accepting people.")
    created_at: datetime = strawberry.field(description="When it was opened (UTC).")

    @strawberry.field(description="Places still to fill.")
    def remaining_count(self) -> int:
        return self.headcount - self.filled_count

    @strawberry.field(description="The project that is hiring.")
    async def project(self, info: Info) -> Project:
        return await related_one(info, "OpenRole", "project", self.project_id)

    @strawberry.field(description="The discipline the role is in.")
    async def discipline(self, info: Info) -> Discipline:
        return await related_one(info, "OpenRole", "discipline", self.discipline_id)

    @strawberry.field(description="Countries the project would like the person to come from.")
    async def preferred_countries(self, info: Info) -> list[Country]:
        rows = await info.context.loaders.entity("Country").load_many(self.preferred_country_codes)
        return [build("Country", row) for row in rows if row is not None]


@strawberry.type(description="A joint project, often across borders.")
class Project(MappedNode):
    entity: ClassVar[str] = "Project"

    id: relay.NodeID[int]
    slug: str = strawberry.field(description="Unique, URL-safe name.")
    title: str = strawberry.field(description="The project's title.")
    summary: str = strawberry.field(description="One sentence about it.")
    description: str = strawberry.field(description="What it is, in full.")
    status: ProjectStatus = strawberry.field(description="Where it is in its life.")
    lead_organisation_id: strawberry.Private[int | None]
    lead_creator_id: strawberry.Private[int | None]
    start_date: date | None = strawberry.field(description="When it starts.")
    end_date: date | None = strawberry.field(description="When it ends.")
    budget_minor: strawberry.Private[int | None]
    budget_currency: strawberry.Private[str | None]
    is_cross_border: bool = strawberry.field(
        description="Its participants come from two or more countries."
    )
    created_at: datetime = strawberry.field(description="When it was added (UTC).")
    updated_at: datetime = strawberry.field(description="When it last changed (UTC).")

    @strawberry.field(description="The total budget.")
    def budget(self) -> Money | None:
        return Money.from_minor(self.budget_minor, self.budget_currency)

    @strawberry.field(description="Statuses it may move to next.")
    def allowed_transitions(self) -> list[ProjectStatus]:
        return sorted(ALLOWED_TRANSITIONS[self.status], key=list(ProjectStatus).index)

    @strawberry.field(description="The organisation leading it, if any.")
    async def lead_organisation(self, info: Info) -> Organisation | None:
        return await related_one(info, "Project", "lead_organisation", self.lead_organisation_id)

    @strawberry.field(description="The creator leading it, if any.")
    async def lead_creator(self, info: Info) -> Creator | None:
        return await related_one(info, "Project", "lead_creator", self.lead_creator_id)

    @strawberry.field(description="Disciplines it involves.")
    async def disciplines(self, info: Info) -> list[Discipline]:
        return await related_list(info, "Project", "disciplines", self.id)

    @strawberry.field(description="Countries its participants come from.")
    async def countries(self, info: Info) -> list[Country]:
        return await related_list(info, "Project", "countries", self.id)

    @connection(Connection[Participant], "Creators and organisations taking part.")
    def participants(self) -> RelatedListing:
        return RelatedListing("Project", "participants", self.id)

    @connection(Connection[OpenRole], "Positions it is looking to fill, open and closed.")
    def open_roles(self) -> RelatedListing:
        return RelatedListing("Project", "open_roles", self.id)
