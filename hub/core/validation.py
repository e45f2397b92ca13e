"""Expected failures of writes, as values: what went wrong, where, with a stable code."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class ErrorCode(enum.Enum):
    """Stable codes clients switch on; messages are for people and may change."""

    REQUIRED = "REQUIRED"
    INVALID = "INVALID"
    TOO_LONG = "TOO_LONG"
    OUT_OF_RANGE = "OUT_OF_RANGE"
    NOT_FOUND = "NOT_FOUND"
    INVALID_ID = "INVALID_ID"
    DUPLICATE = "DUPLICATE"
    UNKNOWN_COUNTRY = "UNKNOWN_COUNTRY"
    UNKNOWN_DISCIPLINE = "UNKNOWN_DISCIPLINE"
    UNKNOWN_LANGUAGE = "UNKNOWN_LANGUAGE"
    UNKNOWN_CURRENCY = "UNKNOWN_CURRENCY"
    INVALID_AMOUNT = "INVALID_AMOUNT"
    INVALID_DATE_RANGE = "INVALID_DATE_RANGE"
    INVALID_STATUS_TRANSITION = "INVALID_STATUS_TRANSITION"
    ALREADY_PARTICIPANT = "ALREADY_PARTICIPANT"
    LEAD_REQUIRED = "LEAD_REQUIRED"
    IN_USE = "IN_USE"
    ROLE_CLOSED = "ROLE_CLOSED"
    PROJECT_CLOSED = "PROJECT_CLOSED"
    CONFLICT = "CONFLICT"
    TOO_SHORT = "TOO_SHORT"
    INVALID_CREDENTIALS = "INVALID_CREDENTIALS"
    INVALID_REFRESH_TOKEN = "INVALID_REFRESH_TOKEN"
    INVALID_TOKEN = "INVALID_TOKEN"
    NOT_INVITEE = "NOT_INVITEE"
    INVITATION_CLOSED = "INVITATION_CLOSED"
    ALREADY_MEMBER = "ALREADY_MEMBER"
    ROLE_FILLED = "ROLE_FILLED"


@dataclass(frozen=True)
class FieldError:
    """One problem with the input, located by its path in the input object."""

    field: tuple[str, ...]
    code: ErrorCode
    message: str


@dataclass
class Problems:
    """Collects every problem with an input so a client can fix them all at once."""

    errors: list[FieldError] = field(default_factory=list)

    def add(self, path: tuple[str, ...] | str, code: ErrorCode, message: str) -> None:
        location = (path,) if isinstance(path, str) else path
        self.errors.append(FieldError(location, code, message))

    def __bool__(self) -> bool:
        return bool(self.errors)


class Rejected(Exception):
    """Raised by a service to abandon a write; its transaction rolls back.

    The mutation layer turns it into ``userErrors``: the failure reaches the client as a
    value, while the exception guarantees nothing half-written is committed.
    """

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("; ".join(error.message for error in errors))
        self.errors = errors

    @classmethod
    def one(cls, path: tuple[str, ...] | str, code: ErrorCode, message: str) -> Rejected:
        location = (path,) if isinstance(path, str) else path
        return cls([FieldError(location, code, message)])
