"""Cost points per client per minute: charged before running, 429 when spent."""

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from hub.server.limits.buckets import MemoryBuckets
from tests.api import client_of, run
from tests.helpers import ADMIN

ACCEPT = "application/graphql-response+json"
ELEVEN = "{ creators(first: 10) { nodes { handle } } }"  # costs 1 + 10
FREE = "{ __typename }"
RATE_LIMIT = "{ rateLimit { limit cost remaining resetAt } }"
# Concurrent requests must not touch the database: the test's one connection is shared.
TEN_WITHOUT_SQL = "{ " + " ".join(f"r{i}: rateLimit {{ cost }}" for i in range(10)) + " }"


def throttle(response) -> dict:
    return response.json()["extensions"]["cost"]["throttleStatus"]


async def test_every_response_reports_its_cost_and_the_clients_budget(app_client):
    async with app_client(rate_limit_per_minute=100, max_query_cost=100) as client:
        response = await run(client, "POST", ELEVEN, accept=ACCEPT)

    cost = response.json()["extensions"]["cost"]
    assert cost["requestedQueryCost"] == 11
    assert cost["maximumAvailable"] == 100
    assert cost["throttleStatus"]["limit"] == 100
    assert cost["throttleStatus"]["remaining"] == 89
    reset_at = datetime.fromisoformat(cost["throttleStatus"]["resetAt"])
    assert timedelta(0) < reset_at - datetime.now(UTC) <= timedelta(seconds=61)


async def test_field_errors_and_request_errors_report_the_cost_too(client):
    field_error = await run(
        client, "POST", "{ creators(first: 101) { totalCount } }", accept=ACCEPT
    )
    invalid = await run(client, "POST", "{ noSuchField }", accept=ACCEPT)

    assert field_error.json()["errors"][0]["extensions"]["code"] == "PAGE_SIZE_TOO_LARGE"
    assert "throttleStatus" in field_error.json()["extensions"]["cost"]
    assert invalid.status_code == 400
    assert "throttleStatus" in invalid.json()["extensions"]["cost"]


async def test_rate_limit_field_reports_this_querys_cost_and_what_is_left(app_client):
    query = "{ creators(first: 4) { nodes { handle } } rateLimit { limit cost remaining resetAt } }"

    async with app_client(rate_limit_per_minute=50, max_query_cost=50) as client:
        first = await run(client, "POST", query, accept=ACCEPT)
        second = await run(client, "POST", query, accept=ACCEPT)

    assert first.json()["data"]["rateLimit"]["limit"] == 50
    # Four creators and their connection, and the rateLimit object itself.
    assert first.json()["data"]["rateLimit"]["cost"] == 6
    assert first.json()["data"]["rateLimit"]["remaining"] == 44
    assert second.json()["data"]["rateLimit"]["remaining"] == 38
    assert datetime.fromisoformat(second.json()["data"]["rateLimit"]["resetAt"]) > datetime.now(UTC)


async def test_exhausted_client_gets_429_with_retry_after_and_nothing_runs(app_client, statements):
    async with app_client(rate_limit_per_minute=30, max_query_cost=30) as client:
        spent = [await run(client, "POST", ELEVEN, accept=ACCEPT) for _ in range(2)]
        with statements.record():
            refused = await run(client, "POST", ELEVEN, accept=ACCEPT)
        after = await run(client, "POST", RATE_LIMIT, accept=ACCEPT)

    assert [r.status_code for r in spent] == [200, 200]
    assert refused.status_code == 429
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    body = refused.json()
    assert "data" not in body
    [error] = body["errors"]
    assert error["extensions"]["code"] == "RATE_LIMITED"
    assert error["extensions"]["retryAfter"] == int(refused.headers["Retry-After"])
    assert body["extensions"]["cost"]["throttleStatus"]["remaining"] == 8
    assert statements.statements == []
    # The refused request cost nothing: 8 points were left, the last query took 1.
    assert after.json()["data"]["rateLimit"]["remaining"] == 7


async def test_rate_limited_answer_is_429_whatever_the_accept_header(app_client):
    async with app_client(rate_limit_per_minute=11, max_query_cost=11) as client:
        await run(client, "POST", ELEVEN, accept=ACCEPT)
        refused = await run(client, "POST", ELEVEN, accept="application/json")

    assert refused.status_code == 429
    assert refused.headers["content-type"].startswith("application/json")


async def test_a_cheaper_query_still_fits_what_is_left(app_client):
    async with app_client(rate_limit_per_minute=15, max_query_cost=15) as client:
        await run(client, "POST", ELEVEN, accept=ACCEPT)
        too_dear = await run(client, "POST", ELEVEN, accept=ACCEPT)
        cheap = await run(
            client, "POST", "{ creators(first: 2) { nodes { handle } } }", accept=ACCEPT
        )

    assert too_dear.status_code == 429
    assert cheap.status_code == 200
    assert throttle(cheap)["remaining"] == 1


async def test_clients_at_different_addresses_have_their_own_budgets(app_with):
    async with (
        app_with(rate_limit_per_minute=11, max_query_cost=11) as app,
        client_of(app) as client,
        client_of(app, peer="192.0.2.7") as elsewhere,
    ):
        await run(client, "POST", ELEVEN, accept=ACCEPT)
        same = await run(client, "POST", ELEVEN, accept=ACCEPT)
        other = await run(elsewhere, "POST", ELEVEN, accept=ACCEPT)

    assert same.status_code == 429
    assert other.status_code == 200


async def test_the_admin_token_holder_has_a_budget_of_its_own(app_client):
    async with app_client(rate_limit_per_minute=11, max_query_cost=11) as client:
        await run(client, "POST", ELEVEN, accept=ACCEPT)
        anonymous = await run(client, "POST", ELEVEN, accept=ACCEPT)
        admin = await run(client, "POST", ELEVEN, accept=ACCEPT, headers=ADMIN)
        wrong_token = await run(
            client, "POST", ELEVEN, accept=ACCEPT, headers={"Authorization": "Bearer nope"}
        )

    assert anonymous.status_code == 429
    assert admin.status_code == 200
    assert wrong_token.status_code == 429


async def test_without_a_rate_limit_nothing_is_throttled_and_the_field_is_null(app_client):
    async with app_client(rate_limit_per_minute=0) as client:
        responses = [await run(client, "POST", RATE_LIMIT, accept=ACCEPT) for _ in range(3)]

    assert all(r.status_code == 200 for r in responses)
    assert responses[-1].json()["data"] == {"rateLimit": None}
    assert "throttleStatus" not in responses[-1].json()["extensions"]["cost"]


async def test_concurrent_requests_never_spend_more_than_the_limit(app_client):
    async with app_client(rate_limit_per_minute=100, max_query_cost=100) as client:
        responses = await asyncio.gather(
            *(run(client, "POST", TEN_WITHOUT_SQL, accept=ACCEPT) for _ in range(25))
        )

    statuses = sorted(r.status_code for r in responses)
    assert statuses == [200] * 10 + [429] * 15


async def test_memory_buckets_reset_when_the_window_ends():
    now = [1000.0]
    buckets = MemoryBuckets(clock=lambda: now[0])

    spent = await buckets.spend("ip:1", 8, 10, 60)
    refused = await buckets.spend("ip:1", 8, 10, 60)
    now[0] += 60
    renewed = await buckets.spend("ip:1", 8, 10, 60)

    assert (spent.allowed, spent.used, spent.reset_in) == (True, 8, 60)
    assert (refused.allowed, refused.used) == (False, 8)
    assert (renewed.allowed, renewed.used) == (True, 8)


async def test_memory_buckets_forget_ended_windows_as_they_grow():
    now = [0.0]
    buckets = MemoryBuckets(clock=lambda: now[0])
    for client in range(1_500):
        await buckets.spend(f"ip:{client}", 1, 10, 60)
    now[0] += 61

    for client in range(600):
        await buckets.spend(f"ip:late-{client}", 1, 10, 60)

    assert len(buckets._windows) <= 600


@pytest.mark.parametrize("cost", [0, 5])
async def test_looking_at_a_bucket_spends_nothing(cost):
    buckets = MemoryBuckets()
    await buckets.spend("ip:1", cost, 10, 60)

    look = await buckets.spend("ip:1", 0, 10, 60)

    assert look.used == cost


def test_one_query_may_not_cost_more_than_a_minute_of_budget():
    from pydantic import ValidationError

    from hub.config import Settings

    with pytest.raises(ValidationError, match="HUB_MAX_QUERY_COST"):
        Settings(max_query_cost=100, rate_limit_per_minute=50)
    assert Settings(max_query_cost=100_000, rate_limit_per_minute=0).max_query_cost == 100_000
