"""Rules about countries that other domains' writes rely on."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.checks import Unchanged
from hub.core.rules import RuleContext
from hub.core.validation import Path, Problems
from hub.countries.errors import CountryRuleCode
from hub.countries.models import Country
from hub.countries.regions import find_region
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


def check_region(
    problems: Problems, path: str | tuple[str, ...], code: str | None, country_code: str | None
) -> str | None:
    """A region code, normalised (``kz-75`` -> ``KZ-75``), that must name a first-level
    subdivision (ISO 3166-2) of ``country_code``; ``None`` stays ``None`` (no region).

    It is a rule across two fields: the caller passes the country the row will have
    (given in the same input, or the stored one), so a region cannot outlive a move to
    another country.
    """
    if code is None:
        return None
    region = find_region(code)
    if region is None:
        problems.add(
            path,
            CountryRuleCode.UNKNOWN_REGION,
            _(
                "{code!r} is not the ISO 3166-2 code of a country's first-level subdivision.",
                code=code,
            ),
        )
        return code
    if country_code is not None and region.country_code != country_code:
        problems.add(
            path,
            CountryRuleCode.REGION_NOT_IN_COUNTRY,
            _(
                "{code} ({name}) is a region of {region_country}, not of {country}.",
                code=region.code,
                name=region,
                region_country=region.country_code,
                country=country_code,
            ),
        )
    return region.code


class Placed(Protocol):
    """A stored row with a country and maybe a region (a creator, an organisation...)."""

    @property
    def country_code(self) -> str: ...

    @property
    def region_code(self) -> str | None: ...


def check_region_field(
    problems: Problems,
    columns: dict[str, Any],
    region: str | Unchanged | None,
    stored: Placed | None,
    path: str = "region",
) -> None:
    """The ``region`` input of a write whose other fields ``apply_rules`` already checked
    into ``columns``: given, it lands in ``columns["region_code"]``; kept, it must still
    lie in the country when that changes. ``stored`` is the row updated, or ``None``."""
    country = columns.get("country_code", None if stored is None else stored.country_code)
    if not isinstance(region, Unchanged):
        columns["region_code"] = check_region(problems, path, region, country)
    elif stored is not None and "country_code" in columns:
        check_region(problems, path, stored.region_code, country)
