"""Verified skills as matchmaking reads them: every discipline a valid credential attests.

A credential attests each discipline of its achievement (``achievement_discipline``) at
that row's level; ``credential.discipline_id`` keeps only the first of them by slug, for
documents of format 1, so matchmaking never reads it. A revoked credential attests
nothing. Both readers (the ranking statement's ``verified`` subquery and a creator's
profile) start from ``attested``, so they cannot disagree.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, select
from strawberry.dataloader import DataLoader

from hub.api.loaders import Loaders
from hub.creators.enums import SkillLevel
from hub.matching.scoring import Expr
from hub.talent.credentials.models import AchievementDiscipline, Credential

ATTESTED_DISCIPLINE = AchievementDiscipline.discipline_id
ATTESTED_LEVEL = AchievementDiscipline.level
HOLDER = Credential.creator_id


def attested(*columns: Expr) -> Select[Any]:
    """``columns`` over each pair of a valid credential and a discipline it attests.

    Read from the disciplines' side (``ix_achievement_discipline_discipline_id``, then
    ``ix_credential_valid_attestation``) or the holder's (``ix_credential_valid_skill``):
    few programmes issue credentials, and few creators hold any.
    """
    return (
        select(*columns)
        .select_from(Credential)
        .join(
            AchievementDiscipline, AchievementDiscipline.achievement_id == Credential.achievement_id
        )
        .where(Credential.revoked_at.is_(None))
    )


def verified_levels(loaders: Loaders) -> DataLoader[int, dict[int, SkillLevel]]:
    """By creator: the best level their valid credentials attest, by discipline; one
    statement for every creator asked for in a tick."""

    async def load(creators: Sequence[int]) -> list[dict[int, SkillLevel]]:
        rows = await loaders.reader.rows(
            attested(
                HOLDER.label("creator_id"),
                ATTESTED_DISCIPLINE.label("discipline_id"),
                ATTESTED_LEVEL.label("level"),
            ).where(HOLDER.in_(sorted(set(creators))))
        )
        found: dict[int, dict[int, SkillLevel]] = {key: {} for key in creators}
        for row in rows:
            levels = found[row["creator_id"]]
            best = levels.get(row["discipline_id"])
            if best is None or row["level"].rank > best.rank:
                levels[row["discipline_id"]] = row["level"]
        return [found[key] for key in creators]

    return loaders.batch("verified_levels", load)
