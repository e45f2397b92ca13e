"""Exchange rates: summaries across currencies say which rate and date they used."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from hub.core.money import Money
from hub.funding.models import ExchangeRate
from hub.funding.rates import RatesFileError, RateUsed, convert, load_rates, read_rates, summarise
from tests.funding.world import campaign, close_and_settle, pledge
from tests.helpers import graphql

GIVING = """
query ($currency: CurrencyCode!, $on: Date) {
  myGiving(currency: $currency, on: $on) {
    perCurrency { amount currencyCode }
    total { amount currencyCode }
    rates { base quote rate validOn source }
    missingCurrencies
  }
}
"""


def test_a_conversion_rounds_half_to_even_to_the_target_minor_unit():
    rate = RateUsed("USD", "KZT", Decimal("512.355"), date(2026, 11, 30), "test")
    assert convert(Money(1, "USD"), rate) == Money(512, "KZT")  # 5.12355 -> 5.12
    assert convert(Money(100, "USD"), rate) == Money(51236, "KZT")  # 512.355 -> 512.36


async def test_a_summary_uses_the_latest_rate_on_or_before_the_day_and_inverse_pairs(session):
    await load_rates(
        session,
        [
            ExchangeRate(
                base="USD",
                quote="KZT",
                rate=Decimal("500"),
                valid_on=date(2020, 1, 1),
                source="old",
            ),
            ExchangeRate(
                base="USD",
                quote="KZT",
                rate=Decimal("510"),
                valid_on=date(2020, 2, 1),
                source="new",
            ),
            ExchangeRate(
                base="USD",
                quote="KZT",
                rate=Decimal("999"),
                valid_on=date(2020, 3, 1),
                source="future",
            ),
        ],
    )
    amounts = [Money(100_000, "KZT"), Money(1_000, "USD"), Money(5, "XOF")]
    summary = await summarise(session, amounts, "KZT", date(2020, 2, 15))
    assert summary.total == Money(100_000 + 1_000 * 510, "KZT")
    assert [(r.source, r.valid_on) for r in summary.rates] == [("new", date(2020, 2, 1))]
    assert summary.missing == ["XOF"]
    inverse = await summarise(session, [Money(51_000, "KZT")], "USD", date(2020, 2, 15))
    assert inverse.total == Money(100, "USD")


def test_a_rates_file_with_a_bad_line_is_refused(tmp_path):
    path = tmp_path / "rates.csv"
    path.write_text("date,base,quote,rate,source\n2026-01-01,USD,KZT,-1,x\n", encoding="utf-8")
    with pytest.raises(RatesFileError, match="line 2"):
        read_rates(path)
    path.write_text("date,base,quote,rate,source\n2026-01-01,USD,USD,1,x\n", encoding="utf-8")
    with pytest.raises(RatesFileError):
        read_rates(path)


async def test_my_giving_sums_across_currencies_with_the_rates_it_names(client, factory, session):
    backer = await factory.user()
    for currency, amount in (("KZT", "5123.50"), ("USD", "10")):
        key, _ = await campaign(factory, currency=currency, goal="1", tier_minimum="1")
        await pledge(factory, key, amount, currency=currency, backer=backer)
        await close_and_settle(factory, key)
    headers = await factory.headers_for(backer)
    body = await graphql(client, GIVING, {"currency": "USD", "on": "2026-12-01"}, headers=headers)
    giving = body["data"]["myGiving"]
    assert giving["perCurrency"] == [
        {"amount": "5123.50", "currencyCode": "KZT"},
        {"amount": "10.00", "currencyCode": "USD"},
    ]
    # The demo's rate: 1 USD = 512.35 KZT on 2026-11-30, inverted.
    assert giving["total"] == {"amount": "20.00", "currencyCode": "USD"}
    assert giving["rates"][0]["validOn"] == "2026-11-30"
    assert "National Bank of Kazakhstan" in giving["rates"][0]["source"]
    assert giving["missingCurrencies"] == []
    anonymous = await graphql(client, GIVING, {"currency": "USD"})
    assert anonymous["data"]["myGiving"] is None
    unknown = await graphql(client, GIVING, {"currency": "ZZZ"}, headers=headers)
    assert unknown["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
