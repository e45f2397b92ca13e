"""GraphQL types for organisations."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay

from hub.accounts.queries import (
    check_sees_api_keys,
    check_sees_invitations,
    check_sees_memberships,
)
from hub.api.context import Info
from hub.api.enums import graphql_enum
from hub.api.nodes import MappedNode
from hub.api.pagination import Connection
from hub.api.relations import follows, follows_all, follows_pages
from hub.api.scalars import Named
from hub.countries.types import Region
from hub.funding.badges import has_patron_badge
from hub.organisations.enums import OrganisationKind
from hub.organisations.mapping import ORGANISATION

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
    entity = ORGANISATION

    id: relay.NodeID[int]
    slug: str = strawberry.field(description="Unique, URL-safe name.")
    kind: OrganisationKind = strawberry.field(description="What kind of body it is.")
    country_code: strawberry.Private[str]
    region_code: strawberry.Private[str | None]
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

    @strawberry.field(
        description="Holds the `patron` badge: what it gave in PUBLIC pledges, collected "
        "less refunds, reached the hub's threshold (a setting)."
    )
    async def is_patron(self, info: Info) -> bool:
        return await has_patron_badge(info, "organisation", self.id)

    country = follows(ORGANISATION.relations.country, CountryRef, "Country it is based in.")

    @strawberry.field(description="Region of the country it is based in (ISO 3166-2).")
    def region(self) -> Region | None:
        return Region.by_code(self.region_code)

    disciplines = follows_all(
        ORGANISATION.relations.disciplines, list[DisciplineRef], "Disciplines it works in."
    )

    members = follows_pages(
        ORGANISATION.relations.members,
        Connection[AffiliationRef],
        "Creators affiliated with it, past and present.",
    )

    participations = follows_pages(
        ORGANISATION.relations.participations,
        Connection[ParticipantRef],
        "Its places in projects, with its roles.",
    )

    projects = follows_pages(
        ORGANISATION.relations.projects,
        Connection[ProjectRef],
        "Projects it takes part in.",
    )

    memberships = follows_pages(
        ORGANISATION.relations.memberships,
        Connection[OrganisationMembershipRef],
        "Its users and their roles: for its members and staff (FORBIDDEN otherwise).",
        check=check_sees_memberships,
    )

    pending_invitations = follows_pages(
        ORGANISATION.relations.pending_invitations,
        Connection[OrganisationInvitationRef],
        "Invitations waiting for an answer: for its owners, admins and staff.",
        check=check_sees_invitations,
    )

    api_keys = follows_pages(
        ORGANISATION.relations.api_keys,
        Connection[ApiKeyRef],
        "Its API keys, newest first, revoked ones included: for its owners, admins and staff.",
        check=check_sees_api_keys,
    )
