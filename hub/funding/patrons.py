"""Patrons across campaigns: boards per country and per year, a country's total, a
patron's public lifetime giving. Read side only (no writes).

A board groups standing pledges (authorised, collected, or partly refunded) by patron
with the same rule as a campaign's own board (``patron_of``): an anonymous pledge joins
the one nameless line, any other belongs to its organisation or, failing that, to the
person; a patron's amounts show only if none of their pledges keeps its amount private.
Across campaigns a patron may have given in several currencies, so amounts stay per
currency; the one figure a line is ranked by is converted with the exchange rates
(``hub.funding.rates``), and the board names the rates it used.

A country's campaigns are those whose fiscal host is in it (as ``campaigns(filter:
{countries})`` reads it). Totals and lifetime giving come from the ledger: money
collected less refunds, never a promise.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlalchemy import ColumnElement, Select, case, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.money import Money
from hub.countries.models import Country
from hub.creators.models import Creator
from hub.funding.enums import LedgerKind, PledgeStatus, PledgeVisibility
from hub.funding.models import Campaign, LedgerEntry, Pledge
from hub.funding.rates import RateUsed, convert, latest_rates
from hub.organisations.models import Organisation

STANDING = (PledgeStatus.AUTHORIZED, PledgeStatus.CAPTURED, PledgeStatus.REFUNDED)
"""The pledges a board counts: those that stand (less what was refunded of them)."""

PatronKey = tuple[str, int | None]
"""("anonymous", None), ("organisation", its id) or ("person", the user's id)."""


def patron_of(
    visibility: PledgeVisibility, organisation_id: int | None, backer_user_id: int | None
) -> PatronKey:
    """Whose line of a board a pledge belongs to: every board's one rule."""
    if visibility is PledgeVisibility.ANONYMOUS:
        return ("anonymous", None)
    if organisation_id is not None:
        return ("organisation", organisation_id)
    return ("person", backer_user_id)


def hides_amount(visibility: PledgeVisibility) -> bool:
    """A NAME_ONLY pledge keeps its amount private, and so its patron's total."""
    return visibility is PledgeVisibility.NAME_ONLY


@dataclass(frozen=True)
class BoardScope:
    """Which pledges a board counts: of campaigns hosted in ``country``, made in ``year``
    (UTC), or both."""

    country: str | None = None
    year: int | None = None


@dataclass
class PatronLine:
    """One line of a board, before it is shown: who, how many pledges, what per currency."""

    key: PatronKey
    creator_id: int | None = None
    pledge_count: int = 0
    hidden: bool = False
    first_pledge: int = 0
    amounts: dict[str, int] = field(default_factory=dict)
    total: Money | None = None

    @property
    def is_anonymous(self) -> bool:
        return self.key[0] == "anonymous"

    @property
    def organisation_id(self) -> int | None:
        return self.key[1] if self.key[0] == "organisation" else None

    def per_currency(self) -> list[Money]:
        return [Money(self.amounts[code], code) for code in sorted(self.amounts)]


@dataclass(frozen=True)
class Board:
    """A board ranked in ``currency``: its lines, the rates used and the currencies that
    had none (lines with amounts in them have no ``total`` and rank after the others)."""

    currency: str
    on: date
    lines: list[PatronLine]
    rates: list[RateUsed]
    missing: list[str]


def _in_scope(scope: BoardScope) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if scope.country is not None:
        hosts = select(Organisation.id).where(Organisation.country_code == scope.country.upper())
        campaigns = select(Campaign.id).where(Campaign.fiscal_host_id.in_(hosts))
        conditions.append(Pledge.campaign_id.in_(campaigns))
    if scope.year is not None:
        start = datetime(scope.year, 1, 1, tzinfo=UTC)
        end = datetime(scope.year + 1, 1, 1, tzinfo=UTC)
        conditions.extend([Pledge.created_at >= start, Pledge.created_at < end])
    return conditions


async def _lines(session: AsyncSession, scope: BoardScope) -> list[PatronLine]:
    """The scope's standing pledges, summed per backer and currency in SQL, then merged
    into lines by ``patron_of``; two statements however many pledges."""
    rows = await session.execute(
        select(
            Pledge.visibility,
            Pledge.organisation_id,
            Pledge.backer_user_id,
            Pledge.currency,
            func.count().label("pledges"),
            func.sum(Pledge.amount_minor - Pledge.refunded_minor).label("amount"),
            func.min(Pledge.id).label("first"),
        )
        .where(
            Pledge.status.in_(STANDING),
            Pledge.amount_minor > Pledge.refunded_minor,
            *_in_scope(scope),
        )
        .group_by(Pledge.visibility, Pledge.organisation_id, Pledge.backer_user_id, Pledge.currency)
    )
    lines: dict[PatronKey, PatronLine] = {}
    for visibility, organisation, user, currency, pledges, amount, first in rows:
        key = patron_of(visibility, organisation, user)
        line = lines.get(key)
        if line is None:
            line = lines[key] = PatronLine(key=key, first_pledge=first)
        line.pledge_count += pledges
        line.hidden = line.hidden or hides_amount(visibility)
        line.first_pledge = min(line.first_pledge, first)
        line.amounts[currency] = line.amounts.get(currency, 0) + int(amount)
    people = [line.key[1] for line in lines.values() if line.key[0] == "person"]
    profiles = await creators_of(session, [user for user in people if user is not None])
    for line in lines.values():
        if line.key[0] == "person" and line.key[1] is not None:
            line.creator_id = profiles.get(line.key[1])
    return list(lines.values())


async def creators_of(session: AsyncSession, user_ids: Sequence[int]) -> dict[int, int]:
    """Each person's creator profile (their first, if several), in one statement."""
    if not user_ids:
        return {}
    rows = await session.execute(
        select(Creator.owner_user_id, func.min(Creator.id))
        .where(Creator.owner_user_id.in_(list(set(user_ids))))
        .group_by(Creator.owner_user_id)
    )
    return {user: creator for user, creator in rows if user is not None}


async def board(session: AsyncSession, scope: BoardScope, currency: str, on: date) -> Board:
    """The patrons of ``scope``, ranked by what each gave, converted into ``currency``
    with the rates of ``on``: known totals largest first, then lines whose total needs a
    missing rate, then hidden amounts; the anonymous line last; ties by first pledge."""
    lines = await _lines(session, scope)
    shown = {code for line in lines if not line.hidden for code in line.amounts}
    found = await latest_rates(session, shown, currency, on)
    used: dict[str, RateUsed] = {}
    for line in lines:
        if line.hidden or not set(line.amounts) <= set(found) | {currency}:
            continue
        total = 0
        for money in line.per_currency():
            if money.currency == currency:
                total += money.minor_units
            else:
                used[money.currency] = found[money.currency]
                total += convert(money, found[money.currency]).minor_units
        line.total = Money(total, currency)
    lines.sort(
        key=lambda line: (
            line.is_anonymous,
            line.hidden,
            line.total is None,
            -(line.total.minor_units if line.total is not None else 0),
            line.first_pledge,
        )
    )
    missing = sorted(shown - set(found) - {currency})
    return Board(currency, on, lines, [used[code] for code in sorted(used)], missing)


def _net() -> ColumnElement[int]:
    """A ledger row's effect on what was given: contributions less refunds."""
    return func.sum(
        case(
            (LedgerEntry.kind == LedgerKind.CONTRIBUTION, LedgerEntry.amount_minor),
            (LedgerEntry.kind == LedgerKind.REFUND, -LedgerEntry.amount_minor),
            else_=0,
        )
    )


async def country_exists(session: AsyncSession, country: str) -> bool:
    found = await session.scalar(select(Country.code).where(Country.code == country.upper()))
    return found is not None


async def country_raised(session: AsyncSession, country: str) -> list[Money]:
    """What the campaigns hosted in ``country`` raised, per currency (from the ledger)."""
    hosts = select(Organisation.id).where(Organisation.country_code == country.upper())
    campaigns = select(Campaign.id).where(Campaign.fiscal_host_id.in_(hosts))
    rows = await session.execute(
        select(LedgerEntry.currency, _net())
        .where(LedgerEntry.campaign_id.in_(campaigns))
        .group_by(LedgerEntry.currency)
        .order_by(LedgerEntry.currency)
    )
    return [Money(int(amount or 0), code) for code, amount in rows if amount]


def _public_giving() -> Select[str, int]:
    """Collected money less refunds of PUBLIC pledges, to be narrowed to one patron."""
    return (
        select(LedgerEntry.currency, _net())
        .join(Pledge, Pledge.id == LedgerEntry.pledge_id)
        .where(Pledge.visibility == PledgeVisibility.PUBLIC)
    )


async def public_giving(
    session: AsyncSession, *, creators: Iterable[int] = (), organisations: Iterable[int] = ()
) -> dict[PatronKey, list[Money]]:
    """What each creator's person (pledging for themselves) and each organisation gave
    in PUBLIC pledges, per currency: one statement per kind of patron asked about.

    Only PUBLIC pledges count: a NAME_ONLY pledge keeps its amount private and an
    ANONYMOUS one its backer, so neither may add to a figure shown on a profile.
    """
    found: dict[PatronKey, list[Money]] = {}
    creator_ids = sorted(set(creators))
    if creator_ids:
        rows = await session.execute(
            _public_giving()
            .add_columns(Creator.id)
            .join(Creator, Creator.owner_user_id == Pledge.backer_user_id)
            .where(Creator.id.in_(creator_ids), Pledge.organisation_id.is_(None))
            .group_by(Creator.id, LedgerEntry.currency)
            .order_by(LedgerEntry.currency)
        )
        for currency, amount, creator in rows:
            if amount:
                found.setdefault(("creator", creator), []).append(Money(int(amount), currency))
    organisation_ids = sorted(set(organisations))
    if organisation_ids:
        rows = await session.execute(
            _public_giving()
            .add_columns(Pledge.organisation_id)
            .where(Pledge.organisation_id.in_(organisation_ids))
            .group_by(Pledge.organisation_id, LedgerEntry.currency)
            .order_by(LedgerEntry.currency)
        )
        for currency, amount, organisation in rows:
            if amount:
                found.setdefault(("organisation", organisation), []).append(
                    Money(int(amount), currency)
                )
    return found
