"""Rules about countries that other domains' writes rely on."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.rules import RuleContext
from hub.core.validation import Path, Problems
from hub.countries.errors import CountryRuleCode
from hub.countries.models import Country
from hub.i18n.messages import _


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
                path,
                CountryRuleCode.UNKNOWN_COUNTRY,
                _("{code!r} is not a known country code.", code=code),
            )


@dataclass(frozen=True)
class KnownCountry:
    """A field rule (``hub.core.rules``): the code of a country the hub knows."""

    async def __call__(self, context: RuleContext, path: Path, value: Any) -> Any:
        await check_countries(context.session, context.problems, path, [value])
        return value


@dataclass(frozen=True)
class KnownCountries:
    """A field rule (``hub.core.rules``): codes of countries the hub knows."""

    async def __call__(self, context: RuleContext, path: Path, value: Any) -> Any:
        codes = list(value)
        await check_countries(context.session, context.problems, path, codes)
        return codes
