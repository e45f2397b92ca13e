"""The ``/graphql`` endpoint, following the GraphQL over HTTP specification.

Request errors (unparsable or invalid documents, an operation that cannot be chosen,
variables of the wrong type) answer 400 with ``application/graphql-response+json``, the
default media type, and 200 when the client asks for plain ``application/json``, as the
specification says. Malformed HTTP (bad JSON, wrong content type, oversized body) is a
4xx with a GraphQL error body whatever was asked for. GET never runs a mutation.
Before anything runs, ``limits.admission`` resolves persisted documents and refuses what
is over a limit or over the client's rate limit (see docs/security.md).
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import secrets
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

import orjson
import strawberry
from graphql import OperationType as Kind
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.requests import ClientDisconnect, Request
from starlette.responses import HTMLResponse, Response
from starlette.types import Receive, Scope, Send
from strawberry.types.execution import ExecutionResult, PreExecutionError
from strawberry.types.graphql import OperationType

from hub.accounts.audit import record_audit
from hub.accounts.authentication import Unauthenticated, authenticate, carries_credentials
from hub.api.context import Context
from hub.api.errors import HubError, RequestErrorCode
from hub.api.limits.charge import Charge
from hub.api.loaders import Loaders
from hub.api.principal import ANONYMOUS, Principal
from hub.compiled.answers import CompiledReads, response_body
from hub.compiled.mixing import merged_data
from hub.compiled.plans import BoundPlan
from hub.config import Settings
from hub.core.idempotency import IdempotencyKeys
from hub.core.jobs.wakeup import queued_work
from hub.core.mail import Mailer
from hub.core.mapping import QueryEnv
from hub.core.outage import OutageLog, describe
from hub.core.reader import Reader
from hub.i18n.locales import Locale, negotiate
from hub.server.graphiql import content_security_policy, graphiql_page
from hub.server.idempotency import (
    IDEMPOTENCY_HEADER,
    IdempotencyRefused,
    KeyedRequest,
    claim_key,
)
from hub.server.jobs import JobsInServer
from hub.server.limits.admission import Admission, Plan
from hub.server.limits.clients import client_identity
from hub.server.limits.concurrency import ConcurrencyLimit, Overloaded
from hub.server.limits.refusal import Refused
from hub.server.mail import mailer_for
from hub.server.negotiation import MediaType, preferred
from hub.server.params import GraphQLParams, MalformedRequest, from_query_string, validated
from hub.server.unavailable import (
    RETRYABLE_CODES,
    UNAVAILABLE_STATUS,
    retry_after,
    unavailable_code,
    unavailable_error,
)

logger = logging.getLogger("hub.http")

REQUEST_ID_HEADER = "X-Request-ID"
CONTENT_LANGUAGE_HEADER = "Content-Language"
FAILED_CREDENTIAL_COST = 1
GRAPHQL_TYPES = (MediaType.GRAPHQL_RESPONSE_JSON, MediaType.JSON)
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


def _request_error_status(media: MediaType) -> int:
    """The specification: 400 in graphql-response+json, 200 in plain JSON."""
    return 400 if media is MediaType.GRAPHQL_RESPONSE_JSON else 200


class GraphQLEndpoint:
    """Serves one schema over HTTP with a database session per request.

    Resolvers send mail through ``mailer``: by default the one ``HUB_MAIL_BACKEND`` names.
    """

    def __init__(
        self,
        schema: strawberry.Schema,
        settings: Settings,
        session_factory: async_sessionmaker[AsyncSession],
        admission: Admission,
        mailer: Mailer | None = None,
        jobs: JobsInServer | None = None,
        outages: OutageLog | None = None,
        compiled: CompiledReads | None = None,
    ) -> None:
        self.schema = schema
        self.settings = settings
        self.session_factory = session_factory
        self.admission = admission
        self.mailer = mailer if mailer is not None else mailer_for(settings)
        self.jobs = jobs
        self.outages = outages if outages is not None else OutageLog(logger)
        self.compiled = compiled
        self._pending_releases: set[asyncio.Task[None]] = set()
        self.concurrency = ConcurrencyLimit(
            settings.max_concurrent_requests, settings.admission_wait_seconds
        )
        self.idempotency_keys = IdempotencyKeys(
            session_factory, timedelta(seconds=settings.idempotency_ttl)
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """The endpoint as a plain ASGI app: no per-request wrapper around ``handle``."""
        response = await self.handle(Request(scope, receive))
        await response(scope, receive, send)

    async def handle(self, request: Request) -> Response:
        request_id = request.headers.get(REQUEST_ID_HEADER) or secrets.token_hex(16)
        request_id = request_id[:64]
        locale = negotiate(request.headers.get("accept-language"))
        headers = {REQUEST_ID_HEADER: request_id, CONTENT_LANGUAGE_HEADER: locale.tag}
        accept = request.headers.get("accept")
        media = preferred(accept, GRAPHQL_TYPES)
        try:
            if request.method not in ("GET", "POST"):
                raise HttpProblem(405, "Use GET or POST.", {"Allow": "GET, POST"})
            if self._wants_graphiql(request, accept):
                return HTMLResponse(
                    graphiql_page(),
                    headers={**headers, "Content-Security-Policy": content_security_policy()},
                )
            if media is None:
                raise HttpProblem(
                    406,
                    "This endpoint answers application/graphql-response+json or application/json.",
                )
            # Shed load before any work, reading the body included: a refusal must be cheap.
            async with self.concurrency.slot():
                params = await self._params(request)
                return await self._execute(request, params, media, request_id, headers, locale)
        except Overloaded:
            return self._unavailable(RequestErrorCode.OVERLOADED, request_id, media, headers)
        except HttpProblem as problem:
            body = _error_body(problem.message, f"HTTP_{problem.status}")
            return _json_response(
                body, problem.status, media or MediaType.JSON, {**headers, **problem.headers}
            )
        except Refused as refused:
            assert media is not None
            status = refused.status or _request_error_status(media)
            return _json_response(refused.body(), status, media, {**headers, **refused.headers})
        except IdempotencyRefused as refused:
            body = _error_body(refused.message, refused.code)
            return _json_response(
                body, refused.status, media or MediaType.JSON, {**headers, **refused.headers}
            )
        except ClientDisconnect:
            # The client hung up while sending its body: its doing, and no one is left
            # to answer, so no traceback and no error, only a note of what happened.
            logger.info("client hung up before sending all of request %s", request_id)
            return Response(status_code=400, headers=headers)
        except Exception as error:
            code = unavailable_code(error)
            if code is not None:
                if code is RequestErrorCode.SERVICE_UNAVAILABLE:
                    self.outages.failed(error)
                return self._unavailable(code, request_id, media, headers)
            logger.exception("unexpected error in request %s outside execution", request_id)
            body = _error_body(
                f"Internal server error (request id {request_id}).", "INTERNAL_SERVER_ERROR"
            )
            body["errors"][0]["extensions"]["requestId"] = request_id
            return _json_response(body, 500, media or MediaType.JSON, headers)

    def _unavailable(
        self,
        code: RequestErrorCode,
        request_id: str,
        media: MediaType | None,
        headers: dict[str, str],
    ) -> Response:
        """503 with ``Retry-After``: the same answer whatever was asked and wherever it failed."""
        body = {"errors": [unavailable_error(code, request_id)]}
        retry = retry_after(self.settings.retry_after_seconds)
        return _json_response(
            body, UNAVAILABLE_STATUS, media or MediaType.JSON, {**headers, **retry}
        )

    def _wants_graphiql(self, request: Request, accept: str | None) -> bool:
        if request.method != "GET" or not self.settings.graphiql_enabled:
            return False
        if "query" in request.query_params or accept is None:
            return False
        return preferred(accept, (MediaType.HTML, *GRAPHQL_TYPES)) is MediaType.HTML

    async def _params(self, request: Request) -> GraphQLParams:
        try:
            if request.method == "GET":
                return from_query_string(request.scope.get("query_string", b""))
            return validated(await self._json_body(request))
        except MalformedRequest as malformed:
            raise HttpProblem(400, str(malformed)) from malformed

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
        locale: Locale,
    ) -> Response:
        async with RequestSession(self.session_factory, request_id) as session:
            # Who is calling comes first: the rate limit is charged to them. A caller with
            # no credential is anonymous, and saying so needs no database session.
            try:
                principal = (
                    await authenticate(request.headers, self.settings, session.get())
                    if carries_credentials(request.headers)
                    else ANONYMOUS
                )
            except Unauthenticated as refused:
                # A refused credential still costs its address a point, so guessing tokens
                # or keys is throttled like any other anonymous traffic (429 when spent).
                anonymous = client_identity(request, self.settings.trusted_proxies, None)
                await self.admission.charge(anonymous, FAILED_CREDENTIAL_COST)
                body = _error_body(str(refused), RequestErrorCode.UNAUTHENTICATED.value)
                return _json_response(body, 401, media, {**headers, **refused.headers})
            client = client_identity(
                request, self.settings.trusted_proxies, principal.rate_limit_key
            )
            plan = await self.admission.plan(params, client)
            if plan.problem is not None:
                problem = HubError(plan.problem, RequestErrorCode.GRAPHQL_VALIDATION_FAILED)
                failed = PreExecutionError(data=None, errors=[problem])
                report = await self.admission.report(client, plan.cost, None)
                return _graphql_response(failed, media, headers, report)
            if plan.kind is Kind.MUTATION and request.method == "GET":
                raise HttpProblem(405, "Mutations must be sent with POST.", {"Allow": "POST"})
            mixed: BoundPlan | None = None
            if self.compiled is not None and plan.kind is Kind.QUERY:
                answered = await self._compiled(params, plan, client, media, headers)
                if isinstance(answered, Response):
                    return answered
                mixed = answered
            keyed = await self._hold_key(request, params, plan, client)
            if isinstance(keyed, Response):
                keyed.headers.update(headers)
                return keyed
            context = self._context(session.get(), request_id, principal, None, locale)
            if keyed is not None:
                context.mark_committed = keyed.committed_marker(media, request_id)
            try:
                if plan.kind:
                    context.charge = await self.admission.charge(client, plan.cost)
                result = await self.schema.execute(
                    plan.resolved.document if mixed is None else mixed.resolver_document,
                    variable_values=params.variables,
                    context_value=context,
                    operation_name=params.operation_name,
                    allowed_operation_types=ALLOWED_OPERATIONS[request.method],
                    operation_extensions=params.extensions,
                )
                if mixed is not None:
                    result = await self._merged(result, mixed)
            except BaseException:
                if keyed is not None and not context.committed_fields:
                    await self._settle_key(keyed, None, request_id)
                raise
            queued = queued_work(context.session)
            reached_database = context.session.in_transaction() or bool(context.committed_fields)
        committed = bool(context.committed_fields)
        outage = _outage_error(result)
        if outage is not None:
            self.outages.failed(outage, refused=not committed)
        elif reached_database:
            self.outages.succeeded()
        if queued and self.jobs is not None:
            await self._run_queued_work(request_id)
        if not _is_request_error(result):
            await self.admission.persisted.remember(plan.resolved)
        report = await self.admission.report(client, plan.cost, context.charge)
        # A committed write is never answered 503: a client would take it for "retry".
        is_retryable = _is_retryable(result) and not committed
        retry = retry_after(self.settings.retry_after_seconds) if is_retryable else None
        response = _graphql_response(result, media, headers, report, retry)
        if keyed is not None:
            await self._settle_key(keyed, None if is_retryable else response, request_id)
        return response

    async def _compiled(
        self,
        params: GraphQLParams,
        plan: Plan,
        client: str,
        media: MediaType,
        headers: dict[str, str],
    ) -> Response | BoundPlan | None:
        """The answer from compiled statements; or, when some root fields are left to the
        resolver tree, what it must run; or ``None`` when it runs everything."""
        assert self.compiled is not None
        env = QueryEnv(today=date.today(), young_talent_max_age=self.settings.young_talent_max_age)
        document = plan.resolved.document
        bound = self.compiled.bind(document, params.operation_name, params.variables, env)
        if bound is None or bound.resolver_document is not None:
            return bound
        statements = bound.statements
        charge = await self.admission.charge(client, plan.cost)
        data = await self.compiled.data(statements)
        self.outages.succeeded()
        await self.admission.persisted.remember(plan.resolved)
        report = await self.admission.report(client, plan.cost, charge)
        return Response(
            response_body(data, report),
            media_type=f"{media.value}; charset=utf-8",
            headers=headers,
        )

    async def _merged(self, result: ExecutionResult, mixed: BoundPlan) -> ExecutionResult:
        """A mixed operation's answer: the resolver tree's root fields with the compiled
        ones, in document order. Data a resolver field's error nulled stays null, and no
        statement runs for it."""
        if result.data is None:
            return result
        assert self.compiled is not None
        compiled = await self.compiled.members(mixed.statements)
        return dataclasses.replace(result, data=merged_data(mixed.keys, compiled, result.data))

    async def _run_queued_work(self, request_id: str) -> None:
        """Nudge the job runner; its failure leaves the jobs queued for the next look."""
        assert self.jobs is not None
        try:
            await self.jobs.after_request()
        except Exception as error:
            logger.warning(
                "request %s left its jobs queued: %s",
                request_id,
                describe(error),
                exc_info=error if unavailable_code(error) is None else None,
            )

    async def _settle_key(
        self, keyed: KeyedRequest, response: Response | None, request_id: str
    ) -> None:
        """Keep the answer for the key's retries, or free the key when nothing committed.

        Failing to store an answer after a commit must not fail the request: the write
        marked the key inside its own transaction, so a retry is answered WRITE_COMMITTED.
        A key that cannot be freed now is freed in the background once the database is
        back, so the client's retry runs instead of waiting for the key to expire.
        """
        try:
            if response is None:
                await keyed.release()
            else:
                await keyed.store(response)
        except Exception as error:
            if unavailable_code(error) is None:
                logger.exception("request %s could not settle its idempotency key", request_id)
                return
            logger.warning(
                "request %s could not settle its idempotency key: %s",
                request_id,
                describe(error),
            )
            if response is None:
                task = asyncio.create_task(keyed.release_when_possible())
                self._pending_releases.add(task)
                task.add_done_callback(self._pending_releases.discard)

    async def _hold_key(
        self, request: Request, params: GraphQLParams, plan: Plan, client: str
    ) -> KeyedRequest | Response | None:
        """A mutation sent with an ``Idempotency-Key``: hold it, or the first answer again."""
        key = request.headers.get(IDEMPOTENCY_HEADER)
        if plan.kind is not Kind.MUTATION or key is None:
            return None
        document = plan.resolved.document
        return await claim_key(
            self.idempotency_keys, key, client, document, params.operation_name, params.variables
        )

    def _context(
        self,
        session: AsyncSession,
        request_id: str,
        principal: Principal,
        charge: Charge | None,
        locale: Locale,
    ) -> Context:
        env = QueryEnv(today=date.today(), young_talent_max_age=self.settings.young_talent_max_age)
        reader = Reader(session, env)
        return Context(
            settings=self.settings,
            session=session,
            reader=reader,
            loaders=Loaders(reader),
            request_id=request_id,
            principal=principal,
            audit=record_audit,
            mailer=self.mailer,
            charge=charge,
            locale=locale,
        )


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


class RequestSession:
    """The request's database session, opened on first use and closed at the end.

    A compiled read by an anonymous caller never opens one. A failure to close is logged,
    not raised: by then the answer is computed (and a write committed), and a connection
    that dies as it is handed back must not turn that answer into an error.
    """

    def __init__(self, factory: async_sessionmaker[AsyncSession], request_id: str) -> None:
        self._factory = factory
        self._request_id = request_id
        self._session: AsyncSession | None = None

    def get(self) -> AsyncSession:
        if self._session is None:
            self._session = self._factory()
        return self._session

    async def __aenter__(self) -> RequestSession:
        return self

    async def __aexit__(self, *_exc_info: object) -> None:
        if self._session is None:
            return
        try:
            await self._session.close()
        except Exception as error:
            logger.warning(
                "request %s: closing its database session failed: %s",
                self._request_id,
                describe(error),
                exc_info=error if unavailable_code(error) is None else None,
            )


def _graphql_response(
    result: ExecutionResult,
    media: MediaType,
    headers: dict[str, str],
    extensions: dict[str, Any],
    retry: dict[str, str] | None = None,
) -> Response:
    """The result as HTTP; ``retry`` (Retry-After) makes it a 503: the server could not serve."""
    is_request_error = _is_request_error(result)
    status = _request_error_status(media) if is_request_error else 200
    if retry is not None:
        status, headers = UNAVAILABLE_STATUS, {**headers, **retry}
    body = _serialise(result, is_request_error)
    body["extensions"] = {**body.get("extensions", {}), **extensions}
    return _json_response(body, status, media, headers)


def _codes(result: ExecutionResult) -> set[str]:
    return {str((error.extensions or {}).get("code")) for error in result.errors or []}


def _is_retryable(result: ExecutionResult) -> bool:
    """Any error saying the database was unreachable or busy makes the whole answer a 503."""
    return any(code.value in _codes(result) for code in RETRYABLE_CODES)


def _outage_error(result: ExecutionResult) -> BaseException | None:
    """The exception behind the first SERVICE_UNAVAILABLE error, for the outage log."""
    for error in result.errors or []:
        if (error.extensions or {}).get("code") == RequestErrorCode.SERVICE_UNAVAILABLE.value:
            return error.original_error or error
    return None


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
