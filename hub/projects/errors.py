"""How a project mutation says no: the codes it may return, and the error that carries one."""

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


@strawberry.enum(description="Why a mutation of a project, its participants or roles refused.")
class ProjectErrorCode(enum.Enum):
    REQUIRED = shared_code("REQUIRED")
    INVALID = shared_code("INVALID")
    TOO_LONG = shared_code("TOO_LONG")
    OUT_OF_RANGE = shared_code("OUT_OF_RANGE")
    NOT_FOUND = shared_code("NOT_FOUND")
    INVALID_ID = shared_code("INVALID_ID")
    DUPLICATE = shared_code("DUPLICATE")
    UNKNOWN_LANGUAGE = shared_code("UNKNOWN_LANGUAGE")
    UNKNOWN_COUNTRY = shared_code("UNKNOWN_COUNTRY")
    UNKNOWN_DISCIPLINE = shared_code("UNKNOWN_DISCIPLINE")
    INVALID_DATE_RANGE = shared_code("INVALID_DATE_RANGE")
    IN_USE = shared_code("IN_USE")
    CONFLICT = shared_code("CONFLICT")
    UNKNOWN_CURRENCY = strawberry.enum_value(
        "UNKNOWN_CURRENCY", description="A budget's currency is not an ISO 4217 code."
    )
    INVALID_AMOUNT = strawberry.enum_value(
        "INVALID_AMOUNT",
        description="A budget is negative or has more decimals than its currency has.",
    )
    INVALID_STATUS_TRANSITION = strawberry.enum_value(
        "INVALID_STATUS_TRANSITION",
        description="The project cannot move from its status to the one asked for; the "
        "message lists the allowed ones (see `Project.allowedTransitions`).",
    )
    LEAD_REQUIRED = strawberry.enum_value(
        "LEAD_REQUIRED", description="A project needs a lead organisation or a lead creator."
    )
    ALREADY_PARTICIPANT = strawberry.enum_value(
        "ALREADY_PARTICIPANT", description="The creator or organisation already takes part."
    )
    PROJECT_CLOSED = strawberry.enum_value(
        "PROJECT_CLOSED", description="The project is completed or cancelled: it takes no one."
    )
    ROLE_CLOSED = strawberry.enum_value("ROLE_CLOSED", description="The open role is closed.")
    LOCATION_REQUIRED = strawberry.enum_value(
        "LOCATION_REQUIRED",
        description="A role that cannot be done remotely needs a location country.",
    )
    MINIMUM_FOR_UNREQUIRED_LANGUAGE = strawberry.enum_value(
        "MINIMUM_FOR_UNREQUIRED_LANGUAGE",
        description="A minimum proficiency is set for a language the role does not require.",
    )


@strawberry.type(description="A problem with a project mutation's input; nothing was changed.")
class ProjectError:
    field: list[str] | None = strawberry.field(description=FIELD_DESCRIPTION)
    code: ProjectErrorCode = strawberry.field(description=CODE_DESCRIPTION)
    text: strawberry.Private[Message]
    message: str = message_field()


def project_errors(errors: Sequence[FieldError]) -> list[ProjectError]:
    return [
        ProjectError(field=field, code=code, text=text)
        for field, code, text in fields_of(ProjectErrorCode, errors)
    ]
