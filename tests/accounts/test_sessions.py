"""Sessions: log in, refresh, log out, change a password (registering is in
test_registration.py)."""

from sqlalchemy import func, select

from hub.accounts.models import AuthSession, User
from tests.accounts.registering import SESSION_FIELDS
from tests.factories import PASSWORD
from tests.helpers import data_of, graphql

LOGIN = f"mutation ($i: LoginInput!) {{ login(input: $i) {{ {SESSION_FIELDS} }} }}"
REFRESH = (
    f"mutation ($i: RefreshSessionInput!) {{ refreshSession(input: $i) {{ {SESSION_FIELDS} }} }}"
)
LOGOUT = """
mutation ($i: LogoutInput!) { logout(input: $i) { viewer { email } userErrors { code } } }
"""
CHANGE_PASSWORD = """
mutation ($i: ChangePasswordInput!) {
  changePassword(input: $i) { viewer { email } userErrors { field code } }
}
"""
ME = "{ me { email isStaff creator { handle } } }"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def _login(client, email: str, password: str = PASSWORD) -> dict:
    data = await data_of(client, LOGIN, {"i": {"email": email, "password": password}})
    return data["login"]


async def test_me_is_null_for_anonymous_callers(client):
    assert (await data_of(client, ME))["me"] is None


async def test_logging_in_with_a_wrong_password_or_an_unknown_email_looks_the_same(client, factory):
    await factory.user(email="known@example.org")
    wrong_password = await _login(client, "known@example.org", "not the password")
    unknown_email = await _login(client, "nobody@example.org", "not the password")
    assert wrong_password == unknown_email
    assert wrong_password["userErrors"] == [
        {
            "field": None,
            "code": "INVALID_CREDENTIALS",
            "message": "The email or the password is not right.",
        }
    ]


async def test_logging_in_accepts_the_email_in_any_case(client, factory):
    await factory.user(email="case@example.org")
    payload = await _login(client, "CASE@Example.org")
    assert payload["viewer"]["email"] == "case@example.org"


async def test_logging_in_rehashes_a_password_hashed_with_older_parameters(
    client, factory, session, settings
):
    old = settings.model_copy(update={"argon2_time_cost": 2})
    user = await factory.user(email="old-hash@example.org")
    await session.execute(
        User.__table__.update()
        .where(User.id == user)
        .values(password_hash=_hash_with(old, PASSWORD))
    )
    await session.commit()
    assert "t=2" in await session.scalar(select(User.password_hash).where(User.id == user))
    await _login(client, "old-hash@example.org")
    session.expire_all()
    assert "t=1" in await session.scalar(select(User.password_hash).where(User.id == user))


def _hash_with(settings, password: str) -> str:
    from argon2 import PasswordHasher

    return PasswordHasher(
        time_cost=settings.argon2_time_cost,
        memory_cost=settings.argon2_memory_kib,
        parallelism=settings.argon2_parallelism,
    ).hash(password)


async def test_refreshing_rotates_the_refresh_token(client, factory):
    await factory.user(email="rotate@example.org")
    first = (await _login(client, "rotate@example.org"))["tokens"]
    data = await data_of(client, REFRESH, {"i": {"refreshToken": first["refreshToken"]}})
    second = data["refreshSession"]["tokens"]
    assert second["refreshToken"] != first["refreshToken"]
    me = await data_of(client, ME, headers=bearer(second["accessToken"]))
    assert me["me"]["email"] == "rotate@example.org"


async def test_reusing_a_rotated_refresh_token_ends_the_whole_session(client, factory):
    await factory.user(email="stolen@example.org")
    first = (await _login(client, "stolen@example.org"))["tokens"]
    second = (await data_of(client, REFRESH, {"i": {"refreshToken": first["refreshToken"]}}))[
        "refreshSession"
    ]["tokens"]

    reused = await data_of(client, REFRESH, {"i": {"refreshToken": first["refreshToken"]}})
    assert reused["refreshSession"]["tokens"] is None
    assert reused["refreshSession"]["userErrors"][0]["code"] == "INVALID_REFRESH_TOKEN"

    # The legitimate holder's newer tokens die with the family.
    later = await data_of(client, REFRESH, {"i": {"refreshToken": second["refreshToken"]}})
    assert later["refreshSession"]["userErrors"][0]["code"] == "INVALID_REFRESH_TOKEN"
    response = await client.post(
        "/graphql", json={"query": ME}, headers=bearer(second["accessToken"])
    )
    assert response.status_code == 401


async def test_an_unknown_refresh_token_is_refused(client):
    data = await data_of(client, REFRESH, {"i": {"refreshToken": "made-up"}})
    assert data["refreshSession"]["userErrors"][0]["code"] == "INVALID_REFRESH_TOKEN"


async def test_an_expired_refresh_token_is_refused(client, factory, session):
    from datetime import UTC, datetime, timedelta

    from hub.accounts.models import RefreshToken

    await factory.user(email="expired-refresh@example.org")
    tokens = (await _login(client, "expired-refresh@example.org"))["tokens"]
    await session.execute(
        RefreshToken.__table__.update().values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
    )
    await session.commit()
    data = await data_of(client, REFRESH, {"i": {"refreshToken": tokens["refreshToken"]}})
    assert data["refreshSession"]["userErrors"][0]["code"] == "INVALID_REFRESH_TOKEN"


async def test_logging_out_ends_the_session_and_its_tokens(client, factory):
    await factory.user(email="leaving@example.org")
    tokens = (await _login(client, "leaving@example.org"))["tokens"]
    headers = bearer(tokens["accessToken"])
    data = await data_of(client, LOGOUT, {"i": {}}, headers=headers)
    assert data["logout"] == {"viewer": {"email": "leaving@example.org"}, "userErrors": []}

    after = await client.post("/graphql", json={"query": ME}, headers=headers)
    assert after.status_code == 401
    assert "log in again" in after.json()["errors"][0]["message"]
    refreshed = await data_of(client, REFRESH, {"i": {"refreshToken": tokens["refreshToken"]}})
    assert refreshed["refreshSession"]["userErrors"][0]["code"] == "INVALID_REFRESH_TOKEN"


async def test_logging_out_everywhere_ends_every_session(client, factory, session):
    user = await factory.user(email="everywhere@example.org")
    one = (await _login(client, "everywhere@example.org"))["tokens"]
    other = (await _login(client, "everywhere@example.org"))["tokens"]
    await data_of(client, LOGOUT, {"i": {"everywhere": True}}, headers=bearer(one["accessToken"]))
    response = await client.post(
        "/graphql", json={"query": ME}, headers=bearer(other["accessToken"])
    )
    assert response.status_code == 401
    live = select(func.count()).where(AuthSession.user_id == user, AuthSession.revoked_at.is_(None))
    assert await session.scalar(live) == 0


async def test_changing_the_password_keeps_this_session_and_ends_the_others(client, factory):
    await factory.user(email="changer@example.org")
    here = (await _login(client, "changer@example.org"))["tokens"]
    elsewhere = (await _login(client, "changer@example.org"))["tokens"]
    new_password = "a brand new passphrase"
    data = await data_of(
        client,
        CHANGE_PASSWORD,
        {"i": {"currentPassword": PASSWORD, "newPassword": new_password}},
        headers=bearer(here["accessToken"]),
    )
    assert data["changePassword"]["userErrors"] == []
    assert (await data_of(client, ME, headers=bearer(here["accessToken"])))["me"] is not None
    gone = await client.post(
        "/graphql", json={"query": ME}, headers=bearer(elsewhere["accessToken"])
    )
    assert gone.status_code == 401
    assert (await _login(client, "changer@example.org"))["userErrors"][0]["code"] == (
        "INVALID_CREDENTIALS"
    )
    assert (await _login(client, "changer@example.org", new_password))["userErrors"] == []


async def test_a_wrong_current_password_changes_nothing(client, factory):
    user = await factory.user(email="careful@example.org")
    data = await data_of(
        client,
        CHANGE_PASSWORD,
        {"i": {"currentPassword": "wrong password!", "newPassword": "x"}},
        headers=await factory.headers_for(user),
    )
    codes = {(e["field"][0], e["code"]) for e in data["changePassword"]["userErrors"]}
    assert codes == {("currentPassword", "INVALID_CREDENTIALS"), ("newPassword", "TOO_SHORT")}
    assert (await _login(client, "careful@example.org"))["userErrors"] == []


async def test_an_api_key_cannot_log_out_or_change_a_password(client, factory):
    headers = await factory.api_key(await factory.organisation(), *_write_scope())
    body = await graphql(client, LOGOUT, {"i": {}}, headers=headers)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


def _write_scope():
    from hub.api.principal import Scope

    return (Scope.WRITE,)
