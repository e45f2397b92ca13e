"""Scalars and value types shared by every domain: codes, money and localized text."""

from __future__ import annotations

import enum
from collections.abc import Callable
from decimal import Decimal
from typing import Annotated, NewType

import strawberry
from strawberry.types.scalar import ScalarDefinition

from hub.api.sql_fields import SQL_FIELD, Entries, Translates
from hub.core.money import Money as MoneyValue


def _code(*, upper: bool) -> Callable[[object], str]:
    """Parse a code leniently (case, spaces); whether it exists is a service's question."""

    def parse(value: object) -> str:
        if not isinstance(value, str):
            raise ValueError(f"expected a string code, got {type(value).__name__}")
        text = value.strip()
        return text.upper() if upper else text.lower()

    return parse


CountryCode = NewType("CountryCode", str)
LanguageCode = NewType("LanguageCode", str)
CurrencyCode = NewType("CurrencyCode", str)

CountryCodeScalar = strawberry.scalar(
    name="CountryCode",
    description="ISO 3166-1 alpha-2 country code, such as `KZ` or `UZ`.",
    specified_by_url="https://www.iso.org/iso-3166-country-codes.html",
    serialize=str,
    parse_value=_code(upper=True),
)

LanguageCodeScalar = strawberry.scalar(
    name="LanguageCode",
    description="ISO 639-1 language code, such as `kk`, `ru` or `uz`.",
    specified_by_url="https://www.loc.gov/standards/iso639-2/php/code_list.php",
    serialize=str,
    parse_value=_code(upper=False),
)

CurrencyCodeScalar = strawberry.scalar(
    name="CurrencyCode",
    description="ISO 4217 alphabetic currency code, such as `USD` or `KZT`.",
    specified_by_url="https://www.iso.org/iso-4217-currency-codes.html",
    serialize=str,
    parse_value=_code(upper=True),
)


SCALAR_MAP: dict[object, ScalarDefinition] = {
    CountryCode: CountryCodeScalar,
    LanguageCode: LanguageCodeScalar,
    CurrencyCode: CurrencyCodeScalar,
}


@strawberry.type(description="An exact amount of money in one currency.")
class Money:
    amount: Decimal = strawberry.field(
        description="Decimal amount in major units, with the currency's number of decimals."
    )
    currency_code: CurrencyCode = strawberry.field(description="ISO 4217 currency code.")

    @classmethod
    def from_minor(cls, minor_units: int | None, currency: str | None) -> Money | None:
        if minor_units is None or currency is None:
            return None
        value = MoneyValue(minor_units, currency)
        return cls(amount=value.amount, currency_code=CurrencyCode(value.currency))


@strawberry.input(description="An exact amount of money in one currency.")
class MoneyInput:
    amount: Decimal = strawberry.field(description="Decimal amount in major units, e.g. `1500.50`.")
    currency_code: CurrencyCode = strawberry.field(description="ISO 4217 currency code.")


@strawberry.type(description="A text in one language.")
class LocalizedString:
    language: LanguageCode = strawberry.field(description="Language of `value`.")
    value: str = strawberry.field(description="The text.")


@strawberry.type(description="Something known by names in several languages.")
class Named:
    """Mixin for mapped types with ``default_name`` and ``translations`` fields."""

    default_name: strawberry.Private[str]
    translations: strawberry.Private[dict[str, str]]

    @strawberry.field(
        description="The name in `language`, or the main name when there is none.",
        metadata={SQL_FIELD: Translates("default_name", "translations")},
    )
    def name(
        self,
        language: Annotated[
            LanguageCode | None,
            strawberry.argument(description="ISO 639-1 code of the language wanted."),
        ] = None,
    ) -> str:
        if language:
            return self.translations.get(language.lower(), self.default_name)
        return self.default_name

    @strawberry.field(
        description="The name in every language the hub knows it in.",
        metadata={SQL_FIELD: Entries("translations", key="language", value="value")},
    )
    def names(self) -> list[LocalizedString]:
        return [
            LocalizedString(language=LanguageCode(language), value=value)
            for language, value in sorted(self.translations.items())
        ]


@strawberry.enum(description="Which way a list is sorted.")
class OrderDirection(enum.Enum):
    ASC = strawberry.enum_value("ASC", description="A to Z, smallest and earliest first.")
    DESC = strawberry.enum_value("DESC", description="Z to A, largest and latest first.")
