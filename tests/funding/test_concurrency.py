"""Races, each writer on its own connection to a database of its own: a limited tier never
oversells, a duplicate request never charges twice, two workers settle once, and the
ledger's total always equals what was captured less what was refunded."""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from hub.config import Settings
from hub.core.db import begin_write, create_session_factory
from hub.core.jobs.definition import JobContext
from hub.core.mail import MemoryMailer
from hub.core.migrations import upgrade
from hub.core.validation import Rejected
from hub.funding.enums import (
    CampaignStatus,
    GatewayOperation,
    GatewayOutcome,
    LedgerKind,
    PledgeStatus,
)
from hub.funding.ledger import raised
from hub.funding.models import Campaign, GatewayCall, LedgerEntry, Pledge, RewardTier
from hub.funding.payments import write_transactions
from hub.funding.reconcile import reconcile
from hub.funding.sandbox import Behaviour, SandboxGateway
from hub.funding.settlement import settle_campaign
from hub.seed.reference import load_reference_data
from hub.server.app import create_app
from tests.conftest import fresh_engine
from tests.factories import Factory, global_id
from tests.funding.world import (
    campaign,
    close_and_settle,
    pledge,
    refund,
    sandbox,
    withdraw,
)

HUB = str(Path(sys.executable).parent / "hub")

PLEDGE = """
mutation ($input: PledgeInput!) {
  pledge(input: $input) { pledge { id status } userErrors { code } }
}
"""


@dataclass(frozen=True)
class World:
    sessions: async_sessionmaker[AsyncSession]
    factory: Factory
    client: httpx.AsyncClient
    url: str


@asynccontextmanager
async def own_database(backend: str, settings: Settings, directory: Path) -> AsyncIterator[World]:
    async with fresh_engine(backend, directory) as engine:
        await upgrade(engine)
        sessions = create_session_factory(engine)
        async with sessions() as session, session.begin():
            await load_reference_data(session)
        app = create_app(settings, engine=engine, session_factory=sessions, check_migrations=False)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://hub.test") as client:
            url = engine.url.render_as_string(hide_password=False)
            yield World(sessions, Factory(sessions, settings), client, url)


async def _count(sessions, statement) -> int:
    async with sessions() as session:
        return int(await session.scalar(statement) or 0)


async def test_a_limited_tier_never_oversells(database, settings, tmp_path):
    async with own_database(database.backend, settings, tmp_path) as world:
        key, tier = await campaign(world.factory, tier_limit=3)
        headers = [await world.factory.headers_for(await world.factory.user()) for _ in range(8)]

        async def back(index: int) -> str:
            variables = {
                "input": {
                    "idempotencyKey": f"race-{index}",
                    "campaignId": global_id("Campaign", key),
                    "tierId": global_id("RewardTier", tier),
                    "amount": {"amount": "1000", "currencyCode": "KZT"},
                }
            }
            response = await world.client.post(
                "/graphql", json={"query": PLEDGE, "variables": variables}, headers=headers[index]
            )
            answer = response.json()["data"]["pledge"]
            return answer["userErrors"][0]["code"] if answer["userErrors"] else "ok"

        outcomes = await asyncio.gather(*(back(index) for index in range(8)))
        claimed = await _count(
            world.sessions, select(RewardTier.claimed).where(RewardTier.id == tier)
        )
        pledged = await _count(world.sessions, select(func.count()).where(Pledge.tier_id == tier))
    assert sorted(outcomes) == ["TIER_SOLD_OUT"] * 5 + ["ok"] * 3
    assert (claimed, pledged) == (3, 3)


async def test_concurrent_copies_of_one_keyed_pledge_charge_once(database, settings, tmp_path):
    async with own_database(database.backend, settings, tmp_path) as world:
        key, _ = await campaign(world.factory)
        headers = await world.factory.headers_for(await world.factory.user())
        variables = {
            "input": {
                "idempotencyKey": "one-pledge",
                "campaignId": global_id("Campaign", key),
                "amount": {"amount": "1500", "currencyCode": "KZT"},
            }
        }

        async def send() -> dict:
            response = await world.client.post(
                "/graphql", json={"query": PLEDGE, "variables": variables}, headers=headers
            )
            return response.json()["data"]["pledge"]

        answers = await asyncio.gather(*(send() for _ in range(5)))
        pledged = await _count(
            world.sessions, select(func.count()).where(Pledge.campaign_id == key)
        )
        authorised = await sandbox(world.factory).charged(GatewayOperation.AUTHORIZE)
    ids = {answer["pledge"]["id"] for answer in answers if answer["pledge"] is not None}
    codes = {error["code"] for answer in answers for error in answer["userErrors"]}
    assert pledged == 1
    assert len(ids) == 1
    # A copy either waited and got the first answer, or was told to retry; none charged.
    assert codes <= {"CONFLICT"}
    assert authorised == 150_000


async def test_two_workers_racing_settle_a_campaign_once(database, settings, tmp_path):
    async with own_database(database.backend, settings, tmp_path) as world:
        key, _ = await campaign(world.factory, goal="3000")
        for _ in range(3):
            await pledge(world.factory, key, "1000")

        async def past_deadline(session: AsyncSession) -> None:
            from datetime import timedelta

            from hub.core.columns import utcnow

            row = await session.get(Campaign, key)
            assert row is not None
            row.deadline_at = utcnow() - timedelta(seconds=1)
            row.launch_at = row.deadline_at - timedelta(days=1)

        await world.factory._write(past_deadline)
        context = JobContext(sessions=world.sessions, mailer=MemoryMailer())
        await asyncio.gather(*(settle_campaign.run(context, {"campaign": key}) for _ in range(2)))
        status = await _count(
            world.sessions,
            select(func.count()).where(
                Campaign.id == key, Campaign.status == CampaignStatus.SUCCEEDED
            ),
        )
        contributions = await _count(
            world.sessions,
            select(func.count()).where(
                LedgerEntry.campaign_id == key, LedgerEntry.kind == LedgerKind.CONTRIBUTION
            ),
        )
        captured = await sandbox(world.factory).charged(GatewayOperation.CAPTURE)
    assert status == 1
    assert contributions == 3
    assert captured == 300_000


async def test_the_ledger_total_is_captured_less_refunded_after_any_interleaving(
    database, settings, tmp_path
):
    """Pledges, settlement and refunds (some of them duplicates) race in random orders."""
    async with own_database(database.backend, settings, tmp_path) as world:
        for seed in range(3):
            rng = random.Random(seed)
            key, _ = await campaign(world.factory, goal="1000")
            backers = [await world.factory.user() for _ in range(6)]
            early = [
                await pledge(world.factory, key, str(rng.randint(1000, 5000))) for _ in range(3)
            ]

            async def late_pledge(backer: int, key: int = key, amount: int = 0) -> None:
                # Refused (nothing written) when the campaign settled first.
                with contextlib.suppress(Rejected):
                    await pledge(world.factory, key, str(amount), backer=backer)

            async def refund_some(pledge_id: int, amount: str | None) -> None:
                # Refused when not yet captured, or when nothing is left to refund.
                with contextlib.suppress(Rejected):
                    await refund(world.factory, pledge_id, amount)

            tasks = [late_pledge(b, amount=rng.randint(1000, 5000)) for b in backers[:3]]
            tasks.append(close_and_settle(world.factory, key))
            tasks += [
                refund_some(rng.choice(early), rng.choice(["100", "250.50", None]))
                for _ in range(4)
            ]
            rng.shuffle(tasks)
            await asyncio.gather(*tasks)
            tasks = [refund_some(pledge_id, "10") for pledge_id in early for _ in range(2)]
            tasks.append(close_and_settle(world.factory, key))
            await asyncio.gather(*tasks)

            async with world.sessions() as session:
                rows = (
                    await session.execute(
                        select(Pledge.status, Pledge.amount_minor, Pledge.refunded_minor).where(
                            Pledge.campaign_id == key
                        )
                    )
                ).all()
                totals = (await raised(session, [key]))[key]
            collected = sum(
                amount - refunded
                for status, amount, refunded in rows
                if status in (PledgeStatus.CAPTURED, PledgeStatus.REFUNDED)
            )
            assert [total.minor_units for total in totals] == [collected], seed


async def test_concurrent_refunds_never_add_up_to_more_than_was_captured(
    database, settings, tmp_path
):
    """Twelve refunds of 150 race for a pledge of 1 000, three of them left unanswered:
    an unanswered refund keeps its amount reserved, so six are taken and six refused."""
    async with own_database(database.backend, settings, tmp_path) as world:
        gateway = sandbox(world.factory)
        key, _ = await campaign(world.factory, goal="1000")
        backed = await pledge(world.factory, key, "1000")
        await close_and_settle(world.factory, key)
        await gateway.script(GatewayOperation.REFUND, *[Behaviour.TIME_OUT] * 3)

        async def refund_150() -> str:
            try:
                await refund(world.factory, backed, "150")
            except Rejected as refused:
                return refused.errors[0].code.value
            return "ok"

        outcomes = await asyncio.gather(*(refund_150() for _ in range(12)))
        unanswered = await _count(
            world.sessions,
            select(func.count()).where(GatewayCall.outcome == GatewayOutcome.UNKNOWN),
        )
        done = await reconcile(gateway.transactions, gateway, older_than=timedelta(0))
        async with world.sessions() as session:
            row = await session.get(Pledge, backed)
            assert row is not None
            totals = (await raised(session, [key]))[key]
        refunded = await gateway.charged(GatewayOperation.REFUND)
    assert sorted(outcomes) == ["REFUND_TOO_LARGE"] * 6 + ["ok"] * 6
    assert unanswered == 3
    assert len(done.answered) == 3
    assert (row.status, row.refunded_minor) == (PledgeStatus.REFUNDED, 90_000)
    assert refunded == 90_000
    assert [total.minor_units for total in totals] == [10_000]


@pytest.mark.parametrize("step", ["withdraw", "refund", "settle"])
async def test_no_gateway_call_is_made_while_a_transaction_holds_the_pledge(
    step, database, settings, tmp_path
):
    """As each request reaches the gateway, another connection takes the pledge's row
    for writing at once: nothing the request's write did is still holding it."""
    async with own_database(database.backend, settings, tmp_path) as world:
        key, _ = await campaign(world.factory, goal="1000")
        backed = await pledge(world.factory, key, "1000")
        if step == "refund":
            await close_and_settle(world.factory, key)
        seen: list[tuple[GatewayOperation, PledgeStatus]] = []

        async def take_the_pledge(operation: GatewayOperation, _key: str) -> None:
            async def take() -> None:
                async with world.sessions() as other, other.begin():
                    await begin_write(other)
                    row = await other.get(Pledge, backed, with_for_update=True)
                    assert row is not None
                    seen.append((operation, row.status))

            await asyncio.wait_for(take(), timeout=5)

        gateway = SandboxGateway(write_transactions(world.sessions), take_the_pledge)
        if step == "withdraw":
            await withdraw(world.factory, backed, gateway)
            expected = [(GatewayOperation.VOID, PledgeStatus.AUTHORIZED)]
        elif step == "refund":
            await refund(world.factory, backed, "100", gateway)
            expected = [(GatewayOperation.REFUND, PledgeStatus.CAPTURED)]
        else:
            await close_and_settle(world.factory, key, gateway)
            expected = [(GatewayOperation.CAPTURE, PledgeStatus.AUTHORIZED)]
    assert seen == expected


async def test_reconcile_run_as_its_own_process_repairs_what_the_server_left(
    database, settings, tmp_path
):
    """The server's sandbox answered, but the answers were lost; ``hub funding reconcile``,
    another process with no Python state in common, finds them in the shared sandbox."""
    async with own_database(database.backend, settings, tmp_path) as world:
        gateway = sandbox(world.factory)
        key, _ = await campaign(world.factory, goal="1500")
        headers = await world.factory.headers_for(await world.factory.user())
        await gateway.script(GatewayOperation.AUTHORIZE, Behaviour.TIME_OUT)
        variables = {
            "input": {
                "idempotencyKey": "lost-answer",
                "campaignId": global_id("Campaign", key),
                "amount": {"amount": "1500", "currencyCode": "KZT"},
            }
        }
        response = await world.client.post(
            "/graphql", json={"query": PLEDGE, "variables": variables}, headers=headers
        )
        answer = response.json()["data"]["pledge"]
        assert answer["pledge"]["status"] == "PENDING"
        first = await _reconcile_in_a_process(world.url, tmp_path)
        authorised = await _count(
            world.sessions, select(func.count()).where(Pledge.status == PledgeStatus.AUTHORIZED)
        )
        await gateway.script(GatewayOperation.CAPTURE, Behaviour.TIME_OUT)
        await close_and_settle(world.factory, key)
        second = await _reconcile_in_a_process(world.url, tmp_path)
        async with world.sessions() as session:
            statuses = list(await session.scalars(select(Pledge.status)))
            totals = (await raised(session, [key]))[key]
        charged = await gateway.charged(GatewayOperation.AUTHORIZE)
    assert "answered 1, sent again 0, failed 0" in first
    assert authorised == 1
    assert "answered 1, sent again 0, failed 0" in second
    assert statuses == [PledgeStatus.CAPTURED]
    assert [total.minor_units for total in totals] == [150_000]
    assert charged == 150_000


async def _reconcile_in_a_process(url: str, directory: Path) -> str:
    environment = {**os.environ, "HUB_DATABASE_URL": url}
    process = await asyncio.create_subprocess_exec(
        HUB,
        "funding",
        "reconcile",
        "--older-than",
        "0",
        cwd=directory,
        env=environment,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), timeout=60)
    assert process.returncode == 0, err.decode()
    return out.decode()
