"""Mutations for organisations' API keys."""

from __future__ import annotations

from typing import Annotated

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry import relay

from hub.accounts import api_keys, policy
from hub.accounts.errors import ApiKeyError, api_key_errors
from hub.accounts.types import ApiKey, ApiKeyScope
from hub.api.context import Info
from hub.api.relations import load_node
from hub.api.writes import key_of, mutation, run_write


@strawberry.input(description="A new API key for an organisation.")
class CreateApiKeyInput:
    organisation_id: relay.GlobalID = strawberry.field(description="The organisation.")
    name: str = strawberry.field(description="What it is for, e.g. the partner's name.")
    scopes: list[ApiKeyScope] = strawberry.field(description="What it may do.")


@strawberry.input(description="An API key to revoke.")
class RevokeApiKeyInput:
    id: relay.GlobalID = strawberry.field(description="The key.")


@strawberry.type(description="The outcome of creating an API key.")
class CreateApiKeyPayload:
    api_key: ApiKey | None = strawberry.field(description="The key.")
    secret: str | None = strawberry.field(
        description="The key itself, `hub_<id>_<secret>`: shown this once and never again. "
        "Send it as `Authorization: Bearer <key>` or `X-API-Key: <key>`."
    )
    user_errors: list[ApiKeyError] = strawberry.field(description="Why it did not work.")


@strawberry.type(description="The outcome of revoking an API key.")
class RevokeApiKeyPayload:
    api_key: ApiKey | None = strawberry.field(description="The key, now revoked.")
    user_errors: list[ApiKeyError] = strawberry.field(description="Why it did not work.")


@strawberry.type
class ApiKeyMutations:
    @mutation(
        "Create an API key for an organisation: its owners and admins (never another key). "
        "A WRITE key acts as an ADMIN of the organisation."
    )
    async def create_api_key(
        self,
        info: Info,
        input: Annotated[
            CreateApiKeyInput,
            strawberry.argument(description="The organisation, the key's name and its scopes."),
        ],
    ) -> CreateApiKeyPayload:
        principal = info.context.principal

        async def write(session: AsyncSession) -> api_keys.NewApiKey:
            organisation = key_of(input.organisation_id, "Organisation", "organisation_id")
            await policy.require_key_manager(session, principal, organisation)
            return await api_keys.create_api_key(
                session, organisation, input.name, input.scopes, principal.user_id
            )

        result = await run_write(info, write, entity="ApiKey", input=input)
        created = result.value
        return CreateApiKeyPayload(
            api_key=await load_node(info, ApiKey, created.key_id if created else None),
            secret=created.secret if created else None,
            user_errors=api_key_errors(result.user_errors),
        )

    @mutation("Revoke an API key: it stops working at once.")
    async def revoke_api_key(
        self,
        info: Info,
        input: Annotated[RevokeApiKeyInput, strawberry.argument(description="The key to revoke.")],
    ) -> RevokeApiKeyPayload:
        async def write(session: AsyncSession) -> int:
            key = key_of(input.id, "ApiKey", "id")
            await policy.require_key_revoker(session, info.context.principal, key)
            return await api_keys.revoke_api_key(session, key)

        result = await run_write(info, write, entity="ApiKey", input=input)
        return RevokeApiKeyPayload(
            api_key=await load_node(info, ApiKey, result.value),
            user_errors=api_key_errors(result.user_errors),
        )
