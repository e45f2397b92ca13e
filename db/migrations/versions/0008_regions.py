"""regions: an optional ISO 3166-2 first-level subdivision on creators and organisations

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 04:00:00.000000

The Talent Factory reaches young people in every region, not only the capitals, so
creators and organisations may say which region of their country they are in. The
column holds the ISO 3166-2 code (``KZ-75``, at most six characters); the list of codes
and their names comes from pycountry (``hub/countries/regions.py``), not from a table,
so the service checks the code against the country rather than a foreign key. Indexed
for the ``regions`` filters and per-region counts.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_TABLES = ("creator", "organisation")


def upgrade() -> None:
    for table in _TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("region_code", sa.String(length=6), nullable=True))
            batch_op.create_index(
                batch_op.f(f"ix_{table}_region_code"), ["region_code"], unique=False
            )


def downgrade() -> None:
    for table in _TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f"ix_{table}_region_code"))
            batch_op.drop_column("region_code")
