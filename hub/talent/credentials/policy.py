"""Who may revoke a credential: its issuer's admins, or staff."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.accounts.policy import administers_organisation
from hub.api.principal import Denied, Principal
from hub.i18n.messages import _
from hub.talent.credentials.models import Achievement, Credential


async def require_revoker(session: AsyncSession, principal: Principal, credential_id: int) -> None:
    issuer = await session.scalar(
        select(Achievement.issuer_organisation_id)
        .join(Credential, Credential.achievement_id == Achievement.id)
        .where(Credential.id == credential_id)
    )
    if issuer is None:
        return
    if not await administers_organisation(session, principal, issuer):
        raise Denied(_("Only the admins of the credential's issuer may revoke it."))
