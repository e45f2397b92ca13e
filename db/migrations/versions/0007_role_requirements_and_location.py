"""open roles: strict requirements, language minimums, level fit, location

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 01:00:00.000000

Matchmaking ranks candidates who meet a role's requirements above those who miss one
(docs/matchmaking.md). A role says which requirements exclude instead
(``strict_requirements``), the proficiency it asks per language (``language_minimums``),
whether candidates far above its level rank lower (``prefers_exact_level``), and where
on-site work happens (``location_country``, ``location_city``; a region will join them
with ISO 3166-2). Existing roles keep today's behaviour: nothing strict, no minimums.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("open_role", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("strict_requirements", sa.JSON(), nullable=False, server_default="[]")
        )
        batch_op.add_column(
            sa.Column("language_minimums", sa.JSON(), nullable=False, server_default="{}")
        )
        batch_op.add_column(
            sa.Column(
                "prefers_exact_level", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )
        batch_op.add_column(sa.Column("location_country", sa.String(length=2), nullable=True))
        batch_op.add_column(sa.Column("location_city", sa.String(length=100), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_open_role_location_country_country"),
            "country",
            ["location_country"],
            ["code"],
        )
    with op.batch_alter_table("open_role", schema=None) as batch_op:
        batch_op.alter_column("strict_requirements", server_default=None)
        batch_op.alter_column("language_minimums", server_default=None)
        batch_op.alter_column("prefers_exact_level", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("open_role", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_open_role_location_country_country"), type_="foreignkey"
        )
        batch_op.drop_column("location_city")
        batch_op.drop_column("location_country")
        batch_op.drop_column("prefers_exact_level")
        batch_op.drop_column("language_minimums")
        batch_op.drop_column("strict_requirements")
