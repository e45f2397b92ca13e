"""What every resolver gets: the request's session, loaders, settings, caller, mailer and
language."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TypeAlias

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from hub.api.limits.charge import Charge
from hub.api.loaders import Loaders
from hub.api.principal import Principal
from hub.config import Settings
from hub.core.mail import Mailer
from hub.core.reader import Reader
from hub.i18n.locales import DEFAULT_LOCALE, Locale


@dataclass(frozen=True)
class AuditEntry:
    """One line of the audit log, as a mutation knows it; who and when are added for it."""

    action: str
    entity_type: str
    entity_id: int | None
    fields: tuple[str, ...]
    denied: bool = False


AuditWriter: TypeAlias = Callable[[AsyncSession, "Context", AuditEntry], Awaitable[None]]
"""Adds an ``AuditEntry`` to the session's transaction; supplied by the app (accounts)."""

CommitMarker: TypeAlias = Callable[[AsyncSession], Awaitable[None]]
"""Runs inside each write's transaction, so what it records commits with the write."""


@dataclass
class Context:
    settings: Settings
    session: AsyncSession
    reader: Reader
    loaders: Loaders
    request_id: str
    principal: Principal
    audit: AuditWriter
    mailer: Mailer
    charge: Charge | None = None  # None when the server sets no rate limit
    locale: Locale = DEFAULT_LOCALE  # negotiated from Accept-Language by the endpoint
    mark_committed: CommitMarker | None = None  # the request's idempotency key, if any
    committed_fields: set[str] = field(default_factory=set)
    """Response keys of the root mutation fields whose transaction committed: an error
    under one of them afterwards is reported as WRITE_COMMITTED, never as a failure."""


Info: TypeAlias = strawberry.Info[Context, None]
