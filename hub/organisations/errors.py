"""How an organisation mutation says no: the codes it may return, and the error that carries one."""

from __future__ import annotations

import enum
from collections.abc import Sequence

import strawberry

from hub.api.user_errors import (
    CODE_DESCRIPTION,
    FIELD_DESCRIPTION,
    fields_of,
    message_field,
    shared_code,
)
from hub.core.validation import FieldError
from hub.i18n.messages import Message


@strawberry.enum(description="Why a mutation of an organisation refused.")
class OrganisationErrorCode(enum.Enum):
    REQUIRED = shared_code("REQUIRED")
    INVALID = shared_code("INVALID")
    TOO_LONG = shared_code("TOO_LONG")
    OUT_OF_RANGE = shared_code("OUT_OF_RANGE")
    NOT_FOUND = shared_code("NOT_FOUND")
    INVALID_ID = shared_code("INVALID_ID")
    DUPLICATE = shared_code("DUPLICATE")
    UNKNOWN_LANGUAGE = shared_code("UNKNOWN_LANGUAGE")
    UNKNOWN_COUNTRY = shared_code("UNKNOWN_COUNTRY")
    UNKNOWN_REGION = shared_code("UNKNOWN_REGION")
    REGION_NOT_IN_COUNTRY = shared_code("REGION_NOT_IN_COUNTRY")
    UNKNOWN_DISCIPLINE = shared_code("UNKNOWN_DISCIPLINE")
    IN_USE = shared_code("IN_USE")
    CONFLICT = shared_code("CONFLICT")


@strawberry.type(
    description="A problem with an organisation mutation's input; nothing was changed."
)
class OrganisationError:
    field: list[str] | None = strawberry.field(description=FIELD_DESCRIPTION)
    code: OrganisationErrorCode = strawberry.field(description=CODE_DESCRIPTION)
    text: strawberry.Private[Message]
    message: str = message_field()


def organisation_errors(errors: Sequence[FieldError]) -> list[OrganisationError]:
    return [
        OrganisationError(field=field, code=code, text=text)
        for field, code, text in fields_of(OrganisationErrorCode, errors)
    ]
