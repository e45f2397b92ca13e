"""``hub.server.asgi:app`` for ASGI servers run with several workers."""

from hub.config import Settings
from hub.server.app import create_app

app = create_app(Settings())
