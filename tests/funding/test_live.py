"""Live updates over WebSocket (graphql-transport-ws): an event published by one server
process reaches a subscriber connected to another (PostgreSQL's LISTEN/NOTIFY), or to the
same one (SQLite)."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import orjson
import pytest
import websockets

from tests.conftest import POSTGRES_URL, _create_postgres_database, _drop_postgres_database
from tests.server.test_serve_process import _wait_until_healthy

HUB = str(Path(sys.executable).parent / "hub")
TOKEN = "live-test-admin-token-0123456789abcdef"
FIRST_CAMPAIGN = "Q2FtcGFpZ246MQ=="  # Campaign:1, the demo's live film campaign
SUBSCRIBE = """
subscription ($id: ID!) { campaignUpdated(id: $id) { slug status } }
"""
ACTIVITY = """
subscription ($id: ID!) { projectActivity(id: $id) { kind campaign { slug status } } }
"""
PROJECT = '{ campaign(slug: "after-the-sea-film") { project { id } } }'
SUSPEND = """
mutation ($id: ID!) { suspendCampaign(input: { id: $id }) { campaign { status } } }
"""


def _serve(env: dict[str, str], directory: Path, name: str) -> tuple[subprocess.Popen[bytes], str]:
    log = directory / f"{name}.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [HUB, "serve", "--port", "0", "--no-jobs"],
            cwd=directory,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    return process, _wait_until_healthy(log, process, seconds=90)


async def _next(socket: websockets.ClientConnection) -> dict:
    message = orjson.loads(await asyncio.wait_for(socket.recv(), timeout=20))
    assert message["type"] == "next", message
    return message


async def _first_project(base: str) -> str:
    """The project the first demo campaign funds."""
    async with httpx.AsyncClient(timeout=20) as client:
        answer = await client.post(f"{base}/graphql", json={"query": PROJECT})
    project: str = answer.json()["data"]["campaign"]["project"]["id"]
    return project


@asynccontextmanager
async def _connected(base: str) -> AsyncIterator[websockets.ClientConnection]:
    url = base.replace("http://", "ws://") + "/graphql"
    async with websockets.connect(url, subprotocols=["graphql-transport-ws"]) as socket:
        init = {"type": "connection_init", "payload": {"Authorization": f"Bearer {TOKEN}"}}
        await socket.send(orjson.dumps(init).decode())
        ack = orjson.loads(await asyncio.wait_for(socket.recv(), timeout=20))
        assert ack["type"] == "connection_ack", ack
        yield socket


async def _subscribe_then_suspend(
    socket: websockets.ClientConnection, writer_base: str
) -> dict[str, list[dict]]:
    """campaignUpdated and its project's projectActivity, each before and after the
    campaign is suspended through ``writer_base``: what each subscription heard."""
    project = await _first_project(writer_base)
    for operation_id, query, variables in (
        ("campaign", SUBSCRIBE, {"id": FIRST_CAMPAIGN}),
        ("project", ACTIVITY, {"id": project}),
    ):
        subscribe = {
            "id": operation_id,
            "type": "subscribe",
            "payload": {"query": query, "variables": variables},
        }
        await socket.send(orjson.dumps(subscribe).decode())
    seen: dict[str, list[dict]] = {"campaign": [], "project": []}
    for _ in range(2):
        message = await _next(socket)
        seen[message["id"]].append(message["payload"]["data"])
    async with httpx.AsyncClient(timeout=20) as client:
        answer = await client.post(
            f"{writer_base}/graphql",
            json={"query": SUSPEND, "variables": {"id": FIRST_CAMPAIGN}},
            headers={"Authorization": f"Bearer {TOKEN}"},
        )
    assert answer.json()["data"]["suspendCampaign"]["campaign"]["status"] == "SUSPENDED"
    for _ in range(2):
        message = await _next(socket)
        seen[message["id"]].append(message["payload"]["data"])
    return seen


def _prepare(url: str, directory: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "HUB_DATABASE_URL": url,
        "HUB_ADMIN_TOKEN": TOKEN,
        "HUB_LOG_LEVEL": "INFO",
    }
    for command in (["db", "upgrade"], ["seed", "demo"]):
        subprocess.run([HUB, *command], cwd=directory, env=env, check=True, capture_output=True)
    return env


async def test_a_change_on_one_server_reaches_a_subscriber_on_another(tmp_path):
    if not POSTGRES_URL:
        pytest.skip("cross-process events need PostgreSQL")
    url = await _create_postgres_database(POSTGRES_URL)
    processes = []
    try:
        env = _prepare(url, tmp_path)
        first, first_base = _serve(env, tmp_path, "first")
        processes.append(first)
        second, second_base = _serve(env, tmp_path, "second")
        processes.append(second)
        async with _connected(first_base) as socket:
            seen = await _subscribe_then_suspend(socket, second_base)
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=30)
        await _drop_postgres_database(POSTGRES_URL, url)
    assert seen["campaign"] == [
        {"campaignUpdated": {"slug": "after-the-sea-film", "status": "LIVE"}},
        {"campaignUpdated": {"slug": "after-the-sea-film", "status": "SUSPENDED"}},
    ]
    assert seen["project"] == [
        {"projectActivity": {"kind": "STARTED", "campaign": None}},
        {
            "projectActivity": {
                "kind": "CAMPAIGN_STATUS_CHANGED",
                "campaign": {"slug": "after-the-sea-film", "status": "SUSPENDED"},
            }
        },
    ]


async def test_on_sqlite_a_subscriber_hears_its_own_server_and_is_closed_cleanly_at_shutdown(
    tmp_path,
):
    env = _prepare(f"sqlite+aiosqlite:///{tmp_path / 'live.db'}", tmp_path)
    process, base = _serve(env, tmp_path, "only")
    try:
        async with _connected(base) as socket:
            seen = await _subscribe_then_suspend(socket, base)
            process.send_signal(signal.SIGTERM)
            stopping = time.monotonic()
            with pytest.raises(websockets.ConnectionClosed) as closed:
                await asyncio.wait_for(socket.recv(), timeout=20)
            closed_after = time.monotonic() - stopping
        exit_code = process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=30)
    assert [data["campaignUpdated"]["status"] for data in seen["campaign"]] == [
        "LIVE",
        "SUSPENDED",
    ]
    assert [data["projectActivity"]["kind"] for data in seen["project"]] == [
        "STARTED",
        "CAMPAIGN_STATUS_CHANGED",
    ]
    assert closed_after < 5, "the subscriptions do not hold the shutdown up"
    # A close frame, not a dropped connection: the server is going away or restarting.
    assert closed.value.rcvd is not None
    assert closed.value.rcvd.code in (1001, 1012)
    # Uvicorn shuts down gracefully, then ends by the signal it caught, as it should.
    assert exit_code == -signal.SIGTERM
    log = (tmp_path / "only.log").read_bytes()
    assert b"Application shutdown complete" in log
    assert b"Traceback" not in log
