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
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
import uvicorn
from starlette.applications import Starlette

from hub.config import Settings
from hub.core.db import create_engine
from hub.core.migrations import upgrade
from hub.server.app import create_app

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


def test_graphiql_runs_a_query_with_every_other_host_blocked(hub_url):
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
            page.goto(f"{hub_url}/graphql?q={quote(QUERY)}")
            page.locator(".graphiql-execute-button").click(timeout=30_000)
            result = page.locator(".graphiql-response")
            result.get_by_text('"__typename": "Query"').wait_for(timeout=30_000)
            response_text = result.inner_text()
            explorer_button = page.get_by_label("Show GraphiQL Explorer")
            has_explorer = explorer_button.count() == 1
        finally:
            browser.close()

    assert '"totalCount": 0' in response_text
    assert has_explorer
    assert elsewhere == []
    assert page_errors == []
    assert console_errors == []  # a refused load (the CSP, a blocked host) logs one
