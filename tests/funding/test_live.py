"""Live updates over WebSocket (graphql-transport-ws): an event published by one server
process reaches a subscriber connected to another (PostgreSQL's LISTEN/NOTIFY), or to the
same one (SQLite)."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
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
    return message["payload"]["data"]["campaignUpdated"]


async def _subscribe_then_suspend(subscriber_base: str, writer_base: str) -> list[dict]:
    url = subscriber_base.replace("http://", "ws://") + "/graphql"
    async with websockets.connect(url, subprotocols=["graphql-transport-ws"]) as socket:
        init = {"type": "connection_init", "payload": {"Authorization": f"Bearer {TOKEN}"}}
        await socket.send(orjson.dumps(init).decode())
        ack = orjson.loads(await asyncio.wait_for(socket.recv(), timeout=20))
        assert ack["type"] == "connection_ack", ack
        subscribe = {
            "id": "1",
            "type": "subscribe",
            "payload": {"query": SUBSCRIBE, "variables": {"id": FIRST_CAMPAIGN}},
        }
        await socket.send(orjson.dumps(subscribe).decode())
        seen = [await _next(socket)]
        async with httpx.AsyncClient(timeout=20) as client:
            answer = await client.post(
                f"{writer_base}/graphql",
                json={"query": SUSPEND, "variables": {"id": FIRST_CAMPAIGN}},
                headers={"Authorization": f"Bearer {TOKEN}"},
            )
        assert answer.json()["data"]["suspendCampaign"]["campaign"]["status"] == "SUSPENDED"
        seen.append(await _next(socket))
        await socket.send(orjson.dumps({"id": "1", "type": "complete"}).decode())
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
        seen = await _subscribe_then_suspend(first_base, second_base)
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=30)
        await _drop_postgres_database(POSTGRES_URL, url)
    assert seen == [
        {"slug": "after-the-sea-film", "status": "LIVE"},
        {"slug": "after-the-sea-film", "status": "SUSPENDED"},
    ]


async def test_on_sqlite_a_subscriber_hears_its_own_server(tmp_path):
    env = _prepare(f"sqlite+aiosqlite:///{tmp_path / 'live.db'}", tmp_path)
    process, base = _serve(env, tmp_path, "only")
    try:
        seen = await _subscribe_then_suspend(base, base)
    finally:
        process.terminate()
        process.wait(timeout=30)
    assert [update["status"] for update in seen] == ["LIVE", "SUSPENDED"]
