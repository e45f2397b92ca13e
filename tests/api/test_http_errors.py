"""What goes wrong is told safely: masked bugs with a request id, CORS, and health checks."""

import logging
import re

import pytest
from sqlalchemy.exc import OperationalError

import hub.countries.queries as country_queries
from hub.config import Settings
from hub.core.db import create_engine
from tests.api import GRAPHQL_RESPONSE_JSON, client_for, run, send, without_cost
from tests.factories import global_id
from tests.helpers import ADMIN

GRAPHQL_ACCEPT = "application/graphql-response+json"
COUNTRY_AND_COUNT = '{ countries { totalCount } country(code: "KZ") { code } }'
SECRET_ERRORS = [
    pytest.param(RuntimeError("secret SQL here: SELECT token FROM admins"), id="RuntimeError"),
    pytest.param(
        OperationalError("SELECT secret FROM admins", {}, Exception("secret driver detail")),
        id="OperationalError",
    ),
    pytest.param(KeyError("secret_column"), id="KeyError"),
]
ALLOWED_ORIGIN = "https://app.creative-cis.example"
OTHER_ORIGIN = "https://elsewhere.example"


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """These tests break a resolver on purpose: the compiled read path, which runs no
    resolver, is off so that the resolver tree answers."""
    return settings.model_copy(update={"compiled_reads": False})


def _break_country_lookup(monkeypatch: pytest.MonkeyPatch, error: Exception) -> None:
    async def fail(*_args: object, **_kwargs: object) -> None:
        raise error

    monkeypatch.setattr(country_queries, "find_one", fail)


def _error_records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "hub.errors" and r.levelno >= logging.ERROR]


def assert_reveals_nothing(text: str) -> None:
    for secret in ("secret", "Traceback", "SELECT", "RuntimeError", "OperationalError", ".py"):
        assert secret not in text


# Masking unexpected errors


@pytest.mark.parametrize("error", SECRET_ERRORS)
async def test_unexpected_resolver_exception_is_masked_with_the_request_id(
    client, monkeypatch, error
):
    _break_country_lookup(monkeypatch, error)

    response = await run(
        client,
        "POST",
        COUNTRY_AND_COUNT,
        accept=GRAPHQL_ACCEPT,
        headers={"X-Request-ID": "mask-1"},
    )

    assert response.status_code == 200
    assert response.headers["content-type"] == GRAPHQL_RESPONSE_JSON
    assert response.headers["X-Request-ID"] == "mask-1"
    assert_reveals_nothing(response.text)
    body = response.json()
    assert body["data"]["country"] is None
    assert body["data"]["countries"]["totalCount"] > 0
    [masked] = body["errors"]
    assert masked["message"] == "Internal server error (request id mask-1)."
    assert masked["path"] == ["country"]
    assert masked["extensions"] == {"code": "INTERNAL_SERVER_ERROR", "requestId": "mask-1"}


async def test_masked_error_is_logged_with_its_traceback_and_request_id(
    client, monkeypatch, caplog
):
    error = RuntimeError("secret SQL here: SELECT token FROM admins")
    _break_country_lookup(monkeypatch, error)

    with caplog.at_level(logging.ERROR, logger="hub.errors"):
        await run(
            client,
            "POST",
            COUNTRY_AND_COUNT,
            accept=GRAPHQL_ACCEPT,
            headers={"X-Request-ID": "mask-2"},
        )

    [record] = _error_records(caplog)
    assert "mask-2" in record.getMessage()
    assert record.exc_info is not None
    assert record.exc_info[1] is error
    assert "Traceback" in caplog.text
    assert "secret SQL here" in caplog.text


async def test_masked_error_names_the_generated_request_id_when_the_client_sent_none(
    client, monkeypatch
):
    _break_country_lookup(monkeypatch, RuntimeError("secret"))

    response = await run(client, "POST", COUNTRY_AND_COUNT, accept=GRAPHQL_ACCEPT)

    request_id = response.headers["X-Request-ID"]
    [masked] = response.json()["errors"]
    assert masked["message"] == f"Internal server error (request id {request_id})."
    assert masked["extensions"]["requestId"] == request_id


async def test_masked_error_is_masked_by_get_too(client, monkeypatch):
    _break_country_lookup(monkeypatch, RuntimeError("secret"))

    response = await run(client, "GET", COUNTRY_AND_COUNT, accept="application/json")

    assert response.status_code == 200
    assert_reveals_nothing(response.text)
    assert response.json()["errors"][0]["extensions"]["code"] == "INTERNAL_SERVER_ERROR"


async def test_expected_errors_are_shown_with_their_code_and_not_logged(client, caplog):
    with caplog.at_level(logging.ERROR, logger="hub.errors"):
        response = await run(
            client, "POST", "{ creators(first: 101) { totalCount } }", accept=GRAPHQL_ACCEPT
        )

    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "PAGE_SIZE_TOO_LARGE"
    assert "101" in error["message"]
    assert _error_records(caplog) == []


CREATE_CREATOR = """
mutation ($input: CreateCreatorInput!) { createCreator(input: $input) { creator { handle } } }
"""
NEW_CREATOR = {"handle": "no-token", "displayName": "Без токена", "country": "KZ"}


async def test_mutation_without_a_credential_is_refused_visibly_and_not_logged(client, caplog):
    with caplog.at_level(logging.ERROR, logger="hub.errors"):
        response = await run(
            client, "POST", CREATE_CREATOR, accept=GRAPHQL_ACCEPT, variables={"input": NEW_CREATOR}
        )

    assert response.status_code == 200
    assert response.json()["data"] is None
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "UNAUTHENTICATED"
    assert error["path"] == ["createCreator"]
    assert _error_records(caplog) == []


async def test_a_wrong_token_refuses_the_whole_request_with_401_and_is_not_logged(client, caplog):
    with caplog.at_level(logging.ERROR, logger="hub.errors"):
        response = await run(
            client,
            "POST",
            CREATE_CREATOR,
            accept=GRAPHQL_ACCEPT,
            variables={"input": NEW_CREATOR},
            headers={"Authorization": "Bearer wrong-token"},
        )

    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert "data" not in response.json()
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "UNAUTHENTICATED"
    assert _error_records(caplog) == []


async def test_mutation_with_the_token_is_let_through_to_the_service(client):
    query = """
    mutation ($input: DeleteCreatorInput!) {
      deleteCreator(input: $input) { deletedCreatorId userErrors { code } }
    }
    """
    missing = {"id": global_id("Creator", 999_999)}

    response = await run(
        client, "POST", query, accept=GRAPHQL_ACCEPT, variables={"input": missing}, headers=ADMIN
    )

    assert without_cost(response.json()) == {
        "data": {"deleteCreator": {"deletedCreatorId": None, "userErrors": [{"code": "NOT_FOUND"}]}}
    }


async def test_literal_of_the_wrong_type_for_a_custom_scalar_is_a_validation_error_not_a_bug(
    client, caplog
):
    with caplog.at_level(logging.ERROR, logger="hub.errors"):
        response = await run(client, "POST", "{ country(code: 5) { code } }", accept=GRAPHQL_ACCEPT)

    assert response.status_code == 400
    assert "data" not in response.json()
    [error] = response.json()["errors"]
    assert "CountryCode" in error["message"]
    assert error.get("extensions", {}).get("code") != "INTERNAL_SERVER_ERROR"
    assert _error_records(caplog) == []


async def test_unexpected_exception_outside_graphql_execution_is_masked_with_the_request_id(
    settings, database
):
    def broken_sessions() -> None:
        raise RuntimeError("secret: connection pool exhausted at db.internal:5432")

    async with client_for(
        settings,
        engine=database.engine,
        session_factory=broken_sessions,
        raise_app_exceptions=False,
    ) as client:
        response = await run(
            client,
            "POST",
            "{ __typename }",
            accept=GRAPHQL_ACCEPT,
            headers={"X-Request-ID": "outside-1"},
        )

    assert response.status_code == 500
    assert response.headers["content-type"] == GRAPHQL_RESPONSE_JSON
    assert response.headers["X-Request-ID"] == "outside-1"
    assert_reveals_nothing(response.text)
    [error] = response.json()["errors"]
    assert error["message"] == "Internal server error (request id outside-1)."
    assert error["extensions"]["code"] == "INTERNAL_SERVER_ERROR"


# Request ids


@pytest.mark.parametrize(
    ("method", "kwargs", "status"),
    [
        pytest.param("POST", {"json": {"query": "{ __typename }"}}, 200, id="answered"),
        pytest.param("POST", {"json": {"query": "{"}}, 400, id="request error"),
        pytest.param("POST", {"content": b"{}"}, 415, id="malformed HTTP"),
        pytest.param(
            "GET", {"params": {"query": "mutation { __typename }"}}, 405, id="GET mutation"
        ),
        pytest.param("PUT", {"json": {}}, 405, id="wrong method"),
    ],
)
async def test_request_id_sent_by_the_client_is_echoed(client, method, kwargs, status):
    response = await send(
        client, method, accept=None, headers={"X-Request-ID": "client-chosen-42"}, **kwargs
    )

    assert response.status_code == status
    assert response.headers["X-Request-ID"] == "client-chosen-42"


@pytest.mark.parametrize("sent", [None, ""], ids=["no header", "empty header"])
async def test_request_id_is_generated_when_the_client_sends_none(client, sent):
    headers = {} if sent is None else {"X-Request-ID": sent}

    first = await send(
        client, "POST", accept=None, json={"query": "{ __typename }"}, headers=headers
    )
    second = await send(client, "POST", accept=None, json={"query": "{ __typename }"})

    assert re.fullmatch(r"[0-9a-f]{32}", first.headers["X-Request-ID"])
    assert first.headers["X-Request-ID"] != second.headers["X-Request-ID"]


async def test_overlong_request_id_is_cut_to_64_characters(client):
    sent = "r" * 64 + "-and-the-rest-is-dropped"

    response = await send(
        client,
        "POST",
        accept=None,
        json={"query": "{ __typename }"},
        headers={"X-Request-ID": sent},
    )

    assert response.headers["X-Request-ID"] == "r" * 64


# CORS


@pytest.fixture
async def cors_client(settings, database, sessions):
    async with client_for(
        settings, engine=database.engine, session_factory=sessions, cors_origins=[ALLOWED_ORIGIN]
    ) as client:
        yield client


def _preflight(origin: str, method: str = "POST") -> dict[str, str]:
    return {
        "Origin": origin,
        "Access-Control-Request-Method": method,
        "Access-Control-Request-Headers": "content-type, authorization, x-request-id",
    }


async def test_preflight_from_an_allowed_origin_is_answered_with_its_cors_headers(cors_client):
    response = await cors_client.options("/graphql", headers=_preflight(ALLOWED_ORIGIN))

    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == ALLOWED_ORIGIN
    methods = {m.strip() for m in response.headers["Access-Control-Allow-Methods"].split(",")}
    assert {"GET", "POST"} <= methods
    assert not methods & {"PUT", "PATCH", "DELETE"}
    allowed_headers = response.headers["Access-Control-Allow-Headers"].lower()
    for header in ("authorization", "content-type", "x-request-id"):
        assert header in allowed_headers


async def test_preflight_from_another_origin_is_refused_without_cors_headers(cors_client):
    response = await cors_client.options("/graphql", headers=_preflight(OTHER_ORIGIN))

    assert response.status_code == 400
    assert "Access-Control-Allow-Origin" not in response.headers


async def test_preflight_for_a_method_other_than_get_or_post_is_refused(cors_client):
    response = await cors_client.options("/graphql", headers=_preflight(ALLOWED_ORIGIN, "DELETE"))

    assert response.status_code == 400


async def test_post_from_an_allowed_origin_may_read_the_answer_and_its_request_id(cors_client):
    response = await cors_client.post(
        "/graphql", json={"query": "{ __typename }"}, headers={"Origin": ALLOWED_ORIGIN}
    )

    assert without_cost(response.json()) == {"data": {"__typename": "Query"}}
    assert response.headers["Access-Control-Allow-Origin"] == ALLOWED_ORIGIN
    assert "x-request-id" in response.headers["Access-Control-Expose-Headers"].lower()
    assert "Origin" in response.headers["Vary"]


async def test_post_from_another_origin_is_answered_without_letting_the_browser_read_it(
    cors_client,
):
    response = await cors_client.post(
        "/graphql", json={"query": "{ __typename }"}, headers={"Origin": OTHER_ORIGIN}
    )

    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response.headers


async def test_without_configured_origins_no_origin_is_allowed(client):
    preflight = await client.options("/graphql", headers=_preflight(ALLOWED_ORIGIN))
    simple = await client.post(
        "/graphql", json={"query": "{ __typename }"}, headers={"Origin": ALLOWED_ORIGIN}
    )

    assert preflight.status_code == 400
    assert "Access-Control-Allow-Origin" not in preflight.headers
    assert "Access-Control-Allow-Origin" not in simple.headers


# Health


async def test_healthz_answers_ok(client):
    response = await client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_readyz_answers_ready_when_the_database_answers(client):
    response = await client.get("/readyz")

    assert response.status_code == 200
    assert response.json() == {"status": "ready", "database": "ok"}


async def test_readyz_answers_503_without_details_when_the_database_is_unreachable(
    settings, sessions, tmp_path, caplog
):
    missing = tmp_path / "no-such-directory" / "hub.db"
    engine = create_engine(f"sqlite+aiosqlite:///{missing}")
    try:
        async with client_for(settings, engine=engine, session_factory=sessions) as client:
            with caplog.at_level(logging.WARNING, logger="hub"):
                response = await client.get("/readyz")
    finally:
        await engine.dispose()

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unreachable"}
    assert "no-such-directory" not in response.text
    # An outage is logged once, without a traceback (tests/server/test_outage_log.py).
    assert "database unavailable" in caplog.text
    assert "Traceback" not in caplog.text


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
async def test_health_endpoints_answer_get_only(client, path):
    response = await client.post(path)

    assert response.status_code == 405
