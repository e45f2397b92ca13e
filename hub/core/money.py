"""Money as integer minor units plus an ISO 4217 currency code; never a float."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

# Active ISO 4217 codes. Most have two minor digits; the exceptions are listed below.
_CODES = """
AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN
BWP BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD
FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY
KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP
MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR
RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT
TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XOF XPF YER ZAR ZMW
ZWG
""".split()

_MINOR_DIGITS_EXCEPTIONS = {
    **dict.fromkeys("BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX VND VUV XAF XOF XPF".split(), 0),
    **dict.fromkeys("BHD IQD JOD KWD LYD OMR TND".split(), 3),
}

MINOR_DIGITS: dict[str, int] = {code: _MINOR_DIGITS_EXCEPTIONS.get(code, 2) for code in _CODES}
CURRENCY_CODES: tuple[str, ...] = tuple(sorted(MINOR_DIGITS))


class MoneyError(ValueError):
    """An amount that cannot be represented exactly in its currency."""


@dataclass(frozen=True, slots=True)
class Money:
    """An exact amount: ``minor_units`` of ``currency`` (cents for USD, tiyn for KZT)."""

    minor_units: int
    currency: str

    def __post_init__(self) -> None:
        if self.currency not in MINOR_DIGITS:
            raise MoneyError(f"unknown currency code {self.currency!r}")

    @property
    def amount(self) -> Decimal:
        """The amount in major units, with exactly the currency's number of decimals."""
        digits = MINOR_DIGITS[self.currency]
        return Decimal(self.minor_units).scaleb(-digits).quantize(Decimal(1).scaleb(-digits))

    @classmethod
    def from_decimal(cls, amount: Decimal | str, currency: str) -> Money:
        """Parse a decimal amount; refuse more decimals than the currency has."""
        if currency not in MINOR_DIGITS:
            raise MoneyError(f"unknown currency code {currency!r}")
        try:
            value = Decimal(amount)
        except (InvalidOperation, TypeError) as exc:
            raise MoneyError(f"{amount!r} is not a decimal number") from exc
        if not value.is_finite():
            raise MoneyError("the amount must be a finite number")
        scaled = value.scaleb(MINOR_DIGITS[currency])
        if scaled != scaled.to_integral_value():
            raise MoneyError(
                f"{currency} has {MINOR_DIGITS[currency]} decimal places; got {amount}"
            )
        return cls(int(scaled), currency)
