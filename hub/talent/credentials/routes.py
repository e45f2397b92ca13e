"""The public face of credentials: documents anyone can fetch and verify, without a login.

- ``GET /credentials/{id}``: the signed Open Badges 3.0 document (JSON-LD);
- ``GET /credentials/{id}/verification``: the hub's verdict on the credential it holds;
- ``POST /credentials/verify``: the verdict on a document someone presents (a copy);
- ``GET /credentials/issuers/{slug}/revocations``: the issuer's 1EdTech revocation list,
  which every document names as its ``credentialStatus``;
- ``GET /credentials/issuers/{slug}``: the issuer's Open Badges Profile with the keys
  that sign for it, the issuer id of format 2 documents.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from hub.config import Settings
from hub.organisations.models import Organisation
from hub.talent.credentials.document import (
    issuer_profile_url,
    revocation_list_url,
    xsd_datetime,
)
from hub.talent.credentials.issuer import Issuer, issuer_profile
from hub.talent.credentials.keys import NoSigningKey, credential_keys
from hub.talent.credentials.models import Achievement, Credential
from hub.talent.credentials.service import find_badge
from hub.talent.credentials.verification import (
    Verification,
    signed_document,
    status_of,
    verify_document,
)

JSON_LD = "application/ld+json"
MAX_DOCUMENT_BYTES = 100_000


def verdict_body(verification: Verification) -> dict[str, Any]:
    return {
        "verdict": verification.verdict.value,
        "credential": verification.public_id,
        "revokedAt": None
        if verification.revoked_at is None
        else xsd_datetime(verification.revoked_at),
        "revocationReason": verification.revocation_reason,
    }


def _no_key() -> JSONResponse:
    return JSONResponse({"error": "This hub has no credential signing key configured."}, 503)


def _not_found() -> JSONResponse:
    return JSONResponse({"error": "No credential has this id."}, 404)


def credential_routes(
    settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> list[BaseRoute]:
    """The routes, reading through ``sessions`` and signing with the configured key."""
    public_url = settings.public_url.rstrip("/")

    async def document(request: Request) -> Response:
        async with sessions() as session:
            issued = await find_badge(session, request.path_params["public_id"])
        if issued is None:
            return _not_found()
        try:
            keys = credential_keys(settings)
        except NoSigningKey:
            return _no_key()
        return JSONResponse(signed_document(issued, keys, public_url), media_type=JSON_LD)

    async def verification(request: Request) -> Response:
        async with sessions() as session:
            issued = await find_badge(session, request.path_params["public_id"])
        if issued is None:
            return _not_found()
        return JSONResponse(verdict_body(status_of(issued)))

    async def verify(request: Request) -> Response:
        raw = await request.body()
        if len(raw) > MAX_DOCUMENT_BYTES:
            return JSONResponse({"error": "The document is too large."}, 413)
        try:
            presented = json.loads(raw)
        except ValueError:
            return JSONResponse({"error": "The body is not JSON."}, 400)
        if not isinstance(presented, dict):
            return JSONResponse({"error": "The body is not a credential (a JSON object)."}, 400)
        try:
            keys = credential_keys(settings)
        except NoSigningKey:
            return _no_key()
        async with sessions() as session:
            result = await verify_document(session, presented, keys, public_url)
        return JSONResponse(verdict_body(result))

    async def revocations(request: Request) -> Response:
        slug = request.path_params["slug"]
        async with sessions() as session:
            rows = (
                await session.execute(
                    select(Credential.public_id, Credential.revocation_reason)
                    .join(Achievement, Achievement.id == Credential.achievement_id)
                    .where(Achievement.issuer_slug == slug, Credential.revoked_at.is_not(None))
                    .order_by(Credential.public_id)
                )
            ).all()
        return JSONResponse(
            {
                "id": revocation_list_url(public_url, slug),
                "type": "1EdTechRevocationList",
                "issuer": issuer_profile_url(public_url, slug),
                "revokedCredentials": [
                    {"id": f"{public_url}/credentials/{public_id}", "revocationReason": reason}
                    for public_id, reason in rows
                ],
            }
        )

    async def issuer(request: Request) -> Response:
        slug = request.path_params["slug"]
        async with sessions() as session:
            found = (
                await session.execute(
                    select(
                        Organisation.slug,
                        Organisation.name,
                        Organisation.description,
                        Organisation.website,
                    ).where(
                        Organisation.slug == slug,
                        select(Achievement.id)
                        .where(Achievement.issuer_organisation_id == Organisation.id)
                        .exists(),
                    )
                )
            ).one_or_none()
        if found is None:
            return JSONResponse({"error": "No issuer of credentials has this name."}, 404)
        try:
            keys = credential_keys(settings)
        except NoSigningKey:
            return _no_key()
        profile = issuer_profile(Issuer(*found), keys, public_url)
        return JSONResponse(profile, media_type=JSON_LD)

    handlers: list[tuple[str, Callable[[Request], Awaitable[Response]], str]] = [
        ("/credentials/verify", verify, "POST"),
        ("/credentials/issuers/{slug}", issuer, "GET"),
        ("/credentials/issuers/{slug}/revocations", revocations, "GET"),
        ("/credentials/{public_id}/verification", verification, "GET"),
        ("/credentials/{public_id}", document, "GET"),
    ]
    return [Route(path, handler, methods=[method]) for path, handler, method in handlers]
