"""Automatic Persisted Queries (Apollo's protocol) and trusted-documents-only mode."""

import json
from pathlib import Path

import orjson
import pytest
from typer.testing import CliRunner

from hub.cli import app as cli
from hub.server.limits.persisted import load_manifest, sha256_of
from tests.api import client_of
from tests.helpers import ADMIN, is_subscription

QUERY = '{ country(code: "KZ") { code } }'
OTHER = '{ country(code: "UZ") { code } }'
ROOT = Path(__file__).resolve().parents[2]
ACCEPT = {"Accept": "application/graphql-response+json"}


def persisted(query: str = QUERY, version: int = 1) -> dict:
    return {"persistedQuery": {"version": version, "sha256Hash": sha256_of(query)}}


def code_of(response) -> str:
    return response.json()["errors"][0]["extensions"]["code"]


async def post(client, **body):
    return await client.post("/graphql", json=body, headers=ACCEPT)


async def get(client, **params):
    encoded = {k: json.dumps(v) if isinstance(v, dict) else v for k, v in params.items()}
    return await client.get("/graphql", params=encoded, headers=ACCEPT)


async def test_unknown_hash_answers_persisted_query_not_found(client):
    response = await post(client, extensions=persisted())

    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["message"] == "PersistedQueryNotFound"
    assert error["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"


async def test_hash_sent_with_its_query_is_stored_and_then_runs_alone(client, statements):
    registered = await post(client, query=QUERY, extensions=persisted())
    with statements.record():
        by_hash = await post(client, extensions=persisted())

    assert registered.json()["data"] == {"country": {"code": "KZ"}}
    assert by_hash.status_code == 200
    assert by_hash.json()["data"] == {"country": {"code": "KZ"}}
    assert statements.selects


async def test_persisted_query_runs_by_get_too(client):
    await get(client, query=QUERY, extensions=persisted())

    response = await get(client, extensions=persisted())

    assert response.json()["data"] == {"country": {"code": "KZ"}}


async def test_hash_that_does_not_match_its_query_is_refused_and_not_stored(client, statements):
    with statements.record():
        mismatched = await post(client, query=OTHER, extensions=persisted(QUERY))
    by_hash = await post(client, extensions=persisted(QUERY))

    assert mismatched.status_code == 400
    assert code_of(mismatched) == "PERSISTED_QUERY_HASH_MISMATCH"
    assert statements.statements == []
    assert code_of(by_hash) == "PERSISTED_QUERY_NOT_FOUND"


@pytest.mark.parametrize(
    "extension",
    [
        {"version": 2, "sha256Hash": sha256_of(QUERY)},
        {"version": 1, "sha256Hash": "not-a-hash"},
        {"version": 1},
        "a string",
    ],
    ids=["version 2", "not hex", "no hash", "not an object"],
)
async def test_malformed_persisted_query_extension_is_refused(client, extension):
    response = await post(client, extensions={"persistedQuery": extension})

    assert response.status_code == 400
    assert code_of(response) == "PERSISTED_QUERY_INVALID"


async def test_query_that_fails_validation_is_not_stored(client):
    invalid = "{ noSuchField }"

    await post(client, query=invalid, extensions=persisted(invalid))
    response = await post(client, extensions=persisted(invalid))

    assert code_of(response) == "PERSISTED_QUERY_NOT_FOUND"


async def test_persisted_queries_are_held_to_the_same_limits(client):
    deep = "{ a { b { c { d { e { f { g { h { i { j { k } } } } } } } } } } }"

    await post(client, query=deep, extensions=persisted(deep))
    response = await post(client, extensions=persisted(deep))

    assert code_of(response) == "PERSISTED_QUERY_NOT_FOUND"


# Trusted documents


@pytest.fixture
def manifest(tmp_path):
    path = tmp_path / "trusted-documents.json"
    path.write_bytes(orjson.dumps({f"sha256:{sha256_of(QUERY)}": QUERY}))
    return path


@pytest.fixture
async def trusted_client(app_with, manifest):
    async with (
        app_with(trusted_documents=str(manifest), trusted_documents_only=True) as app,
        client_of(app) as client,
    ):
        yield client


async def test_trusted_mode_runs_a_registered_document_by_hash(trusted_client):
    response = await post(trusted_client, extensions=persisted(QUERY))

    assert response.json()["data"] == {"country": {"code": "KZ"}}


async def test_trusted_mode_runs_a_registered_document_by_its_exact_text(trusted_client):
    response = await post(trusted_client, query=QUERY)

    assert response.json()["data"] == {"country": {"code": "KZ"}}


@pytest.mark.parametrize(
    "body",
    [
        {"query": OTHER},
        {"query": OTHER, "extensions": persisted(OTHER)},
        {"extensions": persisted(OTHER)},
        {"query": QUERY + " "},
    ],
    ids=["free text", "APQ registration", "unknown hash", "registered text altered"],
)
async def test_trusted_mode_refuses_anything_else_before_it_runs(trusted_client, statements, body):
    with statements.record():
        response = await trusted_client.post("/graphql", json=body, headers=ACCEPT)

    assert response.status_code == 400
    assert code_of(response) == "DOCUMENT_NOT_TRUSTED"
    assert statements.statements == []


async def test_without_trusted_mode_the_manifest_preregisters_its_documents(app_with, manifest):
    async with app_with(trusted_documents=str(manifest)) as app, client_of(app) as client:
        registered = await post(client, extensions=persisted(QUERY))
        free = await post(client, query=OTHER)

    assert registered.json()["data"] == {"country": {"code": "KZ"}}
    assert free.json()["data"] == {"country": {"code": "UZ"}}


def test_trusted_mode_without_a_manifest_is_a_configuration_error():
    from pydantic import ValidationError

    from hub.config import Settings

    with pytest.raises(ValidationError, match="HUB_TRUSTED_DOCUMENTS"):
        Settings(trusted_documents_only=True)


def test_a_manifest_whose_hash_does_not_match_its_document_is_refused(tmp_path):
    path = tmp_path / "bad.json"
    path.write_bytes(orjson.dumps({f"sha256:{sha256_of(OTHER)}": QUERY}))

    with pytest.raises(ValueError, match="not the SHA-256"):
        load_manifest(path)


def test_hub_schema_manifest_registers_every_example_operation(tmp_path):
    operations = tmp_path / "operations"
    operations.mkdir()
    (operations / "Kazakhstan.graphql").write_text(QUERY)
    (operations / "Uzbekistan.graphql").write_text(OTHER)
    (operations / "notes.txt").write_text("not an operation")
    output = tmp_path / "manifest.json"

    result = CliRunner().invoke(
        cli, ["schema", "manifest", "--operations", str(operations), "--path", str(output)]
    )

    assert result.exit_code == 0, result.output
    assert orjson.loads(output.read_bytes()) == {
        f"sha256:{sha256_of(QUERY)}": QUERY,
        f"sha256:{sha256_of(OTHER)}": OTHER,
    }
    assert load_manifest(output) == {sha256_of(QUERY): QUERY, sha256_of(OTHER): OTHER}


def test_hub_schema_manifest_fails_without_operations(tmp_path):
    result = CliRunner().invoke(
        cli, ["schema", "manifest", "--operations", str(tmp_path), "--path", str(tmp_path / "m")]
    )

    assert result.exit_code == 1


async def test_the_example_operations_run_in_trusted_mode_from_their_manifest(app_with, tmp_path):
    operations = sorted((ROOT / "schema" / "operations").glob("*.graphql"))
    output = tmp_path / "manifest.json"
    CliRunner().invoke(
        cli,
        ["schema", "manifest", "--operations", str(operations[0].parent), "--path", str(output)],
    )

    async with (
        app_with(trusted_documents=str(output), trusted_documents_only=True) as app,
        client_of(app) as client,
    ):
        # Subscriptions are in the manifest but served over WebSocket, not POST.
        responses = [
            await client.post("/graphql", json={"query": path.read_text()}, headers=ADMIN)
            for path in operations
            if not is_subscription(path.read_text(encoding="utf-8"))
        ]

    assert 0 < len(responses) < len(operations)
    for response in responses:
        assert "errors" not in response.json(), response.json()
