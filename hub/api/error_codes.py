"""Every error a client's input causes carries a code, even those graphql-core and Strawberry raise.

Errors the hub raises carry their code already (``HubError``). The rest come from the
libraries: a syntax error, a document the schema does not allow, a variable or argument
its type refuses (a malformed global ID among them). Each gets the code of what refused
it, so a client always has a code to switch on: validation errors as validation ends
(``CodeValidationErrors``), the others once the result is known (``code_input_errors``;
a syntax error can surface outside every extension hook). Errors that escaped a resolver
by accident are not coded here: ``MaskUnexpectedErrors`` hides them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from graphql import GraphQLError, GraphQLSyntaxError
from strawberry.exceptions import StrawberryGraphQLError
from strawberry.extensions import SchemaExtension
from strawberry.relay.types import InvalidGlobalIDError

from hub.api.errors import RequestErrorCode


def code_of(error: GraphQLError) -> str | None:
    code = (error.extensions or {}).get("code")
    return code if isinstance(code, str) else None


def give_code(errors: Iterable[GraphQLError], code: RequestErrorCode) -> None:
    """Set ``code`` on the errors that have none (errors are built per request)."""
    for error in errors:
        if code_of(error) is None:
            error.extensions = {**(error.extensions or {}), "code": code.value}


def input_error_code(error: GraphQLError) -> RequestErrorCode | None:
    """The code of an error a client's value caused during execution; ``None`` for others.

    Without a path the error came before execution (variables); with one, it came from
    Strawberry converting an argument, or from a ``GraphQLError`` raised on purpose.
    """
    original = error.original_error
    if isinstance(error, GraphQLSyntaxError):
        return RequestErrorCode.GRAPHQL_PARSE_FAILED
    if isinstance(original, InvalidGlobalIDError) or isinstance(error, InvalidGlobalIDError):
        return RequestErrorCode.INVALID_ID
    if error.path is None or isinstance(original, StrawberryGraphQLError):
        return RequestErrorCode.BAD_USER_INPUT
    return None


def code_input_errors(errors: Iterable[GraphQLError]) -> None:
    """Give the errors a client's input caused their code; leave the others to the mask."""
    for error in errors:
        code = input_error_code(error)
        if code is not None:
            give_code((error,), code)


class CodeValidationErrors(SchemaExtension):
    """Codes the errors of validation, the one stage whose errors look like the others."""

    def on_validate(self) -> Iterator[None]:
        yield
        give_code(self.execution_context.pre_execution_errors or (), _VALIDATION)


_VALIDATION = RequestErrorCode.GRAPHQL_VALIDATION_FAILED
