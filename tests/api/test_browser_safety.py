"""What a hostile page cannot make a browser do: no mutation by form post, GET or batch.

A browser sends cross-site POSTs without a preflight only as form encodings or
``text/plain``; all of them are refused with 415 before any operation is read, so a
forged form can never run a mutation, even with the victim's credentials.
"""

import json

import orjson
import pytest

from tests.helpers import ADMIN, data_of

CREATE = """
mutation { createCreator(input: {handle: "forged", displayName: "Forged", country: "KZ"}) {
  creator { handle } } }
"""
FIND = '{ creator(handle: "forged") { handle } }'
JSON_BODY = json.dumps({"query": CREATE})


async def assert_not_created(client) -> None:
    assert await data_of(client, FIND) == {"creator": None}


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        pytest.param(
            "application/x-www-form-urlencoded",
            "query=" + CREATE,
            id="urlencoded form",
        ),
        pytest.param(
            "multipart/form-data; boundary=b",
            '--b\r\nContent-Disposition: form-data; name="query"\r\n\r\n'
            + CREATE
            + "\r\n--b--\r\n",
            id="multipart form",
        ),
        pytest.param("text/plain", JSON_BODY, id="text/plain carrying JSON"),
        pytest.param("text/plain;charset=UTF-8", JSON_BODY, id="text/plain with a charset"),
    ],
)
async def test_simple_cross_site_post_never_runs_a_mutation(client, statements, content_type, body):
    with statements.record():
        response = await client.post(
            "/graphql",
            content=body.encode(),
            headers={**ADMIN, "Content-Type": content_type, "Origin": "https://evil.example"},
        )

    assert response.status_code == 415
    assert response.json()["errors"][0]["extensions"]["code"] == "HTTP_415"
    assert "Access-Control-Allow-Origin" not in response.headers
    assert statements.statements == []
    await assert_not_created(client)


async def test_get_never_runs_a_mutation(client, statements):
    with statements.record():
        response = await client.get("/graphql", params={"query": CREATE})

    assert response.status_code == 405
    assert statements.statements == []
    await assert_not_created(client)


async def test_batched_operations_are_refused_and_none_of_them_runs(client, statements):
    batch = [{"query": CREATE}, {"query": "{ __typename }"}]

    with statements.record():
        response = await client.post(
            "/graphql",
            content=orjson.dumps(batch),
            headers={**ADMIN, "Content-Type": "application/json"},
        )

    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "HTTP_400"
    assert "Batched operations are not supported" in error["message"]
    assert statements.statements == []
    await assert_not_created(client)


async def test_the_same_mutation_sent_as_json_with_the_token_does_run(client):
    """The control: the refusals above are about how it was sent, not what it asks."""
    response = await client.post("/graphql", json={"query": CREATE}, headers=ADMIN)

    assert response.json()["data"] == {"createCreator": {"creator": {"handle": "forged"}}}
    assert await data_of(client, FIND) == {"creator": {"handle": "forged"}}
