"""Money as integer minor units plus an ISO 4217 currency code; never a float."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from babel.core import get_global
from babel.numbers import get_currency_precision

from hub.i18n.messages import Message, _, _n


def _currencies_in_use() -> dict[str, int]:
    """Each currency that some territory uses as legal tender today, with its decimals.

    Both come from the Unicode CLDR through Babel, so a new or retired currency arrives
    with a Babel upgrade (pinned in uv.lock) rather than an edit here. CLDR's decimals
    are those the currency is written with: 2 for most, 0 for JPY, 3 for BHD, and 0
    where the minor unit has fallen out of use (IQD, HUF, IDR), unlike ISO 4217's table.
    """
    codes = {
        code
        for history in get_global("territory_currencies").values()
        for code, _since, until, is_tender in history
        if until is None and is_tender
    }
    return {code: get_currency_precision(code) for code in sorted(codes)}


MINOR_DIGITS: dict[str, int] = _currencies_in_use()
CURRENCY_CODES: tuple[str, ...] = tuple(MINOR_DIGITS)


MAX_MINOR_UNITS = 2**63 - 1
"""The largest amount, in minor units, that an amount column (BIGINT) holds: every amount
a client sends is refused above it, rather than failing in the database."""


class MoneyError(ValueError):
    """An amount that cannot be represented exactly in its currency; ``reason`` says why."""

    def __init__(self, reason: Message) -> None:
        super().__init__(str(reason))
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Money:
    """An exact amount: ``minor_units`` of ``currency`` (cents for USD, tiyn for KZT)."""

    minor_units: int
    currency: str

    def __post_init__(self) -> None:
        if self.currency not in MINOR_DIGITS:
            raise MoneyError(_("{code!r} is not an ISO 4217 currency code.", code=self.currency))

    @property
    def amount(self) -> Decimal:
        """The amount in major units, with exactly the currency's number of decimals."""
        digits = MINOR_DIGITS[self.currency]
        return Decimal(self.minor_units).scaleb(-digits).quantize(Decimal(1).scaleb(-digits))

    @classmethod
    def from_decimal(cls, amount: Decimal | str, currency: str) -> Money:
        """Parse a decimal amount; refuse more decimals than the currency has."""
        if currency not in MINOR_DIGITS:
            raise MoneyError(_("{code!r} is not an ISO 4217 currency code.", code=currency))
        try:
            value = Decimal(amount)
        except (InvalidOperation, TypeError) as exc:
            raise MoneyError(_("{amount!r} is not a decimal number.", amount=amount)) from exc
        if not value.is_finite():
            raise MoneyError(_("The amount must be a finite number."))
        scaled = value.scaleb(MINOR_DIGITS[currency])
        if abs(scaled) > MAX_MINOR_UNITS:
            raise MoneyError(_("The amount is too large to be stored."))
        if scaled != scaled.to_integral_value():
            raise MoneyError(
                _n(
                    "{currency} has {count} decimal place; got {amount}.",
                    "{currency} has {count} decimal places; got {amount}.",
                    MINOR_DIGITS[currency],
                    currency=currency,
                    amount=str(amount),
                )
            )
        return cls(int(scaled), currency)
