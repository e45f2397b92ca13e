"""Who is charged: forwarded addresses count only when a trusted proxy sent them."""

from ipaddress import ip_network

import pytest
from starlette.requests import Request

from hub.server.limits.clients import client_address, client_identity
from tests.api import client_of, run

ACCEPT = "application/graphql-response+json"
ELEVEN = "{ creators(first: 10) { nodes { handle } } }"
PROXIES = [ip_network("10.0.0.0/8"), ip_network("fd00::/8")]


def request_from(peer: str, headers: dict[str, str] | None = None) -> Request:
    return Request(
        {
            "type": "http",
            "method": "POST",
            "path": "/graphql",
            "headers": [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()],
            "client": (peer, 1234),
        }
    )


@pytest.mark.parametrize(
    ("peer", "headers", "expected"),
    [
        pytest.param("203.0.113.9", {}, "ip:203.0.113.9", id="no proxy"),
        pytest.param(
            "203.0.113.9",
            {"X-Forwarded-For": "198.51.100.1"},
            "ip:203.0.113.9",
            id="untrusted peer",
        ),
        pytest.param(
            "10.0.0.2", {"X-Forwarded-For": "198.51.100.1"}, "ip:198.51.100.1", id="trusted proxy"
        ),
        pytest.param(
            "10.0.0.2",
            {"X-Forwarded-For": "6.6.6.6, 198.51.100.1, 10.0.0.7"},
            "ip:198.51.100.1",
            id="forged hop left of the client is ignored",
        ),
        pytest.param(
            "10.0.0.2",
            {"Forwarded": 'for=6.6.6.6, for="198.51.100.1:4711";proto=https'},
            "ip:198.51.100.1",
            id="RFC 7239 Forwarded",
        ),
        pytest.param(
            "10.0.0.2",
            {"Forwarded": 'for="[2001:db8:1:2::17]:4711"'},
            "ip:2001:db8:1:2::/64",
            id="IPv6 client counted by its /64",
        ),
        pytest.param(
            "10.0.0.2", {"X-Forwarded-For": "unknown"}, "ip:10.0.0.2", id="unusable hop stops"
        ),
        pytest.param("10.0.0.2", {}, "ip:10.0.0.2", id="trusted peer without header"),
        pytest.param("::ffff:203.0.113.9", {}, "ip:203.0.113.9", id="IPv4-mapped IPv6"),
    ],
)
def test_client_identity_follows_only_trusted_proxies(peer, headers, expected):
    assert client_identity(request_from(peer, headers), PROXIES, principal_key=None) == expected


def test_without_trusted_proxies_forwarded_headers_are_ignored():
    request = request_from("10.0.0.2", {"X-Forwarded-For": "198.51.100.1"})

    assert str(client_address(request, [])) == "10.0.0.2"


def test_the_admin_is_one_client_wherever_it_calls_from():
    assert client_identity(request_from("203.0.113.9"), PROXIES, principal_key="admin") == "admin"


async def test_a_client_cannot_escape_its_limit_by_forging_x_forwarded_for(app_with):
    async with (
        app_with(rate_limit_per_minute=11, max_query_cost=11) as app,
        client_of(app, peer="203.0.113.9") as client,
    ):
        statuses = [
            (
                await run(
                    client, "POST", ELEVEN, accept=ACCEPT, headers={"X-Forwarded-For": f"1.1.1.{n}"}
                )
            ).status_code
            for n in range(3)
        ]

    assert statuses == [200, 429, 429]


async def test_behind_a_trusted_proxy_each_forwarded_client_has_its_own_budget(app_with):
    async with (
        app_with(rate_limit_per_minute=11, max_query_cost=11, trusted_proxies="10.0.0.0/8") as app,
        client_of(app, peer="10.0.0.2") as proxy,
    ):
        statuses = [
            (
                await run(proxy, "POST", ELEVEN, accept=ACCEPT, headers={"X-Forwarded-For": client})
            ).status_code
            for client in ("198.51.100.1", "198.51.100.2", "198.51.100.1")
        ]

    assert statuses == [200, 200, 429]
