"""Data Integrity proofs for credentials: the ``eddsa-jcs-2022`` cryptosuite, Ed25519 keys.

The W3C suite (VC Data Integrity EdDSA Cryptosuites v1.0) signs
``SHA-256(JCS(proof options)) || SHA-256(JCS(document without proof))`` with Ed25519 and
writes the signature as a multibase (base58btc, ``z``) ``proofValue``. Keys are named by
``did:key`` identifiers, which hold the public key itself, so anyone can check a proof
without asking the hub; whether the hub still vouches for a key is a separate question
(``CredentialKeys.trusts``). JCS (RFC 8785) is ``json.dumps`` with sorted keys and no
spaces for the values a credential holds (strings, integers, booleans, lists, objects:
no floats).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

CRYPTOSUITE = "eddsa-jcs-2022"
PROOF_TYPE = "DataIntegrityProof"
PROOF_PURPOSE = "assertionMethod"
_ED25519_MULTICODEC = b"\xed\x01"
_BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def canonical_json(value: Any) -> bytes:
    """RFC 8785 for float-free JSON: sorted keys, no whitespace, UTF-8."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def base58btc(data: bytes) -> str:
    number = int.from_bytes(data, "big")
    digits = []
    while number:
        number, digit = divmod(number, 58)
        digits.append(_BASE58[digit])
    leading = len(data) - len(data.lstrip(b"\0"))
    return "1" * leading + "".join(reversed(digits))


def from_base58btc(text: str) -> bytes:
    number = 0
    for character in text:
        index = _BASE58.find(character)
        if index < 0:
            raise ValueError(f"not base58: {character!r}")
        number = number * 58 + index
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    leading = len(text) - len(text.lstrip("1"))
    return b"\0" * leading + body


def did_key(public_key: Ed25519PublicKey) -> str:
    """The ``did:key`` identifier of an Ed25519 public key (``did:key:z6Mk...``)."""
    raw = public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)
    return "did:key:z" + base58btc(_ED25519_MULTICODEC + raw)


def public_key_of(did: str) -> Ed25519PublicKey:
    """The public key a ``did:key`` (or its verification method, ``did#fragment``) names."""
    identifier = did.split("#", 1)[0]
    if not identifier.startswith("did:key:z"):
        raise ValueError("not an Ed25519 did:key")
    decoded = from_base58btc(identifier.removeprefix("did:key:z"))
    if not decoded.startswith(_ED25519_MULTICODEC) or len(decoded) != 34:
        raise ValueError("not an Ed25519 did:key")
    return Ed25519PublicKey.from_public_bytes(decoded[2:])


def verification_method(did: str) -> str:
    """A did:key's one verification method: the key named again as its fragment."""
    return f"{did}#{did.removeprefix('did:key:')}"


@dataclass(frozen=True)
class SigningKey:
    """An Ed25519 private key and the did:key it signs as."""

    private_key: Ed25519PrivateKey

    @classmethod
    def from_seed(cls, seed: bytes) -> SigningKey:
        return cls(Ed25519PrivateKey.from_private_bytes(seed))

    @property
    def did(self) -> str:
        return did_key(self.private_key.public_key())


def _signed_bytes(document: Mapping[str, Any], options: Mapping[str, Any]) -> bytes:
    unsecured = {name: value for name, value in document.items() if name != "proof"}
    config = {**options, "@context": unsecured.get("@context")}
    return (
        hashlib.sha256(canonical_json(config)).digest()
        + hashlib.sha256(canonical_json(unsecured)).digest()
    )


def sign(document: Mapping[str, Any], key: SigningKey, created: str) -> dict[str, Any]:
    """``document`` with a Data Integrity proof made by ``key`` at ``created`` (XSD dateTime).

    Ed25519 signatures are deterministic: the same document, key and time give the same
    proof, so a credential served twice is the same bytes.
    """
    options = {
        "type": PROOF_TYPE,
        "cryptosuite": CRYPTOSUITE,
        "created": created,
        "verificationMethod": verification_method(key.did),
        "proofPurpose": PROOF_PURPOSE,
    }
    signature = key.private_key.sign(_signed_bytes(document, options))
    return {**document, "proof": {**options, "proofValue": "z" + base58btc(signature)}}


def signer_of(document: Mapping[str, Any]) -> str | None:
    """The did:key whose signature ``document``'s proof carries, if the proof is intact.

    None when there is no proof of this suite, it names no Ed25519 did:key, or the
    signature does not match the document: any change to a signed field shows here.
    """
    proof = document.get("proof")
    if not isinstance(proof, Mapping):
        return None
    if proof.get("type") != PROOF_TYPE or proof.get("cryptosuite") != CRYPTOSUITE:
        return None
    value, method = proof.get("proofValue"), proof.get("verificationMethod")
    if not isinstance(value, str) or not isinstance(method, str) or not value.startswith("z"):
        return None
    try:
        public_key = public_key_of(method)
        signature = from_base58btc(value[1:])
    except ValueError:
        return None
    options = {name: field for name, field in proof.items() if name != "proofValue"}
    try:
        public_key.verify(signature, _signed_bytes(document, options))
    except InvalidSignature:
        return None
    return method.split("#", 1)[0]
