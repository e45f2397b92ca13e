"""The outbox: an event exists exactly when its change committed, and is delivered once."""

from __future__ import annotations

import contextlib

import pytest
from sqlalchemy import func, select

from hub.core.jobs.definition import JobContext, JobRegistry, job
from hub.core.jobs.models import OutboxEvent, QueuedJob
from hub.core.jobs.runner import MAX_ROUNDS, Runner
from hub.core.mail import Message
from hub.core.outbox import Subscriptions, publish
from hub.creators.models import Creator
from tests.jobs.conftest import greet, runner_of, wave


class _Abandoned(Exception):
    pass


async def _rolled_back(sessions, write) -> None:
    """Run ``write`` in a transaction that then fails and rolls back."""
    with contextlib.suppress(_Abandoned):
        async with sessions() as writer, writer.begin():
            await write(writer)
            raise _Abandoned


async def _count(session, table) -> int:
    return int(await session.scalar(select(func.count()).select_from(table)))


async def _rename_first_creator(session) -> Creator:
    creator = await session.scalar(select(Creator).order_by(Creator.id).limit(1))
    assert creator is not None
    creator.display_name = "Renamed in a test"
    return creator


async def test_a_rolled_back_change_leaves_no_event(sessions, session, mailbox):
    subscriptions = Subscriptions({"creator.renamed": [greet]})

    async def rename(writer) -> None:
        creator = await _rename_first_creator(writer)
        await publish(writer, "creator.renamed", {"name": f"creator-{creator.id}"})

    await _rolled_back(sessions, rename)
    assert await _count(session, OutboxEvent) == 0
    assert await runner_of(sessions, mailbox, subscriptions).run_due() == 0
    assert mailbox.messages == []


async def test_a_committed_change_leaves_one_event_delivered_once_to_each_subscriber(
    sessions, session, mailbox
):
    subscriptions = Subscriptions({"creator.renamed": [greet, wave], "other": [wave]})
    async with sessions() as writer, writer.begin():
        creator = await _rename_first_creator(writer)
        await publish(writer, "creator.renamed", {"name": f"creator-{creator.id}"})
    assert await _count(session, OutboxEvent) == 1
    runner = runner_of(sessions, mailbox, subscriptions)
    assert await runner.run_due() == 2
    assert await runner.run_due() == 0
    assert sorted((m.subject, m.to) for m in mailbox.messages) == [
        ("hello", f"creator-{creator.id}"),
        ("wave", f"creator-{creator.id}"),
    ]
    assert await _count(session, OutboxEvent) == 0
    assert await _count(session, QueuedJob) == 0


async def test_an_event_nobody_subscribes_to_is_dropped(sessions, session, mailbox):
    async with sessions() as writer, writer.begin():
        await publish(writer, "nobody.listens", {"name": "x"})
    assert await runner_of(sessions, mailbox, Subscriptions({})).run_due() == 0
    assert await _count(session, OutboxEvent) == 0
    assert mailbox.messages == []


def test_a_subscriber_the_runner_cannot_run_is_refused_at_start(sessions, mailbox):
    from hub.core.jobs.definition import JobContext, JobRegistry, job
    from hub.core.jobs.runner import Runner

    @job("test.unlisted")
    async def unlisted(context: JobContext) -> None: ...

    with pytest.raises(ValueError, match=r"test\.unlisted"):
        Runner(
            JobRegistry([greet]),
            JobContext(sessions=sessions, mailer=mailbox),
            subscriptions=Subscriptions({"topic": [unlisted]}),
        )


@job("test.hop")
async def hop(context: JobContext, *, name: str, left: int) -> None:
    """Mails, then publishes the next hop of a chain (``left`` more; -1: never ends)."""
    await context.mailer.send(Message(to=name, subject=f"hop {left}", body=""))
    if left != 0:
        async with context.sessions() as session, session.begin():
            await publish(session, "test.hopped", {"name": name, "left": max(left - 1, -1)})


def _hopping_runner(sessions, mailbox) -> Runner:
    return Runner(
        JobRegistry([hop]),
        JobContext(sessions=sessions, mailer=mailbox),
        subscriptions=Subscriptions({"test.hopped": [hop]}),
    )


async def test_events_published_by_jobs_are_carried_through_in_the_same_pass(
    sessions, session, mailbox
):
    async with sessions() as writer, writer.begin():
        await publish(writer, "test.hopped", {"name": "chain", "left": 2})
    runner = _hopping_runner(sessions, mailbox)
    # The first hop publishes the second, which publishes the third: one pass runs all.
    assert await runner.run_due() == 3
    assert [m.subject for m in mailbox.messages] == ["hop 2", "hop 1", "hop 0"]
    assert await _count(session, OutboxEvent) == 0
    assert await _count(session, QueuedJob) == 0
    assert await runner.run_due() == 0


async def test_a_chain_that_never_ends_stops_after_the_rounds_of_one_pass(
    sessions, session, mailbox
):
    async with sessions() as writer, writer.begin():
        await publish(writer, "test.hopped", {"name": "forever", "left": -1})
    runner = _hopping_runner(sessions, mailbox)
    assert await runner.run_due() == MAX_ROUNDS
    # The rest waits for the next pass, which again goes no further than its rounds.
    assert await _count(session, OutboxEvent) == 1
    assert await runner.run_due() == MAX_ROUNDS
    assert len(mailbox.messages) == 2 * MAX_ROUNDS


async def test_a_limit_bounds_a_pass_whatever_its_jobs_publish(sessions, session, mailbox):
    async with sessions() as writer, writer.begin():
        await publish(writer, "test.hopped", {"name": "chain", "left": 5})
    assert await _hopping_runner(sessions, mailbox).run_due(limit=2) == 2
    assert [m.subject for m in mailbox.messages] == ["hop 5", "hop 4"]
