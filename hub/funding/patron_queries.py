"""Root fields for patrons across campaigns: boards per country and year, a country's
total, a patron's public lifetime giving (``hub.funding.patrons`` computes them)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

import strawberry
from strawberry import relay

from hub.api.context import Info
from hub.api.errors import HubError, RequestErrorCode
from hub.api.global_ids import argument_key, parse
from hub.api.pagination import Connection, connection
from hub.api.relations import load_node
from hub.api.scalars import CountryCode, CurrencyCode, Money
from hub.core.money import MINOR_DIGITS
from hub.core.money import Money as MoneyValue
from hub.core.paging import Page, Window
from hub.creators.types import Creator
from hub.funding import patrons
from hub.funding.patrons import BoardScope, PatronLine
from hub.funding.queries import ExchangeRateUsed
from hub.funding.rates import RateUsed, Summary, summarise
from hub.funding.types import money_of
from hub.i18n.catalogs import render
from hub.i18n.messages import Message, _
from hub.organisations.types import Organisation

PATRON_TYPES = ("Creator", "Organisation")
FIRST_YEAR, LAST_YEAR = 1, 9998


def _refuse(info: Info, message: Message, code: RequestErrorCode) -> HubError:
    return HubError(render(message, info.context.locale), code)


def currency_of(info: Info, currency: CurrencyCode) -> str:
    """A currency to convert into: a known ISO 4217 code, else BAD_USER_INPUT."""
    code = str(currency).upper()
    if code not in MINOR_DIGITS:
        message = _("{code!r} is not an ISO 4217 currency code.", code=code)
        raise _refuse(info, message, RequestErrorCode.BAD_USER_INPUT)
    return code


def _rates_used(used: Sequence[RateUsed]) -> list[ExchangeRateUsed]:
    return [
        ExchangeRateUsed(
            base=rate.base,
            quote=rate.quote,
            rate=rate.rate,
            valid_on=rate.valid_on,
            source=rate.source,
        )
        for rate in used
    ]


@strawberry.type(
    description="One patron on a board across campaigns: a person (their creator profile), "
    "an organisation, or all anonymous patrons together. Each pledge's visibility holds: "
    "an anonymous pledge never names its backer, a NAME_ONLY one hides its patron's amounts."
)
class Patron:
    creator_id: strawberry.Private[int | None]
    organisation_id: strawberry.Private[int | None]
    is_anonymous: bool = strawberry.field(
        description="The anonymous patrons, together: no name is ever shown for them."
    )
    pledge_count: int = strawberry.field(description="How many standing pledges.")
    amounts: list[Money] | None = strawberry.field(
        description="What they gave (standing pledges less refunds), one amount per currency, "
        "never mixed; null when one of their pledges keeps its amount private (NAME_ONLY)."
    )
    total: Money | None = strawberry.field(
        description="All of `amounts` in the board's currency, converted with the board's "
        "`rates`; null when the amounts are private or one of their currencies has no rate."
    )

    @strawberry.field(description="The person's creator profile, if they have one.")
    async def creator(self, info: Info) -> Creator | None:
        return await load_node(info, Creator, self.creator_id)

    @strawberry.field(description="The organisation that gave.")
    async def organisation(self, info: Info) -> Organisation | None:
        return await load_node(info, Organisation, self.organisation_id)

    @classmethod
    def of(cls, line: PatronLine) -> Patron:
        return cls(
            creator_id=line.creator_id,
            organisation_id=line.organisation_id,
            is_anonymous=line.is_anonymous,
            pledge_count=line.pledge_count,
            amounts=None if line.hidden else [money_of(money) for money in line.per_currency()],
            total=None if line.total is None else money_of(line.total),
        )


@dataclass(frozen=True)
class ListedPatrons:
    """A board's lines, ranked already; a page is cut from them."""

    lines: Sequence[PatronLine]

    async def connection(self, info: Info, window: Window) -> Connection[Any]:
        total = len(self.lines)
        start, end = window.bounds(total)
        page = Page((), start, start > 0, end < total, total)
        nodes = [Patron.of(line) for line in self.lines[start:end]]

        async def count_total() -> int:
            return total

        return Connection.from_nodes(nodes, page, count_total)


@strawberry.type(
    description="A patrons board across campaigns (of a country, of a year, or both), ranked "
    "by what each patron gave, converted into one currency with the rates it names."
)
class PatronsBoard:
    lines: strawberry.Private[list[PatronLine]]
    country: CountryCode | None = strawberry.field(
        description="The country whose campaigns (by their fiscal host) it counts, if one."
    )
    year: int | None = strawberry.field(
        description="The year (UTC) whose pledges it counts, if one."
    )
    currency: str = strawberry.field(description="ISO 4217 code patrons are ranked in.")
    on: date = strawberry.field(description="The day whose exchange rates were used.")
    rates: list[ExchangeRateUsed] = strawberry.field(
        description="The rates used to convert into `currency`, with their days and sources."
    )
    missing_currencies: list[str] = strawberry.field(
        description="Currencies with no rate into `currency` on or before `on`: patrons who "
        "gave in them have no `total` and rank after those who have one."
    )

    @connection(
        Connection[Patron],
        "Its patrons: known totals largest first, then totals lacking a rate, then private "
        "amounts, the anonymous patrons last.",
    )
    def patrons(self, info: Info) -> ListedPatrons:
        return ListedPatrons(self.lines)


@strawberry.type(
    description="Money in several currencies: exact per currency, and summed in one currency "
    "with the exchange rates it names."
)
class CurrencySummary:
    amounts: strawberry.Private[list[MoneyValue]]
    summary: strawberry.Private[Summary]
    currency: str = strawberry.field(description="ISO 4217 code `total` is in.")
    on: date = strawberry.field(description="The day whose exchange rates were used.")

    @strawberry.field(description="One amount per currency (exact, never mixed).")
    def per_currency(self) -> list[Money]:
        return [money_of(money) for money in self.amounts]

    @strawberry.field(description="The rates `total` used, with their days and sources.")
    def rates(self) -> list[ExchangeRateUsed]:
        return _rates_used(self.summary.rates)

    @strawberry.field(
        description="Currencies with no rate into `currency` on or before `on`; while any "
        "is missing, `total` is refused (EXCHANGE_RATE_MISSING)."
    )
    def missing_currencies(self) -> list[str]:
        return self.summary.missing

    @strawberry.field(
        description="Everything in `currency`, converted with `rates`. Refused with "
        "EXCHANGE_RATE_MISSING (and null) when a currency has no rate: never a partial sum."
    )
    def total(self, info: Info) -> Money | None:
        if self.summary.missing:
            message = _(
                "No exchange rate into {currency} on or before {day} for {codes}: load one "
                "with `hub rates load`.",
                currency=self.currency,
                day=self.on.isoformat(),
                codes=", ".join(self.summary.missing),
            )
            raise _refuse(info, message, RequestErrorCode.EXCHANGE_RATE_MISSING)
        return money_of(self.summary.total)


async def summary_of(
    info: Info, amounts: list[MoneyValue], currency: str, on: date
) -> CurrencySummary:
    summary = await info.context.reader.run(lambda s: summarise(s, amounts, currency, on))
    return CurrencySummary(amounts=amounts, summary=summary, currency=currency, on=on)


CurrencyArgument = Annotated[
    CurrencyCode, strawberry.argument(description="ISO 4217 code to convert into.")
]
DayArgument = Annotated[
    date | None, strawberry.argument(description="The day whose rates to use (today if not given).")
]


@strawberry.type
class PatronQueries:
    @strawberry.field(
        description="A patrons board across campaigns: of the campaigns hosted in `country`, "
        "of the pledges made in `year` (UTC), or both; every patron everywhere with neither."
    )
    async def patrons_board(
        self,
        info: Info,
        currency: CurrencyArgument,
        country: Annotated[
            CountryCode | None,
            strawberry.argument(description="Campaigns whose fiscal host is in this country."),
        ] = None,
        year: Annotated[
            int | None, strawberry.argument(description="Pledges made in this year (UTC).")
        ] = None,
        on: DayArgument = None,
    ) -> PatronsBoard:
        code = currency_of(info, currency)
        if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
            message = _("A year is from {first} to {last}.", first=FIRST_YEAR, last=LAST_YEAR)
            raise _refuse(info, message, RequestErrorCode.BAD_USER_INPUT)
        day = on or info.context.reader.env.today
        scope = BoardScope(country=str(country).upper() if country else None, year=year)
        found = await info.context.reader.run(lambda s: patrons.board(s, scope, code, day))
        return PatronsBoard(
            lines=found.lines,
            country=country,
            year=year,
            currency=code,
            on=day,
            rates=_rates_used(found.rates),
            missing_currencies=found.missing,
        )

    @strawberry.field(
        description="What the campaigns hosted in a country (by their fiscal host) raised: "
        "collected pledges less refunds, per currency and summed in one; null for a country "
        "the hub does not know."
    )
    async def funding_summary(
        self,
        info: Info,
        country: Annotated[CountryCode, strawberry.argument(description="The country.")],
        currency: CurrencyArgument,
        on: DayArgument = None,
    ) -> CurrencySummary | None:
        code = currency_of(info, currency)
        country_code = str(country).upper()
        if not await info.context.reader.run(lambda s: patrons.country_exists(s, country_code)):
            return None
        raised = await info.context.reader.run(lambda s: patrons.country_raised(s, country_code))
        return await summary_of(info, raised, code, on or info.context.reader.env.today)

    @strawberry.field(
        description="A patron's lifetime giving as the public may know it: what a creator "
        "(pledging for themselves) or an organisation collected in PUBLIC pledges, less "
        "refunds, per currency and summed in one."
    )
    async def patron_giving(
        self,
        info: Info,
        id: Annotated[
            relay.GlobalID, strawberry.argument(description="A Creator or an Organisation.")
        ],
        currency: CurrencyArgument,
        on: DayArgument = None,
    ) -> CurrencySummary:
        key = argument_key(id, PATRON_TYPES, "id")
        code = currency_of(info, currency)
        if parse(id).type_name == "Creator":
            found = await info.context.reader.run(
                lambda s: patrons.public_giving(s, creators=[key])
            )
            given = found.get(("creator", key), [])
        else:
            found = await info.context.reader.run(
                lambda s: patrons.public_giving(s, organisations=[key])
            )
            given = found.get(("organisation", key), [])
        return await summary_of(info, given, code, on or info.context.reader.env.today)
