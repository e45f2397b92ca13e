"""credentials by achievement, for verified skills

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-01 08:15:00.000000

Matchmaking's verified skills read every discipline a valid credential attests
(``achievement_discipline``): from the disciplines asked for to their achievements, then
to the valid credentials of those achievements and their holders. ``ix_credential_valid_
attestation`` answers the second step from the index alone; with ``achievement_id``'s
own index PostgreSQL read the whole credential table instead (10 ms against 0.5 ms for
30,000 credentials, docs/matchmaking.md).
"""

from __future__ import annotations

from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("credential", schema=None) as batch_op:
        batch_op.create_index(
            "ix_credential_valid_attestation",
            ["achievement_id", "revoked_at", "creator_id"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("credential", schema=None) as batch_op:
        batch_op.drop_index("ix_credential_valid_attestation")
