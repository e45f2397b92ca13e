"""A project's status as a state machine: where it may start and where it may go."""

from __future__ import annotations

from hub.core.states import StateMachine
from hub.i18n.messages import _
from hub.projects.enums import ALLOWED_TRANSITIONS, ProjectStatus

PROJECT_STATUS = StateMachine(
    name="project.status",
    initial=frozenset(
        {ProjectStatus.DRAFT, ProjectStatus.SEEKING_PARTNERS, ProjectStatus.IN_PROGRESS}
    ),
    transitions=ALLOWED_TRANSITIONS,
    start_refusal=_("A new project cannot start as {wanted} (allowed: {allowed})."),
    move_refusal=_("A {current} project cannot become {wanted} (allowed: {allowed})."),
)
