"""creators by country with their keys, for the mentors in a creator's country

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-01 08:20:00.000000

Replaces the one-column index on ``creator.country_code``, which it extends, so lookups
by country keep their index. ``recommendedMentors`` picks the mentors in the creator's
country out of that country's creators: with the key in the index it reads the index
alone, where it visited thousands of table pages (2,626 for Kazakhstan's 19,881 creators
in the 100,000-creator benchmark data).
"""

from __future__ import annotations

from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_creator_country_members", "creator", ["country_code", "id"])
    op.drop_index("ix_creator_country_code", table_name="creator")


def downgrade() -> None:
    op.create_index("ix_creator_country_code", "creator", ["country_code"])
    op.drop_index("ix_creator_country_members", table_name="creator")
