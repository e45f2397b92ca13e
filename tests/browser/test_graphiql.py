"""GraphiQL in a real browser with every other host blocked: it loads, runs a query, shows it.

Headless Chromium from the system (Debian's ``chromium``), driven by Playwright without
any browser download. Locally the test is skipped when there is no Chromium; in CI
(``CI`` set, as ``.ci/run`` does) a missing browser fails it.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
import uvicorn
from starlette.applications import Starlette

from hub.config import Settings
from hub.core.db import create_engine
from hub.core.migrations import upgrade
from hub.server.app import create_app
from tests.factories import global_id

pytestmark = pytest.mark.browser

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
QUERY = "query Explored { __typename countries { totalCount } }"


def chromium_path() -> str:
    found = os.environ.get("HUB_TEST_CHROMIUM") or next(
        (path for path in CHROMIUM_CANDIDATES if Path(path).exists()), shutil.which("chromium")
    )
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail("CI must run the browser test: install Debian's chromium package")
    pytest.skip("no Chromium here (apt-get install chromium); CI runs this test")


def migrated_database(directory: Path) -> str:
    url = f"sqlite+aiosqlite:///{directory / 'browser.db'}"

    async def migrate() -> None:
        engine = create_engine(url)
        try:
            await upgrade(engine)
        finally:
            await engine.dispose()

    asyncio.run(migrate())
    return url


def serving(app: Starlette) -> Iterator[str]:
    """``app`` on a real socket of this machine, in a thread, until the test ends."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive(), "the server stopped while starting"
        assert time.monotonic() < deadline, "the server did not start in time"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        listener.close()


@pytest.fixture
def hub_url(tmp_path: Path) -> Iterator[str]:
    settings = Settings(database_url=migrated_database(tmp_path), environment="development")
    yield from serving(create_app(settings))


def run_in_graphiql(hub_url: str, document: str, expected: str) -> Explored:
    """Open GraphiQL with ``document``, run it, wait for ``expected`` in the response."""
    from playwright.sync_api import Route, sync_playwright

    executable = chromium_path()
    hub_host = urlsplit(hub_url).netloc
    elsewhere: list[str] = []
    page_errors: list[str] = []
    console_errors: list[str] = []

    def only_the_hub(route: Route) -> None:
        if urlsplit(route.request.url).netloc == hub_host:
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort("blockedbyclient")

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        try:
            context = browser.new_context()
            context.route("**/*", only_the_hub)
            page = context.new_page()
            page.on("pageerror", lambda error: page_errors.append(str(error)))
            page.on(
                "console",
                lambda message: (
                    console_errors.append(message.text) if message.type == "error" else None
                ),
            )
            page.goto(f"{hub_url}/graphql?q={quote(document)}")
            page.locator(".graphiql-execute-button").click(timeout=30_000)
            result = page.locator(".graphiql-response")
            result.get_by_text(expected).first.wait_for(timeout=30_000)
            response_text = result.inner_text()
            explorer_button = page.get_by_label("Show GraphiQL Explorer")
            has_explorer = explorer_button.count() == 1
        finally:
            browser.close()
    return Explored(response_text, has_explorer, elsewhere, page_errors, console_errors)


@dataclass
class Explored:
    """What a run in GraphiQL showed, and what the browser reported on the way."""

    response: str
    has_explorer: bool
    blocked: list[str]
    page_errors: list[str]
    console_errors: list[str]


def test_graphiql_runs_a_query_with_every_other_host_blocked(hub_url):
    explored = run_in_graphiql(hub_url, QUERY, '"__typename": "Query"')

    assert '"totalCount": 0' in explored.response
    assert explored.has_explorer
    assert explored.blocked == []
    assert explored.page_errors == []
    assert explored.console_errors == []  # a refused load (the CSP, a blocked host) logs one


def test_graphiql_runs_a_subscription_over_the_hubs_websocket(hub_url):
    """The answer can only come over the WebSocket: GraphiQL sends subscriptions there."""
    missing = global_id("Project", 999_999)
    document = f'subscription Watch {{ projectActivity(id: "{missing}") {{ kind }} }}'

    explored = run_in_graphiql(hub_url, document, "NOT_FOUND")

    assert "No project has this id." in explored.response
    assert explored.blocked == []
    assert explored.page_errors == []
