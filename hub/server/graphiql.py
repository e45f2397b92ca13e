"""GraphiQL, served by the hub itself: the page and the assets it loads.

The assets (React, GraphiQL, its explorer plugin) are pinned copies inside the package,
refreshed by ``tools/refresh-graphiql.sh`` from the npm registry with their licences, so
the explorer works where no CDN can be reached. The page loads them by relative URLs
(``graphiql/...`` beside ``/graphql``), so it works behind a path prefix too.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
from pathlib import Path

from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

HERE = Path(__file__).resolve().parent
ASSETS = HERE / "static" / "graphiql"
ASSETS_PATH = "/graphiql"


@functools.cache
def graphiql_page() -> str:
    return (HERE / "graphiql.html").read_text(encoding="utf-8")


@functools.cache
def content_security_policy() -> str:
    """The page may load and reach only the hub: a browser enforces what the tests check.

    Its one inline script is allowed by its hash; React sets inline styles.
    """
    inline = re.findall(r"<script>(.*?)</script>", graphiql_page(), re.S)
    hashes = " ".join(
        f"'sha256-{base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()}'"
        for script in inline
    )
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' {hashes}",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
        ]
    )


def graphiql_assets() -> Mount:
    """The route serving the assets, next to ``/graphql``."""
    return Mount(ASSETS_PATH, app=StaticFiles(directory=ASSETS), name="graphiql")
