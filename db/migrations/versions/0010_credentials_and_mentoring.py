"""credentials and mentoring

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 04:15:00.000000

Issue 12, verified skills and mentoring (docs/talent-factory.md). A credential keeps the
names it quotes as they were at issue, so its signed Open Badges document never changes;
``ix_credential_valid_skill`` serves the VERIFIED_SKILL factor. A mentor's taken places
only move through a conditional UPDATE held in range by a CHECK, so concurrent proposals
never exceed their capacity.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "mentor_capacity",
        sa.Column("creator_id", sa.Integer(), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("taken", sa.Integer(), nullable=False),
        sa.CheckConstraint("capacity >= 0", name=op.f("ck_mentor_capacity_capacity_not_negative")),
        sa.CheckConstraint(
            "taken >= 0 AND taken <= capacity", name=op.f("ck_mentor_capacity_taken_in_range")
        ),
        sa.ForeignKeyConstraint(
            ["creator_id"],
            ["creator.id"],
            name=op.f("fk_mentor_capacity_creator_id_creator"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("creator_id", name=op.f("pk_mentor_capacity")),
    )
    op.create_table(
        "achievement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("issuer_organisation_id", sa.Integer(), nullable=False),
        sa.Column("discipline_id", sa.Integer(), nullable=False),
        sa.Column(
            "level",
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
        sa.Column("achievement_type", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("criteria", sa.Text(), nullable=False),
        sa.Column("issuer_name", sa.String(length=200), nullable=False),
        sa.Column("issuer_slug", sa.String(length=80), nullable=False),
        sa.Column("discipline_slug", sa.String(length=60), nullable=False),
        sa.Column("programme_slug", sa.String(length=80), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["discipline_id"],
            ["discipline.id"],
            name=op.f("fk_achievement_discipline_id_discipline"),
        ),
        sa.ForeignKeyConstraint(
            ["issuer_organisation_id"],
            ["organisation.id"],
            name=op.f("fk_achievement_issuer_organisation_id_organisation"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programme.id"],
            name=op.f("fk_achievement_programme_id_programme"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_achievement")),
        sa.UniqueConstraint("programme_id", name=op.f("uq_achievement_programme_id")),
    )
    with op.batch_alter_table("achievement", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_achievement_issuer_organisation_id"),
            ["issuer_organisation_id"],
            unique=False,
        )

    op.create_table(
        "mentorship_pairing",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mentor_id", sa.Integer(), nullable=False),
        sa.Column("mentee_id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "PROPOSED",
                "ACTIVE",
                "COMPLETED",
                "ENDED",
                "DECLINED",
                name="pairingstatus",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("goals", sa.Text(), nullable=False),
        sa.Column("proposed_by_user_id", sa.Integer(), nullable=True),
        sa.Column("proposed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("mentor_id <> mentee_id", name=op.f("ck_mentorship_pairing_not_self")),
        sa.ForeignKeyConstraint(
            ["mentee_id"],
            ["creator.id"],
            name=op.f("fk_mentorship_pairing_mentee_id_creator"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["mentor_id"],
            ["creator.id"],
            name=op.f("fk_mentorship_pairing_mentor_id_creator"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programme.id"],
            name=op.f("fk_mentorship_pairing_programme_id_programme"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["proposed_by_user_id"],
            ["user_account.id"],
            name=op.f("fk_mentorship_pairing_proposed_by_user_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentorship_pairing")),
    )
    with op.batch_alter_table("mentorship_pairing", schema=None) as batch_op:
        batch_op.create_index(
            "ix_mentorship_pairing_mentee_status", ["mentee_id", "status"], unique=False
        )
        batch_op.create_index(
            "ix_mentorship_pairing_mentor_status", ["mentor_id", "status"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_mentorship_pairing_programme_id"), ["programme_id"], unique=False
        )

    op.create_table(
        "credential",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("public_id", sa.String(length=36), nullable=False),
        sa.Column("achievement_id", sa.Integer(), nullable=False),
        sa.Column("creator_id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=True),
        sa.Column("discipline_id", sa.Integer(), nullable=False),
        sa.Column(
            "level",
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
        sa.Column("recipient_handle", sa.String(length=40), nullable=False),
        sa.Column("recipient_name", sa.String(length=200), nullable=False),
        sa.Column("sessions_attended", sa.Integer(), nullable=False),
        sa.Column("sessions_total", sa.Integer(), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revocation_reason", sa.Text(), nullable=True),
        sa.Column("revoked_by_user_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "(revoked_at IS NULL) = (revocation_reason IS NULL)",
            name=op.f("ck_credential_revocation_has_reason"),
        ),
        sa.CheckConstraint(
            "sessions_attended >= 0 AND sessions_attended <= sessions_total",
            name=op.f("ck_credential_attendance_in_range"),
        ),
        sa.ForeignKeyConstraint(
            ["achievement_id"],
            ["achievement.id"],
            name=op.f("fk_credential_achievement_id_achievement"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["programme_application.id"],
            name=op.f("fk_credential_application_id_programme_application"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["creator_id"],
            ["creator.id"],
            name=op.f("fk_credential_creator_id_creator"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["discipline_id"],
            ["discipline.id"],
            name=op.f("fk_credential_discipline_id_discipline"),
        ),
        sa.ForeignKeyConstraint(
            ["revoked_by_user_id"],
            ["user_account.id"],
            name=op.f("fk_credential_revoked_by_user_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_credential")),
        sa.UniqueConstraint("application_id", name=op.f("uq_credential_application_id")),
        sa.UniqueConstraint("public_id", name=op.f("uq_credential_public_id")),
    )
    with op.batch_alter_table("credential", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_credential_achievement_id"), ["achievement_id"], unique=False
        )
        batch_op.create_index(
            "ix_credential_valid_skill", ["creator_id", "discipline_id", "revoked_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("credential", schema=None) as batch_op:
        batch_op.drop_index("ix_credential_valid_skill")
        batch_op.drop_index(batch_op.f("ix_credential_achievement_id"))

    op.drop_table("credential")
    with op.batch_alter_table("mentorship_pairing", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mentorship_pairing_programme_id"))
        batch_op.drop_index("ix_mentorship_pairing_mentor_status")
        batch_op.drop_index("ix_mentorship_pairing_mentee_status")

    op.drop_table("mentorship_pairing")
    with op.batch_alter_table("achievement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_achievement_issuer_organisation_id"))

    op.drop_table("achievement")
    op.drop_table("mentor_capacity")
