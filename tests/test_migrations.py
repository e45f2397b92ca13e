"""One migration history for both databases, matching the models exactly."""

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

import hub.models
from hub.core.migrations import declared_for, downgrade, head_revision, is_up_to_date, upgrade


async def test_the_migrated_schema_matches_the_models(database):
    def differences(connection):
        options = {"compare_type": True, "include_object": declared_for(connection.dialect.name)}
        context = MigrationContext.configure(connection, opts=options)
        return compare_metadata(context, hub.models.Base.metadata)

    async with database.engine.connect() as connection:
        assert await connection.run_sync(differences) == []
    assert await is_up_to_date(database.engine)


async def test_migrations_go_down_to_nothing_and_up_again(database, tmp_path):
    from tests.conftest import fresh_engine

    async with fresh_engine(database.backend, tmp_path) as engine:
        await upgrade(engine)
        assert await is_up_to_date(engine)
        await downgrade(engine, "base")
        async with engine.connect() as connection:
            tables = await connection.run_sync(lambda c: inspect(c).get_table_names())
        assert set(tables) <= {"alembic_version"}
        await upgrade(engine)
        async with engine.connect() as connection:
            tables = await connection.run_sync(lambda c: inspect(c).get_table_names())
        assert set(hub.models.Base.metadata.tables) <= set(tables)
        assert head_revision() is not None
