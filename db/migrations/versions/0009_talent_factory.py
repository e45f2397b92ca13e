"""talent factory: programmes, mentors, sessions, applications and reviews

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 03:44:39.154160

Issue 12 (docs/talent-factory.md). A programme counts its taken seats (accepted and
enrolled applications) in ``seats_taken``, which only moves through a conditional UPDATE
and is held in range by a CHECK, so concurrent accepts never overfill it. Regions are
ISO 3166-2 codes (``region_code``, revision 0008).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_ACTOR_KINDS = ("ANONYMOUS", "USER", "API_KEY", "ADMIN_TOKEN", "SYSTEM")


def upgrade() -> None:
    op.create_table(
        "programme",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=80), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "COURSE",
                "MASTER_CLASS",
                "MENTORSHIP",
                name="programmekind",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("host_organisation_id", sa.Integer(), nullable=False),
        sa.Column(
            "level_taught",
            sa.Enum(
                "BEGINNER",
                "INTERMEDIATE",
                "ADVANCED",
                "EXPERT",
                "MASTER",
                name="skilllevel",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("languages", sa.JSON(), nullable=False),
        sa.Column(
            "format",
            sa.Enum(
                "ONLINE",
                "IN_PERSON",
                "HYBRID",
                name="programmeformat",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("country_code", sa.String(length=2), nullable=True),
        sa.Column("region_code", sa.String(length=6), nullable=True),
        sa.Column("city", sa.String(length=100), nullable=True),
        sa.Column("time_zone", sa.String(length=64), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("seats_taken", sa.Integer(), nullable=False),
        sa.Column("scholarship_seats", sa.Integer(), nullable=False),
        sa.Column("waitlist_size", sa.Integer(), nullable=False),
        sa.Column("offer_hours", sa.Integer(), nullable=False),
        sa.Column("min_age", sa.Integer(), nullable=True),
        sa.Column("max_age", sa.Integer(), nullable=True),
        sa.Column("eligible_countries", sa.JSON(), nullable=False),
        sa.Column("eligible_regions", sa.JSON(), nullable=False),
        sa.Column("applications_open_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("applications_close_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("fee_minor", sa.BigInteger(), nullable=True),
        sa.Column("fee_currency", sa.String(length=3), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "DRAFT",
                "OPEN",
                "CLOSED",
                "RUNNING",
                "FINISHED",
                "CANCELLED",
                name="programmestatus",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "(fee_minor IS NULL) = (fee_currency IS NULL)",
            name=op.f("ck_programme_fee_has_currency"),
        ),
        sa.CheckConstraint(
            "applications_open_at IS NULL OR applications_close_at IS NULL"
            " OR applications_open_at < applications_close_at",
            name=op.f("ck_programme_window_ordered"),
        ),
        sa.CheckConstraint("capacity >= 1", name=op.f("ck_programme_capacity_positive")),
        sa.CheckConstraint(
            "fee_minor IS NULL OR fee_minor > 0", name=op.f("ck_programme_fee_positive")
        ),
        sa.CheckConstraint(
            "min_age IS NULL OR max_age IS NULL OR min_age <= max_age",
            name=op.f("ck_programme_age_range_ordered"),
        ),
        sa.CheckConstraint("offer_hours >= 1", name=op.f("ck_programme_offer_hours_positive")),
        sa.CheckConstraint(
            "scholarship_seats >= 0 AND scholarship_seats <= capacity",
            name=op.f("ck_programme_scholarships_in_range"),
        ),
        sa.CheckConstraint(
            "seats_taken >= 0 AND seats_taken <= capacity", name=op.f("ck_programme_seats_in_range")
        ),
        sa.CheckConstraint("waitlist_size >= 0", name=op.f("ck_programme_waitlist_not_negative")),
        sa.ForeignKeyConstraint(
            ["country_code"], ["country.code"], name=op.f("fk_programme_country_code_country")
        ),
        sa.ForeignKeyConstraint(
            ["host_organisation_id"],
            ["organisation.id"],
            name=op.f("fk_programme_host_organisation_id_organisation"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programme")),
        sa.UniqueConstraint("slug", name=op.f("uq_programme_slug")),
    )
    with op.batch_alter_table("programme", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_programme_country_code"), ["country_code"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_programme_host_organisation_id"), ["host_organisation_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_programme_region_code"), ["region_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_programme_status"), ["status"], unique=False)
        batch_op.create_index(
            "ix_programme_status_window", ["status", "applications_close_at"], unique=False
        )

    op.create_table(
        "programme_application",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("creator_id", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "SUBMITTED",
                "WAITLISTED",
                "ACCEPTED",
                "REJECTED",
                "ENROLLED",
                "COMPLETED",
                "DROPPED",
                "NO_SHOW",
                "WITHDRAWN",
                "EXPIRED",
                name="applicationstatus",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("motivation", sa.Text(), nullable=False),
        sa.Column("portfolio_links", sa.JSON(), nullable=False),
        sa.Column("wants_scholarship", sa.Boolean(), nullable=False),
        sa.Column("has_scholarship", sa.Boolean(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("waitlisted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("offer_expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["creator_id"],
            ["creator.id"],
            name=op.f("fk_programme_application_creator_id_creator"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programme.id"],
            name=op.f("fk_programme_application_programme_id_programme"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programme_application")),
        sa.UniqueConstraint(
            "programme_id",
            "creator_id",
            name=op.f("uq_programme_application_programme_id_creator_id"),
        ),
    )
    with op.batch_alter_table("programme_application", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_programme_application_creator_id"), ["creator_id"], unique=False
        )
        batch_op.create_index(
            "ix_programme_application_offers", ["status", "offer_expires_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_programme_application_programme_id"), ["programme_id"], unique=False
        )
        batch_op.create_index(
            "ix_programme_application_queue",
            ["programme_id", "status", "waitlisted_at"],
            unique=False,
        )

    op.create_table(
        "programme_discipline",
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("discipline_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["discipline_id"],
            ["discipline.id"],
            name=op.f("fk_programme_discipline_discipline_id_discipline"),
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programme.id"],
            name=op.f("fk_programme_discipline_programme_id_programme"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "programme_id", "discipline_id", name=op.f("pk_programme_discipline")
        ),
    )
    with op.batch_alter_table("programme_discipline", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_programme_discipline_discipline_id"), ["discipline_id"], unique=False
        )

    op.create_table(
        "programme_mentor",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("creator_id", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "INVITED",
                "ACCEPTED",
                "DECLINED",
                name="mentorstatus",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("invited_by_user_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("responded_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["creator_id"],
            ["creator.id"],
            name=op.f("fk_programme_mentor_creator_id_creator"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["invited_by_user_id"],
            ["user_account.id"],
            name=op.f("fk_programme_mentor_invited_by_user_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programme.id"],
            name=op.f("fk_programme_mentor_programme_id_programme"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programme_mentor")),
        sa.UniqueConstraint(
            "programme_id", "creator_id", name=op.f("uq_programme_mentor_programme_id_creator_id")
        ),
    )
    with op.batch_alter_table("programme_mentor", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_programme_mentor_creator_id"), ["creator_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_programme_mentor_programme_id"), ["programme_id"], unique=False
        )

    op.create_table(
        "programme_prerequisite",
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("discipline_id", sa.Integer(), nullable=False),
        sa.Column(
            "minimum_level",
            sa.Enum(
                "BEGINNER",
                "INTERMEDIATE",
                "ADVANCED",
                "EXPERT",
                "MASTER",
                name="skilllevel",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["discipline_id"],
            ["discipline.id"],
            name=op.f("fk_programme_prerequisite_discipline_id_discipline"),
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programme.id"],
            name=op.f("fk_programme_prerequisite_programme_id_programme"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "programme_id", "discipline_id", name=op.f("pk_programme_prerequisite")
        ),
    )
    op.create_table(
        "programme_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("place", sa.String(length=300), nullable=True),
        sa.Column("online_url", sa.String(length=500), nullable=True),
        sa.CheckConstraint(
            "ends_at > starts_at", name=op.f("ck_programme_session_ends_after_start")
        ),
        sa.CheckConstraint(
            "place IS NOT NULL OR online_url IS NOT NULL",
            name=op.f("ck_programme_session_has_venue"),
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programme.id"],
            name=op.f("fk_programme_session_programme_id_programme"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programme_session")),
    )
    with op.batch_alter_table("programme_session", schema=None) as batch_op:
        batch_op.create_index(
            "ix_programme_session_programme_start", ["programme_id", "starts_at"], unique=False
        )

    op.create_table(
        "application_review",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("reviewer_user_id", sa.Integer(), nullable=True),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "score >= 1 AND score <= 5", name=op.f("ck_application_review_score_in_range")
        ),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["programme_application.id"],
            name=op.f("fk_application_review_application_id_programme_application"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["reviewer_user_id"],
            ["user_account.id"],
            name=op.f("fk_application_review_reviewer_user_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_application_review")),
        sa.UniqueConstraint(
            "application_id",
            "reviewer_user_id",
            name=op.f("uq_application_review_application_id_reviewer_user_id"),
        ),
    )
    with op.batch_alter_table("application_review", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_application_review_application_id"), ["application_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_application_review_reviewer_user_id"), ["reviewer_user_id"], unique=False
        )

    # Jobs are audited too (hub/accounts/audit.py record_system_audit): a SYSTEM actor
    # kind, and the name of the job that acted.
    with op.batch_alter_table("audit_record", schema=None) as batch_op:
        batch_op.add_column(sa.Column("actor_job", sa.String(length=60), nullable=True))
        batch_op.drop_constraint(op.f("ck_audit_record_principalkind"), type_="check")
        batch_op.create_check_constraint(
            op.f("ck_audit_record_auditactorkind"), sa.column("actor_kind").in_(_ACTOR_KINDS)
        )


def downgrade() -> None:
    op.execute("DELETE FROM audit_record WHERE actor_kind = 'SYSTEM'")
    with op.batch_alter_table("audit_record", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_audit_record_auditactorkind"), type_="check")
        batch_op.create_check_constraint(
            op.f("ck_audit_record_principalkind"), sa.column("actor_kind").in_(_ACTOR_KINDS[:-1])
        )
        batch_op.drop_column("actor_job")

    with op.batch_alter_table("application_review", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_application_review_reviewer_user_id"))
        batch_op.drop_index(batch_op.f("ix_application_review_application_id"))

    op.drop_table("application_review")
    with op.batch_alter_table("programme_session", schema=None) as batch_op:
        batch_op.drop_index("ix_programme_session_programme_start")

    op.drop_table("programme_session")
    op.drop_table("programme_prerequisite")
    with op.batch_alter_table("programme_mentor", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_programme_mentor_programme_id"))
        batch_op.drop_index(batch_op.f("ix_programme_mentor_creator_id"))

    op.drop_table("programme_mentor")
    with op.batch_alter_table("programme_discipline", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_programme_discipline_discipline_id"))

    op.drop_table("programme_discipline")
    with op.batch_alter_table("programme_application", schema=None) as batch_op:
        batch_op.drop_index("ix_programme_application_queue")
        batch_op.drop_index(batch_op.f("ix_programme_application_programme_id"))
        batch_op.drop_index("ix_programme_application_offers")
        batch_op.drop_index(batch_op.f("ix_programme_application_creator_id"))

    op.drop_table("programme_application")
    with op.batch_alter_table("programme", schema=None) as batch_op:
        batch_op.drop_index("ix_programme_status_window")
        batch_op.drop_index(batch_op.f("ix_programme_status"))
        batch_op.drop_index(batch_op.f("ix_programme_region_code"))
        batch_op.drop_index(batch_op.f("ix_programme_host_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_programme_country_code"))

    op.drop_table("programme")
