"""Global IDs from clients: every way an ID can be wrong is refused with INVALID_ID."""

import base64

import pytest
from strawberry.relay import to_base64

from tests.factories import global_id
from tests.helpers import ADMIN, data_of, graphql


def _raw(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


NOT_IDS = [
    pytest.param("", id="empty"),
    pytest.param("just some words", id="random-text"),
    pytest.param("%%%not-base64", id="not-base64"),
    pytest.param(_raw("Creator"), id="no-separator"),
    pytest.param(_raw(":1"), id="no-type"),
    pytest.param(_raw("Creator:"), id="no-key"),
    pytest.param(_raw("Creator:abc"), id="text-key"),
    pytest.param(_raw("Creator:-1"), id="negative-key"),
    pytest.param(_raw("Creator:1.5"), id="decimal-key"),
    pytest.param(_raw("Creator: 1"), id="spaced-key"),
    pytest.param(_raw("Creator:\u0661"), id="non-ascii-digit-key"),
    pytest.param(_raw(f"Creator:{2**31}"), id="key-beyond-integer-columns"),
    pytest.param(_raw(f"Creator:{2**63}"), id="key-beyond-64-bits"),
    pytest.param(to_base64("NoSuchType", 1), id="unknown-type"),
]

NODE = "query ($id: ID!) { node(id: $id) { id } }"
NODES = "query ($ids: [ID!]!) { nodes(ids: $ids) { id } }"
AUDIT = """
query ($filter: AuditLogFilter) { auditLog(first: 5, filter: $filter) { totalCount } }
"""
UPDATE_CREATOR = """
mutation ($input: UpdateCreatorInput!) {
  updateCreator(input: $input) { creator { handle } userErrors { field code message } }
}
"""


def _code(body: dict) -> str:
    (error,) = body["errors"]
    return error["extensions"]["code"]


@pytest.mark.parametrize("bad", NOT_IDS)
async def test_node_refuses_what_is_not_an_id(client, bad):
    assert _code(await graphql(client, NODE, {"id": bad})) == "INVALID_ID"


@pytest.mark.parametrize("bad", NOT_IDS)
async def test_nodes_refuses_a_list_holding_what_is_not_an_id(client, bad):
    real = (await data_of(client, "{ creators(first: 1) { nodes { id } } }"))["creators"]
    ids = [real["nodes"][0]["id"], bad]
    assert _code(await graphql(client, NODES, {"ids": ids})) == "INVALID_ID"


async def test_node_of_a_well_formed_id_naming_nothing_is_null(client):
    data = await data_of(client, NODE, {"id": global_id("Creator", 9_999_999)})
    assert data == {"node": None}


async def test_an_id_that_is_not_a_node_type_is_refused(client):
    body = await graphql(client, NODE, {"id": global_id("CreatorConnection", 1)})
    assert _code(body) == "INVALID_ID"


async def test_the_audit_log_refuses_a_creators_id_as_a_user(client, factory):
    creator = await factory.creator()
    body = await graphql(
        client, AUDIT, {"filter": {"actorUserId": global_id("Creator", creator)}}, headers=ADMIN
    )
    assert _code(body) == "INVALID_ID"
    assert "`actorUserId` is not the id of a User" in body["errors"][0]["message"]


async def test_the_audit_log_refuses_a_users_id_as_an_api_key(client, factory):
    user = await factory.user()
    body = await graphql(
        client, AUDIT, {"filter": {"actorApiKeyId": global_id("User", user)}}, headers=ADMIN
    )
    assert _code(body) == "INVALID_ID"


@pytest.mark.parametrize("field", ["entityId", "actorUserId", "actorApiKeyId"])
@pytest.mark.parametrize("bad", NOT_IDS)
async def test_the_audit_log_refuses_what_is_not_an_id(client, field, bad):
    body = await graphql(client, AUDIT, {"filter": {field: bad}}, headers=ADMIN)
    assert _code(body) == "INVALID_ID"


async def test_the_audit_log_filters_on_a_users_own_id(client, factory):
    user = await factory.user()
    data = await data_of(
        client, AUDIT, {"filter": {"actorUserId": global_id("User", user)}}, admin=True
    )
    assert data == {"auditLog": {"totalCount": 0}}


async def test_a_mutation_input_of_another_type_is_an_invalid_id_user_error(client, factory):
    organisation = await factory.organisation()
    data = await data_of(
        client,
        UPDATE_CREATOR,
        {"input": {"id": global_id("Organisation", organisation), "bio": "x"}},
        admin=True,
    )
    assert data["updateCreator"]["userErrors"] == [
        {"field": ["id"], "code": "INVALID_ID", "message": "`id` is not the id of a Creator."}
    ]


@pytest.mark.parametrize("bad", NOT_IDS)
async def test_a_mutation_input_that_is_not_an_id_is_refused_with_invalid_id(client, bad):
    body = await graphql(client, UPDATE_CREATOR, {"input": {"id": bad}}, headers=ADMIN)
    errors = body.get("errors") or []
    user_errors = ((body.get("data") or {}).get("updateCreator") or {}).get("userErrors") or []
    codes = [e["extensions"]["code"] for e in errors] + [e["code"] for e in user_errors]
    assert codes == ["INVALID_ID"]
