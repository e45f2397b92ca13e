"""The keys credentials are signed with, from settings, and which keys the hub vouches for.

Rotation: make a new key (`hub credentials new-key`), put the old key's did:key in
``HUB_CREDENTIAL_RETIRED_KEYS`` and the new seed in ``HUB_CREDENTIAL_SIGNING_KEY``.
Documents are signed when served, so the hub serves every credential under the new key at
once; copies people saved earlier, signed by the retired key, still verify until it is
dropped from the list (drop it to disown everything it signed, say after a leak).
"""

from __future__ import annotations

import base64
import logging
import secrets
from dataclasses import dataclass

from hub.config import Settings
from hub.talent.credentials.proof import SigningKey

logger = logging.getLogger("hub.credentials")

_development_seed: list[bytes] = []


class NoSigningKey(RuntimeError):
    """Outside development, credentials are not served without ``HUB_CREDENTIAL_SIGNING_KEY``."""


def new_seed() -> str:
    """A fresh signing key's seed, base64url, for ``HUB_CREDENTIAL_SIGNING_KEY``."""
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode().rstrip("=")


def seed_did(seed: str) -> str:
    """The did:key a seed signs as."""
    return SigningKey.from_seed(_decode_seed(seed)).did


def _decode_seed(text: str) -> bytes:
    seed = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    if len(seed) != 32:
        raise ValueError("HUB_CREDENTIAL_SIGNING_KEY must be a 32-byte seed, base64url.")
    return seed


@dataclass(frozen=True)
class CredentialKeys:
    """The key signing now, and the did:keys whose signatures still count."""

    signing: SigningKey
    retired: frozenset[str]

    def trusts(self, did: str) -> bool:
        return did == self.signing.did or did in self.retired


def credential_keys(settings: Settings) -> CredentialKeys:
    """The configured keys; in development without one, a random key for this process."""
    if settings.credential_signing_key is not None:
        seed = _decode_seed(settings.credential_signing_key.get_secret_value())
    elif settings.environment == "development":
        if not _development_seed:
            logger.warning(
                "HUB_CREDENTIAL_SIGNING_KEY is not set: signing credentials with a random key "
                "that lasts as long as this process. Copies saved earlier will not verify."
            )
            _development_seed.append(secrets.token_bytes(32))
        seed = _development_seed[0]
    else:
        raise NoSigningKey("HUB_CREDENTIAL_SIGNING_KEY is required outside development.")
    return CredentialKeys(SigningKey.from_seed(seed), frozenset(settings.credential_retired_keys))
