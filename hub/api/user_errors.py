"""The edge between a service's ``FieldError`` and a domain's GraphQL error type.

Services locate problems by their own snake_case names; clients know the API's camelCase
field names. The translation happens here, once, for every domain: the path, and any
`name` quoted in backticks in the message. So does the other translation: a service's
message is a lazy ``Message``, written out in the caller's language only when a client
selects ``message`` (``message_field``).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence
from typing import Protocol, TypeVar

import strawberry
from strawberry.types.enum import EnumValueDefinition
from strawberry.utils.str_converters import to_camel_case

from hub.api.context import Info
from hub.api.locales import LanguageArgument, localised
from hub.core.validation import FieldError, Path
from hub.i18n.messages import Message

Code = TypeVar("Code", bound=enum.Enum)

FIELD_DESCRIPTION = (
    "Path to the input field at fault, from the mutation's `input` (list items by index); "
    "null when the input as a whole is refused."
)
CODE_DESCRIPTION = "Stable code to switch on; the message may change."
MESSAGE_DESCRIPTION = (
    "What went wrong, for a person to read, in the caller's language (`language`, else "
    "`Accept-Language`)."
)

_QUOTED_NAME = re.compile(r"`([a-z][a-z0-9]*(?:_[a-z0-9]+)+)`")

SHARED_CODES: dict[str, str] = {
    "REQUIRED": "A required field is missing or empty.",
    "INVALID": "A value does not have the expected form (pattern, email, address, ...).",
    "TOO_LONG": "A text is longer than its field allows.",
    "TOO_SHORT": "A text is shorter than its field needs.",
    "OUT_OF_RANGE": "A number or date lies outside the range its field allows.",
    "NOT_FOUND": "An id names nothing of the expected type (or nothing the caller can see).",
    "INVALID_ID": "An id is malformed, of another type than the field expects, or has a key "
    "that is not an integer.",
    "DUPLICATE": "A value that must be unique is taken, or a list names something twice.",
    "UNKNOWN_LANGUAGE": "A language code is not an ISO 639-1 code.",
    "UNKNOWN_COUNTRY": "A country code names no country the hub knows.",
    "UNKNOWN_REGION": "A region code is not the ISO 3166-2 code of a country's first-level "
    "subdivision.",
    "REGION_NOT_IN_COUNTRY": "A region lies in another country than the one given or stored.",
    "UNKNOWN_DISCIPLINE": "A slug names no discipline.",
    "INVALID_DATE_RANGE": "An end date lies before its start date.",
    "IN_USE": "The thing cannot go: something else still depends on it.",
    "CONFLICT": "Another change made at the same time conflicts; reload and try again.",
}
"""Descriptions of the codes several domains return, so each enum says them alike."""


def shared_code(name: str) -> EnumValueDefinition:
    """An error-code enum value that means the same in every domain."""
    return strawberry.enum_value(name, description=SHARED_CODES[name])


def api_field(path: Path) -> list[str] | None:
    """A service's path as the API names it: ``("end_date",)`` -> ``["endDate"]``."""
    return [to_camel_case(part) for part in path] or None


def api_message(message: str) -> str:
    """A message whose quoted snake_case names become the API's camelCase names."""
    return _QUOTED_NAME.sub(lambda match: f"`{to_camel_case(match.group(1))}`", message)


def api_code(codes: type[Code], error: FieldError) -> Code:
    """The domain's code for a problem; a code the domain does not declare is a bug."""
    try:
        return codes(error.code.value)
    except ValueError:
        raise LookupError(f"{codes.__name__} lacks the code {error.code.value!r}") from None


def fields_of(
    codes: type[Code], errors: Sequence[FieldError]
) -> list[tuple[list[str] | None, Code, Message]]:
    """Each problem as the (field, code, text) a domain's error type is built from."""
    return [(api_field(e.field), api_code(codes, e), e.message) for e in errors]


class Worded(Protocol):
    """A domain's error type: it keeps the service's ``Message`` as its private ``text``."""

    text: Message


def _message(root: Worded, info: Info, language: LanguageArgument = None) -> str:
    return api_message(localised(root.text, info, language))


def message_field() -> str:
    """The ``message`` field of a domain's error type: its ``text`` in the caller's language."""
    field: str = strawberry.field(resolver=_message, description=MESSAGE_DESCRIPTION)
    return field
