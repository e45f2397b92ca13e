"""Tables of mentoring: each mentor's capacity, and the pairings that take it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column

from hub.core.columns import UTCDateTime, enum_column, utcnow
from hub.core.db import Base
from hub.talent.mentoring.enums import PairingStatus


class MentorCapacity(Base):
    """How many mentees a mentor takes at once, and how many places are taken.

    ``taken`` counts proposed and active pairings; it only moves through a conditional
    UPDATE (``taken < capacity``) and a CHECK holds it in range, so concurrent proposals
    never give a mentor more mentees than they offered.
    """

    __tablename__ = "mentor_capacity"
    __table_args__ = (
        CheckConstraint("capacity >= 0", name="capacity_not_negative"),
        CheckConstraint("taken >= 0 AND taken <= capacity", name="taken_in_range"),
    )

    creator_id: Mapped[int] = mapped_column(
        ForeignKey("creator.id", ondelete="CASCADE"), primary_key=True
    )
    capacity: Mapped[int] = mapped_column(Integer)
    taken: Mapped[int] = mapped_column(Integer, default=0)


class MentorshipPairing(Base):
    """A mentor and a mentee, from proposal to its end."""

    __tablename__ = "mentorship_pairing"
    __table_args__ = (
        CheckConstraint("mentor_id <> mentee_id", name="not_self"),
        Index("ix_mentorship_pairing_mentor_status", "mentor_id", "status"),
        Index("ix_mentorship_pairing_mentee_status", "mentee_id", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    mentor_id: Mapped[int] = mapped_column(ForeignKey("creator.id", ondelete="CASCADE"))
    mentee_id: Mapped[int] = mapped_column(ForeignKey("creator.id", ondelete="CASCADE"))
    programme_id: Mapped[int | None] = mapped_column(
        ForeignKey("programme.id", ondelete="SET NULL"), index=True
    )
    status: Mapped[PairingStatus] = mapped_column(enum_column(PairingStatus))
    goals: Mapped[str] = mapped_column(Text, default="")
    proposed_by_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    proposed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
