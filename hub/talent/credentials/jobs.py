"""Issuing credentials off the request: a job per completed application (outbox topic
``talent.application.completed``)."""

from __future__ import annotations

import logging

from sqlalchemy import select

from hub.accounts.audit import record_system_audit
from hub.core.db import begin_write
from hub.core.jobs.definition import JobContext, job
from hub.talent.credentials.models import Credential
from hub.talent.credentials.service import issue_credential

logger = logging.getLogger("hub.credentials")


ISSUE_JOB = "talent.credential.issue"


@job(ISSUE_JOB)
async def issue_for_completion(context: JobContext, *, application: int) -> None:
    """Issue the credential a completed application earns (again: the same one), audited
    as the system's (the job's) in the same transaction."""
    async with context.sessions() as session, session.begin():
        await begin_write(session)
        issued_before = await session.scalar(
            select(Credential.id).where(Credential.application_id == application)
        )
        credential = await issue_credential(session, application)
        if issued_before is None:
            await record_system_audit(
                session, ISSUE_JOB, "issueCredential", "Credential", credential
            )
    logger.info("application %s: credential %s issued", application, credential)
