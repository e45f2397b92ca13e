"""A programme's status and an application's status as state machines (audited moves)."""

from __future__ import annotations

from hub.core.states import StateMachine
from hub.i18n.messages import _
from hub.talent.enums import (
    APPLICATION_TRANSITIONS,
    PROGRAMME_TRANSITIONS,
    ApplicationStatus,
    ProgrammeStatus,
)

PROGRAMME_STATUS = StateMachine(
    name="programme.status",
    initial=frozenset({ProgrammeStatus.DRAFT}),
    transitions=PROGRAMME_TRANSITIONS,
    start_refusal=_("A new programme cannot start as {wanted} (allowed: {allowed})."),
    move_refusal=_("A {current} programme cannot become {wanted} (allowed: {allowed})."),
)

APPLICATION_STATUS = StateMachine(
    name="programme_application.status",
    initial=frozenset({ApplicationStatus.SUBMITTED}),
    transitions=APPLICATION_TRANSITIONS,
    start_refusal=_("A new application cannot start as {wanted} (allowed: {allowed})."),
    move_refusal=_("A {current} application cannot become {wanted} (allowed: {allowed})."),
)
