"""Values the resolver tree serialises in Python come out of a compiled statement the
same: ``DateTime`` as ``isoformat()`` writes a UTC instant, ``Money`` as
``{amount, currencyCode}`` with the currency's own number of decimals."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from hub.projects.models import Project
from tests.compiled.comparing import answers_alike
from tests.conftest import StatementLog
from tests.helpers import graphql

PROJECTS = """{
  projects(first: 1) {
    nodes { createdAt updatedAt budget { __typename amount currencyCode } }
  }
}"""


async def _first_project(session: AsyncSession, **values: object) -> None:
    """Change the first project in the list's order (by title) as the test needs it."""
    first = await session.scalar(select(Project.id).order_by(Project.title, Project.id))
    await session.execute(update(Project).where(Project.id == first).values(**values))
    await session.flush()


@pytest.mark.parametrize(
    ("minor", "currency", "amount"),
    [
        (150050, "USD", "1500.50"),
        (5, "USD", "0.05"),
        (0, "KZT", "0.00"),
        (123456, "JPY", "123456"),
        (1500, "BHD", "1.500"),
        (2**63 - 1, "USD", "92233720368547758.07"),
    ],
)
async def test_money_is_written_with_the_currencys_decimals(
    compiled, resolvers, session: AsyncSession, minor: int, currency: str, amount: str
):
    await _first_project(session, budget_minor=minor, budget_currency=currency)
    body = await answers_alike(compiled, resolvers, PROJECTS)
    budget = body["data"]["projects"]["nodes"][0]["budget"]
    assert budget == {"__typename": "Money", "amount": amount, "currencyCode": currency}


async def test_money_without_an_amount_or_a_currency_is_null(
    compiled, resolvers, session: AsyncSession
):
    await _first_project(session, budget_minor=None, budget_currency=None)
    body = await answers_alike(compiled, resolvers, PROJECTS)
    assert body["data"]["projects"]["nodes"][0]["budget"] is None


@pytest.mark.parametrize(
    ("instant", "written"),
    [
        (datetime(2024, 5, 1, 9, 30, tzinfo=UTC), "2024-05-01T09:30:00+00:00"),
        (datetime(2024, 5, 1, 9, 30, 0, 120, tzinfo=UTC), "2024-05-01T09:30:00.000120+00:00"),
        (
            datetime(1999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
            "1999-12-31T23:59:59.999999+00:00",
        ),
    ],
)
async def test_a_datetime_is_written_as_isoformat_writes_a_utc_instant(
    compiled, resolvers, session: AsyncSession, instant: datetime, written: str
):
    await _first_project(session, created_at=instant)
    body = await answers_alike(compiled, resolvers, PROJECTS)
    assert body["data"]["projects"]["nodes"][0]["createdAt"] == written


async def test_dates_and_money_compile_into_the_one_statement(compiled, statements: StatementLog):
    query = """{
      countries(first: 3) { nodes { indicators { year valueAdded { amount currencyCode } } } }
      projects(first: 3) { nodes { createdAt budget { amount } openRoles { nodes { createdAt } } } }
    }"""
    with statements.record():
        body = await graphql(compiled, query)
    assert body["data"]["projects"]["nodes"]
    assert len(statements.selects) == 2
    assert all("hub_json" in statement for statement in statements.selects)
