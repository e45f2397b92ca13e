"""Mail goes out from a job: no request waits on SMTP, and a failed send is tried again."""

from __future__ import annotations

import logging

from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.jobs.definition import JobContext, job
from hub.core.mail import Message

logger = logging.getLogger("hub.mail")


@job("mail.send", max_attempts=8)
async def send_mail(context: JobContext, *, to: str, subject: str, body: str) -> None:
    try:
        await context.mailer.send(Message(to=to, subject=subject, body=body))
    except Exception:
        # Without the body, which may hold a secret; the runner retries after a backoff.
        logger.error("could not send %r to %s; it will be tried again", subject, to)
        raise


async def queue_mail(session: AsyncSession, message: Message) -> None:
    """Send ``message`` once ``session``'s transaction commits (never if it rolls back)."""
    await send_mail.defer(session, to=message.to, subject=message.subject, body=message.body)
