"""Strings holding U+0000 (NUL) are refused before anything runs, on both databases alike.

PostgreSQL cannot store NUL in text (asyncpg fails deep inside a write or a search),
while SQLite would store it silently. GraphQL's ``String`` and ``ID`` cannot be redefined,
so the refusal sits at the request edge: every string in the variables and every string
literal in the document is checked once, and a NUL anywhere is an ``INVALID_CHARACTER``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from graphql import DocumentNode, ExecutionResult, StringValueNode, Visitor, visit
from strawberry.extensions import SchemaExtension

from hub.api.errors import HubError, RequestErrorCode

NUL = "\x00"


def variables_with_nul(variables: Mapping[str, Any] | None) -> list[str]:
    """The names of the variables holding a string with NUL at any depth."""
    return sorted(name for name, value in (variables or {}).items() if _holds_nul(value))


def _holds_nul(value: object) -> bool:
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, Mapping):
        return any(_holds_nul(item) for item in value.values())
    if isinstance(value, list | tuple):
        return any(_holds_nul(item) for item in value)
    return False


class _StringLiterals(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.holds_nul = False

    def enter_string_value(self, node: StringValueNode, *_args: object) -> None:
        if NUL in node.value:
            self.holds_nul = True


def document_holds_nul(document: DocumentNode) -> bool:
    """Whether a string literal in the document decodes to a string with NUL (``\\u0000``)."""
    # Only an escape makes a NUL (a raw one does not parse): most documents have none.
    if document.loc is not None and "\\u" not in document.loc.source.body:
        return False
    literals = _StringLiterals()
    visit(document, literals)
    return literals.holds_nul


class RefuseNulCharacters(SchemaExtension):
    """Answers a request carrying NUL in any string with one coded error, before execution."""

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        problem = _problem(context.variables, context.graphql_document)
        if problem is not None:
            error = HubError(problem, RequestErrorCode.INVALID_CHARACTER)
            context.result = ExecutionResult(data=None, errors=[error])
        yield


def _problem(variables: Mapping[str, Any] | None, document: DocumentNode | None) -> str | None:
    names = variables_with_nul(variables)
    if names:
        listed = ", ".join(f"`${name}`" for name in names)
        return f"The character U+0000 (NUL) is not allowed in text; found in {listed}."
    if document is not None and document_holds_nul(document):
        return "The character U+0000 (NUL) is not allowed in text; found in a string literal."
    return None
