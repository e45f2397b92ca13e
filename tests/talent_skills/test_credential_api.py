"""Credentials through GraphQL: on the profile, verified, revoked by the issuer's admins."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from hub.accounts.enums import OrganisationRole
from hub.creators.enums import SkillLevel
from hub.talent.credentials.models import Credential
from tests.factories import global_id
from tests.helpers import ADMIN, data_of
from tests.talent_skills import builders

PROFILE = """
query ($handle: String!) {
  creator(handle: $handle) {
    credentials(first: 10) {
      totalCount
      nodes {
        level url revokedAt sessionsAttended sessionsTotal
        discipline { slug }
        achievement { name achievementType issuer { slug } }
      }
    }
  }
}
"""
REVOKE = """
mutation ($input: RevokeCredentialInput!) {
  revokeCredential(input: $input) {
    credential { revokedAt revocationReason }
    userErrors { code field }
  }
}
"""
VERIFY = """
query ($document: JSON!) {
  verifyCredential(document: $document) { verdict publicId revocationReason }
}
"""
CREDENTIALS = """
query ($creator: ID!, $all: Boolean!) {
  credentials(creatorId: $creator, includeRevoked: $all, first: 5) { totalCount }
}
"""
PAGE = """
query ($size: Int!) {
  creators(first: $size, filter: { search: "graduate" }) {
    nodes {
      handle
      credentials(first: 3) { totalCount nodes { level achievement { name issuer { slug } } } }
    }
  }
}
"""


@pytest.fixture
async def host(factory):
    return await factory.organisation(slug="steppe-studio", name="Steppe Studio")


@pytest.fixture
async def earned(factory, sessions, host):
    creator = await factory.creator(handle="graduate-one", display_name="Graduate One")
    credential = await builders.credential(
        sessions, host, creator, level=SkillLevel.EXPERT, title="Lighting for film"
    )
    return creator, credential


async def test_a_credential_shows_on_its_creators_profile(client, earned):
    data = await data_of(client, PROFILE, {"handle": "graduate-one"})
    credentials = data["creator"]["credentials"]
    assert credentials["totalCount"] == 1
    (shown,) = credentials["nodes"]
    assert shown["level"] == "EXPERT"
    assert shown["discipline"] == {"slug": "animation"}
    assert shown["achievement"] == {
        "name": "Lighting for film",
        "achievementType": "Course",
        "issuer": {"slug": "steppe-studio"},
    }
    assert shown["url"].startswith("http://127.0.0.1:8000/credentials/")
    assert shown["revokedAt"] is None


async def test_the_issuers_admin_revokes_and_verification_then_refuses(
    client, factory, sessions, host, earned
):
    creator, credential = earned
    async with sessions() as session:
        public_id = await session.scalar(
            select(Credential.public_id).where(Credential.id == credential)
        )
    document = (await client.get(f"/credentials/{public_id}")).json()
    valid = await data_of(client, VERIFY, {"document": document})
    assert valid["verifyCredential"] == {
        "verdict": "VALID",
        "publicId": public_id,
        "revocationReason": None,
    }
    admin = await factory.user()
    await factory.member(host, admin, OrganisationRole.ADMIN)
    revoked = await data_of(
        client,
        REVOKE,
        {"input": {"id": global_id("Credential", credential), "reason": "Attendance forged."}},
        headers=await factory.headers_for(admin),
    )
    assert revoked["revokeCredential"]["userErrors"] == []
    assert revoked["revokeCredential"]["credential"]["revocationReason"] == "Attendance forged."
    refused = await data_of(client, VERIFY, {"document": document})
    assert refused["verifyCredential"]["verdict"] == "REVOKED"
    assert refused["verifyCredential"]["revocationReason"] == "Attendance forged."
    profile = await data_of(client, PROFILE, {"handle": "graduate-one"})
    assert profile["creator"]["credentials"]["totalCount"] == 0
    listed = await data_of(
        client, CREDENTIALS, {"creator": global_id("Creator", creator), "all": True}
    )
    assert listed["credentials"]["totalCount"] == 1


async def test_a_member_who_is_not_an_admin_cannot_revoke(client, factory, sessions, host, earned):
    _, credential = earned
    member = await factory.user()
    await factory.member(host, member, OrganisationRole.MEMBER)
    body = await client.post(
        "/graphql",
        json={
            "query": REVOKE,
            "variables": {"input": {"id": global_id("Credential", credential), "reason": "No."}},
        },
        headers=await factory.headers_for(member),
    )
    assert body.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    async with sessions() as session:
        row = await session.get(Credential, credential)
    assert row.revoked_at is None


async def test_revoking_without_a_reason_is_refused(client, earned):
    _, credential = earned
    data = await data_of(
        client,
        REVOKE,
        {"input": {"id": global_id("Credential", credential), "reason": " "}},
        headers=ADMIN,
    )
    assert data["revokeCredential"]["userErrors"] == [{"code": "REQUIRED", "field": ["reason"]}]
    assert data["revokeCredential"]["credential"] is None


async def test_a_page_of_creators_with_credentials_costs_the_same_at_any_size(
    client, factory, sessions, host, statements
):
    for number in range(12):
        creator = await factory.creator(handle=f"graduate-{number:02}")
        await builders.credential(sessions, host, creator)
    with statements.record():
        small = await data_of(client, PAGE, {"size": 2})
    small_cost = len(statements.selects)
    with statements.record():
        large = await data_of(client, PAGE, {"size": 12})
    large_cost = len(statements.selects)
    assert len(small["creators"]["nodes"]) == 2
    assert len(large["creators"]["nodes"]) == 12
    assert all(node["credentials"]["totalCount"] == 1 for node in large["creators"]["nodes"])
    assert large_cost == small_cost
