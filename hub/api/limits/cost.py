"""What an operation will cost, computed from its document before anything runs.

The cost counts the objects the server may have to build, as GitHub and Shopify do:

- a field returning an object costs 1 plus what is selected below it; scalars and enums
  cost 0 (they are columns of a row that is fetched anyway);
- a connection (a field taking ``first``/``last``) costs 1 for itself, and the lists in
  it (``edges``, ``nodes``) count each of their items: ``first`` or ``last`` items, the
  default page size when neither is given, never more than the page cap (a larger
  ``first`` is refused by the field itself and runs nothing);
- ``nodes(ids:)`` counts one item per ID; other plain lists (a creator's disciplines,
  a project's countries) are short, bounded by the data, and count as one item;
- on a union or an interface, only one member's fragments apply to each object, so the
  dearest member counts;
- every mutation field costs ``MUTATION_COST`` on top of its payload; introspection
  roots (``__schema``, ``__type``) cost ``INTROSPECTION_COST`` whatever they select.

Each fragment is costed once per type and page size, so fragments spread into each
other many times take linear time to cost. Aliases of one field cost once each, as
they run once each.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentSpreadNode,
    GraphQLCompositeType,
    GraphQLField,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    Undefined,
    get_named_type,
    get_nullable_type,
    is_abstract_type,
    is_leaf_type,
    is_list_type,
    value_from_ast_untyped,
)

from hub.api.limits.shape import INTROSPECTION_ROOTS, fragments_of

MUTATION_COST = 10
INTROSPECTION_COST = 1
PAGE_ARGUMENTS = ("first", "last")
ID_LIST_ARGUMENT = "ids"


@dataclass(frozen=True)
class PageSizes:
    """How big a page is when a connection does not say, and how big it may be."""

    default: int
    maximum: int


def operation_cost(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Mapping[str, Any] | None,
    pages: PageSizes,
) -> int:
    """The cost of running ``operation`` of ``document`` with ``variables``.

    The document need not be valid: unknown fields cost nothing, so validation can
    report them afterwards.
    """
    root = schema.get_root_type(operation.operation)
    if root is None:
        return 0
    costing = _Costing(schema, document, _effective_variables(operation, variables), pages)
    per_field = MUTATION_COST if operation.operation is OperationType.MUTATION else 0
    return costing.selections(operation.selection_set, root, list_size=1, per_field=per_field)


def _effective_variables(
    operation: OperationDefinitionNode, given: Mapping[str, Any] | None
) -> dict[str, Any]:
    """The variables as execution will see them: defaults, overridden by what was sent."""
    values = {
        definition.variable.name.value: value_from_ast_untyped(definition.default_value)
        for definition in operation.variable_definitions or ()
        if definition.default_value is not None
    }
    return {**values, **(given or {})}


class _Costing:
    def __init__(
        self,
        schema: GraphQLSchema,
        document: DocumentNode,
        variables: dict[str, Any],
        pages: PageSizes,
    ) -> None:
        self.schema = schema
        self.fragments = fragments_of(document)
        self.variables = variables
        self.pages = pages
        self.costed: dict[tuple[str, str, int, int], int] = {}
        self.costing: set[str] = set()

    def selections(
        self,
        selection_set: SelectionSetNode | None,
        parent: GraphQLCompositeType,
        *,
        list_size: int,
        per_field: int = 0,
    ) -> int:
        """``list_size`` is how many items each list field directly below holds."""
        if selection_set is None:
            return 0
        if is_abstract_type(parent):
            members = self.schema.get_possible_types(parent)
            return max(
                (self._on(selection_set, member, list_size, per_field) for member in members),
                default=0,
            )
        assert isinstance(parent, GraphQLObjectType)
        return self._on(selection_set, parent, list_size, per_field)

    def _on(
        self,
        selection_set: SelectionSetNode,
        parent: GraphQLObjectType,
        list_size: int,
        per_field: int,
    ) -> int:
        total = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                total += self._field(selection, parent, list_size)
                if not selection.name.value.startswith("__"):
                    total += per_field
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                if condition is None or self._applies(condition.name.value, parent):
                    total += self._on(selection.selection_set, parent, list_size, per_field)
            elif isinstance(selection, FragmentSpreadNode):
                total += self._spread(selection.name.value, parent, list_size, per_field)
        return total

    def _spread(self, name: str, parent: GraphQLObjectType, list_size: int, per_field: int) -> int:
        fragment = self.fragments.get(name)
        if fragment is None or name in self.costing:
            return 0  # unknown or cyclic: validation refuses the document anyway
        if not self._applies(fragment.type_condition.name.value, parent):
            return 0
        key = (name, parent.name, list_size, per_field)
        if key not in self.costed:
            self.costing.add(name)
            self.costed[key] = self._on(fragment.selection_set, parent, list_size, per_field)
            self.costing.discard(name)
        return self.costed[key]

    def _applies(self, condition: str, parent: GraphQLObjectType) -> bool:
        named = self.schema.get_type(condition)
        if named is parent:
            return True
        return is_abstract_type(named) and self.schema.is_sub_type(named, parent)

    def _field(self, node: FieldNode, parent: GraphQLObjectType, list_size: int) -> int:
        if node.name.value in INTROSPECTION_ROOTS:
            return INTROSPECTION_COST
        definition = parent.fields.get(node.name.value)
        if definition is None:
            return 0
        named = get_named_type(definition.type)
        if is_leaf_type(named) or node.selection_set is None:
            return 0
        page = self._page_size(node, definition)
        per_item = 1 + self.selections(
            node.selection_set,
            named,
            list_size=page if page is not None else 1,
        )
        if not is_list_type(get_nullable_type(definition.type)):
            return per_item
        ids = self._argument(node, ID_LIST_ARGUMENT)
        items = len(ids) if isinstance(ids, list) else list_size
        return items * per_item

    def _page_size(self, node: FieldNode, definition: GraphQLField) -> int | None:
        """Items per list of a connection; ``None`` when the field is not one."""
        if not any(name in definition.args for name in PAGE_ARGUMENTS):
            return None
        for name in PAGE_ARGUMENTS:
            value = self._argument(node, name)
            if isinstance(value, int) and not isinstance(value, bool):
                return max(0, min(value, self.pages.maximum))
        return self.pages.default

    def _argument(self, node: FieldNode, name: str) -> Any:
        for argument in node.arguments or ():
            if argument.name.value == name:
                value = value_from_ast_untyped(argument.value, self.variables)
                return None if value is Undefined else value
        return None
