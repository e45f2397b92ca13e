"""patrons: seat sponsorships and the students' consent

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01 07:00:00.000000

Issue 13, patrons (docs/crowdfunding.md): which student's scholarship seat a seat
sponsorship pledge paid for (one pledge, one seat), and the student's consent that its
sponsor sees the seat's region, programme and outcome (no row: no consent).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "seat_sponsorship",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pledge_id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("assigned_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["programme_application.id"],
            name=op.f("fk_seat_sponsorship_application_id_programme_application"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["pledge_id"],
            ["pledge.id"],
            name=op.f("fk_seat_sponsorship_pledge_id_pledge"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_seat_sponsorship")),
        sa.UniqueConstraint("application_id", name=op.f("uq_seat_sponsorship_application_id")),
        sa.UniqueConstraint("pledge_id", name=op.f("uq_seat_sponsorship_pledge_id")),
    )
    op.create_table(
        "sponsor_consent",
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("granted_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["programme_application.id"],
            name=op.f("fk_sponsor_consent_application_id_programme_application"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("application_id", name=op.f("pk_sponsor_consent")),
    )


def downgrade() -> None:
    op.drop_table("sponsor_consent")
    op.drop_table("seat_sponsorship")
