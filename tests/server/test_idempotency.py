"""`Idempotency-Key`: a creating mutation sent twice runs once, with Stripe's semantics."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from hub.core.idempotency import IdempotencyKeys, IdempotencyRecord, fingerprint
from hub.creators.models import Creator
from hub.organisations.models import Organisation
from hub.projects.models import Project
from tests.helpers import ADMIN, data_of

CREATES = {
    "createCreator": (
        Creator,
        "mutation ($input: CreateCreatorInput!) { createCreator(input: $input) "
        "{ creator { id handle } userErrors { code } } }",
        {"handle": "zz-once", "displayName": "Once", "country": "KZ"},
        {"handle": "zz-twice", "displayName": "Twice", "country": "KZ"},
    ),
    "createOrganisation": (
        Organisation,
        "mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) "
        "{ organisation { id slug } userErrors { code } } }",
        {"slug": "zz-once", "name": "Once", "kind": "STUDIO", "country": "KZ"},
        {"slug": "zz-twice", "name": "Twice", "kind": "STUDIO", "country": "KZ"},
    ),
    "createProject": (
        Project,
        "mutation ($input: CreateProjectInput!) { createProject(input: $input) "
        "{ project { id slug } userErrors { code } } }",
        {"slug": "zz-once", "title": "Once", "leadOrganisationId": "LEAD"},
        {"slug": "zz-twice", "title": "Twice", "leadOrganisationId": "LEAD"},
    ),
}


async def _inputs(client, mutation: str) -> tuple[dict[str, str], dict[str, str]]:
    """The mutation's two inputs, a project's lead being a demo organisation."""
    _, _, first, second = CREATES[mutation]
    if mutation != "createProject":
        return first, second
    lead = (await data_of(client, "{ organisations(first: 1) { nodes { id } } }"))["organisations"][
        "nodes"
    ][0]["id"]
    return {**first, "leadOrganisationId": lead}, {**second, "leadOrganisationId": lead}


async def _post(client, query, variables, key, *, headers=ADMIN):
    return await client.post(
        "/graphql",
        json={"query": query, "variables": variables},
        headers={**headers, "Idempotency-Key": key},
    )


async def _count(session, table) -> int:
    session.expire_all()
    return int(await session.scalar(select(func.count()).select_from(table)))


@pytest.mark.parametrize("mutation", sorted(CREATES))
async def test_the_same_request_with_the_same_key_runs_once_and_answers_the_same(
    client, session, mutation
):
    table, query, _, _ = CREATES[mutation]
    first, _ = await _inputs(client, mutation)
    before = await _count(session, table)
    answer = await _post(client, query, {"input": first}, "key-1")
    payload = answer.json()["data"][mutation]
    assert payload["userErrors"] == []
    again = await _post(client, query, {"input": first}, "key-1")
    assert again.status_code == answer.status_code == 200
    assert again.json() == answer.json()
    assert again.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in answer.headers
    assert "X-Request-ID" in again.headers
    assert await _count(session, table) == before + 1


@pytest.mark.parametrize("mutation", sorted(CREATES))
async def test_the_same_key_with_another_request_is_refused_and_changes_nothing(
    client, session, mutation
):
    table, query, _, _ = CREATES[mutation]
    first, second = await _inputs(client, mutation)
    await _post(client, query, {"input": first}, "key-2")
    before = await _count(session, table)
    refused = await _post(client, query, {"input": second}, "key-2")
    assert refused.status_code == 422
    [error] = refused.json()["errors"]
    assert error["extensions"]["code"] == "IDEMPOTENCY_KEY_REUSED"
    assert await _count(session, table) == before


async def test_a_copy_sent_while_the_first_runs_gets_a_retryable_conflict(
    client, session, sessions
):
    _, query, first, _ = CREATES["createCreator"]
    document_hash = fingerprint(query, None, {"input": first})
    keys = IdempotencyKeys(sessions, timedelta(hours=1))
    assert await keys.claim("admin", "key-3", document_hash) is None  # the first, running
    before = await _count(session, Creator)
    busy = await _post(client, query, {"input": first}, "key-3")
    assert busy.status_code == 409
    assert busy.headers["Retry-After"] == "1"
    assert busy.json()["errors"][0]["extensions"]["code"] == "IDEMPOTENCY_KEY_IN_USE"
    assert await _count(session, Creator) == before


async def test_keys_belong_to_their_caller(client, session, factory):
    _, query, first, second = CREATES["createCreator"]
    await _post(client, query, {"input": first}, "shared-key")
    user = await factory.user()
    other = await _post(
        client, query, {"input": second}, "shared-key", headers=await factory.headers_for(user)
    )
    assert other.status_code == 200
    assert "Idempotent-Replayed" not in other.headers
    assert other.json()["data"]["createCreator"]["creator"]["handle"] == "zz-twice"


async def test_queries_and_requests_without_a_key_are_untouched(client, session):
    _, query, first, _ = CREATES["createCreator"]
    plain = await client.post(
        "/graphql", json={"query": query, "variables": {"input": first}}, headers=ADMIN
    )
    assert plain.json()["data"]["createCreator"]["userErrors"] == []
    read = await client.post(
        "/graphql",
        json={"query": "{ countries(first: 1) { totalCount } }"},
        headers={"Idempotency-Key": "read-key"},
    )
    assert read.status_code == 200
    assert await _count(session, IdempotencyRecord) == 0


@pytest.mark.parametrize("key", ["", "x" * 256, "tab\tbed"])
async def test_a_malformed_key_is_refused_before_anything_runs(client, session, key):
    _, query, first, _ = CREATES["createCreator"]
    before = await _count(session, Creator)
    refused = await _post(client, query, {"input": first}, key)
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["extensions"]["code"] == "IDEMPOTENCY_KEY_INVALID"
    assert await _count(session, Creator) == before
