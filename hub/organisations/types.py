"""GraphQL types for organisations."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, ClassVar

import strawberry
from strawberry import relay

from hub.accounts.queries import (
    organisation_api_keys,
    organisation_invitations,
    organisation_memberships,
)
from hub.api.context import Info
from hub.api.enums import graphql_enum
from hub.api.nodes import MappedNode
from hub.api.pagination import Connection, RelatedListing, connection
from hub.api.relations import related_list, related_one
from hub.api.scalars import Named
from hub.organisations.enums import OrganisationKind

if TYPE_CHECKING:
    from hub.accounts.types import ApiKey, OrganisationInvitation, OrganisationMembership
    from hub.countries.types import Country
    from hub.creators.types import Affiliation
    from hub.disciplines.types import Discipline
    from hub.projects.types import Participant, Project

ApiKeyRef = Annotated["ApiKey", strawberry.lazy("hub.accounts.types")]
OrganisationInvitationRef = Annotated[
    "OrganisationInvitation", strawberry.lazy("hub.accounts.types")
]
OrganisationMembershipRef = Annotated[
    "OrganisationMembership", strawberry.lazy("hub.accounts.types")
]
CountryRef = Annotated["Country", strawberry.lazy("hub.countries.types")]
AffiliationRef = Annotated["Affiliation", strawberry.lazy("hub.creators.types")]
DisciplineRef = Annotated["Discipline", strawberry.lazy("hub.disciplines.types")]
ParticipantRef = Annotated["Participant", strawberry.lazy("hub.projects.types")]
ProjectRef = Annotated["Project", strawberry.lazy("hub.projects.types")]

graphql_enum(
    OrganisationKind,
    description="What kind of body it is.",
    values={
        OrganisationKind.STUDIO: "A creative studio: animation, games, design, film, music.",
        OrganisationKind.COMPANY: "A business of another kind.",
        OrganisationKind.UNIVERSITY: "A university or other institution of higher education.",
        OrganisationKind.SCHOOL: "A school, college or academy below university level.",
        OrganisationKind.FUND: "A fund or foundation that finances work.",
        OrganisationKind.TECHNOPARK: "A technopark, incubator or accelerator.",
        OrganisationKind.GOVERNMENT: "A government body or public agency.",
        OrganisationKind.NGO: "A non-governmental, non-profit organisation.",
        OrganisationKind.ASSOCIATION: "An association or union of creators or organisations.",
        OrganisationKind.MEDIA: "A media outlet: press, broadcaster or publisher.",
    },
)


@strawberry.type(description="A studio, company, university, fund, technopark, agency...")
class Organisation(Named, MappedNode):
    entity: ClassVar[str] = "Organisation"

    id: relay.NodeID[int]
    slug: str = strawberry.field(description="Unique, URL-safe name.")
    kind: OrganisationKind = strawberry.field(description="What kind of body it is.")
    country_code: strawberry.Private[str]
    city: str | None = strawberry.field(description="City it is based in.")
    website: str | None = strawberry.field(description="Its website.")
    description: str = strawberry.field(description="What it does.")
    founded_year: int | None = strawberry.field(description="Year it was founded.")
    member_since: date | None = strawberry.field(
        description="When it joined the Association of Creative Industries; null if not a member."
    )
    is_association_member: bool = strawberry.field(
        description="A member of the Association of Creative Industries."
    )
    created_at: datetime = strawberry.field(description="When it was added (UTC).")
    updated_at: datetime = strawberry.field(description="When it last changed (UTC).")

    @strawberry.field(description="Country it is based in.")
    async def country(self, info: Info) -> CountryRef:
        return await related_one(info, "Organisation", "country", self.country_code)

    @strawberry.field(description="Disciplines it works in.")
    async def disciplines(self, info: Info) -> list[DisciplineRef]:
        return await related_list(info, "Organisation", "disciplines", self.id)

    @connection(Connection[AffiliationRef], "Creators affiliated with it, past and present.")
    def members(self) -> RelatedListing:
        return RelatedListing("Organisation", "members", self.id)

    @connection(Connection[ParticipantRef], "Its places in projects, with its roles.")
    def participations(self) -> RelatedListing:
        return RelatedListing("Organisation", "participations", self.id)

    @connection(Connection[ProjectRef], "Projects it takes part in.")
    def projects(self) -> RelatedListing:
        return RelatedListing("Organisation", "projects", self.id)

    @connection(
        Connection[OrganisationMembershipRef],
        "Its users and their roles: for its members and staff (FORBIDDEN otherwise).",
    )
    async def memberships(self, info: Info) -> RelatedListing:
        return await organisation_memberships(info, self.id)

    @connection(
        Connection[OrganisationInvitationRef],
        "Invitations waiting for an answer: for its owners, admins and staff.",
    )
    async def pending_invitations(self, info: Info) -> RelatedListing:
        return await organisation_invitations(info, self.id)

    @connection(
        Connection[ApiKeyRef],
        "Its API keys, newest first, revoked ones included: for its owners, admins and staff.",
    )
    async def api_keys(self, info: Info) -> RelatedListing:
        return await organisation_api_keys(info, self.id)
