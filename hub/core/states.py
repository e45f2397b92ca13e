"""A small state machine: declared states and moves, one error for an illegal move, audited.

A machine names the states an entity may start in and, for each state, the states it may
move to; staying put is always allowed. ``check`` refuses any other move with
``IllegalTransition``, which lists the allowed ones; ``record`` keeps each move that
happened in ``state_transition``, in the transaction that made it, so an entity's history
of states can be read back beside the audit log (which says who and when).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Generic, TypeVar

from sqlalchemy import Index, Integer, String
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from hub.core.columns import UTCDateTime, utcnow
from hub.core.db import Base
from hub.i18n.messages import Message, _

S = TypeVar("S", bound=enum.Enum)


class StateTransition(Base):
    """One move of one entity from a state (None: created) to another."""

    __tablename__ = "state_transition"
    __table_args__ = (Index("ix_state_transition_entity", "machine", "entity_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    machine: Mapped[str] = mapped_column(String(60))
    entity_id: Mapped[int] = mapped_column(Integer)
    from_state: Mapped[str | None] = mapped_column(String(40))
    to_state: Mapped[str] = mapped_column(String(40))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class IllegalTransition(Exception, Generic[S]):
    """A move the machine does not allow; ``allowed`` are the moves it does."""

    def __init__(
        self, refusal: Message, current: S | None, wanted: S, allowed: frozenset[S]
    ) -> None:
        names = ", ".join(sorted(state.value for state in allowed)) or _("none")
        message = refusal.with_params(
            current=None if current is None else current.value, wanted=wanted.value, allowed=names
        )
        super().__init__(str(message))
        self.message = message
        self.current = current
        self.wanted = wanted
        self.allowed = allowed


@dataclass(frozen=True)
class StateMachine(Generic[S]):
    """The states of one kind of entity and the moves between them.

    ``start_refusal`` and ``move_refusal`` say, in the entity's own words, that it cannot
    start in ``{wanted}`` or move from ``{current}`` to ``{wanted}`` (``{allowed}``: where
    it may go).
    """

    name: str
    initial: frozenset[S]
    transitions: Mapping[S, frozenset[S]]
    start_refusal: Message
    move_refusal: Message

    def __post_init__(self) -> None:
        states = set(self.transitions)
        reachable = set(self.initial).union(*self.transitions.values())
        if not reachable <= states:
            raise ValueError(f"{self.name}: moves to undeclared states {reachable - states}")

    def allowed(self, current: S | None) -> frozenset[S]:
        """Where an entity in ``current`` (None: not yet created) may go."""
        return self.initial if current is None else self.transitions[current]

    def check(self, current: S | None, wanted: S) -> None:
        """Refuse a move the machine does not declare; staying put is always allowed."""
        if wanted == current:
            return
        allowed = self.allowed(current)
        if wanted not in allowed:
            refusal = self.start_refusal if current is None else self.move_refusal
            raise IllegalTransition(refusal, current, wanted, allowed)

    async def record(
        self, session: AsyncSession, entity_id: int, current: S | None, wanted: S
    ) -> None:
        """Check the move and keep it, in ``session``'s transaction; staying is not kept."""
        self.check(current, wanted)
        if wanted == current:
            return
        session.add(
            StateTransition(
                machine=self.name,
                entity_id=entity_id,
                from_state=None if current is None else current.value,
                to_state=wanted.value,
            )
        )
        await session.flush()
