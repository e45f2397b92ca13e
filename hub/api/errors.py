"""Errors as the API shows them: typed userErrors in payloads, coded GraphQL errors."""

from __future__ import annotations

import enum

import strawberry
from graphql import GraphQLError

from hub.api.enums import graphql_enum
from hub.api.principal import Denied
from hub.core.validation import ErrorCode, FieldError

graphql_enum(
    ErrorCode,
    name="UserErrorCode",
    description="Why an input was refused.",
    values={
        ErrorCode.REQUIRED: "A required value is missing or empty.",
        ErrorCode.INVALID: "The value is not in the form expected.",
        ErrorCode.TOO_LONG: "The value is longer than allowed.",
        ErrorCode.OUT_OF_RANGE: "The number or date is outside the range allowed.",
        ErrorCode.NOT_FOUND: "The object referred to does not exist, or is not visible to "
        "the caller.",
        ErrorCode.DUPLICATE: "Another object already has this value (a handle, slug or email).",
        ErrorCode.UNKNOWN_COUNTRY: "No country has this code.",
        ErrorCode.UNKNOWN_DISCIPLINE: "No discipline has this code.",
        ErrorCode.UNKNOWN_LANGUAGE: "No language has this code.",
        ErrorCode.UNKNOWN_CURRENCY: "No currency has this code.",
        ErrorCode.INVALID_AMOUNT: "The amount is negative, or finer than its currency allows.",
        ErrorCode.INVALID_DATE_RANGE: "The end comes before the start.",
        ErrorCode.INVALID_STATUS_TRANSITION: "The status cannot go from the current one to "
        "this one.",
        ErrorCode.ALREADY_PARTICIPANT: "They already take part in the project.",
        ErrorCode.LEAD_REQUIRED: "A project needs a lead organisation or a lead creator.",
        ErrorCode.IN_USE: "It cannot go while something depends on it (a project's lead, an "
        "organisation's last owner).",
        ErrorCode.ROLE_CLOSED: "The open role no longer takes anyone.",
        ErrorCode.PROJECT_CLOSED: "The project is completed or cancelled.",
        ErrorCode.CONFLICT: "Someone changed the same thing at the same time: reload and try "
        "again.",
        ErrorCode.TOO_SHORT: "The value is shorter than required (a password).",
        ErrorCode.INVALID_CREDENTIALS: "The email or the password is wrong.",
        ErrorCode.INVALID_REFRESH_TOKEN: "The refresh token is unknown, expired or used.",
        ErrorCode.INVALID_TOKEN: "The token is unknown, expired or used.",
        ErrorCode.NOT_INVITEE: "The invitation is addressed to someone else.",
        ErrorCode.INVITATION_CLOSED: "The invitation was already accepted or declined.",
        ErrorCode.ALREADY_MEMBER: "They are already a member.",
        ErrorCode.ROLE_FILLED: "Every place in the open role is taken.",
    },
)
UserErrorCode = ErrorCode


@strawberry.type(description="A problem with a mutation's input; nothing was changed.")
class UserError:
    field: list[str] | None = strawberry.field(
        description="Path to the input field at fault, from the mutation's `input`."
    )
    code: UserErrorCode = strawberry.field(description="Stable code to switch on.")
    message: str = strawberry.field(description="What went wrong, for a person to read.")

    @classmethod
    def from_field_error(cls, error: FieldError) -> UserError:
        return cls(field=list(error.field) or None, code=error.code, message=error.message)


class RequestErrorCode(enum.StrEnum):
    """Codes in ``errors[].extensions.code`` for errors that are not userErrors."""

    BAD_USER_INPUT = "BAD_USER_INPUT"
    PAGE_SIZE_TOO_LARGE = "PAGE_SIZE_TOO_LARGE"
    INVALID_CURSOR = "INVALID_CURSOR"
    UNAUTHENTICATED = "UNAUTHENTICATED"
    FORBIDDEN = "FORBIDDEN"
    NOT_FOUND = "NOT_FOUND"
    SEARCH_TOO_BROAD = "SEARCH_TOO_BROAD"
    ROLE_NOT_OPEN = "ROLE_NOT_OPEN"
    EMPTY_CRITERIA = "EMPTY_CRITERIA"
    INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR"
    # Limits checked before execution: nothing ran.
    DOCUMENT_TOO_LONG = "DOCUMENT_TOO_LONG"
    TEXT_TOO_LONG = "TEXT_TOO_LONG"
    TOO_MANY_TOKENS = "TOO_MANY_TOKENS"
    QUERY_TOO_DEEP = "QUERY_TOO_DEEP"
    TOO_MANY_ALIASES = "TOO_MANY_ALIASES"
    QUERY_TOO_COSTLY = "QUERY_TOO_COSTLY"
    RATE_LIMITED = "RATE_LIMITED"
    # Persisted queries (Apollo's protocol) and trusted documents.
    PERSISTED_QUERY_NOT_FOUND = "PERSISTED_QUERY_NOT_FOUND"
    PERSISTED_QUERY_HASH_MISMATCH = "PERSISTED_QUERY_HASH_MISMATCH"
    PERSISTED_QUERY_INVALID = "PERSISTED_QUERY_INVALID"
    DOCUMENT_NOT_TRUSTED = "DOCUMENT_NOT_TRUSTED"


class HubError(GraphQLError):
    """An expected GraphQL error, shown to the client with its code."""

    def __init__(self, message: str, code: RequestErrorCode) -> None:
        super().__init__(message, extensions={"code": code.value})


def forbidden(denied: Denied) -> HubError:
    """A refusal made during a read, as the error a client sees."""
    return HubError(denied.message, RequestErrorCode.FORBIDDEN)
