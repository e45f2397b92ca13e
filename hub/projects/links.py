"""Derived links between projects and the countries their participants come from.

A project has no country column: its countries are those of its participants (a
creator's country or an organisation's). These selectables are the one definition
that relations, filters and derived fields all use.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import ColumnElement, Select, Subquery, distinct, func, select

from hub.core.mapping import AnySelect
from hub.creators.models import Creator
from hub.organisations.models import Organisation
from hub.projects.models import Participant, Project


def participant_country() -> ColumnElement[str]:
    return func.coalesce(Creator.country_code, Organisation.country_code)


def with_members(statement: AnySelect) -> AnySelect:
    """``statement`` over participants, each joined to its creator or organisation (for
    ``participant_country()``)."""
    return (
        statement.select_from(Participant)
        .outerjoin(Creator, Participant.creator_id == Creator.id)
        .outerjoin(Organisation, Participant.organisation_id == Organisation.id)
    )


def project_countries() -> Subquery:
    """Distinct ``(project_id, country_code)`` pairs."""
    return (
        with_members(
            select(
                Participant.project_id.label("project_id"),
                participant_country().label("country_code"),
            )
        )
        .distinct()
        .subquery("project_country")
    )


def countries_by_project() -> Select[Any]:
    link = project_countries()
    return select(link.c.project_id.label("parent"), link.c.country_code.label("child"))


def projects_by_country() -> Select[Any]:
    link = project_countries()
    return select(link.c.country_code.label("parent"), link.c.project_id.label("child"))


def country_count() -> ColumnElement[int]:
    """How many countries a project's team spans (correlated to ``Project``)."""
    return (
        with_members(select(func.count(distinct(participant_country()))))
        .where(Participant.project_id == Project.id)
        .correlate(Project)
        .scalar_subquery()
    )


def projects_in_countries(codes: Collection[str]) -> Select[Any]:
    """Ids of projects with a participant from one of ``codes``."""
    return with_members(select(Participant.project_id)).where(participant_country().in_(codes))
