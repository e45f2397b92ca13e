"""The job runner: queued with the caller's transaction, run once, retried, scheduled."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select, update

from hub.core.jobs.definition import JobRegistry
from hub.core.jobs.models import JobStatus, QueuedJob
from hub.core.jobs.queue import claim_next, complete
from tests.jobs.conftest import flaky, greet, runner_of


class _Abandoned(Exception):
    pass


async def _rolled_back(sessions, write) -> None:
    """Run ``write`` in a transaction that then fails and rolls back."""
    with contextlib.suppress(_Abandoned):
        async with sessions() as writer, writer.begin():
            await write(writer)
            raise _Abandoned


async def _jobs(session) -> list[QueuedJob]:
    session.expire_all()
    return list((await session.scalars(select(QueuedJob).order_by(QueuedJob.id))).all())


async def test_a_job_queued_in_a_rolled_back_transaction_never_exists(sessions, session, runner):
    await _rolled_back(sessions, lambda writer: greet.defer(writer, name="ghost@example.org"))
    assert await _jobs(session) == []
    assert await runner.run_due() == 0
    assert runner.context.mailer.messages == []


async def test_a_committed_job_runs_once_and_leaves_the_queue(sessions, session, runner, mailbox):
    async with sessions() as writer, writer.begin():
        await greet.defer(writer, name="ada@example.org")
    assert [job.status for job in await _jobs(session)] == [JobStatus.TODO]
    assert await runner.run_due() == 1
    assert await runner.run_due() == 0
    assert [m.to for m in mailbox.messages] == ["ada@example.org"]
    assert await _jobs(session) == []


async def test_a_failing_job_is_retried_after_a_growing_backoff_then_given_up(
    sessions, session, runner
):
    async with sessions() as writer, writer.begin():
        await flaky.defer(writer, name="smtp")
    waits = []
    for attempt in (1, 2, 3):
        before = datetime.now(UTC)
        assert await runner.run_due() == 1
        [job] = await _jobs(session)
        assert job.attempts == attempt
        assert "ConnectionError: smtp: the other side is down" in (job.last_error or "")
        waits.append(job.run_at - before)
        # Not due again until its backoff has passed.
        assert await runner.run_due() == 0
        async with sessions() as writer, writer.begin():
            await writer.execute(update(QueuedJob).values(run_at=datetime.now(UTC)))
    assert job.status is JobStatus.FAILED
    assert await runner.run_due() == 0
    assert timedelta(seconds=9) < waits[0] < waits[1] <= timedelta(seconds=21)


async def test_a_scheduled_job_waits_for_its_time(sessions, session, runner, mailbox):
    now = datetime.now(UTC)
    async with sessions() as writer, writer.begin():
        await greet.schedule(writer, now + timedelta(hours=1), name="later@example.org")
        await greet.schedule(writer, now - timedelta(seconds=1), name="now@example.org")
    assert await runner.run_due() == 1
    assert [m.to for m in mailbox.messages] == ["now@example.org"]
    [waiting] = await _jobs(session)
    assert waiting.arguments == {"name": "later@example.org"}
    assert waiting.run_at > now + timedelta(minutes=59)


async def test_a_dead_workers_job_is_taken_over_after_its_lease_and_runs_once(
    sessions, session, mailbox
):
    async with sessions() as writer, writer.begin():
        await greet.defer(writer, name="orphan@example.org")
    # A worker claims the job with a lease that has already run out, then vanishes.
    dead = await claim_next(sessions, timedelta(seconds=-1))
    assert dead is not None
    assert await runner_of(sessions, mailbox).run_due() == 1
    assert [m.to for m in mailbox.messages] == ["orphan@example.org"]
    # The dead worker's late completion settles nothing: the job was another's run.
    await complete(sessions, dead)
    assert await _jobs(session) == []


async def test_a_claimed_job_is_not_claimed_again_while_its_lease_runs(sessions):
    async with sessions() as writer, writer.begin():
        await greet.defer(writer, name="once@example.org")
    first = await claim_next(sessions, timedelta(minutes=5))
    assert first is not None
    assert first.attempt == 1
    assert await claim_next(sessions, timedelta(minutes=5)) is None


async def test_a_job_this_process_does_not_know_fails_without_retrying(sessions, session, mailbox):
    async with sessions() as writer, writer.begin():
        await greet.defer(writer, name="x@example.org")
    runner = runner_of(sessions, mailbox)
    runner.registry = JobRegistry([flaky])
    assert await runner.run_due() == 1
    [job] = await _jobs(session)
    assert (job.status, job.attempts, job.last_error) == (
        JobStatus.FAILED,
        1,
        "unknown job 'test.greet'",
    )


async def test_job_arguments_are_keyword_only_and_names_unique(session):
    with pytest.raises(TypeError, match="keyword arguments only"):
        await greet.defer(session, "positional@example.org")  # type: ignore[call-arg]
    assert await session.scalar(select(func.count()).select_from(QueuedJob)) == 0
    with pytest.raises(ValueError, match=r"two jobs are called 'test\.greet'"):
        JobRegistry([greet, greet])


async def test_housekeeping_runs_at_most_once_per_interval(sessions, mailbox):
    calls = []

    async def purge() -> int:
        calls.append(1)
        return 0

    runner = runner_of(sessions, mailbox)
    runner.housekeeping = (purge,)
    await runner.keep_house()
    await runner.keep_house()
    assert len(calls) == 1
    runner.housekeeping_interval = 0
    await runner.keep_house()
    assert len(calls) == 2
