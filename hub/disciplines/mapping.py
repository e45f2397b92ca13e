"""How sectors and disciplines map onto SQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, select

from hub.core.mapping import ENTITIES, Entity, ToMany, ToOne
from hub.creators.models import CreatorDiscipline
from hub.disciplines.models import Discipline, Sector
from hub.organisations.models import OrganisationDiscipline
from hub.projects.models import ProjectDiscipline

SECTOR = ENTITIES.add(
    Entity(
        name="Sector",
        table=Sector.__table__,
        key_field="id",
        fields={
            "id": Sector.id,
            "slug": Sector.slug,
            "default_name": Sector.name,
            "translations": Sector.names,
        },
        relations={"disciplines": ToMany("Discipline", parent=Discipline.sector_id)},
        orderings={"SLUG": Sector.slug, "NAME": Sector.name},
        default_ordering=(("NAME", False),),
    )
)

DISCIPLINE = ENTITIES.add(
    Entity(
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
        relations={
            "sector": ToOne("Sector", key_field="sector_id"),
            "creators": ToMany(
                "Creator",
                through=lambda: select(
                    CreatorDiscipline.discipline_id.label("parent"),
                    CreatorDiscipline.creator_id.label("child"),
                ),
            ),
            "organisations": ToMany(
                "Organisation",
                through=lambda: select(
                    OrganisationDiscipline.discipline_id.label("parent"),
                    OrganisationDiscipline.organisation_id.label("child"),
                ),
            ),
            "projects": ToMany(
                "Project",
                through=lambda: select(
                    ProjectDiscipline.discipline_id.label("parent"),
                    ProjectDiscipline.project_id.label("child"),
                ),
            ),
        },
        orderings={"SLUG": Discipline.slug, "NAME": Discipline.name},
        default_ordering=(("NAME", False),),
    )
)


def discipline_ids_matching(slugs: list[str]) -> Select[Any]:
    """Ids of the disciplines named by ``slugs``; a sector's slug names all of its own."""
    sector_ids = select(Sector.id).where(Sector.slug.in_(slugs))
    return select(Discipline.id).where(
        Discipline.slug.in_(slugs) | Discipline.sector_id.in_(sector_ids)
    )
