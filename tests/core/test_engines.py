"""Engines for every database URL the settings accept."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from hub.core.db import create_engine


@pytest.mark.parametrize("url", ["sqlite+aiosqlite://", "sqlite+aiosqlite:///:memory:"])
async def test_an_in_memory_sqlite_database_gets_an_engine_that_answers(url):
    engine = create_engine(url, pool_timeout=1.0)
    try:
        async with engine.connect() as connection:
            assert (await connection.execute(text("SELECT 1"))).scalar_one() == 1
    finally:
        await engine.dispose()


async def test_a_file_database_waits_for_a_connection_no_longer_than_asked(tmp_path):
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'hub.db'}", pool_timeout=1.5)
    try:
        assert engine.pool.timeout() == 1.5
    finally:
        await engine.dispose()
