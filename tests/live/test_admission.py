"""Subscriptions count against the caller's limits: each subscribe is admitted like an
HTTP request (a connection's limit of subscriptions, then trusted documents, depth,
aliases, cost and the rate limit) and refused with the code HTTP would give, as an
``error`` message for that operation while the connection and its other subscriptions
carry on."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest

from hub.server.limits.persisted import manifest_of, sha256_of
from tests.factories import Factory, global_id
from tests.helpers import ADMIN, graphql
from tests.live.conftest import Serve, http_client
from tests.live.socket import Closed, LiveSocket

STATUS = "subscription ($id: ID!) { projectActivity(id: $id) { kind } }"
DEEP = (
    "subscription ($id: ID!) { projectActivity(id: $id) "
    "{ project { participants { nodes { project { title } } } } } }"
)
LONG = STATUS + "\n# " + "padding " * 125
ALIASED = (
    "subscription ($id: ID!) { first: projectActivity(id: $id) { kind } "
    "again: projectActivity(id: $id) { kind } }"
)


async def _connected(socket: LiveSocket, credentials: dict[str, str] | None = None) -> None:
    ack = await socket.init(credentials if credentials is not None else ADMIN)
    assert ack["type"] == "connection_ack", ack


async def _codes(socket: LiveSocket, operation_id: str) -> list[str]:
    """The codes of the ``error`` message that refused ``operation_id``."""
    message = await socket.receive()
    assert (message["id"], message["type"]) == (operation_id, "error"), message
    return [error["extensions"]["code"] for error in message["payload"]]


async def _started(socket: LiveSocket, operation_id: str) -> None:
    message = await socket.receive()
    assert (message["id"], message["type"]) == (operation_id, "next"), message
    assert message["payload"]["data"]["projectActivity"]["kind"] == "STARTED"


async def test_one_subscription_over_the_connections_limit_is_refused_and_the_others_run_on(
    serve: Serve, live_factory: Factory
):
    project = await live_factory.project()
    variables = {"id": global_id("Project", project)}
    async with serve(max_subscriptions_per_connection=2) as app, LiveSocket(app) as socket:
        await _connected(socket)
        for operation_id in ("1", "2"):
            await socket.subscribe(operation_id, STATUS, variables)
            await _started(socket, operation_id)
        await socket.subscribe("3", STATUS, variables)
        refused = await socket.receive()
        await live_factory.role(project)
        heard = {(await socket.receive())["id"] for _ in range(2)}
        await socket.complete("1")
        await socket.subscribe("4", STATUS, variables)
        await _started(socket, "4")
    assert refused["type"] == "error"
    assert refused["id"] == "3"
    assert refused["payload"][0]["extensions"] == {
        "code": "TOO_MANY_SUBSCRIPTIONS",
        "maxSubscriptionsPerConnection": 2,
    }
    assert "runs 2 subscriptions" in refused["payload"][0]["message"]
    assert heard == {"1", "2"}, "the running subscriptions still hear the project"


async def test_the_limit_refusal_speaks_the_callers_language(serve: Serve, live_factory: Factory):
    project = await live_factory.project()
    variables = {"id": global_id("Project", project)}
    async with serve(max_subscriptions_per_connection=1) as app, LiveSocket(app) as socket:
        await _connected(socket, {**ADMIN, "Accept-Language": "ru"})
        await socket.subscribe("1", STATUS, variables)
        await _started(socket, "1")
        await socket.subscribe("2", STATUS, variables)
        refused = await socket.receive()
    assert refused["payload"][0]["extensions"]["code"] == "TOO_MANY_SUBSCRIPTIONS"
    assert "подпис" in refused["payload"][0]["message"]


@pytest.mark.parametrize(
    ("limits", "document", "code"),
    [
        ({"max_query_depth": 3}, DEEP, "QUERY_TOO_DEEP"),
        ({"max_aliases": 1}, ALIASED, "TOO_MANY_ALIASES"),
        ({"max_query_cost": 2, "rate_limit_per_minute": 100}, DEEP, "QUERY_TOO_COSTLY"),
        ({"max_document_length": 1000}, LONG, "DOCUMENT_TOO_LONG"),
        ({}, "{ __typename }", "GRAPHQL_VALIDATION_FAILED"),
    ],
)
async def test_a_subscription_over_a_limit_is_refused_with_the_http_code_and_the_connection_stays(
    serve: Serve, live_factory: Factory, limits: dict[str, Any], document: str, code: str
):
    project = await live_factory.project()
    variables = {"id": global_id("Project", project)}
    async with serve(**limits) as app, LiveSocket(app) as socket:
        await _connected(socket)
        await socket.subscribe("1", document, variables)
        codes = await _codes(socket, "1")
        await socket.subscribe("2", STATUS, variables)
        await _started(socket, "2")
    assert codes == [code]


async def test_a_subscription_costs_the_caller_as_a_request_and_is_refused_when_points_run_out(
    serve: Serve, live_factory: Factory
):
    project = await live_factory.project()
    variables = {"id": global_id("Project", project)}
    limits = {"rate_limit_per_minute": 3, "max_query_cost": 3}
    async with (
        serve(**limits) as app,
        http_client(app) as client,
        LiveSocket(app) as socket,
    ):
        await _connected(socket)
        await socket.subscribe("1", STATUS, variables)
        await _started(socket, "1")
        after_one = await graphql(client, "{ __typename }", headers=ADMIN)
        for operation_id in ("2", "3"):
            await socket.subscribe(operation_id, STATUS, variables)
            await _started(socket, operation_id)
        await socket.subscribe("4", STATUS, variables)
        codes = await _codes(socket, "4")
    throttle = after_one["extensions"]["cost"]["throttleStatus"]
    assert (throttle["limit"], throttle["remaining"]) == (3, 2), "one point per subscription"
    assert codes == ["RATE_LIMITED"]


async def test_with_trusted_documents_only_a_subscription_runs_by_hash_and_no_other_runs(
    serve: Serve, live_factory: Factory, tmp_path: Path
):
    project = await live_factory.project()
    variables = {"id": global_id("Project", project)}
    manifest = tmp_path / "manifest.json"
    manifest.write_bytes(orjson.dumps(manifest_of([STATUS])))
    persisted = {"persistedQuery": {"version": 1, "sha256Hash": sha256_of(STATUS)}}
    trusted = {"trusted_documents": manifest, "trusted_documents_only": True}
    async with serve(**trusted) as app, LiveSocket(app) as socket:
        await _connected(socket)
        payload = {"variables": variables, "extensions": persisted}
        await socket.send({"id": "1", "type": "subscribe", "payload": payload})
        await _started(socket, "1")
        await socket.subscribe("2", DEEP, variables)
        codes = await _codes(socket, "2")
    assert codes == ["DOCUMENT_NOT_TRUSTED"]


async def test_a_bad_credential_closes_the_connection(serve: Serve):
    async with serve() as app, LiveSocket(app) as socket:
        await socket.send(
            {"type": "connection_init", "payload": {"Authorization": "Bearer not-a-token"}}
        )
        with pytest.raises(Closed) as closed:
            await socket.receive()
    assert closed.value.code == 4403
