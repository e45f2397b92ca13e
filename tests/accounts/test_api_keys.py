"""API keys: created with the secret shown once, stored hashed, scoped, revocable."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select, update

from hub.accounts.enums import OrganisationRole
from hub.accounts.models import ApiKey
from hub.api.principal import Scope
from hub.organisations.models import Organisation
from tests.factories import global_id
from tests.helpers import data_of, graphql

CREATE = """
mutation ($input: CreateApiKeyInput!) {
  createApiKey(input: $input) {
    secret apiKey { id name scopes isActive lastUsedAt } userErrors { field code }
  }
}
"""
REVOKE = """
mutation ($input: RevokeApiKeyInput!) {
  revokeApiKey(input: $input) { apiKey { isActive revokedAt } userErrors { code } }
}
"""
UPDATE = """
mutation ($input: UpdateOrganisationInput!) {
  updateOrganisation(input: $input) { organisation { description } userErrors { code } }
}
"""
KEYS = """query ($id: ID!) { node(id: $id) { ... on Organisation {
            apiKeys { totalCount nodes { name scopes isActive } } } } }"""


async def _admin_of_organisation(factory) -> tuple[int, dict[str, str]]:
    organisation = await factory.organisation()
    admin = await factory.user()
    await factory.member(organisation, admin, OrganisationRole.ADMIN)
    return organisation, await factory.headers_for(admin)


async def _create(client, headers, organisation: int, scopes: list[str]) -> dict:
    data = await data_of(
        client,
        CREATE,
        {
            "input": {
                "organisationId": global_id("Organisation", organisation),
                "name": "Partner portal",
                "scopes": scopes,
            }
        },
        headers=headers,
    )
    return data["createApiKey"]


async def test_a_new_key_shows_its_secret_once_and_stores_only_its_hash(client, factory, session):
    organisation, headers = await _admin_of_organisation(factory)
    created = await _create(client, headers, organisation, ["READ", "WRITE"])
    assert created["userErrors"] == []
    secret = created["secret"]
    key_id = int(secret.split("_")[1])
    assert secret.startswith(f"hub_{key_id}_")
    assert len(secret) > 40
    assert created["apiKey"]["scopes"] == ["READ", "WRITE"]
    stored = await session.get(ApiKey, key_id)
    assert secret.split("_", 2)[2] not in stored.secret_hash
    listed = await data_of(
        client, KEYS, {"id": global_id("Organisation", organisation)}, headers=headers
    )
    assert listed["node"]["apiKeys"] == {
        "totalCount": 1,
        "nodes": [{"name": "Partner portal", "scopes": ["READ", "WRITE"], "isActive": True}],
    }
    assert "secret" not in str(listed)


async def test_a_key_needs_a_name_and_a_scope(client, factory):
    organisation, headers = await _admin_of_organisation(factory)
    data = await data_of(
        client,
        CREATE,
        {
            "input": {
                "organisationId": global_id("Organisation", organisation),
                "name": " ",
                "scopes": [],
            }
        },
        headers=headers,
    )
    codes = {(e["field"][0], e["code"]) for e in data["createApiKey"]["userErrors"]}
    assert codes == {("name", "REQUIRED"), ("scopes", "REQUIRED")}


async def test_a_write_key_acts_as_an_admin_of_its_organisation(client, factory):
    organisation = await factory.organisation()
    key = await factory.api_key(organisation, Scope.WRITE)
    as_header = {"X-API-Key": key["Authorization"].removeprefix("Bearer ")}
    data = await data_of(
        client,
        UPDATE,
        {"input": {"id": global_id("Organisation", organisation), "description": "Via key."}},
        headers=as_header,
    )
    assert data["updateOrganisation"] == {
        "organisation": {"description": "Via key."},
        "userErrors": [],
    }


async def test_a_read_key_trying_to_write_is_forbidden_and_changes_nothing(
    client, factory, session
):
    organisation = await factory.organisation(description="Before.")
    key = await factory.api_key(organisation, Scope.READ)
    body = await graphql(
        client,
        UPDATE,
        {"input": {"id": global_id("Organisation", organisation), "description": "After."}},
        headers=key,
    )
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert "WRITE" in body["errors"][0]["message"]
    session.expire_all()
    assert (await session.get(Organisation, organisation)).description == "Before."


async def test_a_revoked_key_stops_working_at_once(client, factory, session):
    organisation, headers = await _admin_of_organisation(factory)
    created = await _create(client, headers, organisation, ["READ"])
    key_headers = {"Authorization": f"Bearer {created['secret']}"}
    assert (
        await client.post("/graphql", json={"query": "{ me { email } }"}, headers=key_headers)
    ).status_code == 200
    data = await data_of(
        client, REVOKE, {"input": {"id": created["apiKey"]["id"]}}, headers=headers
    )
    assert data["revokeApiKey"]["apiKey"]["isActive"] is False
    refused = await client.post("/graphql", json={"query": "{ me { email } }"}, headers=key_headers)
    assert refused.status_code == 401
    assert refused.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_a_key_with_a_wrong_secret_is_refused(client, factory):
    organisation = await factory.organisation()
    key = (await factory.api_key(organisation, Scope.READ))["Authorization"]
    tampered = key[:-4] + ("AAAA" if not key.endswith("AAAA") else "BBBB")
    response = await client.post(
        "/graphql", json={"query": "{ me { email } }"}, headers={"Authorization": tampered}
    )
    assert response.status_code == 401


async def test_last_use_is_recorded_at_most_once_a_minute(client, factory, session):
    organisation = await factory.organisation()
    headers = await factory.api_key(organisation, Scope.READ)
    query = {"query": "{ countries(first: 1) { totalCount } }"}
    last_used = select(func.max(ApiKey.last_used_at)).where(ApiKey.organisation_id == organisation)

    await client.post("/graphql", json=query, headers=headers)
    first = await session.scalar(last_used)
    assert first is not None
    await client.post("/graphql", json=query, headers=headers)
    assert await session.scalar(last_used) == first

    earlier = datetime.now(UTC) - timedelta(minutes=2)
    await session.execute(
        update(ApiKey).where(ApiKey.organisation_id == organisation).values(last_used_at=earlier)
    )
    await session.commit()
    await client.post("/graphql", json=query, headers=headers)
    assert await session.scalar(last_used) > earlier
