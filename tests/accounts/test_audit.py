"""The audit log: every mutation leaves a record; staff read them, nobody else."""

from sqlalchemy import select

from hub.accounts.models import AuditRecord
from tests.accounts.registering import code_in, register_and_confirm
from tests.factories import PASSWORD, global_id
from tests.helpers import ADMIN, data_of, graphql

AUDIT = """
query ($filter: AuditLogFilter) {
  auditLog(first: 10, filter: $filter) {
    totalCount
    nodes { action entityType entityId outcome fields actor { kind userId isStaff } }
  }
}
"""
UPDATE = """
mutation ($input: UpdateCreatorInput!) { updateCreator(input: $input) { userErrors { code } } }
"""


async def test_a_write_is_recorded_with_who_what_and_which_fields(client, factory):
    owner = await factory.user()
    creator = await factory.creator(owner=owner)
    creator_id = global_id("Creator", creator)
    await data_of(
        client,
        UPDATE,
        {"input": {"id": creator_id, "bio": "New bio.", "city": None}},
        headers=await factory.headers_for(owner),
    )
    data = await data_of(client, AUDIT, {"filter": {"entityId": creator_id}}, admin=True)
    assert data["auditLog"] == {
        "totalCount": 1,
        "nodes": [
            {
                "action": "updateCreator",
                "entityType": "Creator",
                "entityId": creator_id,
                "outcome": "SUCCEEDED",
                "fields": ["bio", "city", "id"],
                "actor": {"kind": "USER", "userId": global_id("User", owner), "isStaff": False},
            }
        ],
    }


async def test_a_refused_input_leaves_no_record_because_nothing_changed(client, factory, session):
    owner = await factory.user()
    creator = await factory.creator(owner=owner)
    before = len((await session.scalars(select(AuditRecord.id))).all())
    data = await data_of(
        client,
        UPDATE,
        {"input": {"id": global_id("Creator", creator), "handle": "Not Valid!"}},
        headers=await factory.headers_for(owner),
    )
    assert data["updateCreator"]["userErrors"] == [{"code": "INVALID"}]
    assert len((await session.scalars(select(AuditRecord.id))).all()) == before


async def test_passwords_and_tokens_never_reach_the_audit_log(client, factory, mailbox, session):
    payload = await register_and_confirm(client, mailbox, "audited@example.org")
    tokens = payload["tokens"]
    await data_of(
        client,
        """mutation ($i: RefreshSessionInput!) {
             refreshSession(input: $i) { userErrors { code } } }""",
        {"i": {"refreshToken": tokens["refreshToken"]}},
    )
    record = await session.scalar(select(AuditRecord).where(AuditRecord.action == "register"))
    assert record.fields == ["email"]
    assert record.entity_type == "User"
    records = (await session.scalars(select(AuditRecord))).all()
    everything = str([vars(r) for r in records])
    secrets = [PASSWORD, code_in(mailbox.messages[0]), *tokens.values()]
    assert not [secret for secret in secrets if secret in everything]
    assert not {"password", "token", "refreshToken"} & {f for r in records for f in r.fields}


async def test_the_admin_token_is_recorded_as_such(client, factory):
    organisation = await factory.organisation()
    await data_of(
        client,
        """mutation ($input: UpdateOrganisationInput!) {
             updateOrganisation(input: $input) { userErrors { code } } }""",
        {"input": {"id": global_id("Organisation", organisation), "city": "Almaty"}},
        admin=True,
    )
    data = await data_of(
        client,
        AUDIT,
        {"filter": {"action": "updateOrganisation", "outcome": "SUCCEEDED"}},
        admin=True,
    )
    assert data["auditLog"]["nodes"][0]["actor"] == {
        "kind": "ADMIN_TOKEN",
        "userId": None,
        "isStaff": True,
    }


async def test_only_staff_read_the_audit_log(client, factory):
    for headers in [{}, await factory.headers_for(await factory.user())]:
        body = await graphql(client, AUDIT, headers=headers)
        assert body["data"] is None
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    staff = await factory.headers_for(await factory.user(is_staff=True))
    assert "auditLog" in await data_of(client, AUDIT, headers=staff)


async def test_the_audit_log_pages_like_every_list(client):
    body = await graphql(client, "{ auditLog(first: 101) { totalCount } }", headers=ADMIN)
    assert body["errors"][0]["extensions"]["code"] == "PAGE_SIZE_TOO_LARGE"
