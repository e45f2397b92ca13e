from __future__ import annotations

import enum


class ProjectStatus(enum.Enum):
    DRAFT = "DRAFT"
    SEEKING_PARTNERS = "SEEKING_PARTNERS"
    IN_PROGRESS = "IN_PROGRESS"
    COMPLETED = "COMPLETED"
    CANCELLED = "CANCELLED"


ALLOWED_TRANSITIONS: dict[ProjectStatus, frozenset[ProjectStatus]] = {
    ProjectStatus.DRAFT: frozenset(
        {ProjectStatus.SEEKING_PARTNERS, ProjectStatus.IN_PROGRESS, ProjectStatus.CANCELLED}
    ),
    ProjectStatus.SEEKING_PARTNERS: frozenset({ProjectStatus.IN_PROGRESS, ProjectStatus.CANCELLED}),
    ProjectStatus.IN_PROGRESS: frozenset(
        {ProjectStatus.SEEKING_PARTNERS, ProjectStatus.COMPLETED, ProjectStatus.CANCELLED}
    ),
    ProjectStatus.COMPLETED: frozenset(),
    ProjectStatus.CANCELLED: frozenset(),
}


class RoleRequirement(enum.Enum):
    """What a role requires of a person; matchmaking ranks whoever meets them all first."""

    DISCIPLINE = "DISCIPLINE"
    LEVEL = "LEVEL"
    LANGUAGE = "LANGUAGE"
    LOCATION = "LOCATION"
