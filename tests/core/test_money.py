from decimal import Decimal

import pytest

from hub.core.money import CURRENCY_CODES, MAX_MINOR_UNITS, MINOR_DIGITS, Money, MoneyError


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
    with pytest.raises(MoneyError, match="not an ISO 4217 currency code"):
        Money.from_decimal("1", "XYZ")
    with pytest.raises(MoneyError):
        Money(1, "usd")


@pytest.mark.parametrize("amount", ["NaN", "Infinity", "abc", ""])
def test_non_numbers_are_refused(amount):
    with pytest.raises(MoneyError):
        Money.from_decimal(amount, "EUR")


REGION = ["KZT", "RUB", "UZS", "KGS", "AMD", "AZN", "BYN", "TJS", "GEL", "MDL", "TMT", "UAH"]


@pytest.mark.parametrize("code", [*REGION, "USD", "EUR", "GBP", "CNY", "TRY"])
def test_the_region_and_trading_currencies_have_two_decimals(code):
    assert code in CURRENCY_CODES
    assert MINOR_DIGITS[code] == 2
    assert Money.from_decimal("10.25", code).minor_units == 1025


@pytest.mark.parametrize("code", ["JPY", "KRW", "VND", "CLP", "ISK", "UGX"])
def test_currencies_without_a_minor_unit_have_no_decimals(code):
    assert MINOR_DIGITS[code] == 0
    assert Money.from_decimal("1500", code) == Money(1500, code)
    with pytest.raises(MoneyError, match="0 decimal places"):
        Money.from_decimal("1500.5", code)


@pytest.mark.parametrize("code", ["BHD", "KWD", "OMR", "JOD", "TND", "LYD"])
def test_currencies_with_thousandths_have_three_decimals(code):
    assert MINOR_DIGITS[code] == 3
    assert Money(1234, code).amount == Decimal("1.234")


@pytest.mark.parametrize(
    "code",
    [
        "RUR",  # the Russian rouble before 1998
        "SUR",  # the Soviet rouble
        "XAU",  # gold: an ISO code, but no territory's money
        "XTS",  # reserved for testing
        "usd",
    ],
)
def test_retired_and_non_money_codes_are_not_currencies(code):
    assert code not in CURRENCY_CODES
    with pytest.raises(MoneyError, match="not an ISO 4217 currency code"):
        Money(100, code)


def test_the_codes_are_sorted_three_letter_codes_and_plenty():
    assert list(CURRENCY_CODES) == sorted(CURRENCY_CODES)
    assert all(len(code) == 3 and code.isupper() for code in CURRENCY_CODES)
    assert len(CURRENCY_CODES) > 140


def test_the_largest_amount_a_column_holds_is_accepted_and_one_more_is_refused():
    assert Money.from_decimal("92233720368547758.07", "USD").minor_units == MAX_MINOR_UNITS
    with pytest.raises(MoneyError, match="too large"):
        Money.from_decimal("92233720368547758.08", "USD")
    with pytest.raises(MoneyError, match="too large"):
        Money.from_decimal("-1" + "0" * 30, "KZT")
