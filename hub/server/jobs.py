"""The app's jobs and event subscriptions, assembled in one place, and the runner for them.

Every job a domain declares is listed here, so a worker knows every name a request can
queue; nothing registers itself by being imported.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from functools import partial

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from hub.config import Settings
from hub.core.idempotency import IdempotencyKeys
from hub.core.jobs.definition import JobContext, JobRegistry
from hub.core.jobs.mail import send_mail
from hub.core.jobs.runner import Runner
from hub.core.mail import Mailer
from hub.core.outbox import Subscriptions
from hub.funding.campaigns import settle_due_campaigns
from hub.funding.settlement import settle_campaign
from hub.talent.credentials.jobs import issue_for_completion
from hub.talent.seats import APPLICATION_COMPLETED, SEAT_FREED, advance_waitlist, expire_offer
from hub.talent.windows import close_window, open_window

logger = logging.getLogger("hub.jobs")


def app_jobs() -> JobRegistry:
    return JobRegistry(
        [
            send_mail,
            advance_waitlist,
            expire_offer,
            open_window,
            close_window,
            issue_for_completion,
            settle_campaign,
        ]
    )


def app_subscriptions() -> Subscriptions:
    """Which jobs each outbox topic goes to (webhooks and live updates will join)."""
    return Subscriptions(
        {SEAT_FREED: [advance_waitlist], APPLICATION_COMPLETED: [issue_for_completion]}
    )


def runner_for(
    settings: Settings, sessions: async_sessionmaker[AsyncSession], mailer: Mailer
) -> Runner:
    keys = IdempotencyKeys(sessions, timedelta(seconds=settings.idempotency_ttl))
    return Runner(
        app_jobs(),
        JobContext(sessions=sessions, mailer=mailer),
        subscriptions=app_subscriptions(),
        lease=timedelta(seconds=settings.jobs_lease),
        poll_interval=settings.jobs_poll_interval,
        housekeeping=[keys.purge_expired, partial(settle_due_campaigns, sessions)],
    )


class JobsInServer:
    """The runner as the API server sees it: started with the app, nudged by requests."""

    def __init__(self, runner: Runner, settings: Settings) -> None:
        self.runner = runner
        self.settings = settings
        self._nudge = asyncio.Event()

    async def after_request(self) -> None:
        """A request queued work: run it now (``HUB_JOBS_AFTER_REQUEST``), or wake the runner."""
        if self.settings.jobs_after_request:
            await self.runner.run_due()
        else:
            self._nudge.set()

    @asynccontextmanager
    async def running(self, engine: AsyncEngine) -> AsyncIterator[None]:
        """Run jobs in the background while inside, when ``HUB_JOBS_IN_SERVER`` says so."""
        if not self.settings.jobs_in_server:
            yield
            return
        stop = asyncio.Event()
        task = asyncio.create_task(self.runner.run(engine, stop, nudge=self._nudge))
        logger.info("running jobs in the server process")
        try:
            yield
        finally:
            stop.set()
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.wait_for(task, timeout=self.runner.lease.total_seconds())
