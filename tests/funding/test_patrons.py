"""Patrons across campaigns: boards per country and per year, a country's total, a
patron's public giving and the `patron` badge. Each pledge's visibility holds everywhere;
amounts stay per currency, and every converted figure names its rates."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from pydantic import ValidationError
from sqlalchemy import select, update

from hub.accounts.enums import OrganisationRole
from hub.config import Settings
from hub.core.columns import utcnow
from hub.creators.models import Creator
from hub.funding import campaigns, pledges
from hub.funding.campaigns import CampaignFields, CampaignTarget, TierFields
from hub.funding.enums import CampaignPurpose, FundingModel, PledgeVisibility, TierKind
from hub.funding.models import ExchangeRate, Pledge
from hub.funding.payments import PendingCall
from hub.funding.rates import load_rates
from tests.factories import Factory, global_id
from tests.funding.world import close_and_settle, launch, money, paid
from tests.helpers import data_of, graphql

ON = "2026-12-01"


async def hosted_campaign(factory: Factory, country: str, currency: str) -> tuple[int, int]:
    """A live campaign whose fiscal host is in ``country``; (campaign, tier). Countries
    the demo's campaigns are not hosted in (KG, TJ, GE) keep each board to the test's own."""
    project = await factory.project()
    host = await factory.organisation(country=country)
    number = await factory.user()
    fields = CampaignFields(
        slug=f"patrons-{number}",
        title=f"Patrons {number}",
        goal=money("1", currency),
        model=FundingModel.KEEP_WHAT_YOU_RAISE,
        deadline_at=utcnow() + timedelta(days=30),
        story={"en": "A story."},
    )
    target = CampaignTarget(CampaignPurpose.PROJECT, project_id=project)
    key: int = await factory._write(
        lambda s: campaigns.create_campaign(s, target, host, None, fields)
    )
    tier = TierFields(title="Thanks", kind=TierKind.NO_REWARD, minimum=money("1", currency))
    tier_id: int = await factory._write(lambda s: campaigns.add_tier(s, key, tier))
    await launch(factory, key)
    return key, tier_id


async def give(
    factory: Factory,
    campaign_id: int,
    amount: str,
    currency: str,
    backer: int,
    visibility: str = "PUBLIC",
    *,
    organisation: int | None = None,
    made_at: datetime | None = None,
) -> int:
    fields = pledges.PledgeFields(
        campaign_id=campaign_id,
        amount=money(amount, currency),
        visibility=PledgeVisibility(visibility),
        organisation_id=organisation,
    )

    async def write(session: Any, later: list[PendingCall]) -> int:
        key = await pledges.make_pledge(session, backer, fields, later)
        if made_at is not None:
            await session.execute(update(Pledge).where(Pledge.id == key).values(created_at=made_at))
        return key

    result: int = await paid(factory, write)
    return result


async def patron(factory: Factory, handle: str, country: str = "KZ") -> int:
    user = await factory.user()
    await factory.creator(owner=user, handle=handle, country=country)
    return user


async def rates(factory: Factory, *rows: tuple[str, str, str, str]) -> None:
    """Rates of 2026-11-30: (base, quote, rate, source)."""
    loaded = [
        ExchangeRate(
            base=base, quote=quote, rate=Decimal(rate), valid_on=date(2026, 11, 30), source=source
        )
        for base, quote, rate, source in rows
    ]
    await factory._write(lambda s: load_rates(s, loaded))


BOARD = """
query ($country: CountryCode, $year: Int, $currency: CurrencyCode!, $first: Int, $after: String) {
  patronsBoard(country: $country, year: $year, currency: $currency, on: "2026-12-01") {
    currency on missingCurrencies
    rates { base quote rate validOn source }
    patrons(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes {
        isAnonymous pledgeCount
        amounts { amount currencyCode }
        total { amount currencyCode }
        creator { handle }
        organisation { slug }
      }
    }
  }
}
"""


def line(
    handle: str | None,
    count: int,
    amounts: list[tuple[str, str]] | None,
    total: str | None,
    *,
    currency: str = "USD",
    anonymous: bool = False,
    organisation: str | None = None,
) -> dict[str, Any]:
    return {
        "isAnonymous": anonymous,
        "pledgeCount": count,
        "amounts": None
        if amounts is None
        else [{"amount": a, "currencyCode": c} for a, c in amounts],
        "total": None if total is None else {"amount": total, "currencyCode": currency},
        "creator": None if handle is None else {"handle": handle},
        "organisation": None if organisation is None else {"slug": organisation},
    }


async def test_a_countrys_board_ranks_patrons_across_currencies_and_honours_visibility(
    client, factory
):
    kzt, _ = await hosted_campaign(factory, "KG", "KZT")
    usd, _ = await hosted_campaign(factory, "KG", "USD")
    elsewhere, _ = await hosted_campaign(factory, "TJ", "USD")
    generous = await patron(factory, "board-generous")
    steady = await patron(factory, "board-steady")
    private = await patron(factory, "board-private")
    hidden = await patron(factory, "board-hidden")
    await give(factory, kzt, "51235", "KZT", generous)  # 100 USD at 512.35
    await give(factory, usd, "50", "USD", generous)
    await give(factory, usd, "120", "USD", steady)
    await give(factory, usd, "999", "USD", private, "NAME_ONLY")
    await give(factory, kzt, "1000", "KZT", hidden, "ANONYMOUS")
    await give(factory, usd, "5", "USD", hidden, "ANONYMOUS")
    await give(factory, elsewhere, "10000", "USD", steady)

    data = await data_of(client, BOARD, {"country": "KG", "currency": "USD"})
    board = data["patronsBoard"]
    assert board["patrons"]["nodes"] == [
        line("board-generous", 2, [("51235.00", "KZT"), ("50.00", "USD")], "150.00"),
        line("board-steady", 1, [("120.00", "USD")], "120.00"),
        line("board-private", 1, None, None),
        line(None, 2, [("1000.00", "KZT"), ("5.00", "USD")], "6.95", anonymous=True),
    ]
    assert board["currency"] == "USD"
    assert board["on"] == ON
    assert board["missingCurrencies"] == []
    (used,) = board["rates"]
    assert (used["base"], used["quote"], used["validOn"]) == ("KZT", "USD", "2026-11-30")
    assert "National Bank of Kazakhstan" in used["source"]
    assert "board-hidden" not in str(board)
    assert "999" not in str(board)


async def test_a_board_without_a_rate_keeps_exact_amounts_and_ranks_those_lines_after(
    client, factory
):
    kgs, _ = await hosted_campaign(factory, "GE", "KGS")
    usd, _ = await hosted_campaign(factory, "GE", "USD")
    som = await patron(factory, "board-som")
    dollar = await patron(factory, "board-dollar")
    await give(factory, kgs, "900000", "KGS", som)
    await give(factory, usd, "1", "USD", dollar)
    data = await data_of(client, BOARD, {"country": "GE", "currency": "USD"})
    board = data["patronsBoard"]
    assert board["missingCurrencies"] == ["KGS"]
    assert board["rates"] == []
    assert board["patrons"]["nodes"] == [
        line("board-dollar", 1, [("1.00", "USD")], "1.00"),
        line("board-som", 1, [("900000.00", "KGS")], None),
    ]


async def test_a_years_board_counts_the_pledges_made_that_year(client, factory):
    key, _ = await hosted_campaign(factory, "TJ", "USD")
    early = await patron(factory, "board-early")
    late = await patron(factory, "board-late")
    await give(factory, key, "10", "USD", early, made_at=datetime(2025, 12, 31, 23, 59, tzinfo=UTC))
    await give(factory, key, "20", "USD", late, made_at=datetime(2026, 1, 1, tzinfo=UTC))

    async def handles(year: int) -> list[str]:
        variables = {"country": "TJ", "year": year, "currency": "USD"}
        data = await data_of(client, BOARD, variables)
        return [node["creator"]["handle"] for node in data["patronsBoard"]["patrons"]["nodes"]]

    assert await handles(2025) == ["board-early"]
    assert await handles(2026) == ["board-late"]
    assert await handles(2024) == []
    body = await graphql(client, BOARD, {"year": 10_000, "currency": "USD"})
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    body = await graphql(client, BOARD, {"country": "TJ", "currency": "ZZZ"})
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_a_board_pages_with_first_and_after(client, factory):
    key, _ = await hosted_campaign(factory, "TJ", "USD")
    for amount in ("30", "20", "10"):
        await give(factory, key, amount, "USD", await patron(factory, f"board-page-{amount}"))
    variables: dict[str, Any] = {"country": "TJ", "currency": "USD", "first": 2}
    first = (await data_of(client, BOARD, variables))["patronsBoard"]["patrons"]
    assert [n["total"]["amount"] for n in first["nodes"]] == ["30.00", "20.00"]
    assert first["totalCount"] == 3
    assert first["pageInfo"]["hasNextPage"] is True
    variables["after"] = first["pageInfo"]["endCursor"]
    rest = (await data_of(client, BOARD, variables))["patronsBoard"]["patrons"]
    assert [n["total"]["amount"] for n in rest["nodes"]] == ["10.00"]
    assert rest["pageInfo"]["hasNextPage"] is False


async def test_a_board_of_fifty_patrons_costs_the_statements_of_a_board_of_five(
    client, factory, statements
):
    usd, _ = await hosted_campaign(factory, "KG", "USD")
    kzt, _ = await hosted_campaign(factory, "KG", "KZT")

    async def add(count: int) -> None:
        for number in range(count):
            backer = await patron(factory, f"board-cost-{count}-{number}")
            await give(factory, usd, "3", "USD", backer)
            await give(factory, kzt, "700", "KZT", backer)

    variables = {"country": "KG", "currency": "EUR", "first": 100}
    await add(5)
    with statements.record():
        small = await data_of(client, BOARD, variables)
    small_cost = len(statements.selects)
    await add(45)
    with statements.record():
        large = await data_of(client, BOARD, variables)
    large_cost = len(statements.selects)
    assert len(small["patronsBoard"]["patrons"]["nodes"]) == 5
    assert len(large["patronsBoard"]["patrons"]["nodes"]) == 50
    assert all(node["creator"] for node in large["patronsBoard"]["patrons"]["nodes"])
    assert large_cost == small_cost


SUMMARY = """
query ($country: CountryCode!, $currency: CurrencyCode!) {
  fundingSummary(country: $country, currency: $currency, on: "2026-12-01") {
    currency on
    perCurrency { amount currencyCode }
    total { amount currencyCode }
    rates { base quote rate validOn }
    missingCurrencies
  }
}
"""


async def test_a_countrys_total_is_exact_per_currency_and_converted_with_named_rates(
    client, factory
):
    kzt, _ = await hosted_campaign(factory, "KG", "KZT")
    usd, _ = await hosted_campaign(factory, "KG", "USD")
    backer = await factory.user()
    await give(factory, kzt, "102470", "KZT", backer)
    refunded = await give(factory, usd, "30", "USD", backer, "ANONYMOUS")
    await give(factory, usd, "999", "USD", backer)
    for key in (kzt, usd):
        await close_and_settle(factory, key)
    await paid(
        factory, lambda s, later: pledges.refund_pledge(s, refunded, money("10", "USD"), later)
    )
    summary = (await data_of(client, SUMMARY, {"country": "KG", "currency": "USD"}))[
        "fundingSummary"
    ]
    assert summary["perCurrency"] == [
        {"amount": "102470.00", "currencyCode": "KZT"},
        {"amount": "1019.00", "currencyCode": "USD"},
    ]
    assert summary["total"] == {"amount": "1219.00", "currencyCode": "USD"}
    assert [(r["base"], r["quote"], r["validOn"]) for r in summary["rates"]] == [
        ("KZT", "USD", "2026-11-30")
    ]
    assert summary["missingCurrencies"] == []


async def test_a_countrys_total_is_refused_when_a_rate_is_missing_never_summed_in_part(
    client, factory
):
    kgs, _ = await hosted_campaign(factory, "GE", "KGS")
    usd, _ = await hosted_campaign(factory, "GE", "USD")
    backer = await factory.user()
    await give(factory, kgs, "500", "KGS", backer)
    await give(factory, usd, "5", "USD", backer)
    for key in (kgs, usd):
        await close_and_settle(factory, key)
    body = await graphql(client, SUMMARY, {"country": "GE", "currency": "USD"})
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "EXCHANGE_RATE_MISSING"
    assert error["path"] == ["fundingSummary", "total"]
    assert "KGS" in error["message"]
    summary = body["data"]["fundingSummary"]
    assert summary["total"] is None
    assert summary["missingCurrencies"] == ["KGS"]
    assert len(summary["perCurrency"]) == 2
    await rates(factory, ("USD", "KGS", "87.5", "National Bank of the Kyrgyz Republic"))
    summary = (await data_of(client, SUMMARY, {"country": "GE", "currency": "USD"}))[
        "fundingSummary"
    ]
    assert summary["total"] == {"amount": "10.71", "currencyCode": "USD"}  # 5 + 500/87.5


async def test_a_country_the_hub_does_not_know_has_no_summary(client):
    data = await data_of(client, SUMMARY, {"country": "ZZ", "currency": "USD"})
    assert data["fundingSummary"] is None


GIVING = """
query ($id: ID!) {
  patronGiving(id: $id, currency: "KZT", on: "2026-12-01") {
    perCurrency { amount currencyCode }
    total { amount currencyCode }
  }
}
"""
PROFILES = """
query ($creator: String!, $organisation: String!) {
  creator(handle: $creator) { isPatron }
  organisation(slug: $organisation) { isPatron }
}
"""


async def test_only_public_collected_giving_counts_and_earns_the_patron_badge(client, factory):
    kzt, _ = await hosted_campaign(factory, "KG", "KZT")
    usd, _ = await hosted_campaign(factory, "KG", "USD")
    open_user = await patron(factory, "badge-open")
    shy_user = await patron(factory, "badge-shy")
    fund = await factory.organisation(slug="badge-fund")
    await factory.member(fund, shy_user, OrganisationRole.ADMIN)
    quiet = await factory.organisation(slug="badge-quiet")
    await factory.member(quiet, shy_user, OrganisationRole.ADMIN)
    # The default threshold is 1 000 000 KZT; 1 000 USD is 512 350 KZT.
    await give(factory, kzt, "600000", "KZT", open_user)
    await give(factory, usd, "1000", "USD", open_user)
    await give(factory, kzt, "600000", "KZT", shy_user)
    await give(factory, usd, "1000", "USD", shy_user, "NAME_ONLY")
    await give(factory, usd, "5000", "USD", shy_user, "ANONYMOUS")
    await give(factory, usd, "2000", "USD", shy_user, organisation=fund)
    await give(factory, usd, "2000", "USD", shy_user, "NAME_ONLY", organisation=quiet)
    for key in (kzt, usd):
        await close_and_settle(factory, key)

    giving = await data_of(client, GIVING, {"id": global_id("Creator", await _creator(factory))})
    assert giving["patronGiving"]["perCurrency"] == [
        {"amount": "600000.00", "currencyCode": "KZT"},
        {"amount": "1000.00", "currencyCode": "USD"},
    ]
    assert giving["patronGiving"]["total"] == {"amount": "1112350.00", "currencyCode": "KZT"}
    shy = await data_of(client, PROFILES, {"creator": "badge-shy", "organisation": "badge-fund"})
    opened = await data_of(
        client, PROFILES, {"creator": "badge-open", "organisation": "badge-quiet"}
    )
    assert opened["creator"] == {"isPatron": True}
    assert shy["creator"] == {"isPatron": False}  # only 600 000 KZT of it is public
    assert shy["organisation"] == {"isPatron": True}
    assert opened["organisation"] == {"isPatron": False}  # NAME_ONLY: never counted
    body = await graphql(client, GIVING, {"id": global_id("Project", 1)})
    assert body["errors"][0]["extensions"]["code"] == "INVALID_ID"


async def _creator(factory: Factory) -> int:
    async def read(session: Any) -> int:
        found: int = await session.scalar(select(Creator.id).where(Creator.handle == "badge-open"))
        return found

    result: int = await factory._write(read)
    return result


def test_the_badge_threshold_is_an_amount_and_a_currency():
    assert Settings(patron_badge_threshold="2000.50 usd").patron_badge_minimum.minor_units == 200050
    for wrong in ("1000000", "KZT", "-5 USD", "1.234 USD", "10 XYZ"):
        with pytest.raises(ValidationError):
            Settings(patron_badge_threshold=wrong)


PROFILE_PAGE = """
query ($size: Int!) { creators(first: $size) { nodes { handle isPatron } } }
"""


async def test_the_badges_of_a_page_of_profiles_cost_at_most_two_statements(client, statements):
    """Their public giving, then (when anyone gave) the rates: never one per profile."""

    async def cost(document: str, size: int) -> int:
        with statements.record():
            data = await data_of(client, document, {"size": size})
        assert len(data["creators"]["nodes"]) == size
        return len(statements.selects)

    for size in (5, 50):
        badges = await cost(PROFILE_PAGE, size)
        plain = await cost(PROFILE_PAGE.replace(" isPatron", ""), size)
        assert 1 <= badges - plain <= 2
