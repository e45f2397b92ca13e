"""An organisation's admin lists (memberships, pending invitations, API keys), batched.

However many organisations a query shows, their admin lists cost the same number of
statements: the caller's roles are looked up once, and each list once for all of them.
"""

from __future__ import annotations

from hub.accounts.enums import OrganisationRole
from hub.accounts.invitations import invite_to_organisation
from hub.api.principal import Scope
from tests.factories import global_id
from tests.helpers import data_of, graphql

ADMIN_LISTS = """
query ($ids: [ID!]!) {
  nodes(ids: $ids) {
    ... on Organisation {
      slug
      memberships { totalCount nodes { role user { email } } }
      pendingInvitations { totalCount nodes { email role } }
      apiKeys { totalCount nodes { name } }
    }
  }
}
"""


async def _organisations_run_by(factory, owner: int, count: int) -> list[int]:
    """Organisations ``owner`` owns, each with a colleague, an invitation and a key."""
    made = []
    for _ in range(count):
        organisation = await factory.organisation()
        await factory.member(organisation, owner, OrganisationRole.OWNER)
        await factory.member(organisation, await factory.user(), OrganisationRole.MEMBER)
        await factory._write(
            lambda s, o=organisation: invite_to_organisation(
                s, o, f"invitee-{o}@example.org", OrganisationRole.ADMIN, owner
            )
        )
        await factory.api_key(organisation, Scope.READ)
        made.append(organisation)
    return made


async def _statements_for(client, statements, organisations: list[int], headers) -> tuple:
    ids = [global_id("Organisation", key) for key in organisations]
    with statements.record():
        data = await data_of(client, ADMIN_LISTS, {"ids": ids}, headers=headers)
    return data["nodes"], len(statements.selects)


async def test_admin_lists_cost_the_same_for_two_organisations_or_five(client, factory, statements):
    owner = await factory.user()
    headers = await factory.headers_for(owner)
    organisations = await _organisations_run_by(factory, owner, 5)

    two, for_two = await _statements_for(client, statements, organisations[:2], headers)
    five, for_five = await _statements_for(client, statements, organisations, headers)

    assert for_two == for_five
    assert len(five) == 5
    for node in five:
        assert node["memberships"]["totalCount"] == 2
        assert node["pendingInvitations"]["totalCount"] == 1
        assert node["apiKeys"]["totalCount"] == 1
    assert two == five[:2]


async def test_staff_see_every_organisations_lists_without_a_role_lookup(
    client, factory, statements
):
    owner = await factory.user()
    organisations = await _organisations_run_by(factory, owner, 3)
    staff = await factory.headers_for(await factory.user(is_staff=True))
    owner_headers = await factory.headers_for(owner)

    as_staff, staff_statements = await _statements_for(client, statements, organisations, staff)
    as_owner, owner_statements = await _statements_for(
        client, statements, organisations, owner_headers
    )

    # Staff see members' emails, an owner only their own: compare what both may see.
    assert _outline(as_staff) == _outline(as_owner)
    assert staff_statements == owner_statements - 1


def _outline(nodes: list[dict]) -> list[tuple]:
    return [
        (
            node["slug"],
            [member["role"] for member in node["memberships"]["nodes"]],
            node["pendingInvitations"]["nodes"],
            node["apiKeys"]["nodes"],
        )
        for node in nodes
    ]


async def test_each_organisation_is_refused_on_its_own(client, factory):
    """A member of one organisation and a stranger to another: one list each way."""
    user = await factory.user()
    mine, theirs = await factory.organisation(), await factory.organisation()
    await factory.member(mine, user, OrganisationRole.MEMBER)
    query = """query ($ids: [ID!]!) { nodes(ids: $ids) {
                 ... on Organisation { slug memberships { totalCount } } } }"""
    body = await graphql(
        client,
        query,
        {"ids": [global_id("Organisation", mine), global_id("Organisation", theirs)]},
        headers=await factory.headers_for(user),
    )

    assert body["data"]["nodes"][0]["memberships"] == {"totalCount": 1}
    assert body["data"]["nodes"][1] is None
    [error] = body["errors"]
    assert error["extensions"]["code"] == "FORBIDDEN"
    assert error["path"] == ["nodes", 1, "memberships"]
