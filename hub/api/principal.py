"""Who is calling: the one fact about a request that every permission check reads."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from hub.i18n.messages import Message


class PrincipalKind(enum.Enum):
    ANONYMOUS = "ANONYMOUS"
    USER = "USER"
    API_KEY = "API_KEY"
    ADMIN_TOKEN = "ADMIN_TOKEN"


class Denied(Exception):
    """A permission rule refused the caller; the write it guarded changes nothing."""

    def __init__(self, message: Message) -> None:
        super().__init__(str(message))
        self.message = message


class Scope(enum.Enum):
    """What an organisation's API key may do; ``WRITE`` includes reading."""

    READ = "READ"
    WRITE = "WRITE"


@dataclass(frozen=True)
class Principal:
    """The caller of one request, established once from its credentials.

    A user (staff or not) logged in with an access token, an organisation's API key
    with its scopes, the bootstrap admin token (which acts as staff, for automation),
    or nobody.
    """

    kind: PrincipalKind
    user_id: int | None = None
    is_staff: bool = False
    session_id: str | None = None
    api_key_id: int | None = None
    organisation_id: int | None = None
    scopes: frozenset[Scope] = frozenset()

    @classmethod
    def anonymous(cls) -> Principal:
        return ANONYMOUS

    @classmethod
    def admin_token(cls) -> Principal:
        return cls(PrincipalKind.ADMIN_TOKEN, is_staff=True)

    @property
    def is_authenticated(self) -> bool:
        return self.kind is not PrincipalKind.ANONYMOUS

    @property
    def can_write(self) -> bool:
        """Anyone authenticated may attempt a write, except a key without ``WRITE``."""
        if self.kind is PrincipalKind.API_KEY:
            return Scope.WRITE in self.scopes
        return self.is_authenticated

    @property
    def rate_limit_key(self) -> str | None:
        """A stable identity to count requests against; ``None`` for anonymous callers."""
        match self.kind:
            case PrincipalKind.USER:
                return f"user:{self.user_id}"
            case PrincipalKind.API_KEY:
                return f"key:{self.api_key_id}"
            case PrincipalKind.ADMIN_TOKEN:
                return "admin"
            case _:
                return None


ANONYMOUS = Principal(PrincipalKind.ANONYMOUS)
"""The caller without credentials: one value shared by every anonymous request."""
