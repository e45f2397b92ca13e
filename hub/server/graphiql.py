"""GraphiQL, served by the hub itself: the page and the assets it loads.

The assets (React, GraphiQL, its explorer plugin) are pinned copies inside the package,
refreshed by ``tools/refresh-graphiql.sh`` from the npm registry with their licences, so
the explorer works where no CDN can be reached. The page loads them by relative URLs
(``graphiql/...`` beside ``/graphql``), so it works behind a path prefix too.
"""

from __future__ import annotations

import functools
from pathlib import Path

from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

HERE = Path(__file__).resolve().parent
ASSETS = HERE / "static" / "graphiql"
ASSETS_PATH = "/graphiql"


@functools.cache
def graphiql_page() -> str:
    return (HERE / "graphiql.html").read_text(encoding="utf-8")


def graphiql_assets() -> Mount:
    """The route serving the assets, next to ``/graphql``."""
    return Mount(ASSETS_PATH, app=StaticFiles(directory=ASSETS), name="graphiql")
