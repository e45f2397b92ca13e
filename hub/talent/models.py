"""Tables of the Talent Factory: programmes, their disciplines, prerequisites, mentors and
sessions, applications and their reviews."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from hub.core.columns import UTCDateTime, enum_column, utcnow
from hub.core.db import Base
from hub.creators.enums import SkillLevel
from hub.talent.enums import (
    ApplicationStatus,
    MentorStatus,
    ProgrammeFormat,
    ProgrammeKind,
    ProgrammeStatus,
)


class Programme(Base):
    """A course, master class or mentorship hosted by an organisation.

    ``seats_taken`` counts accepted and enrolled applications; it only moves through a
    conditional UPDATE (``seats_taken < capacity``), and a CHECK keeps it in range, so
    concurrent accepts never overfill a programme.
    """

    __tablename__ = "programme"
    __table_args__ = (
        CheckConstraint("capacity >= 1", name="capacity_positive"),
        CheckConstraint("seats_taken >= 0 AND seats_taken <= capacity", name="seats_in_range"),
        CheckConstraint(
            "scholarship_seats >= 0 AND scholarship_seats <= capacity",
            name="scholarships_in_range",
        ),
        CheckConstraint("waitlist_size >= 0", name="waitlist_not_negative"),
        CheckConstraint("offer_hours >= 1", name="offer_hours_positive"),
        CheckConstraint(
            "min_age IS NULL OR max_age IS NULL OR min_age <= max_age", name="age_range_ordered"
        ),
        CheckConstraint(
            "applications_open_at IS NULL OR applications_close_at IS NULL"
            " OR applications_open_at < applications_close_at",
            name="window_ordered",
        ),
        CheckConstraint("fee_minor IS NULL OR fee_minor > 0", name="fee_positive"),
        CheckConstraint("(fee_minor IS NULL) = (fee_currency IS NULL)", name="fee_has_currency"),
        Index("ix_programme_status_window", "status", "applications_close_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[ProgrammeKind] = mapped_column(enum_column(ProgrammeKind))
    host_organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="RESTRICT"), index=True
    )
    level_taught: Mapped[SkillLevel] = mapped_column(enum_column(SkillLevel))
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    """Languages of instruction (ISO 639-1)."""
    format: Mapped[ProgrammeFormat] = mapped_column(enum_column(ProgrammeFormat))
    country_code: Mapped[str | None] = mapped_column(ForeignKey("country.code"), index=True)
    region_code: Mapped[str | None] = mapped_column(String(6), index=True)
    """ISO 3166-2 subdivision, e.g. 'KZ-75' (hub/countries/regions.py)."""
    city: Mapped[str | None] = mapped_column(String(100))
    time_zone: Mapped[str] = mapped_column(String(64))
    """IANA name; sessions are shown in it."""
    capacity: Mapped[int] = mapped_column(Integer)
    seats_taken: Mapped[int] = mapped_column(Integer, default=0)
    scholarship_seats: Mapped[int] = mapped_column(Integer, default=0)
    waitlist_size: Mapped[int] = mapped_column(Integer, default=0)
    offer_hours: Mapped[int] = mapped_column(Integer, default=72)
    """How long an accepted applicant has to take up the seat."""
    min_age: Mapped[int | None] = mapped_column(Integer)
    max_age: Mapped[int | None] = mapped_column(Integer)
    eligible_countries: Mapped[list[str]] = mapped_column(JSON, default=list)
    """Empty: every country."""
    eligible_regions: Mapped[list[str]] = mapped_column(JSON, default=list)
    """Empty: every region."""
    applications_open_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    applications_close_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    fee_minor: Mapped[int | None] = mapped_column(BigInteger)
    fee_currency: Mapped[str | None] = mapped_column(String(3))
    status: Mapped[ProgrammeStatus] = mapped_column(enum_column(ProgrammeStatus), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class ProgrammeDiscipline(Base):
    """A discipline a programme teaches (at the programme's ``level_taught``)."""

    __tablename__ = "programme_discipline"

    programme_id: Mapped[int] = mapped_column(
        ForeignKey("programme.id", ondelete="CASCADE"), primary_key=True
    )
    discipline_id: Mapped[int] = mapped_column(
        ForeignKey("discipline.id"), primary_key=True, index=True
    )


class ProgrammePrerequisite(Base):
    """A discipline an applicant must already practise, at ``minimum_level`` or above."""

    __tablename__ = "programme_prerequisite"

    programme_id: Mapped[int] = mapped_column(
        ForeignKey("programme.id", ondelete="CASCADE"), primary_key=True
    )
    discipline_id: Mapped[int] = mapped_column(ForeignKey("discipline.id"), primary_key=True)
    minimum_level: Mapped[SkillLevel] = mapped_column(enum_column(SkillLevel))


class ProgrammeMentor(Base):
    """A creator invited to teach a programme; a mentor once they accept."""

    __tablename__ = "programme_mentor"
    __table_args__ = (UniqueConstraint("programme_id", "creator_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    programme_id: Mapped[int] = mapped_column(
        ForeignKey("programme.id", ondelete="CASCADE"), index=True
    )
    creator_id: Mapped[int] = mapped_column(
        ForeignKey("creator.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[MentorStatus] = mapped_column(enum_column(MentorStatus))
    invited_by_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    responded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ProgrammeSession(Base):
    """One meeting of a programme: instants in UTC, a place, an online link or both."""

    __tablename__ = "programme_session"
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        CheckConstraint("place IS NOT NULL OR online_url IS NOT NULL", name="has_venue"),
        Index("ix_programme_session_programme_start", "programme_id", "starts_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    place: Mapped[str | None] = mapped_column(String(300))
    online_url: Mapped[str | None] = mapped_column(String(500))


class ProgrammeApplication(Base):
    """A creator's application to a programme; one per creator and programme."""

    __tablename__ = "programme_application"
    __table_args__ = (
        UniqueConstraint("programme_id", "creator_id"),
        # The waitlist of a programme, head first.
        Index("ix_programme_application_queue", "programme_id", "status", "waitlisted_at"),
        Index("ix_programme_application_offers", "status", "offer_expires_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    programme_id: Mapped[int] = mapped_column(
        ForeignKey("programme.id", ondelete="CASCADE"), index=True
    )
    creator_id: Mapped[int] = mapped_column(
        ForeignKey("creator.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[ApplicationStatus] = mapped_column(enum_column(ApplicationStatus))
    motivation: Mapped[str] = mapped_column(Text)
    portfolio_links: Mapped[list[str]] = mapped_column(JSON, default=list)
    wants_scholarship: Mapped[bool] = mapped_column(Boolean, default=False)
    has_scholarship: Mapped[bool] = mapped_column(Boolean, default=False)
    """Accepted onto one of the programme's scholarship seats."""
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    waitlisted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    offer_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class ApplicationReview(Base):
    """One reviewer's score (1 to 5) and comment on an application."""

    __tablename__ = "application_review"
    __table_args__ = (
        CheckConstraint("score >= 1 AND score <= 5", name="score_in_range"),
        UniqueConstraint("application_id", "reviewer_user_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("programme_application.id", ondelete="CASCADE"), index=True
    )
    reviewer_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    score: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
