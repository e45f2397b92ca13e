"""The shape of a document, measured before it runs: its tokens, depth and aliases.

Fragments count where they are spread, as they would execute, and each fragment is
measured once per document, so a document that spreads fragments into each other many
times ("fragment bombs") takes linear time to measure, not exponential.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLSyntaxError,
    InlineFragmentNode,
    Lexer,
    OperationDefinitionNode,
    SelectionSetNode,
    Source,
    TokenKind,
)

# Introspection roots; their depth is bounded by graphql-core's MaxIntrospectionDepthRule.
INTROSPECTION_ROOTS = frozenset({"__schema", "__type"})


def count_tokens(document: str, limit: int) -> int:
    """Lexical tokens in ``document`` (comments excluded), counted up to ``limit + 1``.

    Lexing stops at the first token past the limit, so an oversized document costs no
    more to refuse than a document of the limit's size. A lexical error ends the count:
    the parser reports it properly afterwards.
    """
    lexer = Lexer(Source(document))
    count = 0
    try:
        while count <= limit and lexer.advance().kind is not TokenKind.EOF:
            count += 1
    except GraphQLSyntaxError:
        return count
    return count


@dataclass(frozen=True)
class Shape:
    """How deep an operation's fields nest, and how many of them carry an alias."""

    depth: int
    aliases: int

    def __add__(self, other: Shape) -> Shape:
        """Siblings: the deeper one sets the depth, aliases add up."""
        return Shape(max(self.depth, other.depth), self.aliases + other.aliases)


_FLAT = Shape(0, 0)


class _Measure:
    def __init__(self, fragments: Mapping[str, FragmentDefinitionNode]) -> None:
        self.fragments = fragments
        self.measured: dict[str, Shape] = {}
        self.measuring: set[str] = set()

    def selections(self, selection_set: SelectionSetNode | None) -> Shape:
        shape = _FLAT
        for selection in selection_set.selections if selection_set else ():
            if isinstance(selection, FieldNode):
                shape += self.field(selection)
            elif isinstance(selection, InlineFragmentNode):
                shape += self.selections(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                shape += self.spread(selection.name.value)
        return shape

    def field(self, field: FieldNode) -> Shape:
        below = self.selections(field.selection_set)
        depth = 1 if field.name.value in INTROSPECTION_ROOTS else 1 + below.depth
        return Shape(depth, below.aliases + (1 if field.alias else 0))

    def spread(self, name: str) -> Shape:
        fragment = self.fragments.get(name)
        if fragment is None or name in self.measuring:
            return _FLAT  # unknown or cyclic: validation refuses the document anyway
        if name not in self.measured:
            self.measuring.add(name)
            self.measured[name] = self.selections(fragment.selection_set)
            self.measuring.discard(name)
        return self.measured[name]


def shape_of(
    operation: OperationDefinitionNode, fragments: Mapping[str, FragmentDefinitionNode]
) -> Shape:
    """Depth counts field levels (``{ a { b } }`` is 2); introspection roots count as 1."""
    return _Measure(fragments).selections(operation.selection_set)


def fragments_of(document: DocumentNode) -> dict[str, FragmentDefinitionNode]:
    return {
        definition.name.value: definition
        for definition in document.definitions
        if isinstance(definition, FragmentDefinitionNode)
    }
