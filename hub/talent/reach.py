"""Reach: how many applicants, participants and graduates came from where, and when.

One grouped statement per breakdown, over ``programme_application`` joined to the
applicant's profile (their country and region as they are now) and the programme (its
host). An applicant is a creator who applied (any status); a participant one who enrolled
(ENROLLED, then COMPLETED or DROPPED); a graduate one who completed. Each counts distinct
creators, so two applications by one person count once per group. The year is the
year an application was submitted.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    SQLColumnExpression,
    case,
    distinct,
    extract,
    func,
    select,
)

from hub.core.reader import Reader
from hub.creators.models import Creator
from hub.talent.disclosure import Sum, withheld_counts
from hub.talent.enums import ApplicationStatus
from hub.talent.models import Programme, ProgrammeApplication

PARTICIPATED = (ApplicationStatus.ENROLLED, ApplicationStatus.COMPLETED, ApplicationStatus.DROPPED)


@dataclass(frozen=True)
class ReachScope:
    """Which applications count: of one programme, of one host, of one year, from one country."""

    programme_id: int | None = None
    host_id: int | None = None
    year: int | None = None
    country_code: str | None = None


FIGURES = ("applicants", "participants", "graduates")


@dataclass(frozen=True)
class ReachCount:
    key: Any
    applicants: int
    participants: int
    graduates: int
    withheld: frozenset[str] = frozenset()
    """Which of ``FIGURES`` the public must not see (``public_reach``)."""


def _year() -> ColumnElement[Any]:
    return extract("year", ProgrammeApplication.submitted_at)


def _scoped(statement: Select[Any], scope: ReachScope) -> Select[Any]:
    statement = statement.join(Creator, Creator.id == ProgrammeApplication.creator_id).join(
        Programme, Programme.id == ProgrammeApplication.programme_id
    )
    if scope.programme_id is not None:
        statement = statement.where(ProgrammeApplication.programme_id == scope.programme_id)
    if scope.host_id is not None:
        statement = statement.where(Programme.host_organisation_id == scope.host_id)
    if scope.year is not None:
        statement = statement.where(_year() == scope.year)
    if scope.country_code is not None:
        statement = statement.where(Creator.country_code == scope.country_code)
    return statement


def _counted(scope: ReachScope, keys: Sequence[SQLColumnExpression[Any]]) -> Select[Any]:
    creator = ProgrammeApplication.creator_id
    labelled: list[ColumnElement[Any]] = [
        key.label(f"key_{index}") for index, key in enumerate(keys)
    ]
    statement = _scoped(
        select(
            *labelled,
            func.count(distinct(creator)).label("applicants"),
            func.count(
                distinct(case((ProgrammeApplication.status.in_(PARTICIPATED), creator)))
            ).label("participants"),
            func.count(
                distinct(
                    case((ProgrammeApplication.status == ApplicationStatus.COMPLETED, creator))
                )
            ).label("graduates"),
        ).select_from(ProgrammeApplication),
        scope,
    )
    if keys:
        statement = statement.group_by(*keys).order_by(*keys)
    return statement


BREAKDOWNS: dict[str, Sequence[SQLColumnExpression[Any]]] = {
    "total": (),
    "country": (Creator.country_code,),
    "region": (Creator.country_code, Creator.region_code),
    "year": (_year(),),
    "programme": (ProgrammeApplication.programme_id,),
    "host": (Programme.host_organisation_id,),
}


async def reach(reader: Reader, scope: ReachScope, breakdown: str) -> list[ReachCount]:
    """The counts of ``scope`` by ``breakdown`` (one of ``BREAKDOWNS``), in key order."""
    keys = BREAKDOWNS[breakdown]
    found = []
    for row in await reader.rows(_counted(scope, keys)):
        key = tuple(row[f"key_{index}"] for index in range(len(keys)))
        found.append(
            ReachCount(
                key=key[0] if len(key) == 1 else key,
                applicants=int(row["applicants"]),
                participants=int(row["participants"]),
                graduates=int(row["graduates"]),
            )
        )
    return found


async def regions_reached(reader: Reader, scope: ReachScope, country_code: str) -> set[str]:
    """The region codes of ``country_code`` that sent at least one applicant in ``scope``."""
    statement = _scoped(
        select(Creator.region_code.label("region")).distinct().select_from(ProgrammeApplication),
        scope,
    ).where(Creator.country_code == country_code, Creator.region_code.is_not(None))
    return {row["region"] for row in await reader.rows(statement)}


PUBLIC_BREAKDOWNS = ("total", "country", "region", "year")


async def public_reach(reader: Reader, minimum: int) -> dict[str, list[ReachCount]]:
    """The whole Talent Factory's reach as the public sees it: ``PUBLIC_BREAKDOWNS``,
    each figure of each row marked ``withheld`` by the small-number rule
    (``hub.talent.disclosure``) applied to all of them together."""
    scope = ReachScope()
    tables = {breakdown: await reach(reader, scope, breakdown) for breakdown in PUBLIC_BREAKDOWNS}
    sums = _published_sums(tables)
    hidden: dict[Hashable, set[str]] = {}
    for figure in FIGURES:
        counts: dict[Hashable, int] = {
            (breakdown, row.key): getattr(row, figure)
            for breakdown, rows in tables.items()
            for row in rows
        }
        # Years are not a partition (one creator may apply in two years), so their sum
        # is not the total: it is counted as published too, which only withholds more.
        counts[("years", None)] = sum(getattr(row, figure) for row in tables["year"])
        for key in withheld_counts(counts, sums, minimum):
            hidden.setdefault(key, set()).add(figure)
    return {
        breakdown: [
            replace(row, withheld=frozenset(hidden.get((breakdown, row.key), ()))) for row in rows
        ]
        for breakdown, rows in tables.items()
    }


def _published_sums(tables: dict[str, list[ReachCount]]) -> list[Sum]:
    """How the public breakdowns add up: the total is the sum of the countries, each
    country of its regions (a profile naming none counts as one more region)."""
    total = ("total", tables["total"][0].key)
    regions: dict[str, list[Hashable]] = {}
    for row in tables["region"]:
        regions.setdefault(row.key[0], []).append(("region", row.key))
    sums = [
        Sum(total, [("country", row.key) for row in tables["country"]]),
        Sum(("years", None), [("year", row.key) for row in tables["year"]]),
    ]
    sums += [Sum(("country", country), parts) for country, parts in regions.items()]
    return sums
