"""Root fields for campaigns and the caller's own pledges."""

from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

import strawberry
from sqlalchemy import ColumnElement, and_, func, select

from hub.api.context import Info
from hub.api.errors import HubError, RequestErrorCode
from hub.api.pagination import Connection, QueryListing, connection, ordering
from hub.api.relations import find_one
from hub.api.scalars import CountryCode, CurrencyCode, Money, OrderDirection
from hub.core.filters import all_of
from hub.core.money import MINOR_DIGITS
from hub.disciplines.mapping import discipline_ids_matching
from hub.funding import ledger, rates
from hub.funding.enums import CampaignPurpose, CampaignStatus, PledgeStatus
from hub.funding.models import Campaign as CampaignRow
from hub.funding.models import Pledge as PledgeRow
from hub.funding.types import Campaign, Pledge, money_of
from hub.funding.visibility import visible_campaigns
from hub.i18n.catalogs import render
from hub.i18n.messages import _
from hub.organisations.models import Organisation as OrganisationRow
from hub.projects.models import ProjectDiscipline


@strawberry.enum(description="What campaigns can be sorted by.")
class CampaignOrderField(enum.Enum):
    DEADLINE = strawberry.enum_value("DEADLINE", description="By deadline.")
    TITLE = strawberry.enum_value("TITLE", description="By title.")
    CREATED_AT = strawberry.enum_value("CREATED_AT", description="By when it was created.")


@strawberry.input(description="How to sort campaigns.")
class CampaignOrder:
    field: CampaignOrderField = strawberry.field(description="What to sort by.")
    direction: OrderDirection = strawberry.field(
        default=OrderDirection.ASC, description="Which way."
    )


@strawberry.input(description="Narrows the list of campaigns; every given condition must hold.")
class CampaignFilter:
    statuses: list[CampaignStatus] | None = strawberry.field(
        default=None, description="In one of these statuses."
    )
    purposes: list[CampaignPurpose] | None = strawberry.field(
        default=None, description="For one of these purposes."
    )
    currencies: list[str] | None = strawberry.field(
        default=None, description="Raising in one of these currencies (ISO 4217)."
    )
    ending_before: datetime | None = strawberry.field(
        default=None, description="With a deadline before this instant (ending soon)."
    )
    countries: list[CountryCode] | None = strawberry.field(
        default=None, description="Whose fiscal host is in one of these countries."
    )
    disciplines: list[str] | None = strawberry.field(
        default=None,
        description="Funding a project in one of these disciplines (slugs; a sector's slug "
        "stands for its disciplines).",
    )
    min_percent_funded: int | None = strawberry.field(
        default=None,
        description="Whose standing pledges reach at least this whole percent of the goal.",
    )


def in_countries(codes: list[CountryCode]) -> ColumnElement[bool]:
    hosts = select(OrganisationRow.id).where(
        OrganisationRow.country_code.in_([code.upper() for code in codes])
    )
    return CampaignRow.fiscal_host_id.in_(hosts)


def in_disciplines(slugs: list[str]) -> ColumnElement[bool]:
    projects = select(ProjectDiscipline.project_id).where(
        ProjectDiscipline.discipline_id.in_(discipline_ids_matching(slugs))
    )
    return CampaignRow.project_id.in_(projects)


def funded_at_least(percent: int) -> ColumnElement[bool]:
    """Standing pledges times 100 reach ``percent`` times the goal: integers only."""
    pledged = (
        select(func.coalesce(func.sum(PledgeRow.amount_minor), 0))
        .where(
            PledgeRow.campaign_id == CampaignRow.id,
            PledgeRow.status.in_([PledgeStatus.AUTHORIZED, PledgeStatus.CAPTURED]),
        )
        .scalar_subquery()
    )
    return pledged * 100 >= CampaignRow.goal_minor * percent


@strawberry.input(description="Narrows the caller's pledges.")
class PledgeFilter:
    statuses: list[PledgeStatus] | None = strawberry.field(
        default=None, description="In one of these statuses."
    )


@strawberry.type(description="A rate a summary used: 1 `base` bought `rate` `quote` that day.")
class ExchangeRateUsed:
    base: str = strawberry.field(description="ISO 4217 code converted from.")
    quote: str = strawberry.field(description="ISO 4217 code converted to.")
    rate: Decimal = strawberry.field(description="Units of `quote` per unit of `base`.")
    valid_on: date = strawberry.field(description="The day of the rate.")
    source: str = strawberry.field(description="Who published it.")


@strawberry.type(description="What the caller gave, per currency and summed in one currency.")
class GivingSummary:
    per_currency: list[Money] = strawberry.field(
        description="Collected pledges less refunds, one amount per currency (exact)."
    )
    total: Money = strawberry.field(
        description="All of it in the currency asked for, converted with `rates`."
    )
    rates: list[ExchangeRateUsed] = strawberry.field(description="The rates used, with dates.")
    missing_currencies: list[str] = strawberry.field(
        description="Currencies left out of `total`: no rate on or before the day asked."
    )


@strawberry.type
class FundingQueries:
    @connection(
        Connection[Campaign],
        "Crowdfunding campaigns, by deadline unless sorted; drafts only for their owners and "
        "their fiscal hosts' admins.",
    )
    def campaigns(
        self,
        info: Info,
        filter: Annotated[
            CampaignFilter | None, strawberry.argument(description="Which campaigns.")
        ] = None,
        order_by: Annotated[
            CampaignOrder | None, strawberry.argument(description="Their order.")
        ] = None,
    ) -> QueryListing:
        where = filter or CampaignFilter()
        conditions = all_of(
            visible_campaigns(info.context.principal),
            CampaignRow.status.in_(where.statuses) if where.statuses else None,
            CampaignRow.purpose.in_(where.purposes) if where.purposes else None,
            CampaignRow.currency.in_([code.upper() for code in where.currencies])
            if where.currencies
            else None,
            CampaignRow.deadline_at < where.ending_before if where.ending_before else None,
            in_countries(where.countries) if where.countries else None,
            in_disciplines(where.disciplines) if where.disciplines else None,
            funded_at_least(where.min_percent_funded)
            if where.min_percent_funded is not None
            else None,
        )
        return QueryListing(Campaign, conditions, ordering(order_by))

    @strawberry.field(
        description="A campaign by slug (a draft only for its owners and its fiscal host's admins)."
    )
    async def campaign(
        self, info: Info, slug: Annotated[str, strawberry.argument(description="Its slug.")]
    ) -> Campaign | None:
        visible = visible_campaigns(info.context.principal)
        return await find_one(info, Campaign, and_(CampaignRow.slug == slug, visible))

    @connection(
        Connection[Pledge],
        "The caller's own pledges, oldest first (empty for anyone but a logged-in person).",
    )
    def my_pledges(
        self,
        info: Info,
        filter: Annotated[
            PledgeFilter | None, strawberry.argument(description="Which pledges.")
        ] = None,
    ) -> QueryListing:
        user = info.context.principal.user_id
        statuses = filter.statuses if filter is not None else None
        conditions = all_of(
            PledgeRow.backer_user_id == user if user is not None else PledgeRow.id < 0,
            PledgeRow.status.in_(statuses) if statuses else None,
        )
        return QueryListing(Pledge, conditions)

    @strawberry.field(
        description="The caller's lifetime giving: exact per currency, and summed in one "
        "currency with the exchange rates of a day (today unless given); null for anyone but "
        "a logged-in person."
    )
    async def my_giving(
        self,
        info: Info,
        currency: Annotated[
            CurrencyCode, strawberry.argument(description="ISO 4217 code to sum in.")
        ],
        on: Annotated[
            date | None, strawberry.argument(description="The day whose rates to use.")
        ] = None,
    ) -> GivingSummary | None:
        user = info.context.principal.user_id
        if user is None:
            return None
        code = str(currency)
        if code not in MINOR_DIGITS:
            message = _("{code!r} is not an ISO 4217 currency code.", code=code)
            raise HubError(render(message, info.context.locale), RequestErrorCode.BAD_USER_INPUT)
        day = on or info.context.reader.env.today
        given = await info.context.reader.run(lambda s: ledger.given_by(s, user))
        summary = await info.context.reader.run(lambda s: rates.summarise(s, given, code, day))
        return GivingSummary(
            per_currency=[money_of(value) for value in given],
            total=money_of(summary.total),
            rates=[
                ExchangeRateUsed(
                    base=used.base,
                    quote=used.quote,
                    rate=used.rate,
                    valid_on=used.valid_on,
                    source=used.source,
                )
                for used in summary.rates
            ],
            missing_currencies=summary.missing,
        )
