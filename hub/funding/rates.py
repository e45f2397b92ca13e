"""Exchange rates, for summaries across currencies only, and where they came from.

Totals stay per currency; a summary in one currency (a patron's lifetime giving, a
country's total) converts each amount with the latest rate on or before the day asked
for, directly or through the inverse pair, and says which rates and dates it used. Rates
are ``Decimal``; a converted amount is rounded half to even to the target's minor unit.
``hub rates load FILE`` reads a CSV: ``date,base,quote,rate,source``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from pathlib import Path

from sqlalchemy import select
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


async def _rate(session: AsyncSession, base: str, quote: str, on: date) -> RateUsed | None:
    """The latest rate on or before ``on``, direct or inverted."""
    found: list[RateUsed] = []
    for pair, inverted in (((base, quote), False), ((quote, base), True)):
        row = await session.scalar(
            select(ExchangeRate)
            .where(
                ExchangeRate.base == pair[0],
                ExchangeRate.quote == pair[1],
                ExchangeRate.valid_on <= on,
            )
            .order_by(ExchangeRate.valid_on.desc())
            .limit(1)
        )
        if row is not None:
            rate = Decimal(1) / row.rate if inverted else row.rate
            found.append(RateUsed(base, quote, rate, row.valid_on, row.source))
    return max(found, key=lambda used: used.valid_on, default=None)


def convert(money: Money, rate: RateUsed) -> Money:
    """``money`` in ``rate.quote``, rounded half to even to its minor unit."""
    digits = MINOR_DIGITS[rate.quote]
    value = (money.amount * rate.rate).quantize(Decimal(1).scaleb(-digits), ROUND_HALF_EVEN)
    return Money(int(value.scaleb(digits)), rate.quote)


async def summarise(
    session: AsyncSession, amounts: Sequence[Money], currency: str, on: date
) -> Summary:
    """Sum ``amounts`` in ``currency`` with the rates of ``on``; say which were used."""
    total = 0
    used: list[RateUsed] = []
    missing: list[str] = []
    for money in amounts:
        if money.currency == currency:
            total += money.minor_units
            continue
        rate = await _rate(session, money.currency, currency, on)
        if rate is None:
            missing.append(money.currency)
            continue
        used.append(rate)
        total += convert(money, rate).minor_units
    return Summary(Money(total, currency), used, sorted(set(missing)))
