"""Root fields for projects."""

from __future__ import annotations

import enum
from typing import Annotated, Any

import strawberry
from sqlalchemy import ColumnElement, exists

from hub.api.context import Info
from hub.api.pagination import Connection, QueryListing, connection
from hub.api.relations import find_one
from hub.api.scalars import CountryCode, OrderDirection
from hub.api.search import searched_listing, unsearched_listing
from hub.api.sql_fields import SQL_FIELD, FindsBy, ListsAll
from hub.core.filters import all_of
from hub.core.mapping import QueryEnv
from hub.disciplines.mapping import discipline_ids_matching
from hub.projects.enums import ProjectStatus
from hub.projects.links import projects_in_countries
from hub.projects.mapping import PROJECT
from hub.projects.models import OpenRole, ProjectDiscipline
from hub.projects.models import Project as ProjectRow
from hub.projects.types import Project


@strawberry.enum(description="What projects can be sorted by.")
class ProjectOrderField(enum.Enum):
    SLUG = strawberry.enum_value("SLUG", description="By slug, the name in its URL.")
    TITLE = strawberry.enum_value("TITLE", description="By title.")
    START_DATE = strawberry.enum_value("START_DATE", description="By start date.")
    CREATED_AT = strawberry.enum_value("CREATED_AT", description="By when it was added to the hub.")


@strawberry.input(description="How to sort projects.")
class ProjectOrder:
    field: ProjectOrderField = strawberry.field(description="What to sort by.")
    direction: OrderDirection = strawberry.field(
        default=OrderDirection.ASC, description="Which way."
    )


@strawberry.input(description="Narrows the list of projects; every given condition must hold.")
class ProjectFilter:
    countries: list[CountryCode] | None = strawberry.field(
        default=None, description="With a participant from one of these countries."
    )
    disciplines: list[str] | None = strawberry.field(
        default=None,
        description="In one of these disciplines (slugs); a sector's slug stands for all of "
        "its disciplines.",
    )
    statuses: list[ProjectStatus] | None = strawberry.field(
        default=None, description="In one of these statuses."
    )
    cross_border: bool | None = strawberry.field(
        default=None, description="Participants from two or more countries (true), or not."
    )
    has_open_roles: bool | None = strawberry.field(
        default=None, description="Looking to fill at least one open role (true), or not."
    )
    search: str | None = strawberry.field(
        default=None,
        description="The title or part of it, in any script: Cyrillic and Latin spellings "
        "find each other and small typos are forgiven. Without `orderBy`, the best "
        "matches come first.",
    )


def project_conditions(
    where: ProjectFilter | None, env: QueryEnv
) -> tuple[ColumnElement[Any], ...]:
    if where is None:
        return ()
    in_disciplines = exists().where(
        ProjectDiscipline.project_id == ProjectRow.id,
        ProjectDiscipline.discipline_id.in_(discipline_ids_matching(where.disciplines or [])),
    )
    has_open_role = exists().where(OpenRole.project_id == ProjectRow.id, OpenRole.is_open)
    cross_border = PROJECT.expression("is_cross_border", env)
    return all_of(
        ProjectRow.id.in_(projects_in_countries(where.countries)) if where.countries else None,
        in_disciplines if where.disciplines else None,
        ProjectRow.status.in_(where.statuses) if where.statuses else None,
        None
        if where.cross_border is None
        else (cross_border if where.cross_border else ~cross_border),
        None
        if where.has_open_roles is None
        else (has_open_role if where.has_open_roles else ~has_open_role),
    )


def compiled_projects(
    filter: ProjectFilter | None = None, order_by: ProjectOrder | None = None, *, env: QueryEnv
) -> QueryListing | None:
    """``projects`` as the compiled read path pages through it; a search is left to the
    resolver."""
    return unsearched_listing(Project, filter, project_conditions(filter, env), order_by)


@strawberry.type
class ProjectQueries:
    @connection(
        Connection[Project],
        "Projects, by title unless sorted or searched.",
        {SQL_FIELD: ListsAll(compiled_projects)},
    )
    def projects(
        self,
        info: Info,
        filter: Annotated[
            ProjectFilter | None, strawberry.argument(description="Which projects.")
        ] = None,
        order_by: Annotated[
            ProjectOrder | None, strawberry.argument(description="Their order.")
        ] = None,
    ) -> QueryListing:
        conditions = project_conditions(filter, info.context.reader.env)
        document = ProjectRow.search_text
        return searched_listing(info, Project, document, filter, conditions, order_by)

    @strawberry.field(description="A project by slug.", metadata={SQL_FIELD: FindsBy("slug")})
    async def project(
        self, info: Info, slug: Annotated[str, strawberry.argument(description="Its slug.")]
    ) -> Project | None:
        return await find_one(info, Project, ProjectRow.slug == slug)
