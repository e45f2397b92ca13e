"""Every pair of statuses, for programmes and applications: legal moves pass, others refuse."""

from __future__ import annotations

import itertools

import pytest

from hub.core.states import IllegalTransition
from hub.talent.enums import (
    APPLICATION_TRANSITIONS,
    PROGRAMME_TRANSITIONS,
    ApplicationStatus,
    ProgrammeStatus,
)
from hub.talent.states import APPLICATION_STATUS, PROGRAMME_STATUS

P = ProgrammeStatus
A = ApplicationStatus

LEGAL_PROGRAMME_MOVES = {
    (P.DRAFT, P.OPEN),
    (P.DRAFT, P.CANCELLED),
    (P.OPEN, P.CLOSED),
    (P.OPEN, P.CANCELLED),
    (P.CLOSED, P.RUNNING),
    (P.CLOSED, P.CANCELLED),
    (P.RUNNING, P.FINISHED),
}
"""The issue's table, written out again so that a change to the code's table shows here."""

LEGAL_APPLICATION_MOVES = {
    (A.SUBMITTED, A.ACCEPTED),
    (A.SUBMITTED, A.WAITLISTED),
    (A.SUBMITTED, A.REJECTED),
    (A.WAITLISTED, A.ACCEPTED),
    (A.ACCEPTED, A.ENROLLED),
    (A.ENROLLED, A.COMPLETED),
    (A.ENROLLED, A.DROPPED),
    (A.ENROLLED, A.NO_SHOW),
    (A.SUBMITTED, A.WITHDRAWN),
    (A.WAITLISTED, A.WITHDRAWN),
    (A.ACCEPTED, A.WITHDRAWN),
    (A.ACCEPTED, A.EXPIRED),
}


def _pairs(states: type[P] | type[A]) -> list[tuple[object, object]]:
    return [(a, b) for a, b in itertools.product(states, states) if a != b]


def test_the_declared_tables_are_the_issues():
    declared = {(a, b) for a, targets in PROGRAMME_TRANSITIONS.items() for b in targets}
    assert declared == LEGAL_PROGRAMME_MOVES
    declared = {(a, b) for a, targets in APPLICATION_TRANSITIONS.items() for b in targets}
    assert declared == LEGAL_APPLICATION_MOVES


@pytest.mark.parametrize(("current", "wanted"), _pairs(ProgrammeStatus))
def test_a_programme_moves_only_along_the_table(current, wanted):
    if (current, wanted) in LEGAL_PROGRAMME_MOVES:
        PROGRAMME_STATUS.check(current, wanted)
    else:
        with pytest.raises(IllegalTransition) as refused:
            PROGRAMME_STATUS.check(current, wanted)
        assert refused.value.allowed == PROGRAMME_TRANSITIONS[current]


@pytest.mark.parametrize(("current", "wanted"), _pairs(ApplicationStatus))
def test_an_application_moves_only_along_the_table(current, wanted):
    if (current, wanted) in LEGAL_APPLICATION_MOVES:
        APPLICATION_STATUS.check(current, wanted)
    else:
        with pytest.raises(IllegalTransition) as refused:
            APPLICATION_STATUS.check(current, wanted)
        assert refused.value.allowed == APPLICATION_TRANSITIONS[current]


@pytest.mark.parametrize("status", [s for s in ProgrammeStatus if s is not P.DRAFT])
def test_a_programme_starts_only_as_a_draft(status):
    with pytest.raises(IllegalTransition):
        PROGRAMME_STATUS.check(None, status)
    PROGRAMME_STATUS.check(None, P.DRAFT)


def test_cancelling_is_possible_from_every_status_before_running_and_none_after():
    before = {P.DRAFT, P.OPEN, P.CLOSED}
    for status in ProgrammeStatus:
        assert (P.CANCELLED in PROGRAMME_TRANSITIONS[status]) == (status in before)
