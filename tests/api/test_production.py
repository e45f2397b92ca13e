"""In production: no GraphiQL, introspection as configured, and errors that reveal nothing."""

import pytest
from sqlalchemy import text

import hub.countries.queries as country_queries
from tests.api import client_of, run

ACCEPT = "application/graphql-response+json"
BROWSER_ACCEPT = "text/html,application/xhtml+xml,*/*;q=0.8"
INTROSPECTION = "{ __schema { queryType { name } } }"
BROKEN_SQL = "SELECT creator.no_such_column FROM creator WHERE creator.handle = 'secret'"
REVEALING = ["select", "creator", "no_such_column", "secret", "sqlite", "asyncpg", "traceback"]
REVEALING_CASED = ["OperationalError", "ProgrammingError", "UndefinedColumn", ".py"]


@pytest.fixture
async def production(app_with):
    # Its tests break a resolver on purpose; the compiled read path runs none.
    async with (
        app_with(environment="production", compiled_reads=False) as app,
        client_of(app) as client,
    ):
        yield client


async def test_graphiql_is_off_in_production(production):
    response = await production.get("/graphql", headers={"Accept": BROWSER_ACCEPT})

    assert response.status_code == 400
    assert "graphiql" not in response.text.lower()


async def test_introspection_stays_on_in_production_unless_switched_off(production, app_with):
    allowed = await run(production, "POST", INTROSPECTION, accept=ACCEPT)
    async with (
        app_with(environment="production", introspection=False) as app,
        client_of(app) as closed,
    ):
        refused = await run(closed, "POST", INTROSPECTION, accept=ACCEPT)
        typename = await run(closed, "POST", "{ __typename }", accept=ACCEPT)

    assert allowed.json()["data"]["__schema"]["queryType"]["name"] == "Query"
    assert refused.status_code == 400
    assert "data" not in refused.json()
    assert typename.json()["data"] == {"__typename": "Query"}


async def test_a_database_error_in_a_resolver_reveals_no_sql_and_no_table(
    production, monkeypatch, caplog
):
    async def broken_lookup(info, *_args):
        await info.context.session.execute(text(BROKEN_SQL))

    monkeypatch.setattr(country_queries, "find_one", broken_lookup)

    response = await run(
        production,
        "POST",
        '{ country(code: "KZ") { code } }',
        accept=ACCEPT,
        headers={"X-Request-ID": "prod-db-1"},
    )

    assert response.status_code == 200
    for secret in REVEALING:
        assert secret not in response.text.lower(), secret
    for secret in REVEALING_CASED:
        assert secret not in response.text, secret
    [error] = response.json()["errors"]
    assert error["message"] == "Internal server error (request id prod-db-1)."
    assert error["extensions"]["code"] == "INTERNAL_SERVER_ERROR"
    assert error["extensions"]["requestId"] == "prod-db-1"
    assert response.json()["data"] == {"country": None}
    assert "no_such_column" in caplog.text  # the details go to the log only
