"""Declaring jobs: ``@job`` on an async function, ``defer`` inside the caller's transaction.

A job's arguments are keyword-only JSON values, stored with the job, so a job survives
the process that queued it. Jobs are collected into a ``JobRegistry`` explicitly where
the app is assembled (``hub.server.jobs``), never by importing modules for their effects.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Concatenate, Generic, ParamSpec

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from hub.core.columns import utcnow
from hub.core.jobs.models import QueuedJob
from hub.core.jobs.wakeup import wake_workers
from hub.core.mail import Mailer

P = ParamSpec("P")

DEFAULT_MAX_ATTEMPTS = 5


@dataclass(frozen=True)
class JobContext:
    """What a running job may use: its own sessions (each job commits its own work)."""

    sessions: async_sessionmaker[AsyncSession]
    mailer: Mailer


Handler = Callable[Concatenate[JobContext, P], Awaitable[None]]


class Job(Generic[P]):
    """A named, retried unit of work; ``defer`` queues one run of it."""

    def __init__(self, name: str, handler: Handler[P], max_attempts: int) -> None:
        self.name = name
        self.handler = handler
        self.max_attempts = max_attempts

    async def defer(self, session: AsyncSession, *args: P.args, **arguments: P.kwargs) -> int:
        """Queue a run now, in ``session``'s transaction: it exists only if that commits."""
        return await self._queue(session, utcnow(), args, arguments)

    async def schedule(
        self, session: AsyncSession, run_at: datetime, *args: P.args, **arguments: P.kwargs
    ) -> int:
        """Queue a run for ``run_at`` (timezone-aware), in ``session``'s transaction."""
        return await self._queue(session, run_at, args, arguments)

    async def _queue(
        self,
        session: AsyncSession,
        run_at: datetime,
        args: tuple[object, ...],
        arguments: Mapping[str, Any],
    ) -> int:
        if args:
            raise TypeError(f"job {self.name} takes keyword arguments only")
        row = QueuedJob(
            name=self.name,
            arguments=dict(arguments),
            run_at=run_at,
            max_attempts=self.max_attempts,
        )
        session.add(row)
        await session.flush()
        await wake_workers(session)
        return row.id

    async def run(self, context: JobContext, arguments: Mapping[str, Any]) -> None:
        await self.handler(context, **arguments)  # type: ignore[call-arg]


def job(name: str, *, max_attempts: int = DEFAULT_MAX_ATTEMPTS) -> Callable[[Handler[P]], Job[P]]:
    """Make an async ``handler(context, **arguments)`` a job called ``name``."""

    def declare(handler: Handler[P]) -> Job[P]:
        return Job(name, handler, max_attempts)

    return declare


class UnknownJob(LookupError):
    """A queued job names no job this process knows (an older or newer release queued it)."""


class JobRegistry:
    """The jobs one process can run, by name."""

    def __init__(self, jobs: Iterable[Job[Any]]) -> None:
        self._jobs: dict[str, Job[Any]] = {}
        for declared in jobs:
            if declared.name in self._jobs:
                raise ValueError(f"two jobs are called {declared.name!r}")
            self._jobs[declared.name] = declared

    def __getitem__(self, name: str) -> Job[Any]:
        try:
            return self._jobs[name]
        except KeyError:
            raise UnknownJob(name) from None

    def __contains__(self, name: str) -> bool:
        return name in self._jobs


def backoff(attempts: int, base: timedelta = timedelta(seconds=10)) -> timedelta:
    """How long a job waits after its ``attempts``-th failure: doubling, at most an hour."""
    return min(base * (1 << max(attempts - 1, 0)), timedelta(hours=1))
