"""Expected failures of writes, as values: what went wrong, where, with a stable code.

The core knows only the codes of its own checks (``FieldCode``); each domain declares the
codes of its rules in its ``errors.py``. A ``FieldError`` carries either, and the domain's
mutations turn it into that domain's error type by the code's value.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from hub.i18n.messages import Message


class FieldCode(enum.Enum):
    """Codes of the checks every domain shares (text, patterns, ranges, lookups)."""

    REQUIRED = "REQUIRED"
    INVALID = "INVALID"
    TOO_LONG = "TOO_LONG"
    TOO_SHORT = "TOO_SHORT"
    OUT_OF_RANGE = "OUT_OF_RANGE"
    NOT_FOUND = "NOT_FOUND"
    INVALID_ID = "INVALID_ID"
    DUPLICATE = "DUPLICATE"
    UNKNOWN_LANGUAGE = "UNKNOWN_LANGUAGE"
    INVALID_DATE_RANGE = "INVALID_DATE_RANGE"
    CONFLICT = "CONFLICT"


Path = tuple[str, ...]
"""Where a problem is, from the service's input: snake_case names and list indexes."""


def as_path(path: Path | str) -> Path:
    """A field's name as a one-part path; a path as it is."""
    return (path,) if isinstance(path, str) else path


@dataclass(frozen=True)
class FieldError:
    """One problem with the input, located by its path in the input object.

    The message is rendered in the caller's language at the API's edge.
    """

    field: Path
    code: enum.Enum
    message: Message


@dataclass
class Problems:
    """Collects every problem with an input so a client can fix them all at once."""

    errors: list[FieldError] = field(default_factory=list)

    def add(self, path: Path | str, code: enum.Enum, message: Message) -> None:
        self.errors.append(FieldError(as_path(path), code, message))

    def raise_any(self) -> None:
        """Abandon the write when any problem was found."""
        if self.errors:
            raise Rejected(self.errors)

    def __bool__(self) -> bool:
        return bool(self.errors)


class Rejected(Exception):
    """Raised by a service to abandon a write; its transaction rolls back.

    The mutation layer turns it into ``userErrors``: the failure reaches the client as a
    value, while the exception guarantees nothing half-written is committed.
    """

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("; ".join(str(error.message) for error in errors))
        self.errors = errors

    @classmethod
    def one(cls, path: Path | str, code: enum.Enum, message: Message) -> Rejected:
        return cls([FieldError(as_path(path), code, message)])
