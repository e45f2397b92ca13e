"""One logging set-up for every process the hub runs: the CLI, and each server worker."""

from __future__ import annotations

import logging

from hub.config import Settings

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"


def configure_logging(settings: Settings) -> None:
    """Timestamps and ``HUB_LOG_LEVEL`` for the hub's loggers, in whichever process starts.

    Workers started by ``uvicorn --workers`` import ``hub.server.asgi`` in a fresh process
    and do not run the CLI, so they call this too, or their INFO lines would be lost.
    """
    logging.basicConfig(level=settings.log_level.upper(), format=LOG_FORMAT)


def access_log_enabled(settings: Settings) -> bool:
    """Whether uvicorn writes its access log: its lines are INFO, so above that level it
    is off instead of formatting a line per request for the logger to drop."""
    level = logging.getLevelNamesMapping().get(settings.log_level.upper(), logging.INFO)
    return level <= logging.INFO
