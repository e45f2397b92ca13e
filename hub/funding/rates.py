"""Exchange rates, for summaries across currencies only, and where they came from.

Totals stay per currency; a summary in one currency (a patron's lifetime giving, a
country's total) converts each amount with the latest rate on or before the day asked
for, directly or through the inverse pair, and says which rates and dates it used. Rates
are ``Decimal``; a converted amount is rounded half to even to the target's minor unit.
``hub rates load FILE`` reads a CSV: ``date,base,quote,rate,source``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from pathlib import Path

from sqlalchemy import and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.money import MINOR_DIGITS, Money
from hub.funding.models import ExchangeRate


class RatesFileError(ValueError):
    """A line of a rates file that cannot be read; the message says which and why."""


@dataclass(frozen=True)
class RateUsed:
    """One rate a summary used: ``1 base = rate quote`` on ``valid_on``, from ``source``."""

    base: str
    quote: str
    rate: Decimal
    valid_on: date
    source: str


@dataclass(frozen=True)
class Summary:
    """Amounts in several currencies summed in one; ``missing`` had no rate."""

    total: Money
    rates: list[RateUsed]
    missing: list[str]


def read_rates(path: Path) -> list[ExchangeRate]:
    rows: list[ExchangeRate] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for number, line in enumerate(csv.DictReader(handle), start=2):
            try:
                rate = Decimal(line["rate"])
                valid_on = date.fromisoformat(line["date"])
                base, quote = line["base"].strip().upper(), line["quote"].strip().upper()
                source = line["source"].strip()
            except (KeyError, InvalidOperation, ValueError, AttributeError) as error:
                raise RatesFileError(f"line {number}: {error!r}") from error
            if base not in MINOR_DIGITS or quote not in MINOR_DIGITS or base == quote:
                raise RatesFileError(f"line {number}: {base}/{quote} is not a currency pair")
            if not rate.is_finite() or rate <= 0 or not source:
                raise RatesFileError(f"line {number}: a rate is positive and has a source")
            rows.append(
                ExchangeRate(base=base, quote=quote, rate=rate, valid_on=valid_on, source=source)
            )
    return rows


async def load_rates(session: AsyncSession, rates: Iterable[ExchangeRate]) -> int:
    """Add or replace each (base, quote, day)'s rate; how many were loaded."""
    count = 0
    for rate in rates:
        found = await session.scalar(
            select(ExchangeRate).where(
                ExchangeRate.base == rate.base,
                ExchangeRate.quote == rate.quote,
                ExchangeRate.valid_on == rate.valid_on,
            )
        )
        if found is None:
            session.add(rate)
        else:
            found.rate, found.source = rate.rate, rate.source
        count += 1
    await session.flush()
    return count


async def latest_rates(
    session: AsyncSession, currencies: Iterable[str], quote: str, on: date
) -> dict[str, RateUsed]:
    """For each currency, its latest rate into ``quote`` on or before ``on``, direct or
    inverted (the later of the two; the direct one on the same day): one statement."""
    wanted = sorted(set(currencies) - {quote})
    if not wanted:
        return {}
    pairs = or_(
        and_(ExchangeRate.base.in_(wanted), ExchangeRate.quote == quote),
        and_(ExchangeRate.base == quote, ExchangeRate.quote.in_(wanted)),
    )
    latest = (
        select(
            ExchangeRate.base,
            ExchangeRate.quote,
            func.max(ExchangeRate.valid_on).label("valid_on"),
        )
        .where(pairs, ExchangeRate.valid_on <= on)
        .group_by(ExchangeRate.base, ExchangeRate.quote)
        .subquery()
    )
    rows = await session.scalars(
        select(ExchangeRate).join(
            latest,
            and_(
                ExchangeRate.base == latest.c.base,
                ExchangeRate.quote == latest.c.quote,
                ExchangeRate.valid_on == latest.c.valid_on,
            ),
        )
    )
    ranked: dict[str, tuple[date, bool, RateUsed]] = {}
    for row in rows:
        direct = row.quote == quote
        currency = row.base if direct else row.quote
        rate = row.rate if direct else Decimal(1) / row.rate
        candidate = (
            row.valid_on,
            direct,
            RateUsed(currency, quote, rate, row.valid_on, row.source),
        )
        if currency not in ranked or candidate[:2] > ranked[currency][:2]:
            ranked[currency] = candidate
    return {currency: used for currency, (_day, _direct, used) in ranked.items()}


def convert(money: Money, rate: RateUsed) -> Money:
    """``money`` in ``rate.quote``, rounded half to even to its minor unit."""
    digits = MINOR_DIGITS[rate.quote]
    value = (money.amount * rate.rate).quantize(Decimal(1).scaleb(-digits), ROUND_HALF_EVEN)
    return Money(int(value.scaleb(digits)), rate.quote)


async def summarise(
    session: AsyncSession, amounts: Sequence[Money], currency: str, on: date
) -> Summary:
    """Sum ``amounts`` in ``currency`` with the rates of ``on``; say which were used."""
    found = await latest_rates(session, [money.currency for money in amounts], currency, on)
    return summarise_with(amounts, currency, found)


def summarise_with(
    amounts: Sequence[Money], currency: str, found: Mapping[str, RateUsed]
) -> Summary:
    """Sum ``amounts`` in ``currency`` with rates already looked up (``latest_rates``)."""
    total = 0
    used: list[RateUsed] = []
    missing: list[str] = []
    for money in amounts:
        if money.currency == currency:
            total += money.minor_units
            continue
        rate = found.get(money.currency)
        if rate is None:
            missing.append(money.currency)
            continue
        if rate not in used:
            used.append(rate)
        total += convert(money, rate).minor_units
    return Summary(Money(total, currency), used, sorted(set(missing)))
