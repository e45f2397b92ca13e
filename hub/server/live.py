"""GraphQL subscriptions over WebSocket (``graphql-transport-ws``) at ``/graphql``.

Strawberry's ASGI view speaks the protocol; this sets up what our resolvers expect: one
database session per connection (closed with it), and the caller, authenticated in
``connection_init`` with the same credentials as HTTP (``{"Authorization": "Bearer …"}``
or ``{"X-API-Key": …}``); a bad credential closes the connection (4403).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types.unset import UnsetType

from hub.accounts.audit import record_audit
from hub.accounts.authentication import Unauthenticated, authenticate
from hub.api.context import Context
from hub.api.loaders import Loaders
from hub.api.principal import Principal
from hub.config import Settings
from hub.core.mail import Mailer
from hub.core.mapping import QueryEnv
from hub.core.reader import Reader
from hub.server.schema import HubSchema

SESSION_KEY = "hub.live.session"


@dataclass
class LiveContext(Context):
    """A connection's context; ``connection_params`` is what ``connection_init`` carried."""

    connection_params: dict[str, Any] | None = None


class LiveView(GraphQL[LiveContext, None]):
    def __init__(
        self,
        schema: HubSchema,
        settings: Settings,
        sessions: async_sessionmaker[AsyncSession],
        mailer: Mailer,
    ) -> None:
        super().__init__(schema, subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,))
        self.settings = settings
        self.sessions = sessions
        self.mailer = mailer

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async with self.sessions() as session:
            scope[SESSION_KEY] = session
            await super().__call__(scope, receive, send)

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> LiveContext:
        session: AsyncSession = request.scope[SESSION_KEY]
        env = QueryEnv(today=date.today(), young_talent_max_age=self.settings.young_talent_max_age)
        reader = Reader(session, env)
        return LiveContext(
            settings=self.settings,
            session=session,
            reader=reader,
            loaders=Loaders(reader),
            request_id=uuid.uuid4().hex,
            principal=Principal.anonymous(),
            audit=record_audit,
            mailer=self.mailer,
        )

    async def on_ws_connect(self, context: LiveContext) -> UnsetType | dict[str, object] | None:
        params = context.connection_params or {}
        headers = {name.lower(): value for name, value in params.items() if isinstance(value, str)}
        try:
            context.principal = await authenticate(headers, self.settings, context.session)
        except Unauthenticated as refused:
            raise ConnectionRejectionError({"message": str(refused)}) from refused
        return await super().on_ws_connect(context)
