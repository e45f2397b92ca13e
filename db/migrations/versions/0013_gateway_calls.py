"""gateway calls outside transactions, a shared sandbox, the platform fee as a setting

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01 07:00:00.000000

Issue 13, payments (docs/crowdfunding.md): the sandbox gateway keeps what it received
(``sandbox_payment``, unique by idempotency key) and the behaviours a test scripted
(``sandbox_script``) in the database, so every process, ``hub funding reconcile`` among
them, sees one provider. A campaign keeps the platform fee rate it launched with and each
fee in the ledger the rate it was computed with; rows written before are given the 5 %
that was then a constant.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

OPERATIONS = ("AUTHORIZE", "CAPTURE", "VOID", "REFUND")
FORMER_PLATFORM_FEE_BASIS_POINTS = 500


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True)


def upgrade() -> None:
    op.create_table(
        "sandbox_payment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("idempotency_key", sa.String(length=80), nullable=False),
        sa.Column("operation", _enum("gatewayoperation", *OPERATIONS), nullable=False),
        sa.Column("amount_minor", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column(
            "outcome", _enum("gatewayoutcome", "SUCCEEDED", "DECLINED", "UNKNOWN"), nullable=False
        ),
        sa.Column("reference", sa.String(length=64), nullable=True),
        sa.Column("fee_minor", sa.BigInteger(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=True),
        sa.Column("notifies", sa.Boolean(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sandbox_payment")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_sandbox_payment_idempotency_key")),
    )
    op.create_table(
        "sandbox_script",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("operation", _enum("gatewayoperation", *OPERATIONS), nullable=False),
        sa.Column(
            "behaviour",
            _enum("behaviour", "DECLINE", "TIME_OUT", "LOSE_REQUEST", "ANSWER_TWICE"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sandbox_script")),
    )
    op.add_column("campaign", sa.Column("platform_fee_basis_points", sa.Integer(), nullable=True))
    op.add_column("ledger_entry", sa.Column("basis_points", sa.Integer(), nullable=True))
    op.execute(
        sa.text(
            "UPDATE campaign SET platform_fee_basis_points = :rate WHERE status <> 'DRAFT'"
        ).bindparams(rate=FORMER_PLATFORM_FEE_BASIS_POINTS)
    )
    op.execute(
        sa.text(
            "UPDATE ledger_entry SET basis_points = :rate WHERE kind = 'PLATFORM_FEE'"
        ).bindparams(rate=FORMER_PLATFORM_FEE_BASIS_POINTS)
    )


def downgrade() -> None:
    with op.batch_alter_table("ledger_entry") as batch:
        batch.drop_column("basis_points")
    with op.batch_alter_table("campaign") as batch:
        batch.drop_column("platform_fee_basis_points")
    op.drop_table("sandbox_script")
    op.drop_table("sandbox_payment")
