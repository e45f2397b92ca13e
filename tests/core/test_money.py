from decimal import Decimal

import pytest

from hub.core.money import CURRENCY_CODES, MINOR_DIGITS, Money, MoneyError


def test_amounts_are_exact_minor_units_in_the_currency():
    assert Money.from_decimal("1500.50", "USD") == Money(150050, "USD")
    assert Money.from_decimal("1500", "JPY") == Money(1500, "JPY")
    assert Money.from_decimal("1.234", "KWD") == Money(1234, "KWD")


def test_amount_is_rendered_with_the_currency_decimals():
    assert Money(150050, "USD").amount == Decimal("1500.50")
    assert str(Money(5, "KZT").amount) == "0.05"
    assert str(Money(7, "JPY").amount) == "7"


def test_more_decimals_than_the_currency_has_is_refused():
    with pytest.raises(MoneyError, match="2 decimal places"):
        Money.from_decimal("0.001", "USD")


def test_unknown_currency_is_refused():
    with pytest.raises(MoneyError, match="unknown currency"):
        Money.from_decimal("1", "XYZ")
    with pytest.raises(MoneyError):
        Money(1, "usd")


@pytest.mark.parametrize("amount", ["NaN", "Infinity", "abc", ""])
def test_non_numbers_are_refused(amount):
    with pytest.raises(MoneyError):
        Money.from_decimal(amount, "EUR")


def test_the_region_currencies_are_known_with_two_decimals():
    for code in ["KZT", "UZS", "KGS", "TJS", "AMD", "AZN", "BYN", "RUB", "MDL", "TMT"]:
        assert code in CURRENCY_CODES
        assert MINOR_DIGITS[code] == 2
