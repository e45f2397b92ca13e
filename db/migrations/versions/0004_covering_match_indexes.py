"""covering indexes for matchmaking: practitioners of a discipline, speakers of a language

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 09:40:00.000000

Each replaces a one-column index it extends, so lookups by discipline or language
keep their index; matchmaking now reads levels, years and proficiencies from the
index alone instead of visiting thousands of table rows per request.
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_creator_discipline_practitioners",
        "creator_discipline",
        ["discipline_id", "creator_id", "level", "years_of_experience"],
    )
    op.drop_index("ix_creator_discipline_discipline_id", table_name="creator_discipline")
    op.create_index(
        "ix_creator_language_speakers",
        "creator_language",
        ["language", "creator_id", "proficiency"],
    )
    op.drop_index("ix_creator_language_language", table_name="creator_language")


def downgrade() -> None:
    op.create_index("ix_creator_language_language", "creator_language", ["language"])
    op.drop_index("ix_creator_language_speakers", table_name="creator_language")
    op.create_index("ix_creator_discipline_discipline_id", "creator_discipline", ["discipline_id"])
    op.drop_index("ix_creator_discipline_practitioners", table_name="creator_discipline")
