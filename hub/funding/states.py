"""A campaign's status and a pledge's status as state machines (audited moves)."""

from __future__ import annotations

from hub.core.states import StateMachine
from hub.funding.enums import (
    CAMPAIGN_TRANSITIONS,
    EXPENSE_TRANSITIONS,
    PLEDGE_TRANSITIONS,
    CampaignStatus,
    ExpenseStatus,
    PledgeStatus,
)
from hub.i18n.messages import _

CAMPAIGN_STATUS = StateMachine(
    name="campaign.status",
    initial=frozenset({CampaignStatus.DRAFT}),
    transitions=CAMPAIGN_TRANSITIONS,
    start_refusal=_("A new campaign cannot start as {wanted} (allowed: {allowed})."),
    move_refusal=_("A {current} campaign cannot become {wanted} (allowed: {allowed})."),
)

PLEDGE_STATUS = StateMachine(
    name="pledge.status",
    initial=frozenset({PledgeStatus.PENDING}),
    transitions=PLEDGE_TRANSITIONS,
    start_refusal=_("A new pledge cannot start as {wanted} (allowed: {allowed})."),
    move_refusal=_("A {current} pledge cannot become {wanted} (allowed: {allowed})."),
)

EXPENSE_STATUS = StateMachine(
    name="expense.status",
    initial=frozenset({ExpenseStatus.SUBMITTED}),
    transitions=EXPENSE_TRANSITIONS,
    start_refusal=_("A new expense cannot start as {wanted} (allowed: {allowed})."),
    move_refusal=_("A {current} expense cannot become {wanted} (allowed: {allowed})."),
)
