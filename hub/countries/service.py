"""Rules about countries that other domains' writes rely on."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.validation import Problems
from hub.countries.errors import CountryRuleCode
from hub.countries.models import Country


async def check_countries(
    session: AsyncSession, problems: Problems, path: str | tuple[str, ...], codes: Sequence[str]
) -> None:
    """Every code names a country the hub knows."""
    if not codes:
        return
    known = set(await session.scalars(select(Country.code).where(Country.code.in_(codes))))
    for code in codes:
        if code not in known:
            problems.add(
                path, CountryRuleCode.UNKNOWN_COUNTRY, f"{code!r} is not a known country code."
            )
