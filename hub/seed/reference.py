"""Reference data every database needs: countries with their indicators, and the taxonomy."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.money import Money
from hub.core.paths import db_dir
from hub.countries.enums import CisStatus
from hub.countries.models import Country, CountryIndicator
from hub.countries.search import country_document
from hub.disciplines.models import Discipline, Sector
from hub.disciplines.search import taxonomy_document


def reference_dir() -> Path:
    return db_dir() / "seed" / "demo"


def _read(name: str) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads((reference_dir() / name).read_text(encoding="utf-8"))
    return data


def basis_points(percent: str | None) -> int | None:
    """``"0.76"`` percent as 76 hundredths of a percent, refusing anything finer."""
    if percent is None:
        return None
    scaled = Decimal(percent) * 100
    if scaled != scaled.to_integral_value():
        raise ValueError(f"{percent}% is finer than a hundredth of a percent")
    return int(scaled)


def _indicator(code: str, item: dict[str, Any]) -> CountryIndicator:
    value = item.get("valueAdded")
    money = Money.from_decimal(value["amount"], value["currency"]) if value else None
    return CountryIndicator(
        country_code=code,
        year=item["year"],
        value_added_minor=money.minor_units if money else None,
        value_added_currency=money.currency if money else None,
        people_employed=item.get("peopleEmployed"),
        share_of_gdp_basis_points=basis_points(item.get("shareOfGdpPercent")),
        source=item.get("source") or "",
    )


async def load_reference_data(session: AsyncSession) -> None:
    """Add the countries and taxonomy the database lacks; what is there is left alone."""
    known_countries = set(await session.scalars(select(Country.code)))
    for item in _read("countries.json"):
        if item["code"] in known_countries:
            continue
        session.add(
            Country(
                code=item["code"],
                name=item["names"]["en"],
                names=item["names"],
                native_language=item["nativeLanguage"],
                cis_status=CisStatus(item["cisStatus"]),
                search_text=country_document(item["code"], item["names"]),
            )
        )
        session.add_all(_indicator(item["code"], indicator) for indicator in item["indicators"])
    await session.flush()

    sectors = {sector.slug: sector for sector in await session.scalars(select(Sector))}
    known_disciplines = set(await session.scalars(select(Discipline.slug)))
    for item in _read("sectors.json"):
        sector = sectors.get(item["slug"])
        if sector is None:
            sector = Sector(
                slug=item["slug"],
                name=item["names"]["en"],
                names=item["names"],
                search_text=taxonomy_document(item["slug"], item["names"]),
            )
            session.add(sector)
            await session.flush()
        session.add_all(
            Discipline(
                slug=discipline["slug"],
                sector_id=sector.id,
                name=discipline["names"]["en"],
                names=discipline["names"],
                search_text=taxonomy_document(discipline["slug"], discipline["names"]),
            )
            for discipline in item["disciplines"]
            if discipline["slug"] not in known_disciplines
        )
    await session.flush()
