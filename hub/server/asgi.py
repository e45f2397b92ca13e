"""``hub.server.asgi:app`` for ASGI servers run with several workers."""

from hub.config import Settings
from hub.logs import configure_logging
from hub.server.app import create_app

settings = Settings()
configure_logging(settings)
app = create_app(settings)
