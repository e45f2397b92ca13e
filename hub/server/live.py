"""GraphQL subscriptions over WebSocket (``graphql-transport-ws``) at ``/graphql``.

Strawberry's ASGI view speaks the protocol; this sets up what our resolvers expect: one
database session per connection (closed with it), and the caller, authenticated in
``connection_init`` with the same credentials as HTTP (``{"Authorization": "Bearer …"}``
or ``{"X-API-Key": …}``); a bad credential closes the connection (4403) and costs its
address a point, as over HTTP.

Each ``subscribe`` is admitted like an HTTP request before it runs: at most
``HUB_MAX_SUBSCRIPTIONS_PER_CONNECTION`` at once on a connection, then the same limits
(``limits.admission``: trusted documents, length, depth, aliases, cost) and a charge to
the caller's rate limit. A refusal is an ``error`` message for that operation id with
the code HTTP would give; the connection and its other subscriptions carry on. Only
subscriptions run here: queries and mutations go over HTTP.
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar, cast

from graphql import GraphQLFormattedError
from sqlalchemy import Executable, RowMapping
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.requests import HTTPConnection, Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import (
    BaseGraphQLTransportWSHandler,
)
from strawberry.subscriptions.protocols.graphql_transport_ws.types import SubscribeMessage
from strawberry.types.unset import UnsetType

from hub.accounts.audit import record_audit
from hub.accounts.authentication import Unauthenticated, authenticate
from hub.api.context import Context
from hub.api.errors import RequestErrorCode
from hub.api.loaders import Loaders
from hub.api.principal import Principal
from hub.config import Settings
from hub.core.mail import Mailer
from hub.core.mapping import QueryEnv
from hub.core.reader import Reader
from hub.i18n.catalogs import render
from hub.i18n.locales import negotiate
from hub.i18n.messages import _n
from hub.server.limits.admission import Admission
from hub.server.limits.clients import client_identity
from hub.server.limits.refusal import Refused
from hub.server.params import MalformedRequest, validated
from hub.server.schema import HubSchema

READER_KEY = "hub.live.reader"
FAILED_CREDENTIAL_COST = 1
T = TypeVar("T")


class ConnectionReader(Reader):
    """A connection's reads, each finished even when its subscription is cancelled.

    A client may leave while one of its subscriptions is half-way through a read or a
    rollback; cancelled there, the session would be left mid-change and could not be
    closed. Shielded, the read completes, and ``finished`` waits for the last one.
    """

    async def rows(
        self, statement: Executable, parameters: Mapping[str, Any] | None = None
    ) -> Sequence[RowMapping]:
        return await asyncio.shield(super().rows(statement, parameters))

    async def scalar(self, statement: Executable) -> Any:
        return await asyncio.shield(super().scalar(statement))

    async def run(self, work: Callable[[AsyncSession], Awaitable[T]]) -> T:
        return await asyncio.shield(super().run(work))

    async def finished(self) -> None:
        """Once every read begun has ended."""
        async with self._lock:
            pass


@dataclass
class LiveContext(Context):
    """A connection's context; ``connection_params`` is what ``connection_init`` carried,
    ``client`` whom its subscriptions are charged to."""

    connection_params: dict[str, Any] | None = None
    connection: HTTPConnection | None = None
    client: str = "ip:unknown"


def _error(message: str, code: RequestErrorCode, **details: Any) -> GraphQLFormattedError:
    return {"message": message, "extensions": {"code": code.value, **details}}


class LiveHandler(BaseGraphQLTransportWSHandler[LiveContext, None]):
    """The protocol, with the hub's admission in front of every ``subscribe``."""

    async def handle_subscribe(self, message: SubscribeMessage) -> None:
        # Before the acknowledgement, or with an id in use, the protocol closes the
        # connection: Strawberry does that.
        if self.connection_acknowledged and message["id"] not in self.operations:
            view = cast(LiveView, self.view)
            try:
                errors = await view.admit(self.context, message, running=len(self.operations))
            except MalformedRequest as malformed:
                await self.websocket.close(code=4400, reason=str(malformed))
                return
            if errors:
                await self.send_message({"id": message["id"], "type": "error", "payload": errors})
                return
        await super().handle_subscribe(message)


class LiveView(GraphQL[LiveContext, None]):
    graphql_transport_ws_handler_class = LiveHandler

    def __init__(
        self,
        schema: HubSchema,
        settings: Settings,
        sessions: async_sessionmaker[AsyncSession],
        mailer: Mailer,
        admission: Admission,
    ) -> None:
        # The limit of subscriptions per connection is ours (``admit``), with a code.
        super().__init__(
            schema,
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
            max_subscriptions_per_connection=None,
        )
        self.settings = settings
        self.sessions = sessions
        self.mailer = mailer
        self.admission = admission

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async with self.sessions() as session:
            env = QueryEnv(
                today=date.today(), young_talent_max_age=self.settings.young_talent_max_age
            )
            reader = ConnectionReader(session, env)
            scope[READER_KEY] = reader
            try:
                await super().__call__(scope, receive, send)
            finally:
                await reader.finished()

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> LiveContext:
        reader: ConnectionReader = request.scope[READER_KEY]
        return LiveContext(
            settings=self.settings,
            session=reader.session,
            reader=reader,
            loaders=Loaders(reader),
            request_id=uuid.uuid4().hex,
            principal=Principal.anonymous(),
            audit=record_audit,
            mailer=self.mailer,
            locale=negotiate(request.headers.get("accept-language")),
            connection=request,
            client=client_identity(request, self.settings.trusted_proxies, None),
        )

    async def on_ws_connect(self, context: LiveContext) -> UnsetType | dict[str, object] | None:
        params = context.connection_params or {}
        headers = {name.lower(): value for name, value in params.items() if isinstance(value, str)}
        if "accept-language" in headers:
            context.locale = negotiate(headers["accept-language"])
        try:
            context.principal = await context.reader.run(
                lambda session: authenticate(headers, self.settings, session)
            )
        except Unauthenticated as refused:
            # A refused credential costs its address a point, as over HTTP.
            # Already out of points, it is refused all the same.
            with contextlib.suppress(Refused):
                await self.admission.charge(context.client, FAILED_CREDENTIAL_COST)
            raise ConnectionRejectionError({"message": str(refused)}) from refused
        # The connection goes back to the pool until a subscription reads.
        await context.reader.run(lambda session: session.rollback())
        assert context.connection is not None
        context.client = client_identity(
            context.connection, self.settings.trusted_proxies, context.principal.rate_limit_key
        )
        return await super().on_ws_connect(context)

    async def admit(
        self, context: LiveContext, message: SubscribeMessage, *, running: int
    ) -> list[GraphQLFormattedError] | None:
        """Why the subscription may not start, as its ``error`` payload; ``None`` to run it.

        Admitted, it runs the document admission resolved (a trusted document sent by
        its hash, say) and has been charged its cost.
        """
        limit = self.settings.max_subscriptions_per_connection
        if running >= limit:
            refusal = _n(
                "This connection already runs {count} subscription, the most one may: "
                "complete it, or open another connection.",
                "This connection already runs {count} subscriptions, the most one may: "
                "complete one, or open another connection.",
                limit,
            )
            return [
                _error(
                    render(refusal, context.locale),
                    RequestErrorCode.TOO_MANY_SUBSCRIPTIONS,
                    maxSubscriptionsPerConnection=limit,
                )
            ]
        payload = message.get("payload")
        params = validated(payload if isinstance(payload, dict) else {})
        try:
            plan = await self.admission.plan(params, context.client, websocket=True)
            if plan.problem is not None:
                return [_error(plan.problem, RequestErrorCode.GRAPHQL_VALIDATION_FAILED)]
            if plan.kind is None:
                return None  # not GraphQL: the protocol closes the connection (4400)
            await self.admission.charge(context.client, plan.cost)
        except Refused as refused:
            errors: list[GraphQLFormattedError] = refused.body()["errors"]
            return errors
        message["payload"]["query"] = plan.resolved.document
        return None
