from __future__ import annotations

from sqlalchemy import JSON, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from hub.core.db import Base


class Sector(Base):
    __tablename__ = "sector"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    names: Mapped[dict[str, str]] = mapped_column(JSON)
    search_text: Mapped[str] = mapped_column(Text, default="")


class Discipline(Base):
    __tablename__ = "discipline"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    sector_id: Mapped[int] = mapped_column(ForeignKey("sector.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    names: Mapped[dict[str, str]] = mapped_column(JSON)
    search_text: Mapped[str] = mapped_column(Text, default="")
