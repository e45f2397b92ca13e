"""How the accounts' mutations say no: sessions and passwords, teams, API keys.

Three error types, so that each mutation's payload lists only the codes it can return."""

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


@strawberry.enum(description="Why registering, a session or a password change refused.")
class AccountErrorCode(enum.Enum):
    REQUIRED = shared_code("REQUIRED")
    INVALID = shared_code("INVALID")
    TOO_LONG = shared_code("TOO_LONG")
    TOO_SHORT = shared_code("TOO_SHORT")
    NOT_FOUND = shared_code("NOT_FOUND")
    INVALID_ID = shared_code("INVALID_ID")
    DUPLICATE = shared_code("DUPLICATE")
    CONFLICT = shared_code("CONFLICT")
    INVALID_CREDENTIALS = strawberry.enum_value(
        "INVALID_CREDENTIALS",
        description="The email or the password is not right.",
    )
    INVALID_REFRESH_TOKEN = strawberry.enum_value(
        "INVALID_REFRESH_TOKEN",
        description="The refresh token is unknown, expired, revoked or already used.",
    )
    INVALID_TOKEN = strawberry.enum_value(
        "INVALID_TOKEN",
        description="The confirmation token is unknown, expired or already used.",
    )


@strawberry.type(description="A problem with an account mutation's input; nothing was changed.")
class AccountError:
    field: list[str] | None = strawberry.field(description=FIELD_DESCRIPTION)
    code: AccountErrorCode = strawberry.field(description=CODE_DESCRIPTION)
    text: strawberry.Private[Message]
    message: str = message_field()


def account_errors(errors: Sequence[FieldError]) -> list[AccountError]:
    return [
        AccountError(field=field, code=code, text=text)
        for field, code, text in fields_of(AccountErrorCode, errors)
    ]


@strawberry.enum(description="Why an invitation, its answer or a member's removal refused.")
class TeamErrorCode(enum.Enum):
    INVALID = shared_code("INVALID")
    TOO_LONG = shared_code("TOO_LONG")
    NOT_FOUND = shared_code("NOT_FOUND")
    INVALID_ID = shared_code("INVALID_ID")
    DUPLICATE = shared_code("DUPLICATE")
    IN_USE = shared_code("IN_USE")
    CONFLICT = shared_code("CONFLICT")
    ALREADY_MEMBER = strawberry.enum_value(
        "ALREADY_MEMBER",
        description="The person already belongs to the organisation.",
    )
    ALREADY_PARTICIPANT = strawberry.enum_value(
        "ALREADY_PARTICIPANT",
        description="The creator already takes part in the project.",
    )
    INVITATION_CLOSED = strawberry.enum_value(
        "INVITATION_CLOSED",
        description="The invitation was already accepted or declined.",
    )
    PROJECT_CLOSED = strawberry.enum_value(
        "PROJECT_CLOSED",
        description="The project is completed or cancelled: it takes no one.",
    )
    ROLE_CLOSED = strawberry.enum_value(
        "ROLE_CLOSED",
        description="The open role is closed.",
    )
    ROLE_FILLED = strawberry.enum_value(
        "ROLE_FILLED",
        description="Every place in the open role is taken.",
    )


@strawberry.type(
    description="A problem with a membership or invitation mutation's input; nothing was changed."
)
class TeamError:
    field: list[str] | None = strawberry.field(description=FIELD_DESCRIPTION)
    code: TeamErrorCode = strawberry.field(description=CODE_DESCRIPTION)
    text: strawberry.Private[Message]
    message: str = message_field()


def team_errors(errors: Sequence[FieldError]) -> list[TeamError]:
    return [
        TeamError(field=field, code=code, text=text)
        for field, code, text in fields_of(TeamErrorCode, errors)
    ]


@strawberry.enum(description="Why creating or revoking an API key refused.")
class ApiKeyErrorCode(enum.Enum):
    REQUIRED = shared_code("REQUIRED")
    TOO_LONG = shared_code("TOO_LONG")
    NOT_FOUND = shared_code("NOT_FOUND")
    INVALID_ID = shared_code("INVALID_ID")
    CONFLICT = shared_code("CONFLICT")


@strawberry.type(description="A problem with an API key mutation's input; nothing was changed.")
class ApiKeyError:
    field: list[str] | None = strawberry.field(description=FIELD_DESCRIPTION)
    code: ApiKeyErrorCode = strawberry.field(description=CODE_DESCRIPTION)
    text: strawberry.Private[Message]
    message: str = message_field()


def api_key_errors(errors: Sequence[FieldError]) -> list[ApiKeyError]:
    return [
        ApiKeyError(field=field, code=code, text=text)
        for field, code, text in fields_of(ApiKeyErrorCode, errors)
    ]
