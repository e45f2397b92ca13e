"""The ``/graphql`` endpoint, following the GraphQL over HTTP specification.

Request errors (unparsable or invalid documents, an operation that cannot be chosen,
variables of the wrong type) answer 400 with ``application/graphql-response+json``, the
default media type, and 200 when the client asks for plain ``application/json``, as the
specification says. Malformed HTTP (bad JSON, wrong content type, oversized body) is a
4xx with a GraphQL error body whatever was asked for. GET never runs a mutation.
"""

from __future__ import annotations

import functools
import logging
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import orjson
import strawberry
from graphql import GraphQLError, OperationDefinitionNode, parse
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from strawberry.http.ides import get_graphql_ide_html
from strawberry.types.execution import ExecutionResult, PreExecutionError
from strawberry.types.graphql import OperationType

from hub.accounts.audit import record_audit
from hub.accounts.authentication import Unauthenticated, authenticate
from hub.api.context import Context
from hub.api.errors import RequestErrorCode
from hub.api.loaders import Loaders
from hub.config import Settings
from hub.core.mapping import QueryEnv
from hub.core.reader import Reader
from hub.server.negotiation import MediaType, preferred

logger = logging.getLogger("hub.http")

REQUEST_ID_HEADER = "X-Request-ID"
GRAPHQL_TYPES = [MediaType.GRAPHQL_RESPONSE_JSON, MediaType.JSON]
ALLOWED_OPERATIONS = {
    "GET": frozenset({OperationType.QUERY}),
    "POST": frozenset({OperationType.QUERY, OperationType.MUTATION}),
}


class HttpProblem(Exception):
    """A request that cannot be served as GraphQL at all, with its status code."""

    def __init__(self, status: int, message: str, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = dict(headers or {})


@dataclass(frozen=True)
class GraphQLParams:
    query: str
    operation_name: str | None
    variables: dict[str, Any] | None
    extensions: dict[str, Any] | None


@functools.lru_cache(maxsize=1024)
def operation_of(query: str, operation_name: str | None) -> tuple[str | None, str | None]:
    """The kind of operation a request would run, or why none can be chosen.

    Returns ``(kind, problem)``. A document that does not parse gives ``(None, None)``:
    the executor reports the syntax error with its own position and message.
    """
    if not query.strip():
        return None, "The document is empty."
    try:
        document = parse(query)
    except GraphQLError:
        return None, None
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name:
        operations = [o for o in operations if o.name and o.name.value == operation_name]
        if not operations:
            return None, f"The document has no operation named {operation_name!r}."
    elif not operations:
        return None, "The document has no operation to run."
    elif len(operations) > 1:
        return None, "The document has several operations; say which one in `operationName`."
    return operations[0].operation.value, None


def _json_response(
    body: dict[str, Any], status: int, media: MediaType, headers: Mapping[str, str]
) -> Response:
    return Response(
        orjson.dumps(body),
        status_code=status,
        media_type=f"{media.value}; charset=utf-8",
        headers=dict(headers),
    )


def _error_body(message: str, code: str) -> dict[str, Any]:
    return {"errors": [{"message": message, "extensions": {"code": code}}]}


class GraphQLEndpoint:
    """Serves one schema over HTTP with a database session per request."""

    def __init__(
        self,
        schema: strawberry.Schema,
        settings: Settings,
        session_factory: async_sessionmaker[AsyncSession],
    ) -> None:
        self.schema = schema
        self.settings = settings
        self.session_factory = session_factory

    async def handle(self, request: Request) -> Response:
        request_id = request.headers.get(REQUEST_ID_HEADER) or uuid.uuid4().hex
        request_id = request_id[:64]
        headers = {REQUEST_ID_HEADER: request_id}
        accept = request.headers.get("accept")
        media = preferred(accept, GRAPHQL_TYPES)
        try:
            if request.method not in ("GET", "POST"):
                raise HttpProblem(405, "Use GET or POST.", {"Allow": "GET, POST"})
            if self._wants_graphiql(request, accept):
                return HTMLResponse(get_graphql_ide_html(), headers=headers)
            if media is None:
                raise HttpProblem(
                    406,
                    "This endpoint answers application/graphql-response+json or application/json.",
                )
            params = await self._params(request)
            return await self._execute(request, params, media, request_id, headers)
        except HttpProblem as problem:
            body = _error_body(problem.message, f"HTTP_{problem.status}")
            return _json_response(
                body, problem.status, media or MediaType.JSON, {**headers, **problem.headers}
            )
        except Exception:
            logger.exception("unexpected error in request %s outside execution", request_id)
            body = _error_body(
                f"Internal server error (request id {request_id}).", "INTERNAL_SERVER_ERROR"
            )
            body["errors"][0]["extensions"]["requestId"] = request_id
            return _json_response(body, 500, media or MediaType.JSON, headers)

    def _wants_graphiql(self, request: Request, accept: str | None) -> bool:
        if request.method != "GET" or not self.settings.graphiql_enabled:
            return False
        if "query" in request.query_params or accept is None:
            return False
        return preferred(accept, [MediaType.HTML, *GRAPHQL_TYPES]) is MediaType.HTML

    async def _params(self, request: Request) -> GraphQLParams:
        if request.method == "GET":
            raw: Mapping[str, Any] = {
                key: request.query_params[key]
                for key in ("query", "operationName", "variables", "extensions")
                if key in request.query_params
            }
            raw = {
                **raw,
                **{key: _decode_json_param(raw, key) for key in ("variables", "extensions")},
            }
            if raw.get("operationName") == "":
                raw = {**raw, "operationName": None}
        else:
            raw = await self._json_body(request)
        return _validated_params(raw)

    async def _json_body(self, request: Request) -> Mapping[str, Any]:
        content_type = request.headers.get("content-type")
        if content_type is None:
            raise HttpProblem(415, "Send the request as Content-Type: application/json.")
        media, *params = (part.strip().lower() for part in content_type.split(";"))
        if media != "application/json":
            raise HttpProblem(415, f"Unsupported Content-Type {media!r}; use application/json.")
        for param in params:
            name, _, value = param.partition("=")
            if name == "charset" and value.strip('"') not in ("utf-8", "utf8"):
                raise HttpProblem(415, "Requests must be encoded in UTF-8.")
        body = await _read_capped(request, self.settings.max_body_bytes)
        try:
            decoded = orjson.loads(body)
        except orjson.JSONDecodeError as error:
            raise HttpProblem(400, "The request body is not valid JSON.") from error
        if isinstance(decoded, list):
            raise HttpProblem(400, "Batched operations are not supported; send one at a time.")
        if not isinstance(decoded, dict):
            raise HttpProblem(400, "The request body must be a JSON object.")
        return decoded

    async def _execute(
        self,
        request: Request,
        params: GraphQLParams,
        media: MediaType,
        request_id: str,
        headers: dict[str, str],
    ) -> Response:
        kind, problem = operation_of(params.query, params.operation_name)
        if kind == "subscription":
            problem = "Subscriptions are not supported by this endpoint."
        if problem is not None:
            failed = PreExecutionError(data=None, errors=[GraphQLError(problem)])
            return _graphql_response(failed, media, headers)
        if kind == "mutation" and request.method == "GET":
            raise HttpProblem(405, "Mutations must be sent with POST.", {"Allow": "POST"})
        async with self.session_factory() as session:
            try:
                context = await self._context(request, session, request_id)
            except Unauthenticated as refused:
                body = _error_body(str(refused), RequestErrorCode.UNAUTHENTICATED.value)
                return _json_response(body, 401, media, {**headers, **refused.headers})
            result = await self.schema.execute(
                params.query,
                variable_values=params.variables,
                context_value=context,
                operation_name=params.operation_name,
                allowed_operation_types=ALLOWED_OPERATIONS[request.method],
                operation_extensions=params.extensions,
            )
        return _graphql_response(result, media, headers)

    async def _context(self, request: Request, session: AsyncSession, request_id: str) -> Context:
        env = QueryEnv(today=date.today(), young_talent_max_age=self.settings.young_talent_max_age)
        reader = Reader(session, env)
        return Context(
            settings=self.settings,
            session=session,
            reader=reader,
            loaders=Loaders(reader),
            request_id=request_id,
            principal=await authenticate(request.headers, self.settings, session),
            audit=record_audit,
        )


def _decode_json_param(raw: Mapping[str, Any], key: str) -> Any:
    if key not in raw:
        return None
    try:
        return orjson.loads(raw[key])
    except orjson.JSONDecodeError as error:
        raise HttpProblem(400, f"The `{key}` parameter must be JSON-encoded.") from error


def _validated_params(raw: Mapping[str, Any]) -> GraphQLParams:
    query = raw.get("query")
    if not isinstance(query, str):
        raise HttpProblem(400, "The `query` parameter must be a string holding a document.")
    operation_name = raw.get("operationName")
    if operation_name is not None and not isinstance(operation_name, str):
        raise HttpProblem(400, "The `operationName` parameter must be a string.")
    for key in ("variables", "extensions"):
        if raw.get(key) is not None and not isinstance(raw[key], dict):
            raise HttpProblem(400, f"The `{key}` parameter must be an object.")
    return GraphQLParams(query, operation_name, raw.get("variables"), raw.get("extensions"))


async def _read_capped(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise HttpProblem(413, f"The request body is larger than {limit} bytes.")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HttpProblem(413, f"The request body is larger than {limit} bytes.")
        chunks.append(chunk)
    return b"".join(chunks)


def _graphql_response(
    result: ExecutionResult, media: MediaType, headers: dict[str, str]
) -> Response:
    """Request errors are 400 in graphql-response+json and 200 in plain JSON (the spec)."""
    is_request_error = _is_request_error(result)
    status = 400 if is_request_error and media is MediaType.GRAPHQL_RESPONSE_JSON else 200
    return _json_response(_serialise(result, is_request_error), status, media, headers)


def _is_request_error(result: ExecutionResult) -> bool:
    """No execution happened: parse, validation or variable errors, none with a path."""
    if isinstance(result, PreExecutionError):
        return True
    return (
        result.data is None
        and bool(result.errors)
        and all(error.path is None for error in result.errors or [])
    )


def _serialise(result: ExecutionResult, is_request_error: bool) -> dict[str, Any]:
    body: dict[str, Any] = {}
    if result.errors:
        body["errors"] = [error.formatted for error in result.errors]
    if not is_request_error:
        body["data"] = result.data
    if result.extensions:
        body["extensions"] = result.extensions
    return body
