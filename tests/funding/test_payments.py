"""Pledges, the gateway and the ledger, through the services: every path money can take."""

from __future__ import annotations

import pytest
from pydantic import ValidationError
from sqlalchemy import func, select

from hub.config import Settings
from hub.core.validation import Rejected
from hub.funding import campaigns
from hub.funding.enums import (
    CampaignStatus,
    FundingModel,
    GatewayOperation,
    GatewayOutcome,
    LedgerAccount,
    LedgerKind,
    PledgeStatus,
)
from hub.funding.ledger import balances, raised
from hub.funding.models import Campaign, GatewayCall, LedgerEntry, Pledge, RewardTier
from hub.funding.payments import receive
from hub.funding.sandbox import Behaviour, SandboxGateway
from tests.funding.world import (
    campaign,
    cancel,
    close_and_settle,
    money,
    pledge,
    reconciled,
    refund,
    withdraw,
)


async def _status(session, pledge_id):
    return (await session.get(Pledge, pledge_id, populate_existing=True)).status


async def test_a_pledge_is_authorised_and_captured_when_the_goal_is_reached(factory, session):
    key, tier = await campaign(factory, goal="5000")
    first = await pledge(factory, key, "3000", tier=tier)
    second = await pledge(factory, key, "2000")
    assert await _status(session, first) is PledgeStatus.AUTHORIZED
    assert await close_and_settle(factory, key) is CampaignStatus.SUCCEEDED
    assert await _status(session, first) is PledgeStatus.CAPTURED
    assert await _status(session, second) is PledgeStatus.CAPTURED
    totals = (await raised(session, [key]))[key]
    assert [(m.minor_units, m.currency) for m in totals] == [(500_000, "KZT")]
    # 5 % platform fee and 2.5 % processor fee leave the rest held for the campaign.
    held = (await balances(session, [key], LedgerAccount.HELD))[key]
    assert held[0].minor_units == 500_000 - 25_000 - 12_500
    everything = await session.scalar(select(func.count()).select_from(LedgerEntry))
    assert everything
    assert everything >= 6


async def test_an_all_or_nothing_campaign_below_its_goal_voids_and_fails(factory, session, sandbox):
    key, _ = await campaign(factory, goal="5000")
    backed = await pledge(factory, key, "1000")
    assert await close_and_settle(factory, key) is CampaignStatus.FAILED
    assert await _status(session, backed) is PledgeStatus.VOIDED
    assert (await raised(session, [key]))[key] == []
    assert await sandbox.charged(GatewayOperation.CAPTURE) == 0


async def test_keep_what_you_raise_captures_below_its_goal(factory, session):
    key, _ = await campaign(factory, goal="5000", model=FundingModel.KEEP_WHAT_YOU_RAISE)
    backed = await pledge(factory, key, "1000")
    assert await close_and_settle(factory, key) is CampaignStatus.SUCCEEDED
    assert await _status(session, backed) is PledgeStatus.CAPTURED


async def test_settling_twice_settles_once(factory, session, sandbox):
    key, _ = await campaign(factory, goal="1000")
    await pledge(factory, key, "1000")
    assert await close_and_settle(factory, key) is CampaignStatus.SUCCEEDED
    assert await close_and_settle(factory, key) is None
    assert await sandbox.charged(GatewayOperation.CAPTURE) == 100_000
    contributions = await session.scalar(
        select(func.count()).where(
            LedgerEntry.kind == LedgerKind.CONTRIBUTION, LedgerEntry.campaign_id == key
        )
    )
    assert contributions == 1


async def test_a_declined_authorisation_fails_the_pledge_and_frees_its_tier_place(
    factory, session, sandbox
):
    key, tier = await campaign(factory, tier_limit=1)
    await sandbox.script(GatewayOperation.AUTHORIZE, Behaviour.DECLINE)
    declined = await pledge(factory, key, "1000", tier=tier)
    row = await session.get(Pledge, declined, populate_existing=True)
    assert row.status is PledgeStatus.FAILED
    assert row.failure_reason
    assert (await session.get(RewardTier, tier, populate_existing=True)).claimed == 0
    # The place is free again: the next backer gets it.
    assert await _status(session, await pledge(factory, key, "1000", tier=tier)) is (
        PledgeStatus.AUTHORIZED
    )


async def test_a_limited_tier_refuses_once_sold_out(factory, session):
    key, tier = await campaign(factory, tier_limit=1)
    await pledge(factory, key, "1000", tier=tier)
    with pytest.raises(Rejected) as refused:
        await pledge(factory, key, "1000", tier=tier)
    assert refused.value.errors[0].code.value == "TIER_SOLD_OUT"
    assert await session.scalar(select(func.count()).where(Pledge.tier_id == tier)) == 1


async def test_a_pledge_below_the_tier_minimum_or_in_another_currency_is_refused(factory, session):
    key, tier = await campaign(factory, tier_minimum="5000")
    with pytest.raises(Rejected) as refused:
        await pledge(factory, key, "4999.99", tier=tier)
    assert [e.code.value for e in refused.value.errors] == ["BELOW_TIER_MINIMUM"]
    with pytest.raises(Rejected) as refused:
        await pledge(factory, key, "50", currency="USD")
    assert [e.code.value for e in refused.value.errors] == ["CURRENCY_MISMATCH"]
    with pytest.raises(Rejected) as refused:
        await pledge(factory, key, "1.001")
    assert [e.code.value for e in refused.value.errors] == ["INVALID_AMOUNT"]
    assert await session.scalar(select(func.count()).where(Pledge.campaign_id == key)) == 0


async def test_a_time_out_leaves_the_pledge_pending_until_reconciled(factory, session, sandbox):
    key, _ = await campaign(factory)
    await sandbox.script(GatewayOperation.AUTHORIZE, Behaviour.TIME_OUT)
    waiting = await pledge(factory, key, "1000")
    assert await _status(session, waiting) is PledgeStatus.PENDING
    done = await reconciled(factory)
    assert len(done.answered) == 1
    assert await _status(session, waiting) is PledgeStatus.AUTHORIZED
    # Authorised once at the gateway, however many times the hub asked.
    assert await sandbox.charged(GatewayOperation.AUTHORIZE) == 100_000


async def test_an_authorisation_that_never_arrived_fails_on_reconciliation(
    factory, session, sandbox
):
    key, _ = await campaign(factory)
    await sandbox.script(GatewayOperation.AUTHORIZE, Behaviour.LOSE_REQUEST)
    lost = await pledge(factory, key, "1000")
    done = await reconciled(factory)
    assert len(done.failed) == 1
    assert await _status(session, lost) is PledgeStatus.FAILED
    assert await sandbox.charged(GatewayOperation.AUTHORIZE) == 0


async def test_reconciliation_leaves_calls_younger_than_its_grace_period_alone(
    factory, session, sandbox
):
    from datetime import timedelta

    from hub.funding.reconcile import reconcile

    key, _ = await campaign(factory)
    await sandbox.script(GatewayOperation.AUTHORIZE, Behaviour.LOSE_REQUEST)
    lost = await pledge(factory, key, "1000")
    done = await reconcile(sandbox.transactions, sandbox, older_than=timedelta(minutes=2))
    assert (done.answered, done.resent, done.failed) == ([], [], [])
    # It may still be in flight in a server: the pledge is not failed under it.
    assert await _status(session, lost) is PledgeStatus.PENDING


async def test_a_capture_that_timed_out_is_booked_once_after_reconciliation(
    factory, session, sandbox
):
    key, _ = await campaign(factory, goal="1000")
    backed = await pledge(factory, key, "1000")
    await sandbox.script(GatewayOperation.CAPTURE, Behaviour.TIME_OUT)
    assert await close_and_settle(factory, key) is CampaignStatus.SUCCEEDED
    assert await _status(session, backed) is PledgeStatus.AUTHORIZED
    assert (await raised(session, [key]))[key] == []
    done = await reconciled(factory)
    assert len(done.answered) == 1
    assert await _status(session, backed) is PledgeStatus.CAPTURED
    assert (await raised(session, [key]))[key][0].minor_units == 100_000
    assert await sandbox.charged(GatewayOperation.CAPTURE) == 100_000
    # A second run finds nothing left to repair.
    again = await reconciled(factory)
    assert (again.answered, again.resent, again.failed) == ([], [], [])


async def test_a_capture_that_never_arrived_is_sent_again_with_its_key(factory, session, sandbox):
    key, _ = await campaign(factory, goal="1000")
    backed = await pledge(factory, key, "1000")
    await sandbox.script(GatewayOperation.CAPTURE, Behaviour.LOSE_REQUEST)
    await close_and_settle(factory, key)
    assert await sandbox.charged(GatewayOperation.CAPTURE) == 0
    done = await reconciled(factory)
    assert len(done.resent) == 1
    assert await _status(session, backed) is PledgeStatus.CAPTURED
    assert await sandbox.charged(GatewayOperation.CAPTURE) == 100_000


async def test_a_call_still_unanswered_when_resent_is_tried_again_on_the_next_run(
    factory, session, sandbox
):
    key, _ = await campaign(factory, goal="1000")
    backed = await pledge(factory, key, "1000")
    await sandbox.script(GatewayOperation.CAPTURE, Behaviour.LOSE_REQUEST, Behaviour.LOSE_REQUEST)
    await close_and_settle(factory, key)
    first = await reconciled(factory)
    assert (len(first.unanswered), first.resent) == (1, [])
    assert await _status(session, backed) is PledgeStatus.AUTHORIZED
    second = await reconciled(factory)
    assert (len(second.resent), second.unanswered) == (1, [])
    assert await _status(session, backed) is PledgeStatus.CAPTURED
    assert await sandbox.charged(GatewayOperation.CAPTURE) == 100_000


async def test_a_call_whose_sending_fails_is_left_for_reconciliation_and_the_rest_go_on(
    factory, session, sandbox
):
    key, _ = await campaign(factory, goal="2000")
    first = await pledge(factory, key, "1000")
    second = await pledge(factory, key, "1000")
    failures = ["the connection to the gateway dropped"]

    async def drop_the_first(operation: GatewayOperation, call_key: str) -> None:
        if failures:
            raise ConnectionError(failures.pop())

    flaky = SandboxGateway(sandbox.transactions, drop_the_first)
    assert await close_and_settle(factory, key, flaky) is CampaignStatus.SUCCEEDED
    assert await _status(session, first) is PledgeStatus.AUTHORIZED
    assert await _status(session, second) is PledgeStatus.CAPTURED
    done = await reconciled(factory)
    assert len(done.resent) == 1
    assert await _status(session, first) is PledgeStatus.CAPTURED
    assert await sandbox.charged(GatewayOperation.CAPTURE) == 200_000


async def test_a_gateway_answering_twice_is_applied_once(factory, session, sandbox):
    key, _ = await campaign(factory, goal="1000")
    backed = await pledge(factory, key, "1000")
    await sandbox.script(GatewayOperation.CAPTURE, Behaviour.ANSWER_TWICE)
    await close_and_settle(factory, key)
    notifications = await sandbox.notifications()
    assert len(notifications) == 1
    call_key, answer = notifications[0]
    assert await factory._write(lambda s: receive(s, call_key, answer))
    assert await _status(session, backed) is PledgeStatus.CAPTURED
    call = await session.scalar(select(GatewayCall).where(GatewayCall.idempotency_key == call_key))
    assert call.answers == 2
    assert (await raised(session, [key]))[key][0].minor_units == 100_000
    entries = await session.scalar(
        select(func.count()).where(
            LedgerEntry.origin == call_key,
            LedgerEntry.kind.in_(
                [LedgerKind.CONTRIBUTION, LedgerKind.PLATFORM_FEE, LedgerKind.PROCESSOR_FEE]
            ),
        )
    )
    assert entries == 3


async def test_a_refund_answered_twice_is_booked_once(factory, session, sandbox):
    key, _ = await campaign(factory, goal="1000")
    backed = await pledge(factory, key, "1000")
    await close_and_settle(factory, key)
    await sandbox.script(GatewayOperation.REFUND, Behaviour.ANSWER_TWICE)
    await refund(factory, backed, "400")
    [(call_key, answer)] = await sandbox.notifications()
    assert await factory._write(lambda s: receive(s, call_key, answer))
    row = await session.get(Pledge, backed, populate_existing=True)
    assert (row.status, row.refunded_minor) == (PledgeStatus.REFUNDED, 40_000)
    assert (await raised(session, [key]))[key][0].minor_units == 60_000


async def test_refunds_add_up_to_at_most_the_captured_amount(factory, session):
    key, _ = await campaign(factory, goal="1000")
    backed = await pledge(factory, key, "1000")
    await close_and_settle(factory, key)
    await refund(factory, backed, "300")
    row = await session.get(Pledge, backed, populate_existing=True)
    assert (row.status, row.refunded_minor) == (PledgeStatus.REFUNDED, 30_000)
    with pytest.raises(Rejected) as refused:
        await refund(factory, backed, "700.01")
    assert refused.value.errors[0].code.value == "REFUND_TOO_LARGE"
    await refund(factory, backed, None)
    row = await session.get(Pledge, backed, populate_existing=True)
    assert row.refunded_minor == 100_000
    assert (await raised(session, [key]))[key][0].minor_units == 0


async def test_an_unanswered_refund_keeps_its_amount_reserved_until_reconciled(
    factory, session, sandbox
):
    key, _ = await campaign(factory, goal="1000")
    backed = await pledge(factory, key, "1000")
    await close_and_settle(factory, key)
    await sandbox.script(GatewayOperation.REFUND, Behaviour.TIME_OUT)
    await refund(factory, backed, "600")
    row = await session.get(Pledge, backed, populate_existing=True)
    assert (row.status, row.refunded_minor) == (PledgeStatus.CAPTURED, 0)
    # The 600 may have been paid back: only 400 is left to refund meanwhile.
    with pytest.raises(Rejected) as refused:
        await refund(factory, backed, "400.01")
    assert refused.value.errors[0].code.value == "REFUND_TOO_LARGE"
    await refund(factory, backed, None)
    row = await session.get(Pledge, backed, populate_existing=True)
    assert (row.status, row.refunded_minor) == (PledgeStatus.REFUNDED, 40_000)
    done = await reconciled(factory)
    assert len(done.answered) == 1
    row = await session.get(Pledge, backed, populate_existing=True)
    assert row.refunded_minor == 100_000
    assert (await raised(session, [key]))[key][0].minor_units == 0
    assert await sandbox.charged(GatewayOperation.REFUND) == 100_000


async def test_a_declined_refund_gives_its_reserved_amount_back(factory, session, sandbox):
    key, _ = await campaign(factory, goal="1000")
    backed = await pledge(factory, key, "1000")
    await close_and_settle(factory, key)
    await sandbox.script(GatewayOperation.REFUND, Behaviour.DECLINE)
    await refund(factory, backed, "1000")
    row = await session.get(Pledge, backed, populate_existing=True)
    assert (row.status, row.refunded_minor) == (PledgeStatus.CAPTURED, 0)
    assert row.failure_reason
    await refund(factory, backed, "1000")
    row = await session.get(Pledge, backed, populate_existing=True)
    assert (row.status, row.refunded_minor) == (PledgeStatus.REFUNDED, 100_000)


async def test_a_refund_that_never_arrived_is_sent_again_by_reconciliation(
    factory, session, sandbox
):
    key, _ = await campaign(factory, goal="1000")
    backed = await pledge(factory, key, "1000")
    await close_and_settle(factory, key)
    await sandbox.script(GatewayOperation.REFUND, Behaviour.LOSE_REQUEST)
    await refund(factory, backed, "250")
    assert await sandbox.charged(GatewayOperation.REFUND) == 0
    done = await reconciled(factory)
    assert len(done.resent) == 1
    row = await session.get(Pledge, backed, populate_existing=True)
    assert (row.status, row.refunded_minor) == (PledgeStatus.REFUNDED, 25_000)
    assert await sandbox.charged(GatewayOperation.REFUND) == 25_000


async def test_a_backer_withdraws_an_authorised_pledge_while_live(factory, session):
    key, tier = await campaign(factory, tier_limit=1)
    backed = await pledge(factory, key, "1000", tier=tier)
    await withdraw(factory, backed)
    assert await _status(session, backed) is PledgeStatus.CANCELLED
    assert (await session.get(RewardTier, tier, populate_existing=True)).claimed == 0
    with pytest.raises(Rejected) as refused:
        await withdraw(factory, backed)
    assert refused.value.errors[0].code.value == "INVALID_STATUS_TRANSITION"


async def test_a_withdrawal_whose_void_timed_out_is_finished_by_a_retry_with_its_key(
    factory, session, sandbox
):
    key, _ = await campaign(factory)
    backed = await pledge(factory, key, "1000")
    await sandbox.script(GatewayOperation.VOID, Behaviour.TIME_OUT)
    await withdraw(factory, backed)
    assert await _status(session, backed) is PledgeStatus.AUTHORIZED
    await withdraw(factory, backed)
    assert await _status(session, backed) is PledgeStatus.CANCELLED
    calls = (
        await session.scalars(select(GatewayCall).where(GatewayCall.pledge_id == backed))
    ).all()
    voids = [call for call in calls if call.operation is GatewayOperation.VOID]
    assert [(call.outcome, call.answers) for call in voids] == [(GatewayOutcome.SUCCEEDED, 1)]
    assert await sandbox.charged(GatewayOperation.VOID) == 100_000


async def test_a_void_that_timed_out_at_cancellation_is_applied_by_reconciliation(
    factory, session, sandbox
):
    key, tier = await campaign(factory, tier_limit=2)
    backed = await pledge(factory, key, "1000", tier=tier)
    await sandbox.script(GatewayOperation.VOID, Behaviour.TIME_OUT)
    await cancel(factory, key)
    campaign_row = await session.get(Campaign, key, populate_existing=True)
    assert campaign_row.status is CampaignStatus.CANCELLED
    assert await _status(session, backed) is PledgeStatus.AUTHORIZED
    done = await reconciled(factory)
    assert len(done.answered) == 1
    assert await _status(session, backed) is PledgeStatus.VOIDED
    assert (await session.get(RewardTier, tier, populate_existing=True)).claimed == 0


async def test_settlement_neither_counts_nor_captures_a_pledge_being_withdrawn(
    factory, session, sandbox
):
    key, _ = await campaign(factory, goal="1000")
    leaving = await pledge(factory, key, "1000")
    await sandbox.script(GatewayOperation.VOID, Behaviour.TIME_OUT)
    await withdraw(factory, leaving)
    assert await close_and_settle(factory, key) is CampaignStatus.FAILED
    assert await sandbox.charged(GatewayOperation.CAPTURE) == 0
    await reconciled(factory)
    assert await _status(session, leaving) is PledgeStatus.CANCELLED


async def test_cancelling_a_campaign_voids_its_pledges(factory, session):
    key, _ = await campaign(factory)
    backed = await pledge(factory, key, "1000")
    await cancel(factory, key)
    assert await _status(session, backed) is PledgeStatus.VOIDED
    campaign_row = await session.get(Campaign, key, populate_existing=True)
    assert campaign_row.status is CampaignStatus.CANCELLED
    with pytest.raises(Rejected) as refused:
        await pledge(factory, key, "1000")
    assert refused.value.errors[0].code.value == "CAMPAIGN_NOT_LIVE"


async def test_a_campaign_keeps_the_platform_fee_it_launched_with(factory, session):
    factory.settings = factory.settings.model_copy(update={"platform_fee_basis_points": 300})
    key, _ = await campaign(factory, goal="1000")
    await pledge(factory, key, "1000")
    # The setting changes while the campaign is live: its captures keep 3 %.
    factory.settings = factory.settings.model_copy(update={"platform_fee_basis_points": 800})
    await close_and_settle(factory, key)
    fee = await session.scalar(
        select(LedgerEntry).where(
            LedgerEntry.campaign_id == key, LedgerEntry.kind == LedgerKind.PLATFORM_FEE
        )
    )
    assert (fee.amount_minor, fee.basis_points) == (3_000, 300)
    row = await session.get(Campaign, key, populate_existing=True)
    assert row.platform_fee_basis_points == 300


@pytest.mark.parametrize("rate", ["-1", "5001", "five"])
def test_the_platform_fee_setting_refuses_a_rate_out_of_range(rate, monkeypatch):
    monkeypatch.setenv("HUB_PLATFORM_FEE_BASIS_POINTS", rate)
    with pytest.raises(ValidationError):
        Settings()


async def test_goal_currency_and_model_are_frozen_once_live(factory, session):
    key, _ = await campaign(factory)
    fields = campaigns.CampaignFields(
        goal=money("1", "USD"), model=FundingModel.KEEP_WHAT_YOU_RAISE
    )
    with pytest.raises(Rejected) as refused:
        await factory._write(lambda s: campaigns.update_campaign(s, key, fields))
    assert {e.code.value for e in refused.value.errors} == {"FROZEN_ONCE_LIVE"}
    row = await session.get(Campaign, key, populate_existing=True)
    assert (row.goal_minor, row.currency, row.model) == (
        10_000_000,
        "KZT",
        FundingModel.ALL_OR_NOTHING,
    )


async def test_a_campaign_raises_only_in_the_regions_currencies(factory):
    with pytest.raises(Rejected) as refused:
        await campaign(factory, currency="JPY")
    assert refused.value.errors[0].code.value == "UNSUPPORTED_CURRENCY"


async def test_a_payout_empties_what_the_host_holds_and_is_booked_once(factory, session):
    key, _ = await campaign(factory, goal="1000")
    await pledge(factory, key, "1000")
    await close_and_settle(factory, key)
    for _ in range(2):
        await factory._write(lambda s: campaigns.pay_out_campaign(s, key))
    row = await session.get(Campaign, key, populate_existing=True)
    assert row.status is CampaignStatus.PAID_OUT
    assert (await balances(session, [key], LedgerAccount.HELD))[key][0].minor_units == 0
    payee = (await balances(session, [key], LedgerAccount.PAYEE))[key][0]
    assert payee.minor_units == 100_000 - 5_000 - 2_500
    # Every movement is a balanced double entry: all accounts together hold nothing.
    total = 0
    for account in LedgerAccount:
        total += sum(m.minor_units for m in (await balances(session, [key], account))[key])
    assert total == 0


async def test_a_failed_campaign_cannot_be_paid_out(factory, session):
    key, _ = await campaign(factory, goal="5000")
    await pledge(factory, key, "1000")
    await close_and_settle(factory, key)
    with pytest.raises(Rejected) as refused:
        await factory._write(lambda s: campaigns.pay_out_campaign(s, key))
    assert refused.value.errors[0].code.value == "INVALID_STATUS_TRANSITION"


async def test_the_demo_has_campaigns_in_every_status_and_several_currencies(session):
    rows = (await session.execute(select(Campaign.status, Campaign.currency))).all()
    assert {status for status, _ in rows} >= set(CampaignStatus)
    assert len({currency for _, currency in rows}) >= 5


async def test_housekeeping_settles_a_live_campaign_whose_job_never_ran(factory, session, sessions):
    from datetime import timedelta

    from hub.core.columns import utcnow
    from hub.funding.campaigns import settle_due_campaigns

    key, _ = await campaign(factory, goal="1000")
    await pledge(factory, key, "1000")

    async def past(s):
        row = await s.get(Campaign, key)
        row.deadline_at = utcnow() - timedelta(seconds=1)
        row.launch_at = row.deadline_at - timedelta(days=1)

    await factory._write(past)
    assert await settle_due_campaigns(sessions) >= 1
    row = await session.get(Campaign, key, populate_existing=True)
    assert row.status is CampaignStatus.SUCCEEDED
    assert await settle_due_campaigns(sessions) == 0
