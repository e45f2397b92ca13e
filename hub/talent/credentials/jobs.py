"""Issuing credentials off the request: a job per completed application (outbox topic
``talent.application.completed``)."""

from __future__ import annotations

import logging

from hub.core.db import begin_write
from hub.core.jobs.definition import JobContext, job
from hub.talent.credentials.service import issue_credential

logger = logging.getLogger("hub.credentials")


@job("talent.credential.issue")
async def issue_for_completion(context: JobContext, *, application: int) -> None:
    """Issue the credential a completed application earns (again: the same one)."""
    async with context.sessions() as session, session.begin():
        await begin_write(session)
        credential = await issue_credential(session, application)
    logger.info("application %s: credential %s issued", application, credential)
