from __future__ import annotations

from sqlalchemy import JSON, BigInteger, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from hub.core.columns import enum_column
from hub.core.db import Base
from hub.countries.enums import CisStatus


class Country(Base):
    __tablename__ = "country"

    code: Mapped[str] = mapped_column(String(2), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    names: Mapped[dict[str, str]] = mapped_column(JSON)
    native_language: Mapped[str] = mapped_column(String(2))
    cis_status: Mapped[CisStatus] = mapped_column(enum_column(CisStatus))
    search_text: Mapped[str] = mapped_column(Text, default="")


class CountryIndicator(Base):
    """Creative-economy figures a country reported for one year."""

    __tablename__ = "country_indicator"
    __table_args__ = (UniqueConstraint("country_code", "year"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    country_code: Mapped[str] = mapped_column(
        ForeignKey("country.code", ondelete="CASCADE"), index=True
    )
    year: Mapped[int] = mapped_column(Integer)
    value_added_minor: Mapped[int | None] = mapped_column(BigInteger)
    value_added_currency: Mapped[str | None] = mapped_column(String(3))
    people_employed: Mapped[int | None] = mapped_column(Integer)
    share_of_gdp_basis_points: Mapped[int | None] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(Text, default="")
