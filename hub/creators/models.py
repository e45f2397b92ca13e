from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from hub.core.columns import UTCDateTime, enum_column, utcnow
from hub.core.db import Base
from hub.core.search_sql import trigram_index
from hub.creators.enums import LanguageProficiency, SkillLevel


class Creator(Base):
    __tablename__ = "creator"
    __table_args__ = (
        trigram_index("creator"),
        # The keys of a country's creators from the index alone: the mentors in a
        # creator's country are picked out of them without visiting their rows.
        Index("ix_creator_country_members", "country_code", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    handle: Mapped[str] = mapped_column(String(40), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    country_code: Mapped[str] = mapped_column(ForeignKey("country.code"))
    # ISO 3166-2 code of a first-level subdivision of the country (hub.countries.regions).
    region_code: Mapped[str | None] = mapped_column(String(6), index=True)
    city: Mapped[str | None] = mapped_column(String(100))
    birth_year: Mapped[int | None] = mapped_column(Integer, index=True)
    bio: Mapped[str] = mapped_column(Text, default="")
    open_to_collaboration: Mapped[bool] = mapped_column(Boolean, default=True)
    is_mentor: Mapped[bool] = mapped_column(Boolean, default=False)
    portfolio: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    # Private: shown only to the profile's owner and to staff.
    contact_email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(40))
    owner_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), unique=True
    )
    search_text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class CreatorDiscipline(Base):
    """A creator's skill in one discipline."""

    __tablename__ = "creator_discipline"
    __table_args__ = (
        CheckConstraint("years_of_experience >= 0", name="years_not_negative"),
        # Matchmaking reads every practitioner of a discipline with their level and
        # years: covered by this index, it never touches the table.
        Index(
            "ix_creator_discipline_practitioners",
            "discipline_id",
            "creator_id",
            "level",
            "years_of_experience",
        ),
    )

    creator_id: Mapped[int] = mapped_column(
        ForeignKey("creator.id", ondelete="CASCADE"), primary_key=True
    )
    discipline_id: Mapped[int] = mapped_column(ForeignKey("discipline.id"), primary_key=True)
    level: Mapped[SkillLevel] = mapped_column(enum_column(SkillLevel))
    years_of_experience: Mapped[int] = mapped_column(Integer, default=0)


class CreatorLanguage(Base):
    __tablename__ = "creator_language"
    __table_args__ = (
        # The speakers of a language with their proficiency, read from the index alone.
        Index("ix_creator_language_speakers", "language", "creator_id", "proficiency"),
    )

    creator_id: Mapped[int] = mapped_column(
        ForeignKey("creator.id", ondelete="CASCADE"), primary_key=True
    )
    language: Mapped[str] = mapped_column(String(2), primary_key=True)
    proficiency: Mapped[LanguageProficiency] = mapped_column(enum_column(LanguageProficiency))


class Affiliation(Base):
    """A creator's tie to an organisation (employee, resident, student, alumnus...)."""

    __tablename__ = "affiliation"
    __table_args__ = (CheckConstraint("until IS NULL OR until >= since", name="until_after_since"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    creator_id: Mapped[int] = mapped_column(
        ForeignKey("creator.id", ondelete="CASCADE"), index=True
    )
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(200))
    since: Mapped[date | None] = mapped_column(Date)
    until: Mapped[date | None] = mapped_column(Date)
