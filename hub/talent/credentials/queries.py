"""Root fields for verified skills."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry import relay
from strawberry.scalars import JSON

from hub.api.context import Info
from hub.api.global_ids import argument_key
from hub.api.pagination import Connection, QueryListing, connection
from hub.core.filters import all_of
from hub.talent.credentials.keys import credential_keys
from hub.talent.credentials.models import Credential as CredentialRow
from hub.talent.credentials.types import Credential, CredentialVerification
from hub.talent.credentials.verification import Verdict, verify_document


@strawberry.type
class CredentialQueries:
    @connection(Connection[Credential], "A creator's credentials, newest first.")
    def credentials(
        self,
        info: Info,
        creator_id: Annotated[relay.GlobalID, strawberry.argument(description="The creator.")],
        include_revoked: Annotated[
            bool, strawberry.argument(description="Revoked ones too (default: valid only).")
        ] = False,
    ) -> QueryListing:
        creator = argument_key(creator_id, "Creator", "creatorId")
        conditions = all_of(
            CredentialRow.creator_id == creator,
            None if include_revoked else CredentialRow.revoked_at.is_(None),
        )
        return QueryListing(Credential, conditions)

    @strawberry.field(
        description="Check an Open Badges 3.0 document (as fetched from a credential's URL): "
        "its proof, the key that signed it, the hub's record and its revocation. The same "
        "as `POST /credentials/verify`."
    )
    async def verify_credential(
        self,
        info: Info,
        document: Annotated[JSON, strawberry.argument(description="The JSON-LD document.")],
    ) -> CredentialVerification:
        settings = info.context.settings
        if not isinstance(document, dict):
            return CredentialVerification(
                verdict=Verdict.TAMPERED, public_id=None, revoked_at=None, revocation_reason=None
            )
        result = await verify_document(
            info.context.session,
            document,
            credential_keys(settings),
            settings.public_url.rstrip("/"),
        )
        return CredentialVerification(
            verdict=result.verdict,
            public_id=result.public_id,
            revoked_at=result.revoked_at,
            revocation_reason=result.revocation_reason,
        )
