"""Private fields stay private on the compiled path: a selection with a field whose
visibility depends on the caller is left to the resolver tree, for owner and stranger
alike, and answers exactly as it always has."""

from __future__ import annotations

from datetime import date

import pytest

from tests.compiled.comparing import answers_alike

PRIVATE = """
query ($handle: String!) {
  creator(handle: $handle) { handle birthYear contactEmail phone isYoungTalent viewerCanEdit }
}
"""
PUBLIC = """
query ($handle: String!) { creator(handle: $handle) { handle isYoungTalent country { code } } }
"""
HANDLE = {"handle": "zz-compiled-private"}


@pytest.fixture
async def owner(factory) -> int:
    user = await factory.user()
    await factory.creator(
        handle=HANDLE["handle"],
        owner=user,
        birth_year=date.today().year - 20,
        contact_email="owner@example.kz",
        phone="+7 701 000 00 00",
    )
    return user


async def test_the_owner_sees_the_private_fields_through_both_paths(
    compiled, resolvers, factory, owner
):
    headers = await factory.headers_for(owner)
    payload = {"query": PRIVATE, "variables": HANDLE}
    expected = (await resolvers.post("/graphql", json=payload, headers=headers)).json()
    answered = (await compiled.post("/graphql", json=payload, headers=headers)).json()
    assert answered["data"] == expected["data"]
    assert answered["data"]["creator"]["contactEmail"] == "owner@example.kz"
    assert answered["data"]["creator"]["viewerCanEdit"] is True


async def test_a_stranger_sees_none_of_them_through_either_path(
    compiled, resolvers, factory, owner, statements
):
    headers = await factory.headers_for(await factory.user())
    payload = {"query": PRIVATE, "variables": HANDLE}
    expected = (await resolvers.post("/graphql", json=payload, headers=headers)).json()
    with statements.record():
        answered = (await compiled.post("/graphql", json=payload, headers=headers)).json()
    assert answered["data"] == expected["data"]
    creator = answered["data"]["creator"]
    assert (creator["birthYear"], creator["contactEmail"], creator["phone"]) == (None,) * 3
    assert creator["viewerCanEdit"] is False
    # Left to the resolver tree: more than the compiled path's one statement.
    assert len(statements.selects) > 1


async def test_the_public_part_of_the_profile_is_compiled(compiled, resolvers, owner, statements):
    with statements.record():
        body = await answers_alike(compiled, resolvers, PUBLIC, HANDLE)
    assert body["data"]["creator"]["isYoungTalent"] is True
    # One statement from the compiled app; the resolver tree's come after it.
    assert statements.selects[0].lstrip().upper().startswith("WITH")
