"""The runner inside `hub serve`: a request's mail goes out without the request waiting."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from hub.core.db import create_session_factory
from hub.core.jobs.runner import Runner
from hub.core.mail import MemoryMailer
from hub.server.app import create_app
from tests.accounts.registering import register
from tests.conftest import migrated_engine
from tests.jobs.conftest import greet, runner_of


def _counting_passes(runner: Runner) -> list[int]:
    """The jobs each of ``runner``'s passes ran, as they finish."""
    passes: list[int] = []
    run_due = runner.run_due

    async def counted(limit: int | None = None) -> int:
        ran = await run_due(limit)
        passes.append(ran)
        return ran

    runner.run_due = counted  # type: ignore[method-assign]
    return passes


async def _until(condition, seconds: float = 10.0) -> None:
    async with asyncio.timeout(seconds):
        while not condition():  # noqa: ASYNC110 (state other tasks change, no event to await)
            await asyncio.sleep(0.02)


async def test_the_servers_runner_sends_a_registrations_mail_once_woken(
    database, settings, tmp_path
):
    # Polling once a minute: only the request's nudge can make the mail go out in time.
    background = settings.model_copy(
        update={"jobs_after_request": False, "jobs_in_server": True, "jobs_poll_interval": 60}
    )
    mailbox = MemoryMailer()
    async with migrated_engine(database.backend, tmp_path) as engine:
        app = create_app(
            background,
            engine=engine,
            session_factory=create_session_factory(engine),
            mailer=mailbox,
        )
        passes = _counting_passes(app.state.jobs.runner)
        async with app.router.lifespan_context(app):
            await _until(lambda: passes)  # it looked once, found nothing, and now sleeps
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://hub.test") as c:
                assert (await register(c, "woken@example.org"))["accepted"]
            await _until(lambda: len(mailbox.messages) == 1)
    assert [m.to for m in mailbox.messages] == ["woken@example.org"]
    assert passes[0] == 0


async def test_a_postgresql_worker_wakes_on_notify_from_another_process(database, tmp_path):
    if database.backend != "postgresql":
        pytest.skip("LISTEN/NOTIFY is PostgreSQL's; SQLite runners are nudged in-process")
    mailbox = MemoryMailer()
    async with migrated_engine(database.backend, tmp_path) as engine:
        sessions = create_session_factory(engine)
        runner: Runner = runner_of(sessions, mailbox)
        runner.poll_interval = 60
        passes = _counting_passes(runner)
        stop = asyncio.Event()
        task = asyncio.create_task(runner.run(engine, stop))
        try:
            await _until(lambda: passes)  # it looked once, found nothing, and now listens
            async with sessions() as session, session.begin():
                await greet.defer(session, name="notified@example.org")
            await _until(lambda: len(mailbox.messages) == 1)
            # The mail is sent inside the pass; the pass is counted once it returns.
            await _until(lambda: len(passes) >= 2)
            assert passes[:2] == [0, 1]
        finally:
            stop.set()
            await task
    assert [m.to for m in mailbox.messages] == ["notified@example.org"]
