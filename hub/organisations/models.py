from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from hub.core.columns import UTCDateTime, enum_column, utcnow
from hub.core.db import Base
from hub.core.search_sql import trigram_index
from hub.organisations.enums import OrganisationKind


class Organisation(Base):
    __tablename__ = "organisation"
    __table_args__ = (trigram_index("organisation"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    names: Mapped[dict[str, str]] = mapped_column(JSON)
    kind: Mapped[OrganisationKind] = mapped_column(enum_column(OrganisationKind), index=True)
    country_code: Mapped[str] = mapped_column(ForeignKey("country.code"), index=True)
    # ISO 3166-2 code of a first-level subdivision of the country (hub.countries.regions).
    region_code: Mapped[str | None] = mapped_column(String(6), index=True)
    city: Mapped[str | None] = mapped_column(String(100))
    website: Mapped[str | None] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    founded_year: Mapped[int | None] = mapped_column(Integer)
    member_since: Mapped[date | None] = mapped_column(Date)
    search_text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class OrganisationDiscipline(Base):
    __tablename__ = "organisation_discipline"

    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), primary_key=True
    )
    discipline_id: Mapped[int] = mapped_column(
        ForeignKey("discipline.id"), primary_key=True, index=True
    )
