"""Tables of crowdfunding: campaigns, reward tiers, pledges, gateway calls and the ledger."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    Date,
    Enum,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from hub.core.columns import UTCDateTime, enum_column, utcnow
from hub.core.db import Base
from hub.funding.enums import (
    CampaignPurpose,
    CampaignStatus,
    ExpenseStatus,
    FundingModel,
    GatewayOperation,
    GatewayOutcome,
    LedgerAccount,
    LedgerKind,
    PledgeStatus,
    PledgeVisibility,
    TierKind,
)


def _account_column(name: str) -> Enum:
    """An account column; each has its own CHECK name, as two share a table."""
    return Enum(
        LedgerAccount,
        native_enum=False,
        create_constraint=True,
        length=max(len(member.name) for member in LedgerAccount),
        name=name,
        validate_strings=True,
    )


class Campaign(Base):
    """A campaign raising money for a project or for scholarship seats in a programme.

    Exactly one of ``project_id`` and ``programme_id`` is set, as ``purpose`` says. The
    money is held by ``fiscal_host_id``; goal, currency and model are frozen once LIVE.
    """

    __tablename__ = "campaign"
    __table_args__ = (
        CheckConstraint("goal_minor > 0", name="goal_positive"),
        CheckConstraint(
            "(purpose = 'PROJECT' AND project_id IS NOT NULL AND programme_id IS NULL)"
            " OR (purpose = 'SCHOLARSHIP' AND programme_id IS NOT NULL AND project_id IS NULL)",
            name="purpose_matches_target",
        ),
        CheckConstraint(
            "launch_at IS NULL OR deadline_at IS NULL OR launch_at < deadline_at",
            name="deadline_after_launch",
        ),
        Index("ix_campaign_status_deadline", "status", "deadline_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    purpose: Mapped[CampaignPurpose] = mapped_column(enum_column(CampaignPurpose))
    project_id: Mapped[int | None] = mapped_column(
        ForeignKey("project.id", ondelete="RESTRICT"), index=True
    )
    programme_id: Mapped[int | None] = mapped_column(
        ForeignKey("programme.id", ondelete="RESTRICT"), index=True
    )
    owner_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    fiscal_host_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="RESTRICT"), index=True
    )
    goal_minor: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    model: Mapped[FundingModel] = mapped_column(enum_column(FundingModel))
    status: Mapped[CampaignStatus] = mapped_column(enum_column(CampaignStatus), index=True)
    launch_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    deadline_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    story: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    """The story by ISO 639-1 language code."""
    settled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    platform_fee_basis_points: Mapped[int | None] = mapped_column(Integer)
    """The platform's fee on each capture, fixed at launch from the setting (null while a
    DRAFT): a later change of the setting never reprices a live or settled campaign."""
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class RewardTier(Base):
    """A level of support. ``claimed`` counts the pledges holding a place in a limited tier;
    it moves only through a conditional UPDATE, and a CHECK holds it within the limit."""

    __tablename__ = "reward_tier"
    __table_args__ = (
        CheckConstraint("minimum_minor > 0", name="minimum_positive"),
        CheckConstraint("quantity_limit IS NULL OR quantity_limit >= 1", name="limit_positive"),
        CheckConstraint(
            "claimed >= 0 AND (quantity_limit IS NULL OR claimed <= quantity_limit)",
            name="claimed_in_range",
        ),
        CheckConstraint(
            "(kind = 'SEAT_SPONSORSHIP') = (programme_id IS NOT NULL)",
            name="seat_names_programme",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaign.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[TierKind] = mapped_column(enum_column(TierKind))
    minimum_minor: Mapped[int] = mapped_column(BigInteger)
    quantity_limit: Mapped[int | None] = mapped_column(Integer)
    claimed: Mapped[int] = mapped_column(Integer, default=0)
    estimated_delivery: Mapped[date | None] = mapped_column(Date)
    programme_id: Mapped[int | None] = mapped_column(
        ForeignKey("programme.id", ondelete="RESTRICT"), index=True
    )


class Pledge(Base):
    """A backer's promise of money to a campaign, and where its payment stands.

    ``reference`` is random and never reused: the gateway calls' idempotency keys are built
    from it, so a key can never name another pledge, even one created by a rolled-back
    transaction. ``refunded_minor`` counts what was refunded, never more than the amount.
    """

    __tablename__ = "pledge"
    __table_args__ = (
        CheckConstraint("amount_minor > 0", name="amount_positive"),
        CheckConstraint(
            "refunded_minor >= 0 AND refunded_minor <= amount_minor", name="refund_in_range"
        ),
        Index("ix_pledge_campaign_status", "campaign_id", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(32), unique=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="RESTRICT"))
    tier_id: Mapped[int | None] = mapped_column(
        ForeignKey("reward_tier.id", ondelete="RESTRICT"), index=True
    )
    backer_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), index=True
    )
    """Set when the backer pledged on behalf of an organisation they administer."""
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    refunded_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    visibility: Mapped[PledgeVisibility] = mapped_column(enum_column(PledgeVisibility))
    message: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[PledgeStatus] = mapped_column(enum_column(PledgeStatus))
    authorization_ref: Mapped[str | None] = mapped_column(String(64))
    """The gateway's reference for the authorised payment."""
    failure_reason: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class GatewayCall(Base):
    """One request to the payment gateway, under its own idempotency key, and its answer.

    An UNKNOWN outcome (no answer came) is what reconciliation looks for; ``answers`` counts
    the answers received, so a gateway answering twice is seen and applied once.
    """

    __tablename__ = "gateway_call"
    __table_args__ = (Index("ix_gateway_call_outcome", "outcome", "requested_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pledge_id: Mapped[int] = mapped_column(ForeignKey("pledge.id", ondelete="CASCADE"), index=True)
    operation: Mapped[GatewayOperation] = mapped_column(enum_column(GatewayOperation))
    idempotency_key: Mapped[str] = mapped_column(String(80), unique=True)
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    outcome: Mapped[GatewayOutcome] = mapped_column(enum_column(GatewayOutcome))
    then_status: Mapped[PledgeStatus] = mapped_column(enum_column(PledgeStatus))
    """Where the pledge goes when the call succeeds (a void cancels or voids it)."""
    gateway_reference: Mapped[str | None] = mapped_column(String(64))
    fee_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    answers: Mapped[int] = mapped_column(Integer, default=0)
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class LedgerEntry(Base):
    """One movement of money: ``amount_minor`` from ``credit_account`` to ``debit_account``.

    Each row is a balanced double entry (one debit, one credit of the same amount), so every
    account's balance is derived and the sum over all accounts is always zero. ``origin``
    names what caused the movement (a gateway call's key, a payout); with ``kind`` it is
    unique, so a movement retried or answered twice is booked once.
    """

    __tablename__ = "ledger_entry"
    __table_args__ = (
        CheckConstraint("amount_minor > 0", name="amount_positive"),
        CheckConstraint("debit_account <> credit_account", name="two_accounts"),
        UniqueConstraint("origin", "kind"),
        Index("ix_ledger_entry_campaign_currency", "campaign_id", "currency"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="RESTRICT"))
    pledge_id: Mapped[int | None] = mapped_column(
        ForeignKey("pledge.id", ondelete="RESTRICT"), index=True
    )
    kind: Mapped[LedgerKind] = mapped_column(enum_column(LedgerKind))
    debit_account: Mapped[LedgerAccount] = mapped_column(_account_column("debit_account"))
    credit_account: Mapped[LedgerAccount] = mapped_column(_account_column("credit_account"))
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    origin: Mapped[str] = mapped_column(String(80))
    basis_points: Mapped[int | None] = mapped_column(Integer)
    """For a fee computed as a share (the platform's), the rate it was computed with."""
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Expense(Base):
    """How a campaign's owners spent (or will spend) money it raised: items with amounts and
    links to receipts. The fiscal host approves it (paid out of what it holds, booked as a
    PAYOUT) or rejects it."""

    __tablename__ = "expense"
    __table_args__ = (
        CheckConstraint("amount_minor > 0", name="amount_positive"),
        Index("ix_expense_campaign_status", "campaign_id", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="RESTRICT"))
    title: Mapped[str] = mapped_column(String(200))
    items: Mapped[list[dict[str, object]]] = mapped_column(JSON, default=list)
    """Each item: ``description`` and ``amount_minor``, in the campaign's currency."""
    receipts: Mapped[list[str]] = mapped_column(JSON, default=list)
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    status: Mapped[ExpenseStatus] = mapped_column(enum_column(ExpenseStatus))
    filed_by_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    decision_note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ExchangeRate(Base):
    """How many units of ``quote`` one unit of ``base`` bought on ``valid_on``, and who said
    so. Used only to summarise across currencies; totals themselves are never converted."""

    __tablename__ = "exchange_rate"
    __table_args__ = (
        CheckConstraint("rate > 0", name="rate_positive"),
        CheckConstraint("base <> quote", name="two_currencies"),
        UniqueConstraint("base", "quote", "valid_on"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    base: Mapped[str] = mapped_column(String(3))
    quote: Mapped[str] = mapped_column(String(3))
    rate: Mapped[Decimal] = mapped_column(Numeric(24, 12))
    valid_on: Mapped[date] = mapped_column(Date)
    source: Mapped[str] = mapped_column(String(200))


class SeatSponsorship(Base):
    """Which student's scholarship seat a SEAT_SPONSORSHIP pledge paid for.

    Set by the programme's host, once the pledge is collected: one pledge funds one seat,
    and one seat is funded by one pledge (both unique). What the sponsor may see of the
    student follows the student's ``SponsorConsent``.
    """

    __tablename__ = "seat_sponsorship"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pledge_id: Mapped[int] = mapped_column(
        ForeignKey("pledge.id", ondelete="RESTRICT"), unique=True
    )
    application_id: Mapped[int] = mapped_column(
        ForeignKey("programme_application.id", ondelete="CASCADE"), unique=True
    )
    assigned_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class SponsorConsent(Base):
    """A student's consent that the sponsor of their scholarship seat sees its region,
    programme and outcome. No row: no consent (the default); withdrawing deletes it."""

    __tablename__ = "sponsor_consent"

    application_id: Mapped[int] = mapped_column(
        ForeignKey("programme_application.id", ondelete="CASCADE"), primary_key=True
    )
    granted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
