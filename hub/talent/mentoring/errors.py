"""How a mentoring mutation says no: the codes it may return, and the error that carries one."""

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


@strawberry.enum(description="Why a mutation of mentoring or a pairing refused.")
class MentoringErrorCode(enum.Enum):
    TOO_LONG = shared_code("TOO_LONG")
    OUT_OF_RANGE = shared_code("OUT_OF_RANGE")
    NOT_FOUND = shared_code("NOT_FOUND")
    INVALID_ID = shared_code("INVALID_ID")
    CONFLICT = shared_code("CONFLICT")
    SELF_PAIRING = strawberry.enum_value(
        "SELF_PAIRING", description="A creator cannot mentor themselves."
    )
    NOT_A_MENTOR = strawberry.enum_value(
        "NOT_A_MENTOR",
        description="The creator does not mentor (not a mentor, or offers no places).",
    )
    MENTOR_FULL = strawberry.enum_value(
        "MENTOR_FULL",
        description="Every place the mentor offers is taken by proposed or active pairings.",
    )
    ALREADY_PAIRED = strawberry.enum_value(
        "ALREADY_PAIRED", description="The two already have a proposed or active pairing."
    )
    CAPACITY_BELOW_TAKEN = strawberry.enum_value(
        "CAPACITY_BELOW_TAKEN",
        description="A mentor's capacity cannot drop below their proposed and active pairings.",
    )
    PAIRING_FINISHED = strawberry.enum_value(
        "PAIRING_FINISHED",
        description="The pairing is completed, ended or declined: its goals no longer change.",
    )
    INVALID_STATUS_TRANSITION = strawberry.enum_value(
        "INVALID_STATUS_TRANSITION",
        description="The pairing cannot move from its status to the one asked for; the "
        "message lists the allowed ones.",
    )


@strawberry.type(description="A problem with a mentoring mutation's input; nothing was changed.")
class MentoringError:
    field: list[str] | None = strawberry.field(description=FIELD_DESCRIPTION)
    code: MentoringErrorCode = strawberry.field(description=CODE_DESCRIPTION)
    text: strawberry.Private[Message]
    message: str = message_field()


def mentoring_errors(errors: Sequence[FieldError]) -> list[MentoringError]:
    return [
        MentoringError(field=field, code=code, text=text)
        for field, code, text in fields_of(MentoringErrorCode, errors)
    ]
