"""Credentials: issued once for a completed application, served signed at a public URL,
verified there by anyone, and refused after their issuer revokes them."""

from __future__ import annotations

import copy

import pytest
from sqlalchemy import func, select

from hub.core.validation import Rejected
from hub.creators.enums import SkillLevel
from hub.disciplines.models import Discipline
from hub.talent.credentials.models import Achievement, Credential
from hub.talent.credentials.proof import signer_of
from hub.talent.credentials.service import issue_credential, revoke_credential
from hub.talent.enums import ApplicationStatus, ProgrammeStatus
from hub.talent.models import ProgrammeDiscipline
from tests.helpers import data_of
from tests.talent_skills import builders


@pytest.fixture
async def host(factory):
    return await factory.organisation(slug="kino-school", name="Kino School")


@pytest.fixture
async def graduate(factory):
    return await factory.creator(handle="dana", display_name="Dana Nurlanovna")


async def public_id_of(session, credential_id):
    return await session.scalar(select(Credential.public_id).where(Credential.id == credential_id))


async def test_a_completed_application_earns_one_credential_however_often_it_is_issued(
    sessions, host, graduate
):
    programme = await builders.programme(sessions, host, level=SkillLevel.EXPERT)
    application = await builders.application(sessions, programme, graduate)
    async with sessions() as session, session.begin():
        first = await issue_credential(session, application)
        again = await issue_credential(session, application)
        credential = await session.get(Credential, first)
        achievement = await session.get(Achievement, credential.achievement_id)
        count = await session.scalar(
            select(func.count()).where(Credential.application_id == application)
        )
    assert first == again
    assert credential.level is SkillLevel.EXPERT
    assert (credential.sessions_attended, credential.sessions_total) == (3, 3)
    assert achievement.issuer_slug == "kino-school"
    assert achievement.discipline_slug == "animation"
    assert count == 1


@pytest.mark.parametrize(
    "status", [ApplicationStatus.ENROLLED, ApplicationStatus.DROPPED, ApplicationStatus.NO_SHOW]
)
async def test_an_application_not_completed_earns_nothing(sessions, host, graduate, status):
    programme = await builders.programme(sessions, host)
    application = await builders.application(sessions, programme, graduate, status)
    async with sessions() as session:
        with pytest.raises(Rejected) as refused:
            await issue_credential(session, application)
        await session.rollback()
        assert (
            await session.scalar(select(func.count()).where(Credential.creator_id == graduate)) == 0
        )
    assert refused.value.errors[0].code.value == "NOT_COMPLETED"


async def test_a_credential_verifies_from_its_public_url_and_is_refused_after_revocation(
    client, sessions, host, graduate
):
    credential_id = await builders.credential(sessions, host, graduate)
    async with sessions() as session:
        public_id = await public_id_of(session, credential_id)

    fetched = await client.get(f"/credentials/{public_id}")
    assert fetched.status_code == 200
    assert fetched.headers["content-type"].startswith("application/ld+json")
    document = fetched.json()
    assert document["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert document["credentialSubject"]["name"] == "Dana Nurlanovna"
    assert document["proof"]["cryptosuite"] == "eddsa-jcs-2022"

    verdict = await client.post("/credentials/verify", json=document)
    assert verdict.json()["verdict"] == "VALID"
    assert (await client.get(f"/credentials/{public_id}/verification")).json()["verdict"] == "VALID"

    async with sessions() as session, session.begin():
        await revoke_credential(session, credential_id, "Plagiarised final work.", None)

    after = (await client.post("/credentials/verify", json=document)).json()
    assert after["verdict"] == "REVOKED"
    assert after["revocationReason"] == "Plagiarised final work."
    assert (await client.get(f"/credentials/{public_id}/verification")).json()[
        "verdict"
    ] == "REVOKED"
    listing = (await client.get("/credentials/issuers/kino-school/revocations")).json()
    assert listing["revokedCredentials"] == [
        {"id": document["id"], "revocationReason": "Plagiarised final work."}
    ]


async def test_a_changed_copy_of_a_credential_is_refused_as_tampered(
    client, sessions, host, graduate
):
    credential_id = await builders.credential(sessions, host, graduate)
    async with sessions() as session:
        public_id = await public_id_of(session, credential_id)
    document = (await client.get(f"/credentials/{public_id}")).json()
    raised = copy.deepcopy(document)
    raised["credentialSubject"]["result"][0]["value"] = "MASTER"
    assert (await client.post("/credentials/verify", json=raised)).json()["verdict"] == "TAMPERED"


async def test_a_document_signed_by_a_key_the_hub_does_not_trust_is_tampered(
    client, sessions, host, graduate
):
    from hub.talent.credentials.proof import SigningKey, sign

    credential_id = await builders.credential(sessions, host, graduate)
    async with sessions() as session:
        public_id = await public_id_of(session, credential_id)
    document = (await client.get(f"/credentials/{public_id}")).json()
    unsigned = {name: value for name, value in document.items() if name != "proof"}
    forged = sign(unsigned, SigningKey.from_seed(b"\x07" * 32), document["proof"]["created"])
    assert (await client.post("/credentials/verify", json=forged)).json()["verdict"] == "TAMPERED"


async def test_revoking_needs_a_reason_and_happens_once(sessions, host, graduate):
    credential_id = await builders.credential(sessions, host, graduate)
    async with sessions() as session:
        with pytest.raises(Rejected) as empty:
            await revoke_credential(session, credential_id, "  ", None)
        await session.rollback()
    assert empty.value.errors[0].code.value == "REQUIRED"
    async with sessions() as session, session.begin():
        await revoke_credential(session, credential_id, "Issued by mistake.", None)
    async with sessions() as session:
        with pytest.raises(Rejected) as twice:
            await revoke_credential(session, credential_id, "Again.", None)
        await session.rollback()
        reason = await session.scalar(
            select(Credential.revocation_reason).where(Credential.id == credential_id)
        )
    assert twice.value.errors[0].code.value == "ALREADY_REVOKED"
    assert reason == "Issued by mistake."


async def test_an_unknown_credential_is_not_found(client):
    assert (await client.get("/credentials/no-such-id")).status_code == 404
    assert (await client.post("/credentials/verify", content=b"not json")).status_code == 400


COMPLETE = """
mutation ($input: RecordApplicationOutcomeInput!) {
  recordApplicationOutcome(input: $input) { userErrors { code } }
}
"""


async def test_completing_an_application_issues_its_credential_off_the_request(
    client, factory, sessions
):
    from hub.talent import programmes
    from hub.talent.enums import ApplicationStatus as A
    from tests.factories import global_id
    from tests.helpers import data_of
    from tests.talent import world

    host = await world.host(factory)
    programme = await world.programme(factory, host.organisation)
    async with sessions() as session, session.begin():
        session.add(
            ProgrammeDiscipline(programme_id=programme, discipline_id=await _animation(session))
        )
    applicant = await world.person(factory)
    key = await world.application(factory, programme, applicant.creator)
    await world.decide(factory, key, A.ACCEPTED)
    await world.enrol(factory, key)
    for status in (ProgrammeStatus.CLOSED, ProgrammeStatus.RUNNING):
        await factory._write(
            lambda s, status=status: programmes.change_programme_status(s, programme, status)
        )
    done = await data_of(
        client,
        COMPLETE,
        {"input": {"id": global_id("ProgrammeApplication", key), "outcome": "COMPLETED"}},
        headers=host.headers,
    )
    assert done["recordApplicationOutcome"]["userErrors"] == []
    async with sessions() as session:
        issued = (
            await session.scalars(select(Credential).where(Credential.application_id == key))
        ).all()
    assert len(issued) == 1
    assert issued[0].creator_id == applicant.creator
    assert issued[0].level is SkillLevel.INTERMEDIATE
    from hub.accounts.enums import AuditActorKind
    from hub.accounts.models import AuditRecord

    async with sessions() as session:
        audited = await session.scalar(
            select(AuditRecord).where(
                AuditRecord.action == "issueCredential", AuditRecord.entity_id == issued[0].id
            )
        )
    assert audited.actor_kind is AuditActorKind.SYSTEM
    assert audited.actor_job == "talent.credential.issue"


async def _animation(session):
    from hub.disciplines.models import Discipline

    return await session.scalar(select(Discipline.id).where(Discipline.slug == "animation"))


async def test_a_credential_attests_every_discipline_its_programme_teaches(
    client, sessions, host, graduate
):
    programme = await builders.programme(sessions, host, level=SkillLevel.EXPERT)
    async with sessions() as session, session.begin():
        for slug in ("sound-design", "cinematography"):
            discipline = await session.scalar(select(Discipline.id).where(Discipline.slug == slug))
            session.add(ProgrammeDiscipline(programme_id=programme, discipline_id=discipline))
    application = await builders.application(sessions, programme, graduate)
    async with sessions() as session, session.begin():
        public_id = await public_id_of(session, await issue_credential(session, application))

    document = (await client.get(f"/credentials/{public_id}")).json()
    achievement = document["credentialSubject"]["achievement"]
    assert achievement["tag"] == ["animation", "cinematography", "sound-design"]
    assert [a["targetName"] for a in achievement["alignment"]] == [
        "Animation",
        "Cinematography",
        "Sound design",
    ]
    assert {d["requiredValue"] for d in achievement["resultDescription"]} == {"EXPERT"}
    assert len(document["credentialSubject"]["result"]) == 3
    assert achievement["criteria"]["narrative"].endswith(
        "in Animation, Cinematography and Sound design."
    )
    assert (await client.post("/credentials/verify", json=document)).json()["verdict"] == "VALID"
    shown = await data_of(
        client,
        'query { creator(handle: "dana") { credentials(first: 1) { nodes { discipline '
        "{ slug } achievement { disciplines { slug } } } } } }",
    )
    (node,) = shown["creator"]["credentials"]["nodes"]
    assert node["discipline"] == {"slug": "animation"}
    assert sorted(d["slug"] for d in node["achievement"]["disciplines"]) == achievement["tag"]


async def test_a_credential_of_the_first_format_is_served_and_verified_as_it_was_issued(
    client, sessions, host, graduate
):
    credential_id = await builders.credential(sessions, host, graduate)
    async with sessions() as session, session.begin():
        credential = await session.get(Credential, credential_id)
        credential.document_format = 1
        public_id = credential.public_id
    document = (await client.get(f"/credentials/{public_id}")).json()
    assert document["issuer"]["id"] == "urn:hub:organisation:kino-school"
    assert document["credentialSubject"]["achievement"]["tag"] == ["animation"]
    assert "alignment" not in document["credentialSubject"]["achievement"]
    assert (await client.post("/credentials/verify", json=document)).json()["verdict"] == "VALID"


async def test_the_issuer_id_is_a_profile_that_names_the_key_which_signed_the_credential(
    client, sessions, settings, host, graduate
):
    credential_id = await builders.credential(sessions, host, graduate)
    async with sessions() as session:
        public_id = await public_id_of(session, credential_id)
    document = (await client.get(f"/credentials/{public_id}")).json()
    issuer_id = document["issuer"]["id"]
    assert issuer_id == f"{settings.public_url}/credentials/issuers/kino-school"

    fetched = await client.get(issuer_id.removeprefix(settings.public_url))
    assert fetched.status_code == 200
    assert fetched.headers["content-type"].startswith("application/ld+json")
    profile = fetched.json()
    assert profile["id"] == issuer_id
    assert profile["type"] == ["Profile"]
    assert profile["name"] == "Kino School"
    method = document["proof"]["verificationMethod"]
    assert method in profile["assertionMethod"]
    (listed,) = [m for m in profile["verificationMethod"] if m["id"] == method]
    assert listed["controller"] == issuer_id
    assert signer_of(document) == f"did:key:{listed['publicKeyMultibase']}"
    assert profile["otherIdentifier"][0]["identifier"] == "urn:hub:organisation:kino-school"


async def test_an_organisation_that_issued_nothing_has_no_issuer_profile(client, factory):
    await factory.organisation(slug="quiet-studio")
    assert (await client.get("/credentials/issuers/quiet-studio")).status_code == 404
    assert (await client.get("/credentials/issuers/no-such-host")).status_code == 404
