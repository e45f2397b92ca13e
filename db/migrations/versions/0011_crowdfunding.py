"""crowdfunding

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01 04:50:00.000000

Issue 13, crowdfunding and patronage (docs/crowdfunding.md): campaigns, reward tiers,
pledges, the gateway calls made for them (each under its own idempotency key) and the
double-entry ledger. A limited tier's ``claimed`` moves only through a conditional UPDATE
held in range by a CHECK; a ledger movement is unique by (origin, kind), so a movement
retried or answered twice is booked once. Expenses are approved into payouts; exchange
rates (with their dates and sources) serve only summaries across currencies.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "campaign",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=80), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column(
            "purpose",
            sa.Enum(
                "PROJECT",
                "SCHOLARSHIP",
                name="campaignpurpose",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("project_id", sa.Integer(), nullable=True),
        sa.Column("programme_id", sa.Integer(), nullable=True),
        sa.Column("owner_user_id", sa.Integer(), nullable=True),
        sa.Column("fiscal_host_id", sa.Integer(), nullable=False),
        sa.Column("goal_minor", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column(
            "model",
            sa.Enum(
                "ALL_OR_NOTHING",
                "KEEP_WHAT_YOU_RAISE",
                name="fundingmodel",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "DRAFT",
                "LIVE",
                "SUSPENDED",
                "SUCCEEDED",
                "FAILED",
                "CANCELLED",
                "PAID_OUT",
                name="campaignstatus",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("launch_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("deadline_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("story", sa.JSON(), nullable=False),
        sa.Column("settled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "(purpose = 'PROJECT' AND project_id IS NOT NULL AND programme_id IS NULL)"
            " OR (purpose = 'SCHOLARSHIP' AND programme_id IS NOT NULL AND project_id IS NULL)",
            name=op.f("ck_campaign_purpose_matches_target"),
        ),
        sa.CheckConstraint("goal_minor > 0", name=op.f("ck_campaign_goal_positive")),
        sa.CheckConstraint(
            "launch_at IS NULL OR deadline_at IS NULL OR launch_at < deadline_at",
            name=op.f("ck_campaign_deadline_after_launch"),
        ),
        sa.ForeignKeyConstraint(
            ["fiscal_host_id"],
            ["organisation.id"],
            name=op.f("fk_campaign_fiscal_host_id_organisation"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["owner_user_id"],
            ["user_account.id"],
            name=op.f("fk_campaign_owner_user_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programme.id"],
            name=op.f("fk_campaign_programme_id_programme"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project.id"],
            name=op.f("fk_campaign_project_id_project"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaign")),
        sa.UniqueConstraint("slug", name=op.f("uq_campaign_slug")),
    )
    op.create_index(
        op.f("ix_campaign_fiscal_host_id"), "campaign", ["fiscal_host_id"], unique=False
    )
    op.create_index(op.f("ix_campaign_owner_user_id"), "campaign", ["owner_user_id"], unique=False)
    op.create_index(op.f("ix_campaign_programme_id"), "campaign", ["programme_id"], unique=False)
    op.create_index(op.f("ix_campaign_project_id"), "campaign", ["project_id"], unique=False)
    op.create_index(op.f("ix_campaign_status"), "campaign", ["status"], unique=False)
    op.create_index(
        "ix_campaign_status_deadline", "campaign", ["status", "deadline_at"], unique=False
    )
    op.create_table(
        "reward_tier",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "REWARD",
                "NO_REWARD",
                "SEAT_SPONSORSHIP",
                name="tierkind",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("minimum_minor", sa.BigInteger(), nullable=False),
        sa.Column("quantity_limit", sa.Integer(), nullable=True),
        sa.Column("claimed", sa.Integer(), nullable=False),
        sa.Column("estimated_delivery", sa.Date(), nullable=True),
        sa.Column("programme_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "(kind = 'SEAT_SPONSORSHIP') = (programme_id IS NOT NULL)",
            name=op.f("ck_reward_tier_seat_names_programme"),
        ),
        sa.CheckConstraint(
            "claimed >= 0 AND (quantity_limit IS NULL OR claimed <= quantity_limit)",
            name=op.f("ck_reward_tier_claimed_in_range"),
        ),
        sa.CheckConstraint("minimum_minor > 0", name=op.f("ck_reward_tier_minimum_positive")),
        sa.CheckConstraint(
            "quantity_limit IS NULL OR quantity_limit >= 1",
            name=op.f("ck_reward_tier_limit_positive"),
        ),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaign.id"],
            name=op.f("fk_reward_tier_campaign_id_campaign"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programme.id"],
            name=op.f("fk_reward_tier_programme_id_programme"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reward_tier")),
    )
    op.create_index(
        op.f("ix_reward_tier_campaign_id"), "reward_tier", ["campaign_id"], unique=False
    )
    op.create_index(
        op.f("ix_reward_tier_programme_id"), "reward_tier", ["programme_id"], unique=False
    )
    op.create_table(
        "pledge",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=32), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("tier_id", sa.Integer(), nullable=True),
        sa.Column("backer_user_id", sa.Integer(), nullable=True),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("amount_minor", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("refunded_minor", sa.BigInteger(), nullable=False),
        sa.Column(
            "visibility",
            sa.Enum(
                "PUBLIC",
                "NAME_ONLY",
                "ANONYMOUS",
                name="pledgevisibility",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "PENDING",
                "AUTHORIZED",
                "CAPTURED",
                "REFUNDED",
                "VOIDED",
                "CANCELLED",
                "FAILED",
                name="pledgestatus",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("authorization_ref", sa.String(length=64), nullable=True),
        sa.Column("failure_reason", sa.String(length=200), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("amount_minor > 0", name=op.f("ck_pledge_amount_positive")),
        sa.CheckConstraint(
            "refunded_minor >= 0 AND refunded_minor <= amount_minor",
            name=op.f("ck_pledge_refund_in_range"),
        ),
        sa.ForeignKeyConstraint(
            ["backer_user_id"],
            ["user_account.id"],
            name=op.f("fk_pledge_backer_user_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaign.id"],
            name=op.f("fk_pledge_campaign_id_campaign"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_pledge_organisation_id_organisation"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["tier_id"],
            ["reward_tier.id"],
            name=op.f("fk_pledge_tier_id_reward_tier"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pledge")),
        sa.UniqueConstraint("reference", name=op.f("uq_pledge_reference")),
    )
    op.create_index(op.f("ix_pledge_backer_user_id"), "pledge", ["backer_user_id"], unique=False)
    op.create_index("ix_pledge_campaign_status", "pledge", ["campaign_id", "status"], unique=False)
    op.create_index(op.f("ix_pledge_organisation_id"), "pledge", ["organisation_id"], unique=False)
    op.create_index(op.f("ix_pledge_tier_id"), "pledge", ["tier_id"], unique=False)
    op.create_table(
        "gateway_call",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pledge_id", sa.Integer(), nullable=False),
        sa.Column(
            "operation",
            sa.Enum(
                "AUTHORIZE",
                "CAPTURE",
                "VOID",
                "REFUND",
                name="gatewayoperation",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("idempotency_key", sa.String(length=80), nullable=False),
        sa.Column("amount_minor", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column(
            "outcome",
            sa.Enum(
                "SUCCEEDED",
                "DECLINED",
                "UNKNOWN",
                name="gatewayoutcome",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column(
            "then_status",
            sa.Enum(
                "PENDING",
                "AUTHORIZED",
                "CAPTURED",
                "REFUNDED",
                "VOIDED",
                "CANCELLED",
                "FAILED",
                name="pledgestatus",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("gateway_reference", sa.String(length=64), nullable=True),
        sa.Column("fee_minor", sa.BigInteger(), nullable=False),
        sa.Column("answers", sa.Integer(), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["pledge_id"],
            ["pledge.id"],
            name=op.f("fk_gateway_call_pledge_id_pledge"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_gateway_call")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_gateway_call_idempotency_key")),
    )
    op.create_index(
        "ix_gateway_call_outcome", "gateway_call", ["outcome", "requested_at"], unique=False
    )
    op.create_index(op.f("ix_gateway_call_pledge_id"), "gateway_call", ["pledge_id"], unique=False)
    op.create_table(
        "ledger_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("pledge_id", sa.Integer(), nullable=True),
        sa.Column(
            "kind",
            sa.Enum(
                "CONTRIBUTION",
                "REFUND",
                "PLATFORM_FEE",
                "PROCESSOR_FEE",
                "PAYOUT",
                name="ledgerkind",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column(
            "debit_account",
            sa.Enum(
                "BACKERS",
                "HELD",
                "PLATFORM",
                "PROCESSOR",
                "PAYEE",
                name="debit_account",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column(
            "credit_account",
            sa.Enum(
                "BACKERS",
                "HELD",
                "PLATFORM",
                "PROCESSOR",
                "PAYEE",
                name="credit_account",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("amount_minor", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("origin", sa.String(length=80), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("amount_minor > 0", name=op.f("ck_ledger_entry_amount_positive")),
        sa.CheckConstraint(
            "debit_account <> credit_account", name=op.f("ck_ledger_entry_two_accounts")
        ),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaign.id"],
            name=op.f("fk_ledger_entry_campaign_id_campaign"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["pledge_id"],
            ["pledge.id"],
            name=op.f("fk_ledger_entry_pledge_id_pledge"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger_entry")),
        sa.UniqueConstraint("origin", "kind", name=op.f("uq_ledger_entry_origin_kind")),
    )
    op.create_index(
        "ix_ledger_entry_campaign_currency",
        "ledger_entry",
        ["campaign_id", "currency"],
        unique=False,
    )
    op.create_index(op.f("ix_ledger_entry_pledge_id"), "ledger_entry", ["pledge_id"], unique=False)
    op.create_table(
        "expense",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("items", sa.JSON(), nullable=False),
        sa.Column("receipts", sa.JSON(), nullable=False),
        sa.Column("amount_minor", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "SUBMITTED",
                "APPROVED",
                "REJECTED",
                name="expensestatus",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("filed_by_user_id", sa.Integer(), nullable=True),
        sa.Column("decision_note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("amount_minor > 0", name=op.f("ck_expense_amount_positive")),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaign.id"],
            name=op.f("fk_expense_campaign_id_campaign"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["filed_by_user_id"],
            ["user_account.id"],
            name=op.f("fk_expense_filed_by_user_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_expense")),
    )
    op.create_index(
        "ix_expense_campaign_status", "expense", ["campaign_id", "status"], unique=False
    )
    op.create_index(
        op.f("ix_expense_filed_by_user_id"), "expense", ["filed_by_user_id"], unique=False
    )
    op.create_table(
        "exchange_rate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("base", sa.String(length=3), nullable=False),
        sa.Column("quote", sa.String(length=3), nullable=False),
        sa.Column("rate", sa.Numeric(precision=24, scale=12), nullable=False),
        sa.Column("valid_on", sa.Date(), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.CheckConstraint("base <> quote", name=op.f("ck_exchange_rate_two_currencies")),
        sa.CheckConstraint("rate > 0", name=op.f("ck_exchange_rate_rate_positive")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exchange_rate")),
        sa.UniqueConstraint(
            "base", "quote", "valid_on", name=op.f("uq_exchange_rate_base_quote_valid_on")
        ),
    )


def downgrade() -> None:
    op.drop_table("exchange_rate")
    op.drop_index(op.f("ix_expense_filed_by_user_id"), table_name="expense")
    op.drop_index("ix_expense_campaign_status", table_name="expense")
    op.drop_table("expense")
    op.drop_index(op.f("ix_ledger_entry_pledge_id"), table_name="ledger_entry")
    op.drop_index("ix_ledger_entry_campaign_currency", table_name="ledger_entry")
    op.drop_table("ledger_entry")
    op.drop_index(op.f("ix_gateway_call_pledge_id"), table_name="gateway_call")
    op.drop_index("ix_gateway_call_outcome", table_name="gateway_call")
    op.drop_table("gateway_call")
    op.drop_index(op.f("ix_pledge_tier_id"), table_name="pledge")
    op.drop_index(op.f("ix_pledge_organisation_id"), table_name="pledge")
    op.drop_index("ix_pledge_campaign_status", table_name="pledge")
    op.drop_index(op.f("ix_pledge_backer_user_id"), table_name="pledge")
    op.drop_table("pledge")
    op.drop_index(op.f("ix_reward_tier_programme_id"), table_name="reward_tier")
    op.drop_index(op.f("ix_reward_tier_campaign_id"), table_name="reward_tier")
    op.drop_table("reward_tier")
    op.drop_index("ix_campaign_status_deadline", table_name="campaign")
    op.drop_index(op.f("ix_campaign_status"), table_name="campaign")
    op.drop_index(op.f("ix_campaign_project_id"), table_name="campaign")
    op.drop_index(op.f("ix_campaign_programme_id"), table_name="campaign")
    op.drop_index(op.f("ix_campaign_owner_user_id"), table_name="campaign")
    op.drop_index(op.f("ix_campaign_fiscal_host_id"), table_name="campaign")
    op.drop_table("campaign")
