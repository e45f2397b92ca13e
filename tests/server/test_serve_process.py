"""`hub serve` as a real process: it starts, migrates, loads the demo data and answers."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import POSTGRES_URL, _create_postgres_database, _drop_postgres_database

HUB = str(Path(sys.executable).parent / "hub")
ROOT = Path(__file__).resolve().parents[2]
LISTENING = re.compile(rb"Uvicorn running on http://127\.0\.0\.1:(\d+)")


def _wait_until_healthy(log: Path, process: subprocess.Popen[bytes], seconds: float) -> str:
    """The server's base URL once it answers /healthz.

    It listens on a port the operating system picks (``--port 0``) and says which in its
    log, so no other process can take the port between choosing and binding it. The log
    is a file, not a pipe, so a chatty server never blocks on a full pipe.
    """
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"hub serve exited early: {log.read_text()}")
        listening = LISTENING.search(log.read_bytes())
        if listening:
            base = f"http://127.0.0.1:{int(listening.group(1))}"
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    return base
            except httpx.TransportError:
                pass
        time.sleep(0.2)
    raise AssertionError(f"hub serve did not become healthy in time: {log.read_text()}")


def test_hub_serve_demo_starts_on_a_fresh_embedded_database_and_answers(tmp_path):
    env = {
        **os.environ,
        "HUB_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'fresh.db'}",
        "HUB_LOG_LEVEL": "INFO",
    }
    log = tmp_path / "serve.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [HUB, "serve", "--demo", "--port", "0"],
            cwd=tmp_path,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        base = _wait_until_healthy(log, process, seconds=90)
        answer = httpx.post(
            f"{base}/graphql",
            json={"query": "{ creators { totalCount } projects { totalCount } }"},
            headers={"Accept": "application/graphql-response+json"},
            timeout=10,
        )
        assert answer.status_code == 200
        assert answer.headers["content-type"].startswith("application/graphql-response+json")
        data = answer.json()["data"]
        assert data["creators"]["totalCount"] >= 150
        assert data["projects"]["totalCount"] >= 20
        assert httpx.get(f"{base}/readyz", timeout=5).json() == {
            "status": "ready",
            "database": "ok",
        }
        page = httpx.get(f"{base}/graphql", headers={"Accept": "text/html"}, timeout=5)
        assert "graphiql" in page.text.lower()
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.mark.skipif(POSTGRES_URL is None, reason="needs HUB_TEST_POSTGRES_URL")
async def test_a_server_whose_postgresql_database_is_behind_refuses_to_start_and_says_why():
    assert POSTGRES_URL
    url = await _create_postgres_database(POSTGRES_URL)
    try:
        result = subprocess.run(  # noqa: ASYNC221 (waiting for the process is the test)
            [HUB, "serve", "--port", "0"],
            env={**os.environ, "HUB_DATABASE_URL": url},
            capture_output=True,
            timeout=60,
            check=False,
        )
    finally:
        await _drop_postgres_database(POSTGRES_URL, url)
    assert result.returncode == 2
    assert b"hub db upgrade" in result.stderr
