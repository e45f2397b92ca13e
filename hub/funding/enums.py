"""The vocabularies of crowdfunding: purposes, models, statuses, tiers, ledger accounts."""

from __future__ import annotations

import enum

FUNDING_CURRENCIES: tuple[str, ...] = (
    "KZT",
    "RUB",
    "UZS",
    "KGS",
    "AMD",
    "AZN",
    "BYN",
    "TJS",
    "GEL",
    "USD",
    "EUR",
)
"""The currencies a campaign may raise in: the region's, and USD and EUR."""


class CampaignPurpose(enum.Enum):
    PROJECT = "PROJECT"
    """Funds a joint project; owned by the project's leads."""
    SCHOLARSHIP = "SCHOLARSHIP"
    """Funds scholarship seats in a Talent Factory programme; owned by its host."""


class FundingModel(enum.Enum):
    ALL_OR_NOTHING = "ALL_OR_NOTHING"
    """Pledges are captured only if the goal is reached by the deadline."""
    KEEP_WHAT_YOU_RAISE = "KEEP_WHAT_YOU_RAISE"
    """Pledges are captured at the deadline whether or not the goal is reached."""


class CampaignStatus(enum.Enum):
    DRAFT = "DRAFT"
    LIVE = "LIVE"
    SUSPENDED = "SUSPENDED"
    SUCCEEDED = "SUCCEEDED"
    FAILED = "FAILED"
    CANCELLED = "CANCELLED"
    PAID_OUT = "PAID_OUT"


CAMPAIGN_TRANSITIONS: dict[CampaignStatus, frozenset[CampaignStatus]] = {
    CampaignStatus.DRAFT: frozenset({CampaignStatus.LIVE}),
    CampaignStatus.LIVE: frozenset(
        {
            CampaignStatus.SUCCEEDED,
            CampaignStatus.FAILED,
            CampaignStatus.CANCELLED,
            CampaignStatus.SUSPENDED,
        }
    ),
    CampaignStatus.SUSPENDED: frozenset({CampaignStatus.LIVE}),
    CampaignStatus.SUCCEEDED: frozenset({CampaignStatus.PAID_OUT}),
    CampaignStatus.FAILED: frozenset(),
    CampaignStatus.CANCELLED: frozenset(),
    CampaignStatus.PAID_OUT: frozenset(),
}


class TierKind(enum.Enum):
    REWARD = "REWARD"
    NO_REWARD = "NO_REWARD"
    SEAT_SPONSORSHIP = "SEAT_SPONSORSHIP"
    """A pledge at this tier funds one scholarship seat in the tier's programme."""


class PledgeVisibility(enum.Enum):
    PUBLIC = "PUBLIC"
    """The backer's name and the amount are public."""
    NAME_ONLY = "NAME_ONLY"
    """The backer's name is public, the amount is not."""
    ANONYMOUS = "ANONYMOUS"
    """Neither the backer nor anything that identifies them is public."""


class PledgeStatus(enum.Enum):
    PENDING = "PENDING"
    AUTHORIZED = "AUTHORIZED"
    CAPTURED = "CAPTURED"
    REFUNDED = "REFUNDED"
    VOIDED = "VOIDED"
    CANCELLED = "CANCELLED"
    FAILED = "FAILED"

    @property
    def holds_tier_place(self) -> bool:
        """Pending, authorised and captured pledges count against a limited tier."""
        return self in (PledgeStatus.PENDING, PledgeStatus.AUTHORIZED, PledgeStatus.CAPTURED)


PLEDGE_TRANSITIONS: dict[PledgeStatus, frozenset[PledgeStatus]] = {
    PledgeStatus.PENDING: frozenset({PledgeStatus.AUTHORIZED, PledgeStatus.FAILED}),
    PledgeStatus.AUTHORIZED: frozenset(
        {PledgeStatus.CAPTURED, PledgeStatus.VOIDED, PledgeStatus.CANCELLED}
    ),
    PledgeStatus.CAPTURED: frozenset({PledgeStatus.REFUNDED}),
    PledgeStatus.REFUNDED: frozenset(),
    PledgeStatus.VOIDED: frozenset(),
    PledgeStatus.CANCELLED: frozenset(),
    PledgeStatus.FAILED: frozenset(),
}


class GatewayOperation(enum.Enum):
    AUTHORIZE = "AUTHORIZE"
    CAPTURE = "CAPTURE"
    VOID = "VOID"
    REFUND = "REFUND"


class GatewayOutcome(enum.Enum):
    SUCCEEDED = "SUCCEEDED"
    DECLINED = "DECLINED"
    UNKNOWN = "UNKNOWN"
    """No answer (a time-out): reconciliation asks the gateway later."""


class LedgerAccount(enum.Enum):
    """Where money sits, as the hub sees it."""

    BACKERS = "BACKERS"
    """Outside the hub: the backers' cards and accounts."""
    HELD = "HELD"
    """Held by the campaign's fiscal host for the campaign."""
    PLATFORM = "PLATFORM"
    """The platform's fee income."""
    PROCESSOR = "PROCESSOR"
    """The payment processor's fees."""
    PAYEE = "PAYEE"
    """Paid out to the campaign's owner (or to those an approved expense names)."""


class LedgerKind(enum.Enum):
    """What a movement of money was; each kind moves between two fixed accounts."""

    CONTRIBUTION = "CONTRIBUTION"
    REFUND = "REFUND"
    PLATFORM_FEE = "PLATFORM_FEE"
    PROCESSOR_FEE = "PROCESSOR_FEE"
    PAYOUT = "PAYOUT"

    @property
    def accounts(self) -> tuple[LedgerAccount, LedgerAccount]:
        """(debited, credited): the account the money goes to, and the one it leaves."""
        return LEDGER_ACCOUNTS[self]


LEDGER_ACCOUNTS: dict[LedgerKind, tuple[LedgerAccount, LedgerAccount]] = {
    LedgerKind.CONTRIBUTION: (LedgerAccount.HELD, LedgerAccount.BACKERS),
    LedgerKind.REFUND: (LedgerAccount.BACKERS, LedgerAccount.HELD),
    LedgerKind.PLATFORM_FEE: (LedgerAccount.PLATFORM, LedgerAccount.HELD),
    LedgerKind.PROCESSOR_FEE: (LedgerAccount.PROCESSOR, LedgerAccount.HELD),
    LedgerKind.PAYOUT: (LedgerAccount.PAYEE, LedgerAccount.HELD),
}


class ExpenseStatus(enum.Enum):
    SUBMITTED = "SUBMITTED"
    """Filed by the campaign's owners; waiting for the fiscal host."""
    APPROVED = "APPROVED"
    """Approved by the fiscal host and paid out of what it holds (a PAYOUT in the ledger)."""
    REJECTED = "REJECTED"


EXPENSE_TRANSITIONS: dict[ExpenseStatus, frozenset[ExpenseStatus]] = {
    ExpenseStatus.SUBMITTED: frozenset({ExpenseStatus.APPROVED, ExpenseStatus.REJECTED}),
    ExpenseStatus.APPROVED: frozenset(),
    ExpenseStatus.REJECTED: frozenset(),
}
