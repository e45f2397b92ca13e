"""Access tokens are checked on every request: anything not issued by us is refused."""

import base64
import json
from datetime import UTC, datetime, timedelta

import jwt
import pytest

from hub.accounts.tokens import issue_access_token
from tests.conftest import JWT_SECRET

ME = "{ me { email } }"


def _claims(user: int, session_id: str, **changes) -> dict:
    now = datetime.now(UTC)
    claims = {
        "iss": "hub",
        "aud": "hub-api",
        "iat": now,
        "exp": now + timedelta(minutes=5),
        "sub": str(user),
        "sid": session_id,
        "jti": "test",
    }
    claims.update(changes)
    return {name: value for name, value in claims.items() if value is not None}


def _unsigned(claims: dict) -> str:
    """A token with ``alg: none``: a classic forgery."""

    def part(value: dict) -> str:
        encoded = json.dumps(value, default=lambda d: int(d.timestamp())).encode()
        return base64.urlsafe_b64encode(encoded).rstrip(b"=").decode()

    return f"{part({'alg': 'none', 'typ': 'JWT'})}.{part(claims)}."


async def _session_of(factory) -> tuple[int, str]:
    """A user with a live session, and that session's id (read from a real token)."""
    user = await factory.user()
    token = (await factory.headers_for(user))["Authorization"].removeprefix("Bearer ")
    return user, jwt.decode(token, options={"verify_signature": False})["sid"]


@pytest.mark.parametrize(
    ("forge", "message"),
    [
        (
            lambda c: jwt.encode(c, "another-secret-that-is-long-enough-too!!", "HS256"),
            "signature is not valid",
        ),
        (
            lambda c: jwt.encode(
                {**c, "exp": datetime.now(UTC) - timedelta(seconds=1)}, JWT_SECRET, "HS256"
            ),
            "expired",
        ),
        (lambda c: jwt.encode({**c, "aud": "other-api"}, JWT_SECRET, "HS256"), "not issued for"),
        (lambda c: jwt.encode({**c, "iss": "elsewhere"}, JWT_SECRET, "HS256"), "not issued by"),
        (lambda c: _unsigned(c), "HS256"),
        (lambda c: jwt.encode(c, "k" * 64, "HS384"), "HS256"),
        (
            lambda c: jwt.encode({k: v for k, v in c.items() if k != "sid"}, JWT_SECRET, "HS256"),
            "`sid`",
        ),
        (lambda c: "not.a.token", "neither a valid access token nor a key"),
    ],
    ids=[
        "forged signature",
        "expired",
        "wrong audience",
        "wrong issuer",
        "alg none",
        "other algorithm",
        "missing claim",
        "garbage",
    ],
)
async def test_a_token_we_did_not_issue_as_it_is_is_refused_with_a_clear_message(
    client, factory, forge, message
):
    user, session_id = await _session_of(factory)
    token = forge(_claims(user, session_id))
    response = await client.post(
        "/graphql", json={"query": ME}, headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 401
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "UNAUTHENTICATED"
    assert message in error["message"]


async def test_a_token_for_a_revoked_session_is_refused(client, factory, settings):
    user, _ = await _session_of(factory)
    issued = issue_access_token(settings, user, "no-such-session")
    response = await client.post(
        "/graphql", json={"query": ME}, headers={"Authorization": f"Bearer {issued.token}"}
    )
    assert response.status_code == 401
    assert "session has ended" in response.json()["errors"][0]["message"]


async def test_a_valid_token_lasts_fifteen_minutes_by_default(settings):
    issued = issue_access_token(settings, 1, "s")
    lifetime = issued.expires_at - datetime.now(UTC)
    assert timedelta(minutes=14) < lifetime <= timedelta(minutes=15)


async def test_sending_two_credentials_at_once_is_refused(client, factory):
    user = await factory.user()
    headers = {**await factory.headers_for(user), "X-API-Key": "hub_1_whatever"}
    response = await client.post("/graphql", json={"query": ME}, headers=headers)
    assert response.status_code == 401


async def test_the_server_stays_healthy_after_a_barrage_of_bad_credentials(client, factory):
    user, session_id = await _session_of(factory)
    bad = [
        "Bearer " + _unsigned(_claims(user, session_id)),
        "Bearer hub_99999999999999999999_x",
        "Bearer hub_1_",
        "Bearer " + "x" * 5000,
        "Basic Zm9vOmJhcg==",
        "Bearer",
    ]
    for authorization in bad:
        response = await client.post(
            "/graphql", json={"query": ME}, headers={"Authorization": authorization}
        )
        assert response.status_code == 401, authorization
    assert (await client.get("/healthz")).json() == {"status": "ok"}
    fine = await client.post("/graphql", json={"query": "{ countries(first: 1) { totalCount } }"})
    assert fine.status_code == 200
    assert fine.json()["data"]["countries"]["totalCount"] > 0


async def test_checking_an_access_token_costs_one_statement(client, factory, statements):
    headers = await factory.headers_for(await factory.user())
    query = {"query": "{ countries(first: 1) { nodes { code } } }"}
    with statements.record() as anonymous:
        await client.post("/graphql", json=query)
    anonymous_count = len(anonymous.selects)
    with statements.record() as authenticated:
        await client.post("/graphql", json=query, headers=headers)
    assert len(authenticated.selects) == anonymous_count + 1


def test_production_refuses_to_start_without_a_signing_key():
    from pydantic import ValidationError

    from hub.config import Settings

    with pytest.raises(ValidationError, match="HUB_JWT_SECRET"):
        Settings(environment="production", jwt_secret=None)
    with pytest.raises(ValidationError, match="at least 32"):
        Settings(jwt_secret="too-short")
