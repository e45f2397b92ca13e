"""Errors as the API shows them: typed userErrors in payloads, coded GraphQL errors."""

from __future__ import annotations

import enum

from graphql import GraphQLError

from hub.api.principal import Denied
from hub.i18n.catalogs import render
from hub.i18n.locales import Locale


class RequestErrorCode(enum.StrEnum):
    """Codes in ``errors[].extensions.code`` for errors that are not userErrors.

    Every error a client's input causes carries one of these; docs/errors.md says what
    each means.
    """

    # The request itself: nothing ran.
    GRAPHQL_PARSE_FAILED = "GRAPHQL_PARSE_FAILED"
    """The document is not GraphQL (a syntax error)."""
    GRAPHQL_VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"
    """The document asks for fields, arguments or types the schema does not have."""
    BAD_USER_INPUT = "BAD_USER_INPUT"
    """An argument or variable has a value its type or its field does not accept."""
    INVALID_ID = "INVALID_ID"
    """A global ID is malformed, of another type than expected, or has a non-integer key."""
    INVALID_CHARACTER = "INVALID_CHARACTER"
    """A string holds U+0000 (NUL), which no text the hub stores may hold."""
    PAGE_SIZE_TOO_LARGE = "PAGE_SIZE_TOO_LARGE"
    INVALID_CURSOR = "INVALID_CURSOR"
    UNAUTHENTICATED = "UNAUTHENTICATED"
    FORBIDDEN = "FORBIDDEN"
    NOT_FOUND = "NOT_FOUND"
    SEARCH_TOO_BROAD = "SEARCH_TOO_BROAD"
    ROLE_NOT_OPEN = "ROLE_NOT_OPEN"
    EMPTY_CRITERIA = "EMPTY_CRITERIA"
    EXCHANGE_RATE_MISSING = "EXCHANGE_RATE_MISSING"
    """A summary across currencies needs a rate the exchange-rate table does not have."""
    INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR"
    # The server, not the request: safe to retry after `Retry-After` (HTTP 503).
    SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE"
    """The database cannot be reached (refused, lost, shutting down); nothing was changed."""
    OVERLOADED = "OVERLOADED"
    """The worker is at its concurrency limit, or no database connection came in time."""
    WRITE_COMMITTED = "WRITE_COMMITTED"
    """The change was made, but its answer could not be read back: do not repeat it."""
    # Limits checked before execution: nothing ran.
    DOCUMENT_TOO_LONG = "DOCUMENT_TOO_LONG"
    TEXT_TOO_LONG = "TEXT_TOO_LONG"
    TOO_MANY_TOKENS = "TOO_MANY_TOKENS"
    QUERY_TOO_DEEP = "QUERY_TOO_DEEP"
    TOO_MANY_ALIASES = "TOO_MANY_ALIASES"
    QUERY_TOO_COSTLY = "QUERY_TOO_COSTLY"
    RATE_LIMITED = "RATE_LIMITED"
    TOO_MANY_SUBSCRIPTIONS = "TOO_MANY_SUBSCRIPTIONS"
    """The WebSocket connection already runs as many subscriptions as one may."""
    SUBSCRIPTION_FELL_BEHIND = "SUBSCRIPTION_FELL_BEHIND"
    """The subscriber read too slowly and events were dropped: subscribe again."""
    HEADERS_TOO_LARGE = "HEADERS_TOO_LARGE"
    """The request's headers are too many or too large in total (431, on every route)."""
    # Persisted queries (Apollo's protocol) and trusted documents.
    PERSISTED_QUERY_NOT_FOUND = "PERSISTED_QUERY_NOT_FOUND"
    PERSISTED_QUERY_HASH_MISMATCH = "PERSISTED_QUERY_HASH_MISMATCH"
    PERSISTED_QUERY_INVALID = "PERSISTED_QUERY_INVALID"
    DOCUMENT_NOT_TRUSTED = "DOCUMENT_NOT_TRUSTED"
    # Idempotency keys (the `Idempotency-Key` header of a mutation).
    IDEMPOTENCY_KEY_INVALID = "IDEMPOTENCY_KEY_INVALID"
    """The key is empty, too long or holds characters a header may not (400)."""
    IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"
    """The key was used for a different request by the same caller (422)."""
    IDEMPOTENCY_KEY_IN_USE = "IDEMPOTENCY_KEY_IN_USE"
    """A request with this key is still running; retry after `Retry-After` (409)."""


class HubError(GraphQLError):
    """An expected GraphQL error, shown to the client with its code."""

    def __init__(self, message: str, code: RequestErrorCode) -> None:
        super().__init__(message, extensions={"code": code.value})


def forbidden(denied: Denied, locale: Locale) -> HubError:
    """A permission rule's refusal, as the error a client sees, in the caller's language."""
    return HubError(render(denied.message, locale), RequestErrorCode.FORBIDDEN)
