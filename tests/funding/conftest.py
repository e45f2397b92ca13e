from __future__ import annotations

from collections.abc import Iterator

import pytest

from hub.funding.gateway import SANDBOX


@pytest.fixture(autouse=True)
def sandbox() -> Iterator[object]:
    """The sandbox gateway, clean for each test."""
    SANDBOX.reset()
    yield SANDBOX
    SANDBOX.reset()
