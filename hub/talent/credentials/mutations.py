"""Mutations for verified skills: revoking a credential."""

from __future__ import annotations

from typing import Annotated

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry import relay

from hub.api.context import Info
from hub.api.relations import load_node
from hub.api.writes import key_of, mutation, run_write
from hub.talent.credentials import policy, service
from hub.talent.credentials.errors import CredentialError, credential_errors
from hub.talent.credentials.types import Credential


@strawberry.input(description="A credential to revoke, and why.")
class RevokeCredentialInput:
    id: relay.GlobalID = strawberry.field(description="The credential.")
    reason: str = strawberry.field(
        description="Why: shown to anyone who verifies it, and in the issuer's revocation list."
    )


@strawberry.type(description="The outcome of revoking a credential.")
class RevokeCredentialPayload:
    credential: Credential | None = strawberry.field(description="The revoked credential.")
    user_errors: list[CredentialError] = strawberry.field(description="Why it did not work.")


@strawberry.type
class CredentialMutations:
    @mutation(
        "Revoke a credential, with a reason: the admins of its issuer, or staff. Verifying "
        "it answers REVOKED from then on."
    )
    async def revoke_credential(
        self,
        info: Info,
        input: Annotated[RevokeCredentialInput, strawberry.argument(description="Which, why.")],
    ) -> RevokeCredentialPayload:
        principal = info.context.principal

        async def write(session: AsyncSession) -> int:
            key = key_of(input.id, "Credential", "id")
            await policy.require_revoker(session, principal, key)
            return await service.revoke_credential(session, key, input.reason, principal.user_id)

        result = await run_write(info, write, entity="Credential", input=input)
        return RevokeCredentialPayload(
            credential=await load_node(info, Credential, result.value),
            user_errors=credential_errors(result.user_errors),
        )
