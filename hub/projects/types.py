"""GraphQL types for projects, their participants and open roles."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

import strawberry
from strawberry import relay

from hub.api.context import Info
from hub.api.enums import graphql_enum
from hub.api.nodes import MappedNode
from hub.api.pagination import Connection
from hub.api.relations import follows, follows_all, follows_pages, load_node
from hub.api.scalars import LanguageCode, Money
from hub.api.sql_fields import SQL_FIELD, FirstOf, MoneyOf
from hub.countries.mapping import COUNTRY
from hub.countries.types import Country
from hub.creators.enums import LanguageProficiency, SkillLevel
from hub.creators.types import Creator
from hub.disciplines.types import Discipline
from hub.organisations.types import Organisation
from hub.projects.enums import ALLOWED_TRANSITIONS, ProjectStatus, RoleRequirement
from hub.projects.mapping import OPEN_ROLE, PARTICIPANT, PROJECT

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

graphql_enum(
    RoleRequirement,
    description="What a role requires of a person. Matchmaking ranks whoever meets every "
    "requirement above whoever misses one; a strict requirement leaves them out instead.",
    values={
        RoleRequirement.DISCIPLINE: "Practises the role's discipline.",
        RoleRequirement.LEVEL: "Is at or above the level the role asks for.",
        RoleRequirement.LANGUAGE: "Speaks each required language at the proficiency asked "
        "for (a working proficiency unless the role says otherwise).",
        RoleRequirement.LOCATION: "For on-site work, is based where the role is.",
    },
)

ProjectRef = Annotated["Project", strawberry.lazy("hub.projects.types")]
ProjectMember = Annotated[
    Creator | Organisation,
    strawberry.union("ProjectMember", description="Who takes part in a project."),
]


@strawberry.type(description="A creator or an organisation taking part in a project.")
class Participant(MappedNode):
    entity = PARTICIPANT

    id: relay.NodeID[int]
    project_id: strawberry.Private[int]
    creator_id: strawberry.Private[int | None]
    organisation_id: strawberry.Private[int | None]
    role: str = strawberry.field(description="What they do in the project.")
    joined_on: date | None = strawberry.field(description="When they joined.")

    project = follows(PARTICIPANT.relations.project, ProjectRef, "The project.")

    creator = follows(
        PARTICIPANT.relations.creator, Creator | None, "The creator, when a creator takes part."
    )

    organisation = follows(
        PARTICIPANT.relations.organisation,
        Organisation | None,
        "The organisation, when an organisation takes part.",
    )

    @strawberry.field(
        description="Who takes part: a creator or an organisation.",
        metadata={SQL_FIELD: FirstOf(("creator", "organisation"))},
    )
    async def member(self, info: Info) -> ProjectMember:
        member: Creator | Organisation | None
        if self.creator_id is not None:
            member = await load_node(info, Creator, self.creator_id)
        else:
            member = await load_node(info, Organisation, self.organisation_id)
        assert member is not None, "a participant is a creator or an organisation"
        return member


@strawberry.type(description="A position a project is looking to fill.")
class OpenRole(MappedNode):
    entity = OPEN_ROLE

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
    strict_requirement_names: strawberry.Private[list[str]]
    language_minimum_map: strawberry.Private[dict[str, str]]
    prefers_exact_level: bool = strawberry.field(
        description="Candidates far above the level asked for rank lower (trainee roles)."
    )
    location_country_code: strawberry.Private[str | None]
    location_city: str | None = strawberry.field(description="The city of on-site work.")

    @strawberry.field(description="Requirements whose miss leaves a candidate out of matchmaking.")
    def strict_requirements(self) -> list[RoleRequirement]:
        return [RoleRequirement(name) for name in self.strict_requirement_names]

    @strawberry.field(description="The proficiency asked for in each required language.")
    def language_minimums(self) -> list[LanguageMinimum]:
        return [
            LanguageMinimum(language=LanguageCode(code), proficiency=LanguageProficiency(level))
            for code, level in sorted(self.language_minimum_map.items())
        ]

    @strawberry.field(description="Where on-site work happens, when the role says.")
    async def location_country(self, info: Info) -> Country | None:
        if self.location_country_code is None:
            return None
        row = await info.context.loaders.entity(COUNTRY).load(self.location_country_code)
        return None if row is None else Country.from_row(row)

    @strawberry.field(description="Places still to fill.")
    def remaining_count(self) -> int:
        return self.headcount - self.filled_count

    project = follows(OPEN_ROLE.relations.project, ProjectRef, "The project that is hiring.")

    discipline = follows(
        OPEN_ROLE.relations.discipline, Discipline, "The discipline the role is in."
    )

    @strawberry.field(description="Countries the project would like the person to come from.")
    async def preferred_countries(self, info: Info) -> list[Country]:
        rows = await info.context.loaders.entity(COUNTRY).load_many(self.preferred_country_codes)
        return [Country.from_row(row) for row in rows if row is not None]


@strawberry.type(description="The proficiency a role asks for in one language.")
class LanguageMinimum:
    language: LanguageCode = strawberry.field(description="ISO 639-1 code.")
    proficiency: LanguageProficiency = strawberry.field(description="The least that will do.")


@strawberry.type(description="A joint project, often across borders.")
class Project(MappedNode):
    entity = PROJECT

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

    @strawberry.field(
        description="The total budget.",
        metadata={SQL_FIELD: MoneyOf("budget_minor", "budget_currency")},
    )
    def budget(self) -> Money | None:
        return Money.from_minor(self.budget_minor, self.budget_currency)

    @strawberry.field(description="Statuses it may move to next.")
    def allowed_transitions(self) -> list[ProjectStatus]:
        return sorted(ALLOWED_TRANSITIONS[self.status], key=list(ProjectStatus).index)

    lead_organisation = follows(
        PROJECT.relations.lead_organisation,
        Organisation | None,
        "The organisation leading it, if any.",
    )

    lead_creator = follows(
        PROJECT.relations.lead_creator, Creator | None, "The creator leading it, if any."
    )

    disciplines = follows_all(
        PROJECT.relations.disciplines, list[Discipline], "Disciplines it involves."
    )

    countries = follows_all(
        PROJECT.relations.countries, list[Country], "Countries its participants come from."
    )

    participants = follows_pages(
        PROJECT.relations.participants,
        Connection[Participant],
        "Creators and organisations taking part.",
    )

    open_roles = follows_pages(
        PROJECT.relations.open_roles,
        Connection[OpenRole],
        "Positions it is looking to fill, open and closed.",
    )
