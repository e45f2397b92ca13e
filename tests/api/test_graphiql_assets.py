"""GraphiQL's page and assets come from the hub itself, with their licences."""

import hashlib
import re

from hub.server.graphiql import ASSETS, graphiql_page
from tests.api import send

BROWSER = "text/html,application/xhtml+xml"


def referenced_assets(page: str) -> list[str]:
    return re.findall(r'(?:src|href)="([^"]+)"', page)


async def test_the_page_refers_to_nothing_outside_the_hub(client):
    response = await send(client, "GET", accept=BROWSER)

    assert response.status_code == 200
    page = response.text
    assert page == graphiql_page()
    assert not re.search(r"https?://|//[a-z]", page), "the page must not load from elsewhere"
    assert referenced_assets(page) == [
        "data:,",
        "graphiql/graphiql.min.css",
        "graphiql/plugin-explorer.css",
        "graphiql/react.production.min.js",
        "graphiql/react-dom.production.min.js",
        "graphiql/graphiql.min.js",
        "graphiql/plugin-explorer.umd.js",
    ]


async def test_the_page_tells_the_browser_to_load_and_reach_only_the_hub(client):
    response = await send(client, "GET", accept=BROWSER)

    policy = dict(
        directive.split(" ", 1)
        for directive in response.headers["content-security-policy"].split("; ")
    )
    assert policy["default-src"] == "'self'"
    assert policy["connect-src"] == "'self'"
    assert policy["script-src"].startswith("'self' 'sha256-")
    assert "unsafe" not in policy["script-src"]


async def test_every_asset_the_page_loads_is_served_beside_graphql(client):
    for asset in referenced_assets(graphiql_page())[1:]:
        response = await client.get(f"/{asset}")

        assert response.status_code == 200, asset
        assert response.content == (ASSETS / asset.removeprefix("graphiql/")).read_bytes()
        kind = "text/css" if asset.endswith(".css") else "javascript"
        assert kind in response.headers["content-type"], asset


async def test_each_packaged_asset_comes_with_its_licence_and_pinned_version():
    versions = (ASSETS / "VERSIONS").read_text()
    licences = {path.name for path in (ASSETS / "licenses").iterdir()}

    for package in ("react", "react-dom", "graphiql", "graphiql-plugin-explorer"):
        assert f"{package}.LICENSE" in licences
    for asset in ASSETS.glob("*.js"):
        assert asset.name in versions
    assert re.search(r"^graphiql 3\.\d+\.\d+ ", versions, re.M)


def test_the_assets_are_the_files_the_refresh_script_took_from_npm():
    sums = dict(
        reversed(line.split("  ", 1))
        for line in (ASSETS / "VERSIONS").read_text().splitlines()
        if re.match(r"^[0-9a-f]{64}  ", line)
    )

    assert set(sums) == {path.name for path in ASSETS.glob("*.js")} | {
        path.name for path in ASSETS.glob("*.css")
    }
    for name, digest in sums.items():
        assert hashlib.sha256((ASSETS / name).read_bytes()).hexdigest() == digest, name


async def test_without_graphiql_its_assets_are_not_served(app_client):
    async with app_client(environment="production", graphiql=False) as production:
        response = await production.get("/graphiql/graphiql.min.js")

    assert response.status_code == 404
