"""The state-machine helper: declared moves pass, others fail listing the allowed ones."""

from __future__ import annotations

import enum

import pytest
from sqlalchemy import select

from hub.core.states import IllegalTransition, StateMachine, StateTransition
from hub.i18n.messages import Message

START = Message("A new door cannot start as {wanted} (allowed: {allowed}).")
MOVE = Message("A {current} door cannot become {wanted} (allowed: {allowed}).")


class Door(enum.Enum):
    OPEN = "OPEN"
    SHUT = "SHUT"
    LOCKED = "LOCKED"


DOOR = StateMachine(
    name="test.door",
    initial=frozenset({Door.SHUT}),
    transitions={
        Door.OPEN: frozenset({Door.SHUT}),
        Door.SHUT: frozenset({Door.OPEN, Door.LOCKED}),
        Door.LOCKED: frozenset(),
    },
    start_refusal=START,
    move_refusal=MOVE,
)


def test_declared_moves_and_staying_put_are_allowed():
    DOOR.check(None, Door.SHUT)
    DOOR.check(Door.SHUT, Door.LOCKED)
    DOOR.check(Door.LOCKED, Door.LOCKED)
    assert DOOR.allowed(Door.SHUT) == {Door.OPEN, Door.LOCKED}


@pytest.mark.parametrize(
    ("current", "wanted", "message"),
    [
        (None, Door.OPEN, "A new door cannot start as OPEN (allowed: SHUT)."),
        (Door.OPEN, Door.LOCKED, "A OPEN door cannot become LOCKED (allowed: SHUT)."),
        (Door.LOCKED, Door.OPEN, "A LOCKED door cannot become OPEN (allowed: none)."),
    ],
)
def test_an_illegal_move_is_one_error_listing_the_allowed_moves(current, wanted, message):
    with pytest.raises(IllegalTransition) as raised:
        DOOR.check(current, wanted)
    assert str(raised.value.message) == message
    assert raised.value.allowed == DOOR.allowed(current)


def test_a_machine_cannot_move_to_an_undeclared_state():
    with pytest.raises(ValueError, match="undeclared"):
        StateMachine(
            name="broken",
            initial=frozenset({Door.SHUT}),
            transitions={Door.SHUT: frozenset({Door.OPEN})},
            start_refusal=START,
            move_refusal=MOVE,
        )


async def test_moves_are_kept_in_the_callers_transaction_and_refusals_are_not(session):
    async with session.begin():
        await DOOR.record(session, 7, None, Door.SHUT)
        await DOOR.record(session, 7, Door.SHUT, Door.SHUT)
        await DOOR.record(session, 7, Door.SHUT, Door.LOCKED)
        with pytest.raises(IllegalTransition):
            await DOOR.record(session, 7, Door.LOCKED, Door.OPEN)
        moves = await session.scalars(
            select(StateTransition).where(StateTransition.machine == "test.door")
        )
        assert [(m.entity_id, m.from_state, m.to_state) for m in moves] == [
            (7, None, "SHUT"),
            (7, "SHUT", "LOCKED"),
        ]
