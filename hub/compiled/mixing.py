"""Mixed operations: the root fields the compiler cannot answer, left to the resolver tree.

When some root fields of a query compile and others do not, the resolver tree executes
only the others. It is given the same document with everything else blanked out: the
compiled root fields, the other operations, the fragments and variable definitions no
longer used. Blanking replaces characters by spaces and keeps line breaks, so every
node the resolver tree sees keeps its offset, and every error its ``locations`` and
``path``, exactly as if the whole document had run through it.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    Node,
    OperationDefinitionNode,
    SelectionSetNode,
    Token,
    TokenKind,
    VariableNode,
    Visitor,
    parse,
    visit,
)

Span = tuple[int, int]


def resolver_document(
    source: str,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    compiled_keys: Collection[str],
) -> str | None:
    """``source`` reduced to the root fields of ``operation`` not in ``compiled_keys``,
    with every offset kept; ``None`` when no root field is left for the resolver tree."""
    fragments = {
        definition.name.value: definition
        for definition in document.definitions
        if isinstance(definition, FragmentDefinitionNode)
    }
    blanked = _RootBlanking(fragments, compiled_keys)
    if blanked.is_empty(operation.selection_set):
        return None
    spans = list(blanked.spans)
    spans += [
        _span(other) for other in document.definitions if _is_other_operation(other, operation)
    ]
    text = _blank(source, spans)
    # What is left may no longer use some fragments and variables: drop them too.
    reduced = parse(text)
    kept = next(d for d in reduced.definitions if isinstance(d, OperationDefinitionNode))
    kept_fragments = {
        d.name.value: d for d in reduced.definitions if isinstance(d, FragmentDefinitionNode)
    }
    used = _used_fragments(kept, kept_fragments)
    spans = [_span(d) for name, d in kept_fragments.items() if name not in used]
    spans += _unused_variable_spans(kept, [kept_fragments[name] for name in used])
    return _blank(text, spans)


def _is_other_operation(definition: object, operation: OperationDefinitionNode) -> bool:
    return isinstance(definition, OperationDefinitionNode) and definition is not operation


class _RootBlanking:
    """Finds the spans to blank in the root selection: compiled fields, and fragments
    (inline or named) left with nothing in them."""

    def __init__(
        self, fragments: Mapping[str, FragmentDefinitionNode], compiled_keys: Collection[str]
    ) -> None:
        self.fragments = fragments
        self.compiled_keys = compiled_keys
        self.spans: list[Span] = []
        self._emptied: dict[str, bool] = {}

    def is_empty(self, selection_set: SelectionSetNode) -> bool:
        """Blanks what must go in ``selection_set``; whether nothing is left of it."""
        left = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                key = selection.alias.value if selection.alias else selection.name.value
                gone = key in self.compiled_keys
            elif isinstance(selection, InlineFragmentNode):
                gone = self.is_empty(selection.selection_set)
            else:
                assert isinstance(selection, FragmentSpreadNode)
                gone = self._fragment_is_empty(selection.name.value)
            if gone:
                self.spans.append(_span(selection))
            else:
                left += 1
        return left == 0

    def _fragment_is_empty(self, name: str) -> bool:
        if name not in self._emptied:
            self._emptied[name] = True  # a cycle is invalid; the document was validated
            self._emptied[name] = self.is_empty(self.fragments[name].selection_set)
            if self._emptied[name]:
                self.spans.append(_span(self.fragments[name]))
        return self._emptied[name]


def _span(node: Node) -> Span:
    assert node.loc is not None, "documents are parsed with locations"
    return node.loc.start, node.loc.end


def _blank(source: str, spans: Iterable[Span]) -> str:
    characters = list(source)
    for start, end in spans:
        for index in range(start, end):
            if characters[index] not in "\r\n":
                characters[index] = " "
    return "".join(characters)


class _Names(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.spreads: set[str] = set()
        self.variables: set[str] = set()

    def enter_fragment_spread(self, node: FragmentSpreadNode, *_args: object) -> None:
        self.spreads.add(node.name.value)

    def enter_variable(self, node: VariableNode, *_args: object) -> None:
        self.variables.add(node.name.value)


def _names(node: Node) -> _Names:
    names = _Names()
    visit(node, names)
    return names


def _used_fragments(
    operation: OperationDefinitionNode, fragments: Mapping[str, FragmentDefinitionNode]
) -> set[str]:
    used: set[str] = set()
    waiting = list(_names(operation.selection_set).spreads)
    while waiting:
        name = waiting.pop()
        if name not in used and name in fragments:
            used.add(name)
            waiting += _names(fragments[name]).spreads
    return used


def _unused_variable_spans(
    operation: OperationDefinitionNode, fragments: Sequence[FragmentDefinitionNode]
) -> list[Span]:
    definitions = operation.variable_definitions or ()
    used = _names(operation.selection_set).variables
    for directive in operation.directives or ():
        used |= _names(directive).variables
    for fragment in fragments:
        used |= _names(fragment).variables
    unused = [d for d in definitions if d.variable.name.value not in used]
    spans = [_span(definition) for definition in unused]
    if definitions and len(unused) == len(definitions):
        # ``query Q()`` does not parse: the parentheses go with the last definition.
        opening = _neighbour(definitions[0].loc.start_token if definitions[0].loc else None, -1)
        closing = _neighbour(definitions[-1].loc.end_token if definitions[-1].loc else None, 1)
        spans += [(opening.start, opening.end), (closing.start, closing.end)]
    return spans


def _neighbour(token: Token | None, step: int) -> Token:
    """The nearest token before (``-1``) or after (``1``) ``token`` that is not a comment."""
    assert token is not None
    found = token.prev if step < 0 else token.next
    while found is not None and found.kind is TokenKind.COMMENT:
        found = found.prev if step < 0 else found.next
    assert found is not None
    assert found.kind in (TokenKind.PAREN_L, TokenKind.PAREN_R)
    return found


def merged_data(
    keys: Sequence[str], compiled: Mapping[str, object], resolved: Mapping[str, object]
) -> dict[str, object]:
    """The response's ``data``: each root field from the compiled answers or the resolver
    tree's, in document order."""
    return {key: compiled[key] if key in compiled else resolved[key] for key in keys}
