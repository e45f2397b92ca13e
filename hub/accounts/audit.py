"""Writing the audit log: who did what to which entity, in the transaction of the write."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from hub.accounts.enums import AuditOutcome
from hub.accounts.models import AuditRecord
from hub.api.context import AuditEntry, Context


async def record_audit(session: AsyncSession, context: Context, entry: AuditEntry) -> None:
    principal = context.principal
    session.add(
        AuditRecord(
            actor_kind=principal.kind,
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
