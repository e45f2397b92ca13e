"""Writing the audit log: who did what to which entity, in the transaction of the write.

A caller's change is recorded with ``record_audit`` (the request's principal); a change a
job makes on its own (an offer expiring, a window opening) with ``record_system_audit``,
which names the job. Both land in the one log that only staff may read.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from hub.accounts.enums import AuditActorKind, AuditOutcome
from hub.accounts.models import AuditRecord
from hub.api.context import AuditEntry, Context


async def record_audit(session: AsyncSession, context: Context, entry: AuditEntry) -> None:
    principal = context.principal
    session.add(
        AuditRecord(
            actor_kind=AuditActorKind(principal.kind.value),
            actor_user_id=principal.user_id,
            actor_api_key_id=principal.api_key_id,
            actor_is_staff=principal.is_staff,
            action=entry.action,
            entity_type=entry.entity_type,
            entity_id=entry.entity_id,
            outcome=AuditOutcome.DENIED if entry.denied else AuditOutcome.SUCCEEDED,
            fields=list(entry.fields),
            request_id=context.request_id,
        )
    )
    await session.flush()


async def record_system_audit(
    session: AsyncSession,
    job: str,
    action: str,
    entity_type: str,
    entity_id: int,
    fields: tuple[str, ...] = (),
) -> None:
    """Record a change made by ``job`` (its registered name) with no caller behind it.

    The actor is SYSTEM: no user, no key, not staff; the record has no request id.
    """
    session.add(
        AuditRecord(
            actor_kind=AuditActorKind.SYSTEM,
            actor_job=job,
            actor_user_id=None,
            actor_api_key_id=None,
            actor_is_staff=False,
            action=action,
            entity_type=entity_type,
            entity_id=entity_id,
            outcome=AuditOutcome.SUCCEEDED,
            fields=list(fields),
            request_id="",
        )
    )
    await session.flush()
