"""How projects, their participants and open roles map onto SQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, select

from hub.core.mapping import (
    Derived,
    Entity,
    QueryEnv,
    Relations,
    ToMany,
    ToOne,
    boolean,
)
from hub.countries import mapping as countries_mapping
from hub.creators import mapping as creators_mapping
from hub.disciplines import mapping as disciplines_mapping
from hub.organisations import mapping as organisations_mapping
from hub.projects.links import countries_by_project, country_count
from hub.projects.models import OpenRole, Participant, Project, ProjectDiscipline


def is_cross_border(_env: QueryEnv) -> ColumnElement[Any]:
    return boolean(country_count() >= 2)


class ProjectRelations(Relations):
    lead_organisation = ToOne(
        lambda: organisations_mapping.ORGANISATION, key_field="lead_organisation_id"
    )
    lead_creator = ToOne(lambda: creators_mapping.CREATOR, key_field="lead_creator_id")
    disciplines = ToMany(
        lambda: disciplines_mapping.DISCIPLINE,
        through=lambda: select(
            ProjectDiscipline.project_id.label("parent"),
            ProjectDiscipline.discipline_id.label("child"),
        ),
    )
    countries = ToMany(lambda: countries_mapping.COUNTRY, through=countries_by_project)
    participants = ToMany(lambda: PARTICIPANT, parent=Participant.project_id)
    open_roles = ToMany(lambda: OPEN_ROLE, parent=OpenRole.project_id)


PROJECT: Entity[ProjectRelations] = Entity(
    name="Project",
    table=Project.__table__,
    key_field="id",
    fields={
        "id": Project.id,
        "slug": Project.slug,
        "title": Project.title,
        "summary": Project.summary,
        "description": Project.description,
        "status": Project.status,
        "lead_organisation_id": Project.lead_organisation_id,
        "lead_creator_id": Project.lead_creator_id,
        "start_date": Project.start_date,
        "end_date": Project.end_date,
        "budget_minor": Project.budget_minor,
        "budget_currency": Project.budget_currency,
        "created_at": Project.created_at,
        "updated_at": Project.updated_at,
        "is_cross_border": Derived(is_cross_border),
    },
    relations=ProjectRelations(),
    orderings={
        "SLUG": Project.slug,
        "TITLE": Project.title,
        "START_DATE": Project.start_date,
        "CREATED_AT": Project.created_at,
    },
    default_ordering=(("TITLE", False),),
)


class ParticipantRelations(Relations):
    project = ToOne(lambda: PROJECT, key_field="project_id")
    creator = ToOne(lambda: creators_mapping.CREATOR, key_field="creator_id")
    organisation = ToOne(lambda: organisations_mapping.ORGANISATION, key_field="organisation_id")


PARTICIPANT: Entity[ParticipantRelations] = Entity(
    name="Participant",
    table=Participant.__table__,
    key_field="id",
    fields={
        "id": Participant.id,
        "project_id": Participant.project_id,
        "creator_id": Participant.creator_id,
        "organisation_id": Participant.organisation_id,
        "role": Participant.role,
        "joined_on": Participant.joined_on,
    },
    relations=ParticipantRelations(),
    orderings={"JOINED_ON": Participant.joined_on},
    default_ordering=(("JOINED_ON", False),),
)


class OpenRoleRelations(Relations):
    project = ToOne(lambda: PROJECT, key_field="project_id")
    discipline = ToOne(lambda: disciplines_mapping.DISCIPLINE, key_field="discipline_id")


OPEN_ROLE: Entity[OpenRoleRelations] = Entity(
    name="OpenRole",
    table=OpenRole.__table__,
    key_field="id",
    fields={
        "id": OpenRole.id,
        "project_id": OpenRole.project_id,
        "title": OpenRole.title,
        "description": OpenRole.description,
        "discipline_id": OpenRole.discipline_id,
        "required_languages": OpenRole.required_languages,
        "seniority": OpenRole.seniority,
        "headcount": OpenRole.headcount,
        "filled_count": OpenRole.filled_count,
        "remote_allowed": OpenRole.remote_allowed,
        "preferred_country_codes": OpenRole.preferred_countries,
        "is_open": OpenRole.is_open,
        "created_at": OpenRole.created_at,
        "strict_requirement_names": OpenRole.strict_requirements,
        "language_minimum_map": OpenRole.language_minimums,
        "prefers_exact_level": OpenRole.prefers_exact_level,
        "location_country_code": OpenRole.location_country,
        "location_city": OpenRole.location_city,
    },
    relations=OpenRoleRelations(),
    orderings={"CREATED_AT": OpenRole.created_at, "TITLE": OpenRole.title},
    default_ordering=(("CREATED_AT", False),),
)
