"""A mentorship pairing's status as a state machine."""

from __future__ import annotations

from hub.core.states import StateMachine
from hub.i18n.messages import _
from hub.talent.mentoring.enums import PAIRING_TRANSITIONS, PairingStatus

PAIRING_STATUS = StateMachine(
    name="mentorship_pairing.status",
    initial=frozenset({PairingStatus.PROPOSED}),
    transitions=PAIRING_TRANSITIONS,
    start_refusal=_("A new pairing cannot start as {wanted} (allowed: {allowed})."),
    move_refusal=_("A {current} pairing cannot become {wanted} (allowed: {allowed})."),
)
