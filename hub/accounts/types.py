"""GraphQL types for users, memberships, invitations, API keys and the audit log.

None of them is a ``Node``: ``node(id:)`` answers anyone, and these are only shown to
the people they concern. Their ``id`` is still an opaque global ID, for mutations.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, TypeVar

import strawberry
from sqlalchemy import ColumnElement, select
from strawberry import relay

from hub.accounts.enums import (
    AuditActorKind,
    AuditOutcome,
    InvitationStatus,
    OrganisationRole,
    ProjectRole,
)
from hub.accounts.mapping import (
    API_KEY,
    AUDIT_RECORD,
    ORGANISATION_INVITATION,
    ORGANISATION_MEMBERSHIP,
    PROJECT_INVITATION,
    PROJECT_MEMBERSHIP,
    USER,
)
from hub.accounts.models import OrganisationInvitation as OrganisationInvitationRow
from hub.accounts.models import OrganisationMember, ProjectMember
from hub.accounts.models import ProjectInvitation as ProjectInvitationRow
from hub.accounts.policy import sees_private_fields
from hub.api.context import Info
from hub.api.enums import graphql_enum
from hub.api.nodes import MappedType
from hub.api.principal import Scope
from hub.api.relations import find_one, follows
from hub.creators.models import Creator as CreatorRow
from hub.i18n.locales import Locale

if TYPE_CHECKING:
    from hub.creators.types import Creator
    from hub.organisations.types import Organisation
    from hub.projects.types import OpenRole, Project

CreatorRef = Annotated["Creator", strawberry.lazy("hub.creators.types")]
OrganisationRef = Annotated["Organisation", strawberry.lazy("hub.organisations.types")]
OpenRoleRef = Annotated["OpenRole", strawberry.lazy("hub.projects.types")]
ProjectRef = Annotated["Project", strawberry.lazy("hub.projects.types")]
T = TypeVar("T", bound=MappedType)

graphql_enum(
    OrganisationRole,
    description="A user's role in an organisation: OWNERs and ADMINs edit it and its projects.",
    values={
        OrganisationRole.OWNER: "Edits it and its projects, and manages every member, "
        "owners included.",
        OrganisationRole.ADMIN: "Edits it and its projects, and invites members.",
        OrganisationRole.MEMBER: "Belongs to it; edits nothing on its behalf.",
    },
)
graphql_enum(
    ProjectRole,
    description="A user's role in a project's team: LEADs edit the project.",
    values={
        ProjectRole.LEAD: "Edits the project and manages its team.",
        ProjectRole.MEMBER: "Takes part in the project.",
    },
)
graphql_enum(
    InvitationStatus,
    description="Where an invitation stands.",
    values={
        InvitationStatus.PENDING: "Sent; waiting for the invitee's answer.",
        InvitationStatus.ACCEPTED: "The invitee accepted and joined.",
        InvitationStatus.DECLINED: "The invitee declined.",
    },
)
graphql_enum(
    AuditOutcome,
    description="Whether an audited mutation was carried out or refused.",
    values={
        AuditOutcome.SUCCEEDED: "The mutation was carried out.",
        AuditOutcome.DENIED: "The mutation was refused: the caller was not allowed to make it.",
    },
)
graphql_enum(
    Scope,
    name="ApiKeyScope",
    description="What an API key may do; WRITE includes reading.",
    values={
        Scope.READ: "Read what its organisation's members may read.",
        Scope.WRITE: "Read, and change what its organisation may change.",
    },
)
graphql_enum(
    AuditActorKind,
    name="ActorKind",
    description="Who made a request, or the system (a job acting on its own).",
    values={
        AuditActorKind.ANONYMOUS: "Nobody signed in: no token and no key.",
        AuditActorKind.USER: "A signed-in user, with an access token.",
        AuditActorKind.API_KEY: "An organisation's API key.",
        AuditActorKind.ADMIN_TOKEN: "The server's admin token, held by its operators.",
        AuditActorKind.SYSTEM: "A job of the hub itself, e.g. an offer expiring at its deadline.",
    },
)
ApiKeyScope = Scope
ActorKind = AuditActorKind


def opaque_id(type_name: str, key: int) -> relay.GlobalID:
    return relay.GlobalID(type_name, str(key))


@strawberry.type(description="A person with an account.")
class User(MappedType):
    entity = USER

    key: strawberry.Private[int]
    email_address: strawberry.Private[str]
    preferred_locale_tag: strawberry.Private[str | None]
    is_staff: bool = strawberry.field(description="Staff moderate everything.")
    created_at: datetime = strawberry.field(description="When the account was made (UTC).")

    @strawberry.field(description="Opaque ID of the user.")
    def id(self) -> relay.GlobalID:
        return opaque_id("User", self.key)

    @strawberry.field(description="Their login email: private, null unless it is you or staff.")
    def email(self, info: Info) -> str | None:
        return self.email_address if sees_private_fields(info.context.principal, self.key) else None

    @strawberry.field(description="The creator profile they own, if any.")
    async def creator(self, info: Info) -> CreatorRef | None:
        from hub.creators.types import Creator  # the types import each other; loaded by now

        return await find_one(info, Creator, CreatorRow.owner_user_id == self.key)


@strawberry.type(description="A user's place in an organisation.")
class OrganisationMembership(MappedType):
    entity = ORGANISATION_MEMBERSHIP

    organisation_id: strawberry.Private[int]
    user_id: strawberry.Private[int]
    role: OrganisationRole = strawberry.field(description="What they may do there.")
    created_at: datetime = strawberry.field(description="When they joined (UTC).")

    organisation = follows(
        ORGANISATION_MEMBERSHIP.relations.organisation, OrganisationRef, "The organisation."
    )

    user = follows(ORGANISATION_MEMBERSHIP.relations.user, User, "The member.")


@strawberry.type(description="A user's place in a project's team.")
class ProjectMembership(MappedType):
    entity = PROJECT_MEMBERSHIP

    project_id: strawberry.Private[int]
    user_id: strawberry.Private[int]
    role: ProjectRole = strawberry.field(description="LEADs edit the project.")
    created_at: datetime = strawberry.field(description="When they joined (UTC).")

    project = follows(PROJECT_MEMBERSHIP.relations.project, ProjectRef, "The project.")

    user = follows(PROJECT_MEMBERSHIP.relations.user, User, "The member.")


@strawberry.type(description="An invitation to join an organisation, sent to an email address.")
class OrganisationInvitation(MappedType):
    entity = ORGANISATION_INVITATION

    key: strawberry.Private[int]
    organisation_id: strawberry.Private[int]
    email: str = strawberry.field(description="Who it is for: the user logging in with it.")
    role: OrganisationRole = strawberry.field(description="The role it offers.")
    status: InvitationStatus = strawberry.field(description="Where it stands.")
    created_at: datetime = strawberry.field(description="When it was sent (UTC).")
    responded_at: datetime | None = strawberry.field(description="When it was answered (UTC).")

    @strawberry.field(description="Opaque ID, to accept or decline it.")
    def id(self) -> relay.GlobalID:
        return opaque_id("OrganisationInvitation", self.key)

    organisation = follows(
        ORGANISATION_INVITATION.relations.organisation, OrganisationRef, "The organisation."
    )


@strawberry.type(
    description="An invitation for a creator to join a project, or to fill one of its open roles."
)
class ProjectInvitation(MappedType):
    entity = PROJECT_INVITATION

    key: strawberry.Private[int]
    project_id: strawberry.Private[int]
    creator_id: strawberry.Private[int]
    open_role_id: strawberry.Private[int | None]
    role: ProjectRole = strawberry.field(description="The team role it offers.")
    participant_role: str = strawberry.field(description="What they would do in the project.")
    status: InvitationStatus = strawberry.field(description="Where it stands.")
    created_at: datetime = strawberry.field(description="When it was sent (UTC).")
    responded_at: datetime | None = strawberry.field(description="When it was answered (UTC).")

    @strawberry.field(description="Opaque ID, to accept or decline it.")
    def id(self) -> relay.GlobalID:
        return opaque_id("ProjectInvitation", self.key)

    project = follows(PROJECT_INVITATION.relations.project, ProjectRef, "The project.")

    creator = follows(PROJECT_INVITATION.relations.creator, CreatorRef, "The creator invited.")

    open_role = follows(
        PROJECT_INVITATION.relations.open_role,
        OpenRoleRef | None,
        "The open role to fill, if it is for one.",
    )


@strawberry.type(description="You: the logged-in user, with your teams and pending invitations.")
class Viewer(User):
    """Only ever built for the user themselves (``me``, or the payload of logging in)."""

    @strawberry.field(description="Your login email.")
    def email(self) -> str:
        return self.email_address

    @strawberry.field(
        description="The language mail to you is written in (`setPreferredLanguage`); null: "
        "the hub's default, English."
    )
    def preferred_language(self) -> Locale | None:
        return None if self.preferred_locale_tag is None else Locale(self.preferred_locale_tag)

    @strawberry.field(description="The organisations you belong to.")
    async def organisation_memberships(self, info: Info) -> list[OrganisationMembership]:
        return await _rows(info, OrganisationMembership, OrganisationMember.user_id == self.key)

    @strawberry.field(description="The project teams you belong to.")
    async def project_memberships(self, info: Info) -> list[ProjectMembership]:
        return await _rows(info, ProjectMembership, ProjectMember.user_id == self.key)

    @strawberry.field(description="Invitations to organisations waiting for your answer.")
    async def organisation_invitations(self, info: Info) -> list[OrganisationInvitation]:
        return await _rows(
            info,
            OrganisationInvitation,
            OrganisationInvitationRow.email == self.email_address,
            OrganisationInvitationRow.status == InvitationStatus.PENDING,
        )

    @strawberry.field(description="Invitations to projects waiting for your answer.")
    async def project_invitations(self, info: Info) -> list[ProjectInvitation]:
        invited = select(CreatorRow.id).where(CreatorRow.owner_user_id == self.key)
        return await _rows(
            info,
            ProjectInvitation,
            ProjectInvitationRow.creator_id.in_(invited.scalar_subquery()),
            ProjectInvitationRow.status == InvitationStatus.PENDING,
        )


async def _rows(info: Info, node_type: type[T], *conditions: ColumnElement[bool]) -> list[T]:
    """A short list of one mapped type for the viewer, in its entity's default order."""
    entity = node_type.entity
    statement = (
        entity.select(info.context.reader.env).where(*conditions).order_by(*entity.order_by())
    )
    return [node_type.from_row(row) for row in await info.context.reader.rows(statement)]


@strawberry.type(description="An organisation's key for partner integrations.")
class ApiKey(MappedType):
    entity = API_KEY

    key: strawberry.Private[int]
    organisation_id: strawberry.Private[int]
    scope_names: strawberry.Private[list[str]]
    name: str = strawberry.field(description="What it is for.")
    created_at: datetime = strawberry.field(description="When it was made (UTC).")
    last_used_at: datetime | None = strawberry.field(
        description="When it was last used (UTC, to the minute)."
    )
    revoked_at: datetime | None = strawberry.field(description="When it was revoked (UTC).")

    @strawberry.field(description="Opaque ID, to revoke it.")
    def id(self) -> relay.GlobalID:
        return opaque_id("ApiKey", self.key)

    @strawberry.field(description="What it may do.")
    def scopes(self) -> list[ApiKeyScope]:
        return [Scope(name) for name in self.scope_names]

    @strawberry.field(description="It still works: it has not been revoked.")
    def is_active(self) -> bool:
        return self.revoked_at is None


@strawberry.type(description="Who made an audited change.")
class AuditActor:
    kind: ActorKind = strawberry.field(
        description="A user, an API key, the admin token or the system."
    )
    job: str | None = strawberry.field(
        description="The job that acted, when the system did (e.g. `talent.offer.expire`)."
    )
    user_id: relay.GlobalID | None = strawberry.field(description="The user, if one.")
    api_key_id: relay.GlobalID | None = strawberry.field(description="The API key, if one.")
    is_staff: bool = strawberry.field(description="They acted as staff.")


@strawberry.type(description="One mutation, or one refused attempt at one.")
class AuditRecord(MappedType):
    entity = AUDIT_RECORD

    key: strawberry.Private[int]
    actor_kind: strawberry.Private[AuditActorKind]
    actor_job: strawberry.Private[str | None]
    actor_user_id: strawberry.Private[int | None]
    actor_api_key_id: strawberry.Private[int | None]
    actor_is_staff: strawberry.Private[bool]
    entity_key: strawberry.Private[int | None]
    occurred_at: datetime = strawberry.field(description="When (UTC).")
    action: str = strawberry.field(description="The mutation, e.g. `updateCreator`.")
    entity_type: str = strawberry.field(description="The type of what it changed.")
    outcome: AuditOutcome = strawberry.field(description="Carried out, or refused.")
    fields: list[str] = strawberry.field(description="The input fields given (never values).")
    request_id: str = strawberry.field(description="The request's id, as in the server's logs.")

    @strawberry.field(description="Who did it.")
    def actor(self) -> AuditActor:
        return AuditActor(
            kind=self.actor_kind,
            job=self.actor_job,
            user_id=_optional_id("User", self.actor_user_id),
            api_key_id=_optional_id("ApiKey", self.actor_api_key_id),
            is_staff=self.actor_is_staff,
        )

    @strawberry.field(description="The global ID of what it changed, when known.")
    def entity_id(self) -> relay.GlobalID | None:
        return _optional_id(self.entity_type, self.entity_key)


def _optional_id(type_name: str, key: int | None) -> relay.GlobalID | None:
    return None if key is None else opaque_id(type_name, key)
