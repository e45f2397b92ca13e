"""How creators, their skills, languages and affiliations map onto SQL."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, SQLColumnExpression, and_, case, or_, select

from hub.collaboration import mapping as collaboration_mapping
from hub.collaboration.pairs import COLLABORATOR_PAIRS
from hub.core.mapping import (
    Derived,
    Entity,
    NoRelations,
    QueryEnv,
    Relations,
    ToMany,
    ToOne,
    boolean,
)
from hub.countries import mapping as countries_mapping
from hub.creators.enums import LanguageProficiency, SkillLevel
from hub.creators.models import Affiliation, Creator, CreatorDiscipline, CreatorLanguage
from hub.disciplines import mapping as disciplines_mapping
from hub.organisations import mapping as organisations_mapping
from hub.projects import mapping as projects_mapping
from hub.projects.models import Participant
from hub.talent.credentials import mapping as credentials_mapping
from hub.talent.credentials.models import Credential


def is_young_talent(env: QueryEnv) -> ColumnElement[Any]:
    """Aged ``young_talent_max_age`` or under this year; unknown birth years are not."""
    earliest_birth_year = env.today.year - env.young_talent_max_age
    return boolean(and_(Creator.birth_year.is_not(None), Creator.birth_year >= earliest_birth_year))


def is_current_affiliation(env: QueryEnv) -> ColumnElement[Any]:
    return boolean(or_(Affiliation.until.is_(None), Affiliation.until >= env.today))


def rank_of(column: SQLColumnExpression[Any], members: Sequence[enum.Enum]) -> ColumnElement[int]:
    """An enum column's position in its declared order, for ordering by it."""
    return case({member.name: index for index, member in enumerate(members)}, value=column)


class CreatorRelations(Relations):
    country = ToOne(lambda: countries_mapping.COUNTRY, key_field="country_code")
    disciplines = ToMany(lambda: CREATOR_DISCIPLINE, parent=CreatorDiscipline.creator_id)
    languages = ToMany(lambda: CREATOR_LANGUAGE, parent=CreatorLanguage.creator_id)
    affiliations = ToMany(lambda: AFFILIATION, parent=Affiliation.creator_id)
    participations = ToMany(lambda: projects_mapping.PARTICIPANT, parent=Participant.creator_id)
    projects = ToMany(
        lambda: projects_mapping.PROJECT,
        through=lambda: select(
            Participant.creator_id.label("parent"), Participant.project_id.label("child")
        ),
    )
    collaborators = ToMany(
        lambda: collaboration_mapping.COLLABORATOR, parent=COLLABORATOR_PAIRS.c.creator_id
    )
    credentials = ToMany(
        lambda: credentials_mapping.CREDENTIAL,
        through=lambda: select(
            Credential.creator_id.label("parent"), Credential.id.label("child")
        ).where(Credential.revoked_at.is_(None)),
    )


CREATOR: Entity[CreatorRelations] = Entity(
    name="Creator",
    table=Creator.__table__,
    key_field="id",
    fields={
        "id": Creator.id,
        "handle": Creator.handle,
        "display_name": Creator.display_name,
        "country_code": Creator.country_code,
        "region_code": Creator.region_code,
        "city": Creator.city,
        "birth_year": Creator.birth_year,
        "bio": Creator.bio,
        "open_to_collaboration": Creator.open_to_collaboration,
        "is_mentor": Creator.is_mentor,
        "portfolio_links": Creator.portfolio,
        "contact_email": Creator.contact_email,
        "phone": Creator.phone,
        "owner_user_id": Creator.owner_user_id,
        "created_at": Creator.created_at,
        "updated_at": Creator.updated_at,
        "is_young_talent": Derived(is_young_talent),
    },
    relations=CreatorRelations(),
    orderings={
        "HANDLE": Creator.handle,
        "DISPLAY_NAME": Creator.display_name,
        "BIRTH_YEAR": Creator.birth_year,
        "CREATED_AT": Creator.created_at,
    },
    default_ordering=(("DISPLAY_NAME", False),),
)


class CreatorDisciplineRelations(Relations):
    discipline = ToOne(lambda: disciplines_mapping.DISCIPLINE, key_field="discipline_id")


CREATOR_DISCIPLINE: Entity[CreatorDisciplineRelations] = Entity(
    name="CreatorDiscipline",
    table=CreatorDiscipline.__table__,
    key_field="discipline_id",
    fields={
        "creator_id": CreatorDiscipline.creator_id,
        "discipline_id": CreatorDiscipline.discipline_id,
        "level": CreatorDiscipline.level,
        "years_of_experience": CreatorDiscipline.years_of_experience,
    },
    relations=CreatorDisciplineRelations(),
    orderings={"LEVEL": rank_of(CreatorDiscipline.level, list(SkillLevel))},
    default_ordering=(("LEVEL", True),),
)

CREATOR_LANGUAGE: Entity[NoRelations] = Entity(
    name="CreatorLanguage",
    table=CreatorLanguage.__table__,
    key_field="language",
    fields={"language": CreatorLanguage.language, "proficiency": CreatorLanguage.proficiency},
    relations=NoRelations(),
    orderings={"PROFICIENCY": rank_of(CreatorLanguage.proficiency, list(LanguageProficiency))},
    default_ordering=(("PROFICIENCY", True),),
)


class AffiliationRelations(Relations):
    creator = ToOne(lambda: CREATOR, key_field="creator_id")
    organisation = ToOne(lambda: organisations_mapping.ORGANISATION, key_field="organisation_id")


AFFILIATION: Entity[AffiliationRelations] = Entity(
    name="Affiliation",
    table=Affiliation.__table__,
    key_field="id",
    fields={
        "id": Affiliation.id,
        "creator_id": Affiliation.creator_id,
        "organisation_id": Affiliation.organisation_id,
        "role": Affiliation.role,
        "since": Affiliation.since,
        "until": Affiliation.until,
        "is_current": Derived(is_current_affiliation),
    },
    relations=AffiliationRelations(),
    orderings={"SINCE": Affiliation.since},
    default_ordering=(("SINCE", True),),
)
