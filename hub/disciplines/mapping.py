"""How sectors and disciplines map onto SQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, select

from hub.core.mapping import Entity, Relations, ToMany, ToOne
from hub.creators import mapping as creators_mapping
from hub.creators.models import CreatorDiscipline
from hub.disciplines.models import Discipline, Sector
from hub.organisations import mapping as organisations_mapping
from hub.organisations.models import OrganisationDiscipline
from hub.projects import mapping as projects_mapping
from hub.projects.models import ProjectDiscipline


class SectorRelations(Relations):
    disciplines = ToMany(lambda: DISCIPLINE, parent=Discipline.sector_id)


SECTOR: Entity[SectorRelations] = Entity(
    name="Sector",
    table=Sector.__table__,
    key_field="id",
    fields={
        "id": Sector.id,
        "slug": Sector.slug,
        "default_name": Sector.name,
        "translations": Sector.names,
    },
    relations=SectorRelations(),
    orderings={"SLUG": Sector.slug, "NAME": Sector.name},
    default_ordering=(("NAME", False),),
)


class DisciplineRelations(Relations):
    sector = ToOne(lambda: SECTOR, key_field="sector_id")
    creators = ToMany(
        lambda: creators_mapping.CREATOR,
        through=lambda: select(
            CreatorDiscipline.discipline_id.label("parent"),
            CreatorDiscipline.creator_id.label("child"),
        ),
    )
    organisations = ToMany(
        lambda: organisations_mapping.ORGANISATION,
        through=lambda: select(
            OrganisationDiscipline.discipline_id.label("parent"),
            OrganisationDiscipline.organisation_id.label("child"),
        ),
    )
    projects = ToMany(
        lambda: projects_mapping.PROJECT,
        through=lambda: select(
            ProjectDiscipline.discipline_id.label("parent"),
            ProjectDiscipline.project_id.label("child"),
        ),
    )


DISCIPLINE: Entity[DisciplineRelations] = Entity(
    name="Discipline",
    table=Discipline.__table__,
    key_field="id",
    fields={
        "id": Discipline.id,
        "slug": Discipline.slug,
        "sector_id": Discipline.sector_id,
        "default_name": Discipline.name,
        "translations": Discipline.names,
    },
    relations=DisciplineRelations(),
    orderings={"SLUG": Discipline.slug, "NAME": Discipline.name},
    default_ordering=(("NAME", False),),
)


def discipline_ids_matching(slugs: list[str]) -> Select[Any]:
    """Ids of the disciplines named by ``slugs``; a sector's slug names all of its own."""
    sector_ids = select(Sector.id).where(Sector.slug.in_(slugs))
    return select(Discipline.id).where(
        Discipline.slug.in_(slugs) | Discipline.sector_id.in_(sector_ids)
    )
