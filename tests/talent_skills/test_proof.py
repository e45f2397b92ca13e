"""Data Integrity proofs (eddsa-jcs-2022): a signed document verifies; any change breaks it."""

from __future__ import annotations

import copy
import dataclasses
import hashlib
from datetime import UTC, datetime

import pytest

from hub.creators.enums import SkillLevel
from hub.talent.credentials.document import (
    CURRENT_FORMAT,
    AttestedDiscipline,
    Badge,
    ob3_document,
)
from hub.talent.credentials.proof import (
    SigningKey,
    base58btc,
    canonical_json,
    from_base58btc,
    public_key_of,
    sign,
    signer_of,
)

KEY = SigningKey.from_seed(bytes(range(32)))
OTHER_KEY = SigningKey.from_seed(bytes(range(1, 33)))
BADGE = Badge(
    public_id="5f0c6f1e-7a43-4a53-9d77-1f1d8f3b2c10",
    issued_at=datetime(2026, 11, 30, 9, 15, 30, 123456, tzinfo=UTC),
    issuer_slug="astana-hub",
    issuer_name="Astana Hub",
    recipient_handle="aigerim",
    recipient_name="Айгерим Сапарова",
    achievement_id=7,
    achievement_name="3D animation, advanced course",
    achievement_description="Twelve sessions of character animation.",
    criteria="Complete the course with at least 80% attendance.",
    achievement_type="Course",
    discipline_slug="animation",
    level=SkillLevel.ADVANCED,
    result_level=SkillLevel.ADVANCED,
    programme_slug="3d-animation-advanced",
    programme_title="3D animation, advanced",
    sessions_attended=11,
    sessions_total=12,
)


def test_base58btc_round_trips_leading_zeros():
    data = b"\0\0\xed\x01" + bytes(range(32))
    assert from_base58btc(base58btc(data)) == data
    assert base58btc(b"\0\x01") == "12"


def test_the_did_key_of_an_ed25519_key_starts_as_the_spec_says():
    assert KEY.did.startswith("did:key:z6Mk")
    assert (
        public_key_of(KEY.did).public_bytes_raw() == KEY.private_key.public_key().public_bytes_raw()
    )


def test_canonical_json_sorts_keys_and_keeps_unicode():
    assert canonical_json({"b": 1, "a": ["я", True]}) == '{"a":["я",true],"b":1}'.encode()


def test_a_signed_open_badge_verifies_as_its_signer():
    document = ob3_document(BADGE, "https://hub.example")
    signed = sign(document, KEY, "2026-11-30T09:15:30Z")
    assert signed["proof"]["cryptosuite"] == "eddsa-jcs-2022"
    assert signed["proof"]["proofValue"].startswith("z")
    assert signer_of(signed) == KEY.did


def test_signing_is_deterministic_so_a_served_credential_is_always_the_same_bytes():
    document = ob3_document(BADGE, "https://hub.example")
    assert sign(document, KEY, "2026-11-30T09:15:30Z") == sign(
        document, KEY, "2026-11-30T09:15:30Z"
    )


@pytest.mark.parametrize(
    "tamper",
    [
        lambda d: d["credentialSubject"]["result"][0].update(value="MASTER"),
        lambda d: d["credentialSubject"].update(name="Someone Else"),
        lambda d: d["issuer"].update(name="Another Studio"),
        lambda d: d["proof"].update(created="2030-01-01T00:00:00Z"),
        lambda d: d["proof"].update(proofValue="z" + "1" * 80),
        lambda d: d.pop("evidence"),
        lambda d: d["@context"].append("https://example.org/extra"),
    ],
)
def test_any_change_to_a_signed_document_breaks_its_proof(tamper):
    signed = sign(ob3_document(BADGE, "https://hub.example"), KEY, "2026-11-30T09:15:30Z")
    changed = copy.deepcopy(signed)
    tamper(changed)
    assert signer_of(changed) is None


def test_a_proof_naming_another_key_than_the_one_that_signed_fails():
    signed = sign(ob3_document(BADGE, "https://hub.example"), KEY, "2026-11-30T09:15:30Z")
    forged = copy.deepcopy(signed)
    forged["proof"]["verificationMethod"] = f"{OTHER_KEY.did}#{OTHER_KEY.did[8:]}"
    assert signer_of(forged) is None


def test_a_document_without_a_proof_has_no_signer():
    assert signer_of(ob3_document(BADGE, "https://hub.example")) is None


def test_the_open_badge_has_the_shape_ob3_asks_for():
    document = ob3_document(BADGE, "https://hub.example")
    assert document["@context"][0] == "https://www.w3.org/ns/credentials/v2"
    assert "ob/v3p0" in document["@context"][1]
    assert document["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert document["id"] == f"https://hub.example/credentials/{BADGE.public_id}"
    assert document["validFrom"] == "2026-11-30T09:15:30Z"
    achievement = document["credentialSubject"]["achievement"]
    assert achievement["type"] == ["Achievement"]
    assert achievement["criteria"]["narrative"].startswith("Complete the course")
    assert achievement["resultDescription"][0]["requiredValue"] == "ADVANCED"
    assert document["credentialSubject"]["result"][0]["value"] == "ADVANCED"
    assert document["evidence"][0]["narrative"] == "Attended 11 of 12 sessions."
    assert document["credentialStatus"]["type"] == "1EdTechRevocationList"


def test_after_a_rotation_the_retired_key_still_verifies_until_it_is_dropped():
    from hub.config import Settings
    from hub.talent.credentials.keys import credential_keys, new_seed, seed_did

    old, new = new_seed(), new_seed()
    before = credential_keys(Settings(credential_signing_key=old))
    signed = sign(
        ob3_document(BADGE, "https://hub.example"), before.signing, "2026-11-30T09:15:30Z"
    )
    rotated = credential_keys(
        Settings(credential_signing_key=new, credential_retired_keys=seed_did(old))
    )
    dropped = credential_keys(Settings(credential_signing_key=new))
    signer = signer_of(signed)
    assert signer == seed_did(old)
    assert before.trusts(signer)
    assert rotated.trusts(signer)
    assert rotated.signing.did == seed_did(new)
    assert not dropped.trusts(signer)


def test_production_without_a_key_serves_no_credentials():
    from hub.config import Settings
    from hub.talent.credentials.keys import NoSigningKey, credential_keys

    with pytest.raises(NoSigningKey):
        credential_keys(Settings(environment="production", jwt_secret="x" * 40))


def test_a_first_format_document_and_its_proof_are_the_bytes_signed_before_format_two():
    """Copies of credentials issued before format 2 keep verifying: their document (and so
    their proof, Ed25519 being deterministic) is pinned here as first served."""
    document = ob3_document(BADGE, "https://hub.example")
    assert hashlib.sha256(canonical_json(document)).hexdigest() == (
        "fc16126d0a970fae166e275d4905bc09d0d88ac68b032a0f8a61e86158b4ab6e"
    )
    assert sign(document, KEY, "2026-11-30T09:15:30Z")["proof"]["proofValue"] == (
        "z4BT2gpAmrmvFb6SPwrgyoCKB8J3ZxeGXxm6L8t5x5hHso1k1BipoRLV42A5UFnZyvticdL8tv3z8jtJdK1MN5Szh"
    )
    assert document["issuer"]["id"] == "urn:hub:organisation:astana-hub"


def test_a_second_format_document_attests_every_discipline_and_names_its_issuer_by_url():
    badge = dataclasses.replace(
        BADGE,
        document_format=CURRENT_FORMAT,
        disciplines=(
            AttestedDiscipline("animation", "Animation", SkillLevel.ADVANCED),
            AttestedDiscipline("illustration", "Illustration", SkillLevel.ADVANCED),
        ),
    )
    document = ob3_document(badge, "https://hub.example")
    achievement = document["credentialSubject"]["achievement"]
    assert document["issuer"]["id"] == "https://hub.example/credentials/issuers/astana-hub"
    assert achievement["tag"] == ["animation", "illustration"]
    assert [a["targetCode"] for a in achievement["alignment"]] == ["animation", "illustration"]
    assert [
        (d["requiredValue"], d["alignment"][0]["targetName"])
        for d in achievement["resultDescription"]
    ] == [("ADVANCED", "Animation"), ("ADVANCED", "Illustration")]
    results = document["credentialSubject"]["result"]
    assert [r["resultDescription"] for r in results] == [
        d["id"] for d in achievement["resultDescription"]
    ]
    assert signer_of(sign(document, KEY, "2026-11-30T09:15:30Z")) == KEY.did
