"""The longest piece of text a request carries, in its document or its variables.

Free text (search terms, names, bios, messages) reaches resolvers as string literals in
the document or as variables. Each is measured before anything runs, so a megabyte of
text sent on purpose is refused at the door instead of being searched or validated.
Lengths are in characters, as services count them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from graphql import DocumentNode, StringValueNode, Visitor, get_location, visit


@dataclass(frozen=True)
class Text:
    """One string value: where it is, for the error message, and how long it is."""

    where: str
    length: int


def longest_variable(variables: Mapping[str, Any] | None) -> Text | None:
    """The longest string anywhere in the variables, named by its path (``$input.bio``)."""
    return max(_strings(variables or {}, "$"), key=lambda text: text.length, default=None)


def _strings(value: object, path: str) -> Iterator[Text]:
    if isinstance(value, str):
        yield Text(path, len(value))
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _strings(item, f"{path}.{key}" if path != "$" else f"${key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, f"{path}[{index}]")


def longest_literal(document: DocumentNode) -> Text | None:
    """The longest string literal in the document, named by its line and column."""
    finder = _LongestLiteral()
    visit(document, finder)
    return finder.longest


class _LongestLiteral(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.longest: Text | None = None

    def enter_string_value(self, node: StringValueNode, *_: object) -> None:
        if self.longest is not None and len(node.value) <= self.longest.length:
            return
        where = "a string literal"
        if node.loc is not None:
            location = get_location(node.loc.source, node.loc.start)
            where = f"the string literal at line {location.line}, column {location.column}"
        self.longest = Text(where, len(node.value))
