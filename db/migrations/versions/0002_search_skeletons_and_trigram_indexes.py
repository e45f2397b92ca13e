"""search: romanised skeletons in every search document; trigram indexes on PostgreSQL

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30 10:00:00.000000

Every row's ``search_text`` is rebuilt from its names with the document functions the
code writes with, so rows written before this revision are found across scripts too.
On PostgreSQL, pg_trgm is installed and ``search_text`` gets a GIN trigram index on
the three tables that grow (creators, organisations, projects); countries, sectors and
disciplines are a few dozen rows each and are scanned.

The downgrade drops the indexes and rebuilds the documents as 0001 wrote them (the
folded names alone). It leaves the pg_trgm extension installed: it may serve other
schemas in the database, and an unused extension costs nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, NamedTuple

import sqlalchemy as sa
from alembic import op

from hub.core.text import NAME_SEPARATOR, folded_names, search_document
from hub.countries.search import country_names
from hub.creators.search import creator_names
from hub.disciplines.search import taxonomy_names
from hub.organisations.search import organisation_names
from hub.projects.search import project_names

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

INDEXED_TABLES = ("creator", "organisation", "project")
BATCH_SIZE = 5_000


class Documents(NamedTuple):
    """How to rebuild one table's ``search_text``: from which columns, by which names."""

    table: str
    key: str
    columns: tuple[str, ...]
    names: Callable[..., list[str | None]]

    def selectable(self) -> sa.TableClause:
        # The key stays untyped, so it binds as whatever the table holds (integer or text).
        names = {*self.columns, "search_text"} - {self.key}
        return sa.table(
            self.table,
            sa.column(self.key),
            *(sa.column(name, sa.JSON() if name == "names" else sa.Text()) for name in names),
        )


DOCUMENTS = (
    Documents("creator", "id", ("display_name", "handle", "city"), creator_names),
    Documents("organisation", "id", ("name", "names", "slug", "city"), organisation_names),
    Documents("project", "id", ("title", "slug"), project_names),
    Documents("country", "code", ("code", "names"), country_names),
    Documents("sector", "id", ("slug", "names"), taxonomy_names),
    Documents("discipline", "id", ("slug", "names"), taxonomy_names),
)


def _batches(rows: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _rebuild(document: Callable[[list[str | None]], str]) -> None:
    connection = op.get_bind()
    for spec in DOCUMENTS:
        table = spec.selectable()
        key = table.c[spec.key]
        rows = connection.execute(
            sa.select(key, *(table.c[name] for name in spec.columns)).order_by(key)
        ).all()
        statement = (
            sa.update(table)
            .where(key == sa.bindparam("row_key"))
            .values(search_text=sa.bindparam("document"))
        )
        for batch in _batches(rows, BATCH_SIZE):
            connection.execute(
                statement,
                [{"row_key": row[0], "document": document(spec.names(*row[1:]))} for row in batch],
            )


def _folded_only(names: list[str | None]) -> str:
    return NAME_SEPARATOR.join(folded_names(names))


def upgrade() -> None:
    # Documents first, indexes after: building a GIN index once is much faster than
    # updating it row by row.
    _rebuild(search_document)
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for table in INDEXED_TABLES:
            op.create_index(
                f"ix_{table}_search_text_trgm",
                table,
                ["search_text"],
                postgresql_using="gin",
                postgresql_ops={"search_text": "gin_trgm_ops"},
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in INDEXED_TABLES:
            op.drop_index(f"ix_{table}_search_text_trgm", table_name=table)
    _rebuild(_folded_only)
