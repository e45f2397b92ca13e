"""The /graphql endpoint against the GraphQL over HTTP specification.

Media types: no ``Accept`` header means ``application/graphql-response+json``, a bare
wildcard means ``application/json``. Request errors (the document cannot be parsed or
validated, no operation can be chosen, variables do not coerce) are 400 with the former
and 200 with the latter, and never carry ``data``. Malformed HTTP is a 4xx whose body is
one error coded ``HTTP_<status>``. GET never runs a mutation.
"""

import json

import pytest

from tests.api import GRAPHQL_RESPONSE_JSON, JSON, client_for, run, send, without_cost
from tests.helpers import ADMIN, data_of

GRAPHQL_ACCEPT = "application/graphql-response+json"
JSON_ACCEPT = "application/json"
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
METHODS = ["POST", "GET"]

COUNT_COUNTRIES = "{ countries { totalCount } }"

CREATE_CREATOR = """
mutation Create($input: CreateCreatorInput!) {
  createCreator(input: $input) { creator { handle } userErrors { code } }
}
"""
FIND_CREATOR = "query ($handle: String!) { creator(handle: $handle) { handle } }"
NEW_CREATOR = {"handle": "sent-by-get", "displayName": "Айдана Гетова", "country": "KZ"}

REQUEST_ERRORS = [
    pytest.param({"query": "{ countries { totalCount }"}, id="unparsable document"),
    pytest.param({"query": "{ noSuchField }"}, id="invalid document"),
    pytest.param(
        {"query": "query A { __typename }", "operation_name": "B"}, id="unknown operation name"
    ),
    pytest.param(
        {
            "query": "query ($n: Int) { countries(first: $n) { totalCount } }",
            "variables": {"n": "ten"},
        },
        id="variable of the wrong type",
    ),
    pytest.param(
        {"query": "query ($n: Int!) { countries(first: $n) { totalCount } }", "variables": {}},
        id="required variable missing",
    ),
]


def assert_served(response, status: int, content_type: str) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == content_type
    return without_cost(response.json())


def assert_request_error(response, status: int, content_type: str) -> None:
    body = assert_served(response, status, content_type)
    assert "data" not in body
    assert body["errors"]
    assert all(isinstance(error["message"], str) for error in body["errors"])


def assert_http_problem(response, status: int, content_type: str = JSON) -> None:
    body = assert_served(response, status, content_type)
    assert body == {
        "errors": [
            {"message": body["errors"][0]["message"], "extensions": {"code": f"HTTP_{status}"}}
        ]
    }
    assert body["errors"][0]["message"]


# Media types


@pytest.mark.parametrize("method", METHODS)
async def test_query_without_accept_header_is_answered_as_graphql_response_json(client, method):
    response = await run(client, method, COUNT_COUNTRIES, accept=None)

    body = assert_served(response, 200, GRAPHQL_RESPONSE_JSON)
    assert body["data"]["countries"]["totalCount"] > 0
    assert "errors" not in body


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize(
    ("accept", "content_type"),
    [
        ("*/*", JSON),
        ("application/*", JSON),
        (JSON_ACCEPT, JSON),
        (GRAPHQL_ACCEPT, GRAPHQL_RESPONSE_JSON),
        (f"{GRAPHQL_ACCEPT}, {JSON_ACCEPT};q=0.9", GRAPHQL_RESPONSE_JSON),
    ],
)
async def test_query_is_answered_in_the_media_type_the_accept_header_asks_for(
    client, method, accept, content_type
):
    response = await run(client, method, COUNT_COUNTRIES, accept=accept)

    assert assert_served(response, 200, content_type)["data"]["countries"]["totalCount"] > 0


@pytest.mark.parametrize("method", METHODS)
async def test_lower_quality_for_graphql_response_json_picks_plain_json(client, method):
    accept = f"{GRAPHQL_ACCEPT};q=0.5, {JSON_ACCEPT}"

    response = await run(client, method, COUNT_COUNTRIES, accept=accept)

    assert assert_served(response, 200, JSON)["data"]["countries"]["totalCount"] > 0


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize(
    "accept", ["text/plain", "text/html", "application/xml, image/*", f"{JSON_ACCEPT};q=0"]
)
async def test_accept_header_without_an_acceptable_json_type_is_refused_with_406(
    client, method, accept
):
    response = await run(client, method, COUNT_COUNTRIES, accept=accept)

    assert_http_problem(response, 406)


async def test_response_is_utf8_encoded_and_keeps_cyrillic_text(client):
    query = '{ country(code: "KZ") { name(language: "ru") } }'

    response = await run(client, "POST", query, accept=GRAPHQL_ACCEPT)

    assert response.headers["content-type"].endswith("charset=utf-8")
    assert "Казахстан".encode() in response.content
    assert response.json()["data"]["country"]["name"] == "Казахстан"


# Request errors


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("request_error", REQUEST_ERRORS)
async def test_request_error_with_graphql_response_json_is_400_without_data(
    client, method, request_error
):
    response = await run(client, method, accept=GRAPHQL_ACCEPT, **request_error)

    assert_request_error(response, 400, GRAPHQL_RESPONSE_JSON)


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("request_error", REQUEST_ERRORS)
async def test_request_error_with_plain_json_is_200_without_data(client, method, request_error):
    response = await run(client, method, accept=JSON_ACCEPT, **request_error)

    assert_request_error(response, 200, JSON)


@pytest.mark.parametrize("method", METHODS)
async def test_request_error_without_accept_header_is_400_as_graphql_response_json(client, method):
    response = await run(client, method, "{ noSuchField }", accept=None)

    assert_request_error(response, 400, GRAPHQL_RESPONSE_JSON)


async def test_request_error_names_what_is_wrong(client):
    response = await run(client, "POST", "{ noSuchField }", accept=GRAPHQL_ACCEPT)

    assert "noSuchField" in response.json()["errors"][0]["message"]


@pytest.mark.parametrize(
    ("method", "operation_name"),
    [("POST", None), ("GET", None), ("GET", "")],
    ids=["POST without a name", "GET without a name", "GET with an empty name"],
)
async def test_document_with_several_operations_and_no_operation_name_is_a_request_error(
    client, method, operation_name
):
    query = "query A { countries { totalCount } } query B { __typename }"

    response = await run(
        client, method, query, accept=GRAPHQL_ACCEPT, operation_name=operation_name
    )

    assert_request_error(response, 400, GRAPHQL_RESPONSE_JSON)
    assert "operationName" in response.json()["errors"][0]["message"]


@pytest.mark.parametrize("method", METHODS)
async def test_document_without_any_operation_is_a_request_error(client, method):
    response = await run(client, method, "fragment F on Query { __typename }", accept=None)

    assert_request_error(response, 400, GRAPHQL_RESPONSE_JSON)


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("query", ["", "   "], ids=["empty", "blank"])
async def test_empty_document_is_a_request_error(client, method, query):
    response = await run(client, method, query, accept=GRAPHQL_ACCEPT)

    assert response.status_code == 400
    assert response.headers["content-type"] == GRAPHQL_RESPONSE_JSON
    assert "data" not in response.json()


@pytest.mark.parametrize("method", METHODS)
async def test_subscription_is_refused_as_a_request_error_not_as_a_wrong_method(client, method):
    response = await run(client, method, "subscription { __typename }", accept=GRAPHQL_ACCEPT)

    assert_request_error(response, 400, GRAPHQL_RESPONSE_JSON)
    assert "Allow" not in response.headers


# Field errors happen during execution: the request itself was fine


@pytest.mark.parametrize("method", METHODS)
async def test_field_error_is_200_with_data_even_with_graphql_response_json(client, method):
    query = """
    { countries { totalCount } country(code: "KZ") { code creators(first: 101) { totalCount } } }
    """

    response = await run(client, method, query, accept=GRAPHQL_ACCEPT)

    body = assert_served(response, 200, GRAPHQL_RESPONSE_JSON)
    assert body["data"]["countries"]["totalCount"] > 0
    assert body["data"]["country"] is None
    [error] = body["errors"]
    assert error["extensions"]["code"] == "PAGE_SIZE_TOO_LARGE"
    assert error["path"] == ["country", "creators"]


async def test_field_error_on_a_required_root_field_is_200_with_data_null(client):
    response = await run(client, "POST", "{ creators(first: 101) { totalCount } }", accept=None)

    body = assert_served(response, 200, GRAPHQL_RESPONSE_JSON)
    assert "data" in body
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "PAGE_SIZE_TOO_LARGE"


# Parameters


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize(
    ("operation_name", "field"), [("Countries", "countries"), ("Typename", "__typename")]
)
async def test_operation_name_selects_one_of_several_operations(
    client, method, operation_name, field
):
    query = "query Countries { countries { totalCount } } query Typename { __typename }"

    response = await run(
        client, method, query, accept=GRAPHQL_ACCEPT, operation_name=operation_name
    )

    body = assert_served(response, 200, GRAPHQL_RESPONSE_JSON)
    assert list(body["data"]) == [field]


async def test_empty_operation_name_on_get_is_the_same_as_none(client):
    response = await run(
        client, "GET", "query Only { __typename }", accept=GRAPHQL_ACCEPT, operation_name=""
    )

    assert assert_served(response, 200, GRAPHQL_RESPONSE_JSON) == {"data": {"__typename": "Query"}}


async def test_operation_name_null_on_get_names_an_operation_called_null(client):
    query = "query null { __typename } query other { countries { totalCount } }"

    response = await run(client, "GET", query, accept=GRAPHQL_ACCEPT, operation_name="null")

    assert assert_served(response, 200, GRAPHQL_RESPONSE_JSON) == {"data": {"__typename": "Query"}}


@pytest.mark.parametrize("accept", [GRAPHQL_ACCEPT, JSON_ACCEPT])
async def test_get_with_variables_json_encoded_in_the_query_string_works(client, accept):
    query = "query ($code: CountryCode!) { country(code: $code) { code } }"

    response = await client.get(
        "/graphql",
        params={"query": query, "variables": json.dumps({"code": "UZ"})},
        headers={"Accept": accept},
    )

    assert response.status_code == 200
    assert without_cost(response.json()) == {"data": {"country": {"code": "UZ"}}}


async def test_get_with_extensions_json_encoded_in_the_query_string_works(client):
    response = await client.get(
        "/graphql",
        params={"query": "{ __typename }", "extensions": json.dumps({"trace": True})},
        headers={"Accept": GRAPHQL_ACCEPT},
    )

    assert assert_served(response, 200, GRAPHQL_RESPONSE_JSON) == {"data": {"__typename": "Query"}}


@pytest.mark.parametrize("parameter", ["variables", "operationName", "extensions"])
async def test_null_optional_parameters_are_the_same_as_absent(client, parameter):
    body = {"query": "{ __typename }", parameter: None}

    response = await send(client, "POST", accept=GRAPHQL_ACCEPT, json=body)

    assert assert_served(response, 200, GRAPHQL_RESPONSE_JSON) == {"data": {"__typename": "Query"}}


@pytest.mark.parametrize(
    "content_type",
    [
        "application/json; charset=utf-8",
        "application/json; charset=UTF-8",
        'application/json; charset="utf-8"',
        "Application/JSON",
    ],
)
async def test_post_in_utf8_is_accepted_however_the_content_type_spells_it(client, content_type):
    response = await send(
        client,
        "POST",
        accept=GRAPHQL_ACCEPT,
        content=json.dumps({"query": "{ __typename }"}).encode(),
        headers={"Content-Type": content_type},
    )

    assert assert_served(response, 200, GRAPHQL_RESPONSE_JSON) == {"data": {"__typename": "Query"}}


# GET never runs a mutation


async def test_get_request_that_runs_a_mutation_is_refused_with_405_and_changes_nothing(client):
    response = await run(
        client,
        "GET",
        CREATE_CREATOR,
        accept=GRAPHQL_ACCEPT,
        variables={"input": NEW_CREATOR},
        headers=ADMIN,
    )

    assert_http_problem(response, 405, GRAPHQL_RESPONSE_JSON)
    assert response.headers["Allow"] == "POST"
    found = await data_of(client, FIND_CREATOR, {"handle": NEW_CREATOR["handle"]})
    assert found == {"creator": None}


async def test_post_runs_the_mutation_that_get_refuses(client):
    response = await run(
        client,
        "POST",
        CREATE_CREATOR,
        accept=GRAPHQL_ACCEPT,
        variables={"input": NEW_CREATOR},
        headers=ADMIN,
    )

    body = assert_served(response, 200, GRAPHQL_RESPONSE_JSON)
    assert body["data"]["createCreator"] == {
        "creator": {"handle": NEW_CREATOR["handle"]},
        "userErrors": [],
    }
    found = await data_of(client, FIND_CREATOR, {"handle": NEW_CREATOR["handle"]})
    assert found == {"creator": {"handle": NEW_CREATOR["handle"]}}


@pytest.mark.parametrize("accept", [JSON_ACCEPT, None])
async def test_get_mutation_is_refused_with_405_whatever_the_accept_header(client, accept):
    response = await run(client, "GET", "mutation { __typename }", accept=accept)

    assert response.status_code == 405
    assert response.headers["Allow"] == "POST"
    assert response.json()["errors"][0]["extensions"]["code"] == "HTTP_405"


async def test_get_selecting_the_mutation_of_a_mixed_document_is_refused_with_405(client):
    query = f"query Find {{ __typename }} {CREATE_CREATOR}"

    response = await run(
        client,
        "GET",
        query,
        accept=GRAPHQL_ACCEPT,
        variables={"input": NEW_CREATOR},
        operation_name="Create",
        headers=ADMIN,
    )

    assert_http_problem(response, 405, GRAPHQL_RESPONSE_JSON)
    found = await data_of(client, FIND_CREATOR, {"handle": NEW_CREATOR["handle"]})
    assert found == {"creator": None}


async def test_get_may_run_the_query_of_a_document_that_also_holds_a_mutation(client):
    query = f"query Find {{ __typename }} {CREATE_CREATOR}"

    response = await run(client, "GET", query, accept=GRAPHQL_ACCEPT, operation_name="Find")

    assert assert_served(response, 200, GRAPHQL_RESPONSE_JSON) == {"data": {"__typename": "Query"}}


# Malformed HTTP


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(b'{"query": "{ __typename }"', id="invalid JSON"),
        pytest.param(b"", id="empty body"),
        pytest.param(b'[{"query": "{ __typename }"}]', id="batched array"),
        pytest.param(b'"{ __typename }"', id="JSON string"),
        pytest.param(b"42", id="JSON number"),
        pytest.param(b"null", id="JSON null"),
        pytest.param(b'{"operationName": "A"}', id="query missing"),
        pytest.param(b'{"query": null}', id="query null"),
        pytest.param(b'{"query": 1}', id="query a number"),
        pytest.param(b'{"query": {"text": "{ __typename }"}}', id="query an object"),
        pytest.param(b'{"query": ["{ __typename }"]}', id="query a list"),
        pytest.param(b'{"query": "{ __typename }", "variables": "{}"}', id="variables a string"),
        pytest.param(b'{"query": "{ __typename }", "variables": [1]}', id="variables a list"),
        pytest.param(b'{"query": "{ __typename }", "variables": 0}', id="variables a number"),
        pytest.param(b'{"query": "{ __typename }", "operationName": 1}', id="operationName number"),
        pytest.param(
            b'{"query": "{ __typename }", "operationName": ["A"]}', id="operationName list"
        ),
        pytest.param(b'{"query": "{ __typename }", "extensions": "{}"}', id="extensions a string"),
        pytest.param(b'{"query": "{ __typename }", "extensions": [1]}', id="extensions a list"),
    ],
)
@pytest.mark.parametrize(
    ("accept", "content_type"), [(JSON_ACCEPT, JSON), (GRAPHQL_ACCEPT, GRAPHQL_RESPONSE_JSON)]
)
async def test_malformed_post_body_is_refused_with_400(client, body, accept, content_type):
    response = await send(
        client,
        "POST",
        accept=accept,
        content=body,
        headers={"Content-Type": "application/json"},
    )

    assert_http_problem(response, 400, content_type)


@pytest.mark.parametrize(
    "params",
    [
        pytest.param({}, id="query missing"),
        pytest.param({"operationName": "A"}, id="only operationName"),
        pytest.param({"query": "{ __typename }", "variables": "{"}, id="variables not JSON"),
        pytest.param({"query": "{ __typename }", "variables": "[1]"}, id="variables a list"),
        pytest.param({"query": "{ __typename }", "variables": '"x"'}, id="variables a string"),
        pytest.param({"query": "{ __typename }", "extensions": "{"}, id="extensions not JSON"),
        pytest.param({"query": "{ __typename }", "extensions": "3"}, id="extensions a number"),
    ],
)
async def test_malformed_get_parameters_are_refused_with_400(client, params):
    response = await send(client, "GET", accept=JSON_ACCEPT, params=params)

    assert_http_problem(response, 400, JSON)


async def test_post_without_content_type_is_refused_with_415(client):
    response = await send(
        client, "POST", accept=JSON_ACCEPT, content=b'{"query": "{ __typename }"}'
    )

    assert_http_problem(response, 415)


@pytest.mark.parametrize(
    "content_type",
    [
        "text/plain",
        "application/graphql",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/jsonp",
    ],
)
async def test_post_with_an_unsupported_content_type_is_refused_with_415(client, content_type):
    response = await send(
        client,
        "POST",
        accept=JSON_ACCEPT,
        content=b'{"query": "{ __typename }"}',
        headers={"Content-Type": content_type},
    )

    assert_http_problem(response, 415)


@pytest.mark.parametrize("charset", ["latin-1", "utf-16", "windows-1251", "koi8-r"])
async def test_post_in_a_charset_other_than_utf8_is_refused_with_415(client, charset):
    response = await send(
        client,
        "POST",
        accept=JSON_ACCEPT,
        content=b'{"query": "{ __typename }"}',
        headers={"Content-Type": f"application/json; charset={charset}"},
    )

    assert_http_problem(response, 415)


def _body_of_size(size: int) -> bytes:
    """A valid request of exactly ``size`` bytes: unknown keys are ignored."""
    start, end = b'{"query": "{ __typename }", "padding": "', b'"}'
    return start + b"x" * (size - len(start) - len(end)) + end


@pytest.fixture
async def small_body_client(settings, database, sessions):
    async with client_for(
        settings, engine=database.engine, session_factory=sessions, max_body_bytes=1024
    ) as client:
        yield client


async def test_body_at_the_limit_is_accepted(small_body_client):
    response = await send(
        small_body_client,
        "POST",
        accept=GRAPHQL_ACCEPT,
        content=_body_of_size(1024),
        headers={"Content-Type": "application/json"},
    )

    assert assert_served(response, 200, GRAPHQL_RESPONSE_JSON) == {"data": {"__typename": "Query"}}


async def test_body_over_the_limit_is_refused_with_413(small_body_client):
    response = await send(
        small_body_client,
        "POST",
        accept=JSON_ACCEPT,
        content=_body_of_size(1025),
        headers={"Content-Type": "application/json"},
    )

    assert_http_problem(response, 413)


async def test_streamed_body_over_the_limit_is_refused_with_413(small_body_client):
    async def chunks():
        for _ in range(5):
            yield b" " * 400
        yield b'{"query": "{ __typename }"}'

    request = small_body_client.build_request(
        "POST",
        "/graphql",
        content=chunks(),
        headers={"Content-Type": "application/json", "Accept": JSON_ACCEPT},
    )
    assert "Content-Length" not in request.headers

    assert_http_problem(await small_body_client.send(request), 413)


async def test_body_longer_than_its_declared_length_is_refused_with_413(small_body_client):
    request = small_body_client.build_request(
        "POST",
        "/graphql",
        content=_body_of_size(2048),
        headers={"Content-Type": "application/json", "Accept": JSON_ACCEPT},
    )
    request.headers["Content-Length"] = "100"

    assert_http_problem(await small_body_client.send(request), 413)


@pytest.mark.parametrize("method", ["PUT", "PATCH", "DELETE"])
async def test_other_methods_are_refused_with_405_naming_get_and_post(client, method):
    response = await send(client, method, accept=JSON_ACCEPT, json={"query": "{ __typename }"})

    assert_http_problem(response, 405)
    assert response.headers["Allow"] == "GET, POST"


@pytest.mark.parametrize(
    ("accept", "content_type"),
    [(None, GRAPHQL_RESPONSE_JSON), ("*/*", JSON), (GRAPHQL_ACCEPT, GRAPHQL_RESPONSE_JSON)],
)
async def test_malformed_http_is_answered_in_the_negotiated_media_type(
    client, accept, content_type
):
    response = await send(
        client, "POST", accept=accept, content=b"{", headers={"Content-Type": "application/json"}
    )

    assert_http_problem(response, 400, content_type)


# GraphiQL


async def test_browser_get_without_query_gets_graphiql_in_development(client):
    response = await send(client, "GET", accept=BROWSER_ACCEPT)

    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert "graphiql" in response.text.lower()


async def test_browser_get_with_a_query_runs_it_instead_of_serving_graphiql(client):
    response = await send(client, "GET", accept=BROWSER_ACCEPT, params={"query": "{ __typename }"})

    assert assert_served(response, 200, JSON) == {"data": {"__typename": "Query"}}


async def test_post_from_a_browser_never_gets_graphiql(client):
    response = await send(client, "POST", accept=BROWSER_ACCEPT, json={"query": "{ __typename }"})

    assert assert_served(response, 200, JSON) == {"data": {"__typename": "Query"}}


@pytest.mark.parametrize("accept", [JSON_ACCEPT, GRAPHQL_ACCEPT])
async def test_api_client_get_without_query_is_refused_with_400_not_graphiql(client, accept):
    response = await send(client, "GET", accept=accept)

    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "HTTP_400"


async def test_get_without_query_and_without_accept_header_is_refused_with_400_not_graphiql(
    client,
):
    response = await send(client, "GET", accept=None)

    assert_http_problem(response, 400, GRAPHQL_RESPONSE_JSON)


@pytest.mark.parametrize(
    ("overrides", "serves_graphiql"),
    [
        ({"environment": "production"}, False),
        ({"environment": "production", "graphiql": True}, True),
        ({"environment": "development", "graphiql": False}, False),
    ],
    ids=["off in production", "forced on in production", "forced off in development"],
)
async def test_graphiql_follows_the_environment_unless_forced(
    settings, database, sessions, overrides, serves_graphiql
):
    async with client_for(
        settings, engine=database.engine, session_factory=sessions, **overrides
    ) as client:
        response = await send(client, "GET", accept=BROWSER_ACCEPT)

    if serves_graphiql:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/html")
    else:
        assert_http_problem(response, 400, JSON)
