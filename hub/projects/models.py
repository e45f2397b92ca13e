from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from hub.core.columns import UTCDateTime, enum_column, utcnow
from hub.core.db import Base
from hub.core.search_sql import trigram_index
from hub.creators.enums import SkillLevel
from hub.projects.enums import ProjectStatus


class Project(Base):
    __tablename__ = "project"
    __table_args__ = (
        CheckConstraint(
            "lead_organisation_id IS NOT NULL OR lead_creator_id IS NOT NULL", name="has_lead"
        ),
        CheckConstraint("end_date IS NULL OR end_date >= start_date", name="ends_after_start"),
        CheckConstraint("budget_minor IS NULL OR budget_minor >= 0", name="budget_not_negative"),
        CheckConstraint(
            "(budget_minor IS NULL) = (budget_currency IS NULL)", name="budget_has_currency"
        ),
        trigram_index("project"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text, default="")
    description: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[ProjectStatus] = mapped_column(enum_column(ProjectStatus), index=True)
    lead_organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="RESTRICT"), index=True
    )
    lead_creator_id: Mapped[int | None] = mapped_column(
        ForeignKey("creator.id", ondelete="RESTRICT"), index=True
    )
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    budget_minor: Mapped[int | None] = mapped_column(BigInteger)
    budget_currency: Mapped[str | None] = mapped_column(String(3))
    search_text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class ProjectDiscipline(Base):
    __tablename__ = "project_discipline"

    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), primary_key=True
    )
    discipline_id: Mapped[int] = mapped_column(
        ForeignKey("discipline.id"), primary_key=True, index=True
    )


class Participant(Base):
    """A creator or an organisation taking part in a project."""

    __tablename__ = "participant"
    __table_args__ = (
        CheckConstraint(
            "(creator_id IS NULL) <> (organisation_id IS NULL)", name="exactly_one_member"
        ),
        UniqueConstraint("project_id", "creator_id"),
        UniqueConstraint("project_id", "organisation_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    creator_id: Mapped[int | None] = mapped_column(
        ForeignKey("creator.id", ondelete="CASCADE"), index=True
    )
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(200))
    joined_on: Mapped[date | None] = mapped_column(Date)


class OpenRole(Base):
    """A position a project is looking to fill."""

    __tablename__ = "open_role"
    __table_args__ = (
        CheckConstraint("headcount >= 1", name="headcount_positive"),
        CheckConstraint("filled_count >= 0 AND filled_count <= headcount", name="filled_in_range"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    discipline_id: Mapped[int] = mapped_column(ForeignKey("discipline.id"), index=True)
    required_languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    seniority: Mapped[SkillLevel] = mapped_column(enum_column(SkillLevel))
    headcount: Mapped[int] = mapped_column(Integer, default=1)
    filled_count: Mapped[int] = mapped_column(Integer, default=0)
    remote_allowed: Mapped[bool] = mapped_column(Boolean, default=True)
    preferred_countries: Mapped[list[str]] = mapped_column(JSON, default=list)
    is_open: Mapped[bool] = mapped_column(Boolean, default=True, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    strict_requirements: Mapped[list[str]] = mapped_column(JSON, default=list)
    """Requirements (``matching.enums.Requirement`` names) whose miss excludes a candidate."""
    language_minimums: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    """The proficiency asked for, by required language; the others need a working one."""
    prefers_exact_level: Mapped[bool] = mapped_column(Boolean, default=False)
    """Candidates far above the level asked for rank lower (trainee roles)."""
    location_country: Mapped[str | None] = mapped_column(ForeignKey("country.code"))
    location_city: Mapped[str | None] = mapped_column(String(100))
