"""Jobs for the tests: they report by sending mail to a ``MemoryMailer``."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from hub.core.jobs.definition import JobContext, JobRegistry, job
from hub.core.jobs.runner import Runner
from hub.core.mail import MemoryMailer, Message
from hub.core.outbox import Subscriptions


@job("test.greet")
async def greet(context: JobContext, *, name: str) -> None:
    await context.mailer.send(Message(to=name, subject="hello", body=""))


@job("test.wave")
async def wave(context: JobContext, *, name: str) -> None:
    await context.mailer.send(Message(to=name, subject="wave", body=""))


@job("test.flaky", max_attempts=3)
async def flaky(context: JobContext, *, name: str) -> None:
    raise ConnectionError(f"{name}: the other side is down")


def runner_of(
    sessions: async_sessionmaker[AsyncSession],
    mailbox: MemoryMailer,
    subscriptions: Subscriptions | None = None,
    lease: timedelta = timedelta(minutes=5),
) -> Runner:
    return Runner(
        JobRegistry([greet, wave, flaky]),
        JobContext(sessions=sessions, mailer=mailbox),
        subscriptions=subscriptions,
        lease=lease,
    )


@pytest.fixture
def runner(sessions: async_sessionmaker[AsyncSession], mailbox: MemoryMailer) -> Runner:
    return runner_of(sessions, mailbox)
