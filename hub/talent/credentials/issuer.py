"""An issuer's Open Badges 3.0 Profile: the document its profile URL (the issuer id of
format 2 credentials) answers with.

It names the host organisation and the keys that sign for it: each key the hub vouches
for (the signing key and the retired ones still trusted) as a ``Multikey`` verification
method, listed under ``assertionMethod``. The id of each is the ``did:key`` verification
method a credential's proof names, so a verifier who fetches the issuer's profile sees
that the key which signed a credential is one the issuer stands behind. Every issuer of
one hub signs with the hub's key.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hub.talent.credentials.document import OB3_CONTEXT, issuer_profile_url, issuer_urn
from hub.talent.credentials.keys import CredentialKeys
from hub.talent.credentials.proof import verification_method

MULTIKEY_CONTEXT = "https://w3id.org/security/multikey/v1"


@dataclass(frozen=True)
class Issuer:
    """An organisation that has issued credentials, as it is now."""

    slug: str
    name: str
    description: str
    website: str | None


def issuer_profile(issuer: Issuer, keys: CredentialKeys, public_url: str) -> dict[str, Any]:
    """The Profile served at ``issuer_profile_url``."""
    profile_url = issuer_profile_url(public_url, issuer.slug)
    trusted = [keys.signing.did, *sorted(keys.retired - {keys.signing.did})]
    methods = [
        {
            "id": verification_method(did),
            "type": "Multikey",
            "controller": profile_url,
            "publicKeyMultibase": did.removeprefix("did:key:"),
        }
        for did in trusted
    ]
    profile: dict[str, Any] = {
        "@context": [*OB3_CONTEXT, MULTIKEY_CONTEXT],
        "id": profile_url,
        "type": ["Profile"],
        "name": issuer.name,
        "otherIdentifier": [
            {
                "type": "IdentifierEntry",
                "identifier": issuer_urn(issuer.slug),
                "identifierType": "identifier",
            }
        ],
        "verificationMethod": methods,
        "assertionMethod": [method["id"] for method in methods],
    }
    if issuer.description:
        profile["description"] = issuer.description
    if issuer.website:
        profile["url"] = issuer.website
    return profile
