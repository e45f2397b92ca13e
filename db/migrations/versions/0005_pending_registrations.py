"""pending registrations: accounts wait for their email to be confirmed

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24 10:00:00.000000

Registering no longer creates a user: it stores the hashed password with the sha256 of
a code mailed to the address, and confirming the code creates the account. Several
registrations may wait for one email, so ``email`` is indexed, not unique.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pending_registration",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pending_registration")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_pending_registration_token_hash")),
    )
    with op.batch_alter_table("pending_registration", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pending_registration_email"), ["email"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_pending_registration_expires_at"), ["expires_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("pending_registration", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pending_registration_expires_at"))
        batch_op.drop_index(batch_op.f("ix_pending_registration_email"))
    op.drop_table("pending_registration")
