"""Alembic environment: always handed an open connection by hub.core.migrations."""

from __future__ import annotations

from alembic import context

import hub.models
from hub.core.migrations import declared_for

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through `hub db upgrade`, which supplies a connection")

context.configure(
    connection=connection,
    target_metadata=hub.models.Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
    include_object=declared_for(connection.dialect.name),
)
with context.begin_transaction():
    context.run_migrations()
