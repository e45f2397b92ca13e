"""How users, memberships, invitations, API keys and audit records map onto SQL."""

from __future__ import annotations

from hub.accounts.models import (
    ApiKey,
    AuditRecord,
    OrganisationInvitation,
    OrganisationMember,
    ProjectInvitation,
    ProjectMember,
    User,
)
from hub.core.mapping import Entity, NoRelations, Relations, ToOne
from hub.creators import mapping as creators_mapping
from hub.organisations import mapping as organisations_mapping
from hub.projects import mapping as projects_mapping

USER: Entity[NoRelations] = Entity(
    name="User",
    table=User.__table__,
    key_field="key",
    fields={
        "key": User.id,
        "email_address": User.email,
        "is_staff": User.is_staff,
        "created_at": User.created_at,
        "preferred_locale_tag": User.preferred_locale,
    },
    relations=NoRelations(),
    orderings={"EMAIL": User.email},
    default_ordering=(("EMAIL", False),),
)


class OrganisationMembershipRelations(Relations):
    organisation = ToOne(lambda: organisations_mapping.ORGANISATION, key_field="organisation_id")
    user = ToOne(lambda: USER, key_field="user_id")


ORGANISATION_MEMBERSHIP: Entity[OrganisationMembershipRelations] = Entity(
    name="OrganisationMembership",
    table=OrganisationMember.__table__,
    key_field="user_id",
    fields={
        "organisation_id": OrganisationMember.organisation_id,
        "user_id": OrganisationMember.user_id,
        "role": OrganisationMember.role,
        "created_at": OrganisationMember.created_at,
    },
    relations=OrganisationMembershipRelations(),
    orderings={"CREATED_AT": OrganisationMember.created_at},
    default_ordering=(("CREATED_AT", False),),
)


class ProjectMembershipRelations(Relations):
    project = ToOne(lambda: projects_mapping.PROJECT, key_field="project_id")
    user = ToOne(lambda: USER, key_field="user_id")


PROJECT_MEMBERSHIP: Entity[ProjectMembershipRelations] = Entity(
    name="ProjectMembership",
    table=ProjectMember.__table__,
    key_field="user_id",
    fields={
        "project_id": ProjectMember.project_id,
        "user_id": ProjectMember.user_id,
        "role": ProjectMember.role,
        "created_at": ProjectMember.created_at,
    },
    relations=ProjectMembershipRelations(),
    orderings={"CREATED_AT": ProjectMember.created_at},
    default_ordering=(("CREATED_AT", False),),
)


class OrganisationInvitationRelations(Relations):
    organisation = ToOne(lambda: organisations_mapping.ORGANISATION, key_field="organisation_id")


ORGANISATION_INVITATION: Entity[OrganisationInvitationRelations] = Entity(
    name="OrganisationInvitation",
    table=OrganisationInvitation.__table__,
    key_field="key",
    fields={
        "key": OrganisationInvitation.id,
        "organisation_id": OrganisationInvitation.organisation_id,
        "email": OrganisationInvitation.email,
        "role": OrganisationInvitation.role,
        "status": OrganisationInvitation.status,
        "created_at": OrganisationInvitation.created_at,
        "responded_at": OrganisationInvitation.responded_at,
    },
    relations=OrganisationInvitationRelations(),
    orderings={"CREATED_AT": OrganisationInvitation.created_at},
    default_ordering=(("CREATED_AT", True),),
)


class ProjectInvitationRelations(Relations):
    project = ToOne(lambda: projects_mapping.PROJECT, key_field="project_id")
    creator = ToOne(lambda: creators_mapping.CREATOR, key_field="creator_id")
    open_role = ToOne(lambda: projects_mapping.OPEN_ROLE, key_field="open_role_id")


PROJECT_INVITATION: Entity[ProjectInvitationRelations] = Entity(
    name="ProjectInvitation",
    table=ProjectInvitation.__table__,
    key_field="key",
    fields={
        "key": ProjectInvitation.id,
        "project_id": ProjectInvitation.project_id,
        "creator_id": ProjectInvitation.creator_id,
        "open_role_id": ProjectInvitation.open_role_id,
        "role": ProjectInvitation.role,
        "participant_role": ProjectInvitation.participant_role,
        "status": ProjectInvitation.status,
        "created_at": ProjectInvitation.created_at,
        "responded_at": ProjectInvitation.responded_at,
    },
    relations=ProjectInvitationRelations(),
    orderings={"CREATED_AT": ProjectInvitation.created_at},
    default_ordering=(("CREATED_AT", True),),
)

API_KEY: Entity[NoRelations] = Entity(
    name="ApiKey",
    table=ApiKey.__table__,
    key_field="key",
    fields={
        "key": ApiKey.id,
        "organisation_id": ApiKey.organisation_id,
        "name": ApiKey.name,
        "scope_names": ApiKey.scopes,
        "created_at": ApiKey.created_at,
        "last_used_at": ApiKey.last_used_at,
        "revoked_at": ApiKey.revoked_at,
    },
    relations=NoRelations(),
    orderings={"CREATED_AT": ApiKey.created_at},
    default_ordering=(("CREATED_AT", True),),
)

AUDIT_RECORD: Entity[NoRelations] = Entity(
    name="AuditRecord",
    table=AuditRecord.__table__,
    key_field="key",
    fields={
        "key": AuditRecord.id,
        "occurred_at": AuditRecord.occurred_at,
        "actor_kind": AuditRecord.actor_kind,
        "actor_job": AuditRecord.actor_job,
        "actor_user_id": AuditRecord.actor_user_id,
        "actor_api_key_id": AuditRecord.actor_api_key_id,
        "actor_is_staff": AuditRecord.actor_is_staff,
        "action": AuditRecord.action,
        "entity_type": AuditRecord.entity_type,
        "entity_key": AuditRecord.entity_id,
        "outcome": AuditRecord.outcome,
        "fields": AuditRecord.fields,
        "request_id": AuditRecord.request_id,
    },
    relations=NoRelations(),
    orderings={"NEWEST": AuditRecord.id},
    default_ordering=(("NEWEST", True),),
)
