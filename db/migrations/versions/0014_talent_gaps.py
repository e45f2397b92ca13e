"""talent gaps: achievements' disciplines, credential formats, preferred languages

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-01 07:00:00.000000

Issue 12's gaps. ``achievement_discipline`` lists every discipline an achievement
attests (existing achievements get their programme's disciplines and their own one,
at the achievement's level, named as the disciplines are now); ``credential.
document_format`` keeps the Open Badges document shape a credential was issued in (1
for every credential issued before, so their documents and proofs do not change); and
``user_account.preferred_locale`` is the language mail is written in.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "achievement_discipline",
        sa.Column("achievement_id", sa.Integer(), nullable=False),
        sa.Column("discipline_id", sa.Integer(), nullable=False),
        sa.Column(
            "level",
            sa.Enum(
                "BEGINNER",
                "INTERMEDIATE",
                "ADVANCED",
                "EXPERT",
                "MASTER",
                name="skilllevel",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("discipline_slug", sa.String(length=60), nullable=False),
        sa.Column("discipline_name", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["achievement_id"],
            ["achievement.id"],
            name=op.f("fk_achievement_discipline_achievement_id_achievement"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["discipline_id"],
            ["discipline.id"],
            name=op.f("fk_achievement_discipline_discipline_id_discipline"),
        ),
        sa.PrimaryKeyConstraint(
            "achievement_id", "discipline_id", name=op.f("pk_achievement_discipline")
        ),
    )
    with op.batch_alter_table("achievement_discipline", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_achievement_discipline_discipline_id"), ["discipline_id"], unique=False
        )
    op.execute(
        """
        INSERT INTO achievement_discipline
            (achievement_id, discipline_id, level, discipline_slug, discipline_name)
        SELECT attested.achievement_id, discipline.id, attested.level, discipline.slug,
               discipline.name
        FROM (
            SELECT achievement.id AS achievement_id, achievement.discipline_id AS discipline_id,
                   achievement.level AS level
            FROM achievement
            UNION
            SELECT achievement.id, programme_discipline.discipline_id, achievement.level
            FROM achievement
            JOIN programme_discipline
              ON programme_discipline.programme_id = achievement.programme_id
        ) AS attested
        JOIN discipline ON discipline.id = attested.discipline_id
        """
    )
    with op.batch_alter_table("credential", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("document_format", sa.Integer(), server_default="1", nullable=False)
        )
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.add_column(sa.Column("preferred_locale", sa.String(length=2), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.drop_column("preferred_locale")
    with op.batch_alter_table("credential", schema=None) as batch_op:
        batch_op.drop_column("document_format")
    with op.batch_alter_table("achievement_discipline", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_achievement_discipline_discipline_id"))
    op.drop_table("achievement_discipline")
