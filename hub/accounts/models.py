"""Tables for users and pending registrations, sessions, memberships, invitations, API keys
and the audit log."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from hub.accounts.enums import (
    AuditActorKind,
    AuditOutcome,
    InvitationStatus,
    OrganisationRole,
    ProjectRole,
)
from hub.core.columns import UTCDateTime, enum_column, utcnow
from hub.core.db import Base


class User(Base):
    """A person who logs in. ``email`` is stored normalised (NFKC, trimmed, lower-cased)."""

    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    is_staff: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    preferred_locale: Mapped[str | None] = mapped_column(String(2))
    """The language mail to them is written in (``hub.i18n.locales.Locale``'s tag); none:
    the hub's default, English."""


class PendingRegistration(Base):
    """A registration waiting for its email to be confirmed, by the sha256 of its code.

    Not unique by email: several may wait for one address, and the first confirmed
    creates the account and removes the others.
    """

    __tablename__ = "pending_registration"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class AuthSession(Base):
    """One login: the family of refresh tokens rotated from it, revoked as a whole."""

    __tablename__ = "auth_session"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class RefreshToken(Base):
    """A refresh token, by the sha256 of its secret; used once, then rotated."""

    __tablename__ = "refresh_token"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[str] = mapped_column(
        ForeignKey("auth_session.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    rotated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class OrganisationMember(Base):
    __tablename__ = "organisation_member"

    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    role: Mapped[OrganisationRole] = mapped_column(enum_column(OrganisationRole))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ProjectMember(Base):
    __tablename__ = "project_member"

    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    role: Mapped[ProjectRole] = mapped_column(enum_column(ProjectRole))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class OrganisationInvitation(Base):
    """An invitation to join an organisation, addressed to an email the invitee logs in with."""

    __tablename__ = "organisation_invitation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    email: Mapped[str] = mapped_column(String(254), index=True)
    role: Mapped[OrganisationRole] = mapped_column(enum_column(OrganisationRole))
    status: Mapped[InvitationStatus] = mapped_column(enum_column(InvitationStatus))
    invited_by_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    responded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ProjectInvitation(Base):
    """An invitation for a creator to join a project, or to fill one of its open roles."""

    __tablename__ = "project_invitation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    creator_id: Mapped[int] = mapped_column(
        ForeignKey("creator.id", ondelete="CASCADE"), index=True
    )
    open_role_id: Mapped[int | None] = mapped_column(
        ForeignKey("open_role.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[ProjectRole] = mapped_column(enum_column(ProjectRole))
    participant_role: Mapped[str] = mapped_column(String(200))
    status: Mapped[InvitationStatus] = mapped_column(enum_column(InvitationStatus))
    invited_by_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    responded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ApiKey(Base):
    """An organisation's key for partner integrations; only the secret's sha256 is kept."""

    __tablename__ = "api_key"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(100))
    secret_hash: Mapped[str] = mapped_column(String(64))
    scopes: Mapped[list[str]] = mapped_column(JSON)
    created_by_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class AuditRecord(Base):
    """One mutation, one denied attempt at one, or one change a job made on its own.
    Actors are plain ids (or a job's name): records outlive them."""

    __tablename__ = "audit_record"
    __table_args__ = (Index("ix_audit_record_entity", "entity_type", "entity_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor_kind: Mapped[AuditActorKind] = mapped_column(enum_column(AuditActorKind))
    actor_job: Mapped[str | None] = mapped_column(String(60))
    """The job that acted, when ``actor_kind`` is SYSTEM (its registered name)."""
    actor_user_id: Mapped[int | None] = mapped_column(Integer, index=True)
    actor_api_key_id: Mapped[int | None] = mapped_column(Integer, index=True)
    actor_is_staff: Mapped[bool] = mapped_column(Boolean, default=False)
    action: Mapped[str] = mapped_column(String(60), index=True)
    entity_type: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    outcome: Mapped[AuditOutcome] = mapped_column(enum_column(AuditOutcome))
    fields: Mapped[list[str]] = mapped_column(JSON, default=list)
    request_id: Mapped[str] = mapped_column(String(64), default="")
