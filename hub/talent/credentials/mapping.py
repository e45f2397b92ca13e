"""How credentials and achievements map onto SQL."""

from __future__ import annotations

from sqlalchemy import select

from hub.core.mapping import Entity, Relations, ToMany, ToOne
from hub.creators import mapping as creators_mapping
from hub.disciplines import mapping as disciplines_mapping
from hub.organisations import mapping as organisations_mapping
from hub.talent.credentials.models import Achievement, AchievementDiscipline, Credential


class AchievementRelations(Relations):
    issuer = ToOne(lambda: organisations_mapping.ORGANISATION, key_field="issuer_organisation_id")
    discipline = ToOne(lambda: disciplines_mapping.DISCIPLINE, key_field="discipline_id")
    disciplines = ToMany(
        lambda: disciplines_mapping.DISCIPLINE,
        through=lambda: select(
            AchievementDiscipline.achievement_id.label("parent"),
            AchievementDiscipline.discipline_id.label("child"),
        ),
    )


ACHIEVEMENT: Entity[AchievementRelations] = Entity(
    name="Achievement",
    table=Achievement.__table__,
    key_field="id",
    fields={
        "id": Achievement.id,
        "issuer_organisation_id": Achievement.issuer_organisation_id,
        "discipline_id": Achievement.discipline_id,
        "level": Achievement.level,
        "achievement_type": Achievement.achievement_type,
        "name": Achievement.name,
        "description": Achievement.description,
        "criteria": Achievement.criteria,
    },
    relations=AchievementRelations(),
    orderings={"NAME": Achievement.name},
    default_ordering=(("NAME", False),),
)


class CredentialRelations(Relations):
    recipient = ToOne(lambda: creators_mapping.CREATOR, key_field="creator_id")
    achievement = ToOne(lambda: ACHIEVEMENT, key_field="achievement_id")
    discipline = ToOne(lambda: disciplines_mapping.DISCIPLINE, key_field="discipline_id")


CREDENTIAL: Entity[CredentialRelations] = Entity(
    name="Credential",
    table=Credential.__table__,
    key_field="id",
    fields={
        "id": Credential.id,
        "public_id": Credential.public_id,
        "creator_id": Credential.creator_id,
        "achievement_id": Credential.achievement_id,
        "discipline_id": Credential.discipline_id,
        "level": Credential.level,
        "sessions_attended": Credential.sessions_attended,
        "sessions_total": Credential.sessions_total,
        "issued_at": Credential.issued_at,
        "revoked_at": Credential.revoked_at,
        "revocation_reason": Credential.revocation_reason,
    },
    relations=CredentialRelations(),
    orderings={"ISSUED_AT": Credential.issued_at},
    default_ordering=(("ISSUED_AT", True),),
)
