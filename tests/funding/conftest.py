from __future__ import annotations

import pytest

from hub.funding.sandbox import SandboxGateway
from tests.factories import Factory
from tests.funding.world import sandbox as sandbox_of


@pytest.fixture
async def sandbox(factory: Factory) -> SandboxGateway:
    """The sandbox gateway, counting from the test's start (the demo data used it too);
    its state is rows of the test's database, rolled back with it."""
    return await sandbox_of(factory).from_now()
