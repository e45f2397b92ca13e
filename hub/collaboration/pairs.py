"""What counts as collaborating, in SQL: the one definition every graph query builds on.

Two creators collaborate when both take part in the same project (a project's lead
creator is always one of its participants) and that project is *collaborative*: it has
left ``DRAFT`` and was not ``CANCELLED``. A draft is an intention and a cancelled project
never happened; neither shows that people worked together.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, ScalarSelect, Select, Subquery, and_, func, or_, select
from sqlalchemy.orm import aliased

from hub.creators.models import Creator
from hub.projects.enums import ProjectStatus
from hub.projects.models import Participant, Project

COLLABORATIVE_STATUSES = (
    ProjectStatus.SEEKING_PARTNERS,
    ProjectStatus.IN_PROGRESS,
    ProjectStatus.COMPLETED,
)


def is_collaborative() -> ColumnElement[bool]:
    return Project.status.in_(COLLABORATIVE_STATUSES)


def most_recent_first() -> list[ColumnElement[Any]]:
    """The order that picks the project shown for a pair: latest start, then lowest key.

    Projects without a start date count as the oldest.
    """
    return [Project.start_date.desc().nulls_last(), Project.id.asc()]


@dataclass(frozen=True)
class SharedProject:
    """Two participations by different creators (``mine``, ``theirs``) in one collaborative
    project: the self-join every query of the graph starts from."""

    mine: Any = field(default_factory=lambda: aliased(Participant, name="mine"))
    theirs: Any = field(default_factory=lambda: aliased(Participant, name="theirs"))

    def select(self, *columns: Any) -> Select[Any]:
        return (
            select(*columns)
            .select_from(self.mine)
            .join(self.theirs, self.theirs.project_id == self.mine.project_id)
            .join(Project, Project.id == self.mine.project_id)
            .where(self.theirs.creator_id != self.mine.creator_id, is_collaborative())
        )


def collaborator_pairs() -> Subquery:
    """Every ordered pair of collaborators with how many projects they share.

    One row per ``(creator_id, collaborator_id)``; the collaborator's display name rides
    along so that pages can be ordered by it.
    """
    shared = SharedProject()
    mine, theirs = shared.mine.creator_id, shared.theirs.creator_id
    return (
        shared.select(
            mine.label("creator_id"),
            theirs.label("collaborator_id"),
            func.count().label("shared_project_count"),
            Creator.display_name.label("display_name"),
        )
        .join(Creator, Creator.id == theirs)
        .group_by(mine, theirs, Creator.display_name)
        .subquery("collaborator_pair")
    )


COLLABORATOR_PAIRS = collaborator_pairs()
"""The pairs as one selectable: the ``Collaborator`` entity's table and its parent key."""


def latest_shared_project(
    creator: ColumnElement[int], collaborator: ColumnElement[int]
) -> ScalarSelect[Any]:
    """The key of the most recent project two creators share, as a correlated scalar."""
    shared = SharedProject()
    return (
        shared.select(Project.id)
        .where(shared.mine.creator_id == creator, shared.theirs.creator_id == collaborator)
        .order_by(*most_recent_first())
        .limit(1)
        .scalar_subquery()
    )


def neighbours_of(frontier: Collection[int]) -> Select[Any]:
    """``(source, target)`` for every collaborator ``target`` of a creator in ``frontier``.

    One statement per step of the path search, restricted to the frontier's keys.
    """
    shared = SharedProject()
    return (
        shared.select(
            shared.mine.creator_id.label("source"), shared.theirs.creator_id.label("target")
        )
        .where(shared.mine.creator_id.in_(list(frontier)))
        .distinct()
    )


def representative_projects(hops: Iterable[tuple[int, int]]) -> Select[Any]:
    """``(source, target, project_id)``: each hop's most recent shared project, one row each."""
    shared = SharedProject()
    mine, theirs = shared.mine.creator_id, shared.theirs.creator_id
    ranked = (
        shared.select(
            mine.label("source"),
            theirs.label("target"),
            Project.id.label("project_id"),
            func.row_number()
            .over(partition_by=(mine, theirs), order_by=most_recent_first())
            .label("rank"),
        )
        .where(or_(*(and_(mine == source, theirs == target) for source, target in hops)))
        .subquery()
    )
    return select(ranked.c.source, ranked.c.target, ranked.c.project_id).where(ranked.c.rank == 1)
