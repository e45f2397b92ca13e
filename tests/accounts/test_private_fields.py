"""Private fields: contacts and the exact birth year are for the owner and staff only."""

from datetime import date

import pytest

from hub.accounts.enums import OrganisationRole
from hub.api.principal import Scope
from tests.helpers import ADMIN, data_of, graphql

PROFILE = """
{ creator(handle: "zz-private") { birthYear contactEmail phone isYoungTalent viewerCanEdit } }
"""
PRIVATE = {
    "contactEmail": "aigerim@example.kz",
    "phone": "+7 701 123 45 67",
}


@pytest.fixture
async def owner(factory) -> int:
    user = await factory.user()
    await factory.creator(
        handle="zz-private",
        owner=user,
        birth_year=date.today().year - 20,
        contact_email=PRIVATE["contactEmail"],
        phone=PRIVATE["phone"],
    )
    return user


async def test_the_public_sees_only_the_derived_fact_not_the_private_fields(client, owner):
    data = await data_of(client, PROFILE)
    assert data["creator"] == {
        "birthYear": None,
        "contactEmail": None,
        "phone": None,
        "isYoungTalent": True,
        "viewerCanEdit": False,
    }


async def test_another_user_sees_no_private_fields_either(client, factory, owner):
    stranger = await factory.headers_for(await factory.user())
    data = await data_of(client, PROFILE, headers=stranger)
    assert (data["creator"]["birthYear"], data["creator"]["contactEmail"]) == (None, None)


@pytest.mark.parametrize("viewer", ["owner", "staff user", "admin token"])
async def test_the_owner_and_staff_see_the_private_fields(client, factory, owner, viewer):
    headers = {
        "owner": lambda: factory.headers_for(owner),
        "staff user": lambda: _staff_headers(factory),
    }
    data = await data_of(
        client, PROFILE, headers=ADMIN if viewer == "admin token" else await headers[viewer]()
    )
    assert data["creator"] == {
        "birthYear": date.today().year - 20,
        **PRIVATE,
        "isYoungTalent": True,
        "viewerCanEdit": True,
    }


async def _staff_headers(factory) -> dict[str, str]:
    return await factory.headers_for(await factory.user(is_staff=True))


async def test_lists_stay_usable_with_private_fields_null(client, owner):
    data = await data_of(
        client,
        """{ creators(first: 5, filter: { search: "zz private", youngTalent: true }) {
             nodes { handle birthYear isYoungTalent } } }""",
    )
    assert data["creators"]["nodes"] == [
        {"handle": "zz-private", "birthYear": None, "isYoungTalent": True}
    ]


async def test_ordering_by_birth_year_is_refused_to_the_public_as_it_would_reveal_it(client):
    body = await graphql(
        client, "{ creators(first: 3, orderBy: { field: BIRTH_YEAR }) { nodes { handle } } }"
    )
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_a_users_email_is_private_to_them_and_staff(client, factory):
    organisation = await factory.organisation()
    one, other = await factory.user(email="one@example.org"), await factory.user()
    await factory.member(organisation, one, OrganisationRole.OWNER)
    await factory.member(organisation, other)
    query = """query ($id: ID!) { node(id: $id) { ... on Organisation {
                 memberships { nodes { role user { email } } } } } }"""
    variables = {"id": _organisation_id(organisation)}

    as_other = await data_of(client, query, variables, headers=await factory.headers_for(other))
    as_one = await data_of(client, query, variables, headers=await factory.headers_for(one))
    emails = [m["user"]["email"] for m in as_other["node"]["memberships"]["nodes"]]
    assert None in emails
    assert "one@example.org" not in emails
    assert "one@example.org" in [m["user"]["email"] for m in as_one["node"]["memberships"]["nodes"]]


async def test_memberships_are_for_members_and_keys_of_the_organisation(client, factory):
    organisation = await factory.organisation()
    member = await factory.user()
    await factory.member(organisation, member)
    query = """query ($id: ID!) { node(id: $id) { ... on Organisation {
                 memberships { totalCount } } } }"""
    variables = {"id": _organisation_id(organisation)}
    stranger = await graphql(
        client, query, variables, headers=await factory.headers_for(await factory.user())
    )
    assert stranger["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    for headers in [
        await factory.headers_for(member),
        await factory.api_key(organisation, Scope.READ),
    ]:
        data = await data_of(client, query, variables, headers=headers)
        assert data["node"]["memberships"]["totalCount"] == 1


def _organisation_id(key: int) -> str:
    from tests.factories import global_id

    return global_id("Organisation", key)
