"""How a credential mutation says no: the codes it may return, and the error that carries one."""

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


@strawberry.enum(description="Why a mutation of a credential refused.")
class CredentialErrorCode(enum.Enum):
    REQUIRED = shared_code("REQUIRED")
    TOO_LONG = shared_code("TOO_LONG")
    NOT_FOUND = shared_code("NOT_FOUND")
    INVALID_ID = shared_code("INVALID_ID")
    CONFLICT = shared_code("CONFLICT")
    ALREADY_REVOKED = strawberry.enum_value(
        "ALREADY_REVOKED", description="The credential was revoked before; it stays revoked."
    )
    NOT_COMPLETED = strawberry.enum_value(
        "NOT_COMPLETED", description="Only a completed application earns a credential."
    )
    NO_DISCIPLINE = strawberry.enum_value(
        "NO_DISCIPLINE",
        description="The programme teaches no discipline a credential could attest.",
    )


@strawberry.type(description="A problem with a credential mutation's input; nothing was changed.")
class CredentialError:
    field: list[str] | None = strawberry.field(description=FIELD_DESCRIPTION)
    code: CredentialErrorCode = strawberry.field(description=CODE_DESCRIPTION)
    text: strawberry.Private[Message]
    message: str = message_field()


def credential_errors(errors: Sequence[FieldError]) -> list[CredentialError]:
    return [
        CredentialError(field=field, code=code, text=text)
        for field, code, text in fields_of(CredentialErrorCode, errors)
    ]
