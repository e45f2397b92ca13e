"""What every resolver gets: the request's session, loaders, settings and caller."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeAlias

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from hub.api.limits.charge import Charge
from hub.api.loaders import Loaders
from hub.config import Settings
from hub.core.reader import Reader


@dataclass
class Context:
    settings: Settings
    session: AsyncSession
    reader: Reader
    loaders: Loaders
    request_id: str
    is_admin: bool
    charge: Charge | None = None  # None when the server sets no rate limit


Info: TypeAlias = strawberry.Info[Context, None]
