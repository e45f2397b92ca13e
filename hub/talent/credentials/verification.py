"""Whether a credential document can be trusted: its proof, its signer, its record, its status."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from hub.talent.credentials.document import ob3_document, xsd_datetime
from hub.talent.credentials.keys import CredentialKeys
from hub.talent.credentials.proof import sign, signer_of
from hub.talent.credentials.service import IssuedCredential, find_badge


class Verdict(enum.Enum):
    VALID = "VALID"
    """Signed by a key the hub vouches for, as issued, not revoked."""
    REVOKED = "REVOKED"
    """Genuine, but its issuer revoked it (the reason says why)."""
    TAMPERED = "TAMPERED"
    """The proof does not match the document, or it was signed by a key the hub does not
    vouch for, or it differs from what the hub issued."""
    UNKNOWN = "UNKNOWN"
    """Signed by the hub's key, but no credential of the hub has its id."""


@dataclass(frozen=True)
class Verification:
    verdict: Verdict
    public_id: str | None = None
    revoked_at: datetime | None = None
    revocation_reason: str | None = None


def signed_document(
    issued: IssuedCredential, keys: CredentialKeys, public_url: str
) -> dict[str, Any]:
    """The credential as served: its Open Badges document with a proof made now by the
    current key, dated when it was issued (so the bytes only change on a key rotation)."""
    document = ob3_document(issued.badge, public_url)
    return sign(document, keys.signing, xsd_datetime(issued.credential.issued_at))


def public_id_of(document: Mapping[str, Any], public_url: str) -> str | None:
    identifier = document.get("id")
    prefix = f"{public_url}/credentials/"
    if not isinstance(identifier, str) or not identifier.startswith(prefix):
        return None
    return identifier.removeprefix(prefix) or None


async def verify_document(
    session: AsyncSession, document: Mapping[str, Any], keys: CredentialKeys, public_url: str
) -> Verification:
    """Check a document someone presents, as any verifier would, then against the record."""
    signer = signer_of(document)
    if signer is None or not keys.trusts(signer):
        return Verification(Verdict.TAMPERED)
    public_id = public_id_of(document, public_url)
    issued = None if public_id is None else await find_badge(session, public_id)
    if issued is None:
        return Verification(Verdict.UNKNOWN, public_id)
    unsecured = {name: value for name, value in document.items() if name != "proof"}
    if unsecured != ob3_document(issued.badge, public_url):
        return Verification(Verdict.TAMPERED, public_id)
    return status_of(issued)


def status_of(issued: IssuedCredential) -> Verification:
    """The standing of a credential the hub holds: valid, or revoked with its reason."""
    credential = issued.credential
    if credential.revoked_at is not None:
        return Verification(
            Verdict.REVOKED,
            credential.public_id,
            credential.revoked_at,
            credential.revocation_reason,
        )
    return Verification(Verdict.VALID, credential.public_id)
