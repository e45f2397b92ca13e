"""Selection planning: what a root field's selection asks of the mapping, as a tree.

The planner walks an operation's selection over the schema, with its variables
coerced, and describes each root field the mapping can answer: which entity fields,
derived fields and relations it reads, which connection windows it asks for, under
which response keys and in which order. Anything the mapping does not describe (a
resolver with no ``SqlField`` declaration, a relation only some callers may follow, a
type that is not mapped) raises ``NotCompilable`` and leaves the root field to the
resolver tree. Planning knows no type by name: a newly mapped type plans like the rest.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLEnumType,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLScalarType,
    GraphQLSchema,
    GraphQLSkipDirective,
    GraphQLUnionType,
    InlineFragmentNode,
    SelectionNode,
    SelectionSetNode,
)
from graphql.execution.values import VariableValues, get_argument_values
from graphql.type.directives import GraphQLIncludeDirective
from sqlalchemy import JSON
from strawberry import relay
from strawberry.types.arguments import convert_arguments
from strawberry.types.field import StrawberryField

from hub.api.binding import Binding
from hub.api.errors import HubError
from hub.api.global_ids import InvalidId
from hub.api.nodes import MappedNode
from hub.api.pagination import Paginated, QueryListing, parse_window
from hub.api.relations import FOLLOWS, Follows
from hub.api.sql_fields import (
    SQL_FIELD,
    Entries,
    FindsBy,
    FirstOf,
    ListsAll,
    MoneyOf,
    Reads,
    Translates,
)
from hub.config import Settings
from hub.core.columns import UTCDateTime
from hub.core.mapping import Derived, Entity, Expression, QueryEnv, ToMany, ToOne, as_expression
from hub.core.paging import Window

DEFINITION = "strawberry-definition"
"""Where Strawberry keeps a GraphQL type's or field's own definition."""

PLAIN_SCALARS = frozenset(
    {"String", "Int", "Boolean", "ID", "Date", "CountryCode", "LanguageCode", "CurrencyCode"}
)
"""Scalars whose database value is already their JSON value (dates as ISO text)."""


MONEY_PARTS = frozenset({"amount", "currencyCode", "__typename"})
"""The fields of ``Money`` a statement writes (``MoneyOf``)."""


class NotCompilable(Exception):
    """The selection asks for something the mapping does not describe."""


@dataclass(frozen=True)
class Value:
    """An entity field (stored or derived) served as it is."""

    key: str
    field: str
    is_boolean: bool = False
    is_json: bool = False
    is_instant: bool = False
    """A UTC timestamp, written as GraphQL's ``DateTime`` writes it."""


@dataclass(frozen=True)
class Typename:
    key: str
    name: str


@dataclass(frozen=True)
class GlobalId:
    """The Relay ID: base64 of ``Type:key``."""

    key: str
    type_name: str


@dataclass(frozen=True)
class Translation:
    key: str
    default: str
    translations: str
    language: str | None


@dataclass(frozen=True)
class MoneyField:
    """A ``Money`` object from an amount in minor units and a currency, null when
    either is; ``parts`` are its selected fields as (response key, field name)."""

    key: str
    minor: str
    currency: str
    type_name: str
    parts: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class EntriesField:
    """The entries of a JSON object field, sorted by key; ``parts`` are each entry's
    selected fields as (response key, ``key``, ``value`` or the entry type's name)."""

    key: str
    field: str
    parts: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class ToOneField:
    key: str
    relation: ToOne
    target: ObjectSelection


@dataclass(frozen=True)
class FirstOfField:
    """The object of the first branch whose relation's key is set (a union's member),
    each branch selecting what the document asks of its own type."""

    key: str
    branches: tuple[ToOneField, ...]


@dataclass(frozen=True)
class ListField:
    key: str
    relation: ToMany
    target: ObjectSelection


@dataclass(frozen=True)
class ConnectionField:
    key: str
    relation: ToMany
    window: Window
    parts: ConnectionParts


Field = (
    Value
    | Typename
    | GlobalId
    | Translation
    | MoneyField
    | EntriesField
    | ToOneField
    | FirstOfField
    | ListField
    | ConnectionField
)


@dataclass(frozen=True)
class ObjectSelection:
    """The fields asked of one mapped type, in response order."""

    entity: Entity[Any]
    fields: tuple[Field, ...]


@dataclass(frozen=True)
class Cursor:
    key: str


@dataclass(frozen=True)
class Node:
    key: str
    target: ObjectSelection


@dataclass(frozen=True)
class TotalCount:
    key: str


@dataclass(frozen=True)
class PageInfoField:
    key: str
    name: str
    """``hasNextPage``, ``hasPreviousPage``, ``startCursor``, ``endCursor`` or ``__typename``."""


@dataclass(frozen=True)
class PageInfoPart:
    key: str
    fields: tuple[PageInfoField, ...]


@dataclass(frozen=True)
class EdgesPart:
    key: str
    fields: tuple[Cursor | Node | Typename, ...]


@dataclass(frozen=True)
class NodesPart:
    key: str
    target: ObjectSelection


ConnectionPart = TotalCount | PageInfoPart | EdgesPart | NodesPart | Typename


@dataclass(frozen=True)
class ConnectionParts:
    entity: Entity[Any]
    parts: tuple[ConnectionPart, ...]

    @property
    def selections(self) -> list[ObjectSelection]:
        """The distinct node selections of ``nodes`` and ``edges { node }``, in order."""
        found: list[ObjectSelection] = []
        for part in self.parts:
            targets = [part.target] if isinstance(part, NodesPart) else []
            if isinstance(part, EdgesPart):
                targets = [field.target for field in part.fields if isinstance(field, Node)]
            found += [target for target in targets if target not in found]
        return found


@dataclass(frozen=True)
class Lookup:
    """A root field answering the one row whose unique field equals an argument."""

    key: str
    target: ObjectSelection
    field: str
    value: Any


@dataclass(frozen=True)
class RootConnection:
    """A root list of the rows of an entity that meet ``conditions`` (all of them when
    there are none), in ``ordering`` (the entity's default order when empty)."""

    key: str
    window: Window
    parts: ConnectionParts
    conditions: tuple[Expression, ...] = ()
    ordering: tuple[tuple[str, bool], ...] = ()


@dataclass(frozen=True)
class Lookups:
    """A root list of lookups by key (``nodes(ids:)``), in the order asked, each null
    when no row has its key."""

    key: str
    lookups: tuple[Lookup, ...]


RootPlan = Lookup | Lookups | RootConnection


def _unwrap(graphql_type: GraphQLOutputType) -> tuple[GraphQLNamedType, bool]:
    """The named type inside ``graphql_type`` and whether a list wraps it."""
    is_list = False
    current: Any = graphql_type
    while isinstance(current, GraphQLNonNull | GraphQLList):
        if isinstance(current, GraphQLList):
            if is_list:
                raise NotCompilable("a list of lists")
            is_list = True
        current = current.of_type
    return current, is_list


def _strawberry_field(field: GraphQLField) -> StrawberryField:
    definition = (field.extensions or {}).get(DEFINITION)
    if not isinstance(definition, StrawberryField):
        raise NotCompilable("a field Strawberry did not define")
    return definition


def _is_relay_id(binding: Binding, field: StrawberryField) -> bool:
    """Relay's own ``id`` (base64 of ``Type:key``), over the entity's key, as Strawberry
    resolves it when a type does not resolve its IDs in its own way."""
    node_class = binding.graphql_type
    if not issubclass(node_class, relay.Node) or field.python_name != "_id":
        return False
    resolves_its_own = node_class.resolve_id.__func__ is not relay.Node.resolve_id.__func__  # type: ignore[attr-defined]
    return not resolves_its_own and node_class.resolve_id_attr() == binding.entity.key_field


def _is_connection(field: StrawberryField) -> bool:
    """An offset-paged connection (keyset-paged ones hold other cursors)."""
    return any(type(extension) is Paginated for extension in field.extensions)


class Planner:
    """Plans the root fields of one operation, for one set of variable values."""

    def __init__(
        self,
        schema: GraphQLSchema,
        bindings: Mapping[type, Binding],
        settings: Settings,
        fragments: Mapping[str, FragmentDefinitionNode],
        variables: VariableValues,
        env: QueryEnv,
    ) -> None:
        self.env = env
        self.schema = schema
        self.bindings = bindings
        self.settings = settings
        self.fragments = fragments
        self.variables = variables

    # -- collecting fields, as GraphQL's CollectFields does --------------------------

    def collect(
        self, runtime_type: GraphQLObjectType, selection_sets: Iterable[SelectionSetNode]
    ) -> dict[str, list[FieldNode]]:
        fields: dict[str, list[FieldNode]] = {}
        for selection_set in selection_sets:
            self._collect_into(runtime_type, selection_set, fields, set())
        return fields

    def _collect_into(
        self,
        runtime_type: GraphQLObjectType,
        selection_set: SelectionSetNode,
        fields: dict[str, list[FieldNode]],
        visited: set[str],
    ) -> None:
        for selection in selection_set.selections:
            if not self._included(selection):
                continue
            if isinstance(selection, FieldNode):
                key = selection.alias.value if selection.alias else selection.name.value
                fields.setdefault(key, []).append(selection)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                if condition is None or self._applies(condition.name.value, runtime_type):
                    self._collect_into(runtime_type, selection.selection_set, fields, visited)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                if name in visited:
                    continue
                visited.add(name)
                fragment = self.fragments[name]
                if self._applies(fragment.type_condition.name.value, runtime_type):
                    self._collect_into(runtime_type, fragment.selection_set, fields, visited)

    def _included(self, selection: SelectionNode) -> bool:
        for directive in selection.directives or ():
            name = directive.name.value
            if name == "skip":
                if get_argument_values(GraphQLSkipDirective, directive, self.variables)["if"]:
                    return False
            elif name == "include":
                arguments = get_argument_values(GraphQLIncludeDirective, directive, self.variables)
                if not arguments["if"]:
                    return False
        return True

    def _applies(self, condition: str, runtime_type: GraphQLObjectType) -> bool:
        if condition == runtime_type.name:
            return True
        abstract = self.schema.get_type(condition)
        if isinstance(abstract, GraphQLInterfaceType | GraphQLUnionType):
            return self.schema.is_sub_type(abstract, runtime_type)
        return False

    def _arguments(self, field: GraphQLField, nodes: Sequence[FieldNode]) -> dict[str, Any]:
        arguments = get_argument_values(field, nodes[0], self.variables)
        if any(get_argument_values(field, node, self.variables) != arguments for node in nodes[1:]):
            raise NotCompilable("one response key with different arguments")
        return arguments

    # -- mapped objects ---------------------------------------------------------------

    def _binding(self, graphql_type: GraphQLNamedType) -> Binding:
        definition = (graphql_type.extensions or {}).get(DEFINITION)
        origin = getattr(definition, "origin", None)
        binding = self.bindings.get(origin) if isinstance(origin, type) else None
        if binding is None or not isinstance(graphql_type, GraphQLObjectType):
            raise NotCompilable(f"{graphql_type.name} is not a mapped object type")
        return binding

    def object_selection(
        self, graphql_type: GraphQLNamedType, nodes: Sequence[FieldNode]
    ) -> ObjectSelection:
        binding = self._binding(graphql_type)
        assert isinstance(graphql_type, GraphQLObjectType)
        collected = self.collect(graphql_type, self._subselections(nodes))
        fields = tuple(
            self._object_field(binding, graphql_type, key, field_nodes)
            for key, field_nodes in collected.items()
        )
        return ObjectSelection(binding.entity, fields)

    @staticmethod
    def _subselections(nodes: Sequence[FieldNode]) -> list[SelectionSetNode]:
        return [node.selection_set for node in nodes if node.selection_set is not None]

    def _object_field(
        self,
        binding: Binding,
        graphql_type: GraphQLObjectType,
        key: str,
        nodes: Sequence[FieldNode],
    ) -> Field:
        name = nodes[0].name.value
        if name == "__typename":
            return Typename(key, graphql_type.name)
        graphql_field = graphql_type.fields.get(name)
        if graphql_field is None:
            raise NotCompilable(f"{graphql_type.name}.{name} is not in the schema")
        field = _strawberry_field(graphql_field)
        entity = binding.entity
        follows = field.metadata.get(FOLLOWS)
        if isinstance(follows, Follows):
            return self._relation_field(key, follows, field, graphql_field, nodes)
        declared = field.metadata.get(SQL_FIELD)
        if isinstance(declared, Reads):
            return self._value(key, entity, declared.field, graphql_field.type)
        if isinstance(declared, Translates):
            language = self._arguments(graphql_field, nodes).get("language")
            if language is not None and not language.replace("-", "").isalnum():
                raise NotCompilable("a language code that is not a code")
            return Translation(key, declared.default, declared.translations, language or None)
        if isinstance(declared, MoneyOf):
            return self._money(key, entity, declared, graphql_field, nodes)
        if isinstance(declared, Entries):
            return self._entries(key, entity, declared, graphql_field, nodes)
        if isinstance(declared, FirstOf):
            return self._first_of(key, entity, declared, graphql_field, nodes)
        if name == "id" and _is_relay_id(binding, field):
            return GlobalId(key, graphql_type.name)
        if field.base_resolver is not None:
            raise NotCompilable(f"{graphql_type.name}.{name} has a resolver of its own")
        return self._value(key, entity, field.python_name, graphql_field.type)

    def _first_of(
        self,
        key: str,
        entity: Entity[Any],
        declared: FirstOf,
        graphql_field: GraphQLField,
        nodes: Sequence[FieldNode],
    ) -> FirstOfField:
        named, is_list = _unwrap(graphql_field.type)
        if is_list or not isinstance(named, GraphQLUnionType | GraphQLInterfaceType):
            raise NotCompilable("one of several types that is not a union or an interface")
        relations = dict(entity.relations)
        branches: list[ToOneField] = []
        for name in declared.relations:
            relation = relations.get(name)
            if not isinstance(relation, ToOne):
                raise NotCompilable(f"{entity.name} has no to-one relation {name}")
            runtime = [
                candidate
                for candidate in self.schema.get_possible_types(named)
                if self._binding(candidate).entity is relation.target
            ]
            if len(runtime) != 1:
                raise NotCompilable(f"no one type of {named.name} maps {relation.target.name}")
            branches.append(ToOneField(key, relation, self.object_selection(runtime[0], nodes)))
        return FirstOfField(key, tuple(branches))

    def _entries(
        self,
        key: str,
        entity: Entity[Any],
        declared: Entries,
        graphql_field: GraphQLField,
        nodes: Sequence[FieldNode],
    ) -> EntriesField:
        source = entity.fields.get(declared.field)
        if source is None or isinstance(source, Derived):
            raise NotCompilable(f"{entity.name} stores no {declared.field}")
        if not isinstance(as_expression(source).type, JSON):
            raise NotCompilable("entries of something not stored as JSON")
        named, is_list = _unwrap(graphql_field.type)
        if not is_list or not isinstance(named, GraphQLObjectType):
            raise NotCompilable("entries that are not a list of objects")
        sources = {declared.key: "key", declared.value: "value", "__typename": named.name}
        parts: list[tuple[str, str]] = []
        for part_key, part_nodes in self.collect(named, self._subselections(nodes)).items():
            name = part_nodes[0].name.value
            if name not in sources:
                raise NotCompilable(f"{named.name}.{name} is neither key nor value")
            parts.append((part_key, sources[name]))
        return EntriesField(key, declared.field, tuple(parts))

    def _money(
        self,
        key: str,
        entity: Entity[Any],
        declared: MoneyOf,
        graphql_field: GraphQLField,
        nodes: Sequence[FieldNode],
    ) -> MoneyField:
        if declared.minor not in entity.fields or declared.currency not in entity.fields:
            raise NotCompilable(f"{entity.name} has no field {declared.minor}")
        named, is_list = _unwrap(graphql_field.type)
        if is_list or not isinstance(named, GraphQLObjectType):
            raise NotCompilable("money that is not one object")
        parts = tuple(
            (part_key, part_nodes[0].name.value)
            for part_key, part_nodes in self.collect(named, self._subselections(nodes)).items()
        )
        if any(name not in MONEY_PARTS for _, name in parts):
            raise NotCompilable("a field of Money the compiler does not know")
        return MoneyField(key, declared.minor, declared.currency, named.name, parts)

    def _value(
        self, key: str, entity: Entity[Any], name: str, graphql_type: GraphQLOutputType
    ) -> Value:
        if name not in entity.fields:
            raise NotCompilable(f"{entity.name} has no field {name}")
        named, is_list = _unwrap(graphql_type)
        if isinstance(named, GraphQLScalarType) and named.name == "DateTime":
            source = entity.fields[name]
            if isinstance(source, Derived) or is_list:
                raise NotCompilable("a DateTime that is not one stored column")
            if not isinstance(as_expression(source).type, UTCDateTime):
                raise NotCompilable("a DateTime not stored as UTC")
            return Value(key, name, is_instant=True)
        if isinstance(named, GraphQLScalarType) and named.name in PLAIN_SCALARS:
            is_boolean = named.name == "Boolean"
        elif isinstance(named, GraphQLEnumType):
            is_boolean = False
        else:
            raise NotCompilable(f"{named.name} values are serialised in Python")
        if is_list:
            source = entity.fields[name]
            if isinstance(source, Derived) or not isinstance(as_expression(source).type, JSON):
                raise NotCompilable("a list that is not stored as JSON")
            if is_boolean:
                raise NotCompilable("a list of booleans")
        return Value(key, name, is_boolean=is_boolean, is_json=is_list)

    def _relation_field(
        self,
        key: str,
        follows: Follows,
        field: StrawberryField,
        graphql_field: GraphQLField,
        nodes: Sequence[FieldNode],
    ) -> Field:
        if follows.guarded:
            raise NotCompilable("a relation only some callers may follow")
        relation = follows.relation
        named, is_list = _unwrap(graphql_field.type)
        if isinstance(relation, ToOne):
            return ToOneField(key, relation, self.object_selection(named, nodes))
        if _is_connection(field):
            arguments = self._arguments(graphql_field, nodes)
            window = self._window(arguments)
            return ConnectionField(key, relation, window, self._connection(named, nodes))
        if not is_list:
            raise NotCompilable("a to-many relation that is neither a list nor a connection")
        return ListField(key, relation, self.object_selection(named, nodes))

    def _window(self, arguments: Mapping[str, Any]) -> Window:
        try:
            return parse_window(
                self.settings,
                arguments.get("first"),
                arguments.get("after"),
                arguments.get("last"),
                arguments.get("before"),
            )
        except HubError as refused:
            # The resolver tree raises it, with its path, exactly as it always has.
            raise NotCompilable("paging arguments the resolver tree refuses") from refused

    # -- connections ------------------------------------------------------------------

    def _connection(
        self, graphql_type: GraphQLNamedType, nodes: Sequence[FieldNode]
    ) -> ConnectionParts:
        if not isinstance(graphql_type, GraphQLObjectType):
            raise NotCompilable("a connection that is not an object type")
        node_type, _ = _unwrap(graphql_type.fields["nodes"].type)
        entity = self._binding(node_type).entity
        parts: list[ConnectionPart] = []
        for key, field_nodes in self.collect(graphql_type, self._subselections(nodes)).items():
            name = field_nodes[0].name.value
            if name == "__typename":
                parts.append(Typename(key, graphql_type.name))
            elif name == "totalCount":
                parts.append(TotalCount(key))
            elif name == "nodes":
                parts.append(NodesPart(key, self.object_selection(node_type, field_nodes)))
            elif name == "edges":
                edge_type, _ = _unwrap(graphql_type.fields["edges"].type)
                parts.append(self._edges(key, edge_type, node_type, field_nodes))
            elif name == "pageInfo":
                info_type, _ = _unwrap(graphql_type.fields["pageInfo"].type)
                assert isinstance(info_type, GraphQLObjectType)
                collected = self.collect(info_type, self._subselections(field_nodes))
                parts.append(
                    PageInfoPart(
                        key,
                        tuple(PageInfoField(k, ns[0].name.value) for k, ns in collected.items()),
                    )
                )
            else:
                raise NotCompilable(f"connection field {name}")
        return ConnectionParts(entity, tuple(parts))

    def _edges(
        self,
        key: str,
        edge_type: GraphQLNamedType,
        node_type: GraphQLNamedType,
        nodes: Sequence[FieldNode],
    ) -> EdgesPart:
        assert isinstance(edge_type, GraphQLObjectType)
        fields: list[Cursor | Node | Typename] = []
        for edge_key, field_nodes in self.collect(edge_type, self._subselections(nodes)).items():
            name = field_nodes[0].name.value
            if name == "__typename":
                fields.append(Typename(edge_key, edge_type.name))
            elif name == "cursor":
                fields.append(Cursor(edge_key))
            else:
                fields.append(Node(edge_key, self.object_selection(node_type, field_nodes)))
        return EdgesPart(key, tuple(fields))

    # -- root fields ------------------------------------------------------------------

    def root(self, key: str, nodes: Sequence[FieldNode]) -> RootPlan:
        query_type = self.schema.query_type
        assert query_type is not None
        name = nodes[0].name.value
        if name == "__typename" or name not in query_type.fields:
            raise NotCompilable("an introspection or unknown root field")
        graphql_field = query_type.fields[name]
        field = _strawberry_field(graphql_field)
        arguments = self._arguments(graphql_field, nodes)
        named, is_list = _unwrap(graphql_field.type)
        if isinstance(named, GraphQLInterfaceType) and named.name == "Node":
            if not is_list:
                return self._node(key, arguments, nodes)
            ids = arguments["ids"]
            if len(ids) > MAX_LOOKUPS:
                raise NotCompilable("more IDs than one JSON array is built from")
            return Lookups(key, tuple(self._node(key, {"id": one}, nodes) for one in ids))
        declared = field.metadata.get(SQL_FIELD)
        if isinstance(declared, ListsAll) and _is_connection(field):
            window = self._window(arguments)
            parts = self._connection(named, nodes)
            others = {k: v for k, v in arguments.items() if k not in PAGING and v is not None}
            if not others:
                return RootConnection(key, window, parts)
            listing = self._narrowed(declared, field, others)
            if listing.node_type.entity is not parts.entity or listing.leading_order:
                raise NotCompilable("a root list narrowed to another order or type")
            return RootConnection(key, window, parts, listing.conditions, listing.ordering)
        if not isinstance(declared, FindsBy) or is_list:
            raise NotCompilable("a root field that declares no lookup or list")
        target = self.object_selection(named, nodes)
        source = target.entity.fields.get(declared.field)
        if source is None or isinstance(source, Derived) or declared.field not in arguments:
            raise NotCompilable("a lookup by something other than a stored field")
        column = as_expression(source)
        if not (getattr(column, "unique", False) or getattr(column, "primary_key", False)):
            raise NotCompilable("a lookup by a field that is not unique")
        return Lookup(key, target, declared.field, arguments[declared.field])

    def _narrowed(
        self, declared: ListsAll, field: StrawberryField, arguments: Mapping[str, Any]
    ) -> QueryListing:
        """The listing the root list's declaration builds from its filter and order, as
        its resolver would receive them."""
        if declared.narrowed is None:
            raise NotCompilable("a root list with filters or an order")
        strawberry_schema = self.schema._strawberry_schema  # type: ignore[attr-defined]
        converted = convert_arguments(
            dict(arguments),
            field.arguments,
            strawberry_schema.schema_converter.scalar_registry,
            strawberry_schema.config,
        )
        try:
            listing = declared.narrowed(**converted, env=self.env)
        except (HubError, ValueError) as refused:
            raise NotCompilable("a filter the resolver tree refuses") from refused
        if listing is None:
            raise NotCompilable("a filter or order left to the resolver tree")
        return listing

    def _node(self, key: str, arguments: Mapping[str, Any], nodes: Sequence[FieldNode]) -> Lookup:
        raw = arguments["id"]
        try:
            global_id = raw if isinstance(raw, relay.GlobalID) else relay.GlobalID.from_id(raw)
        except Exception as invalid:
            raise NotCompilable("an ID the resolver tree refuses") from invalid
        graphql_type = self.schema.get_type(global_id.type_name)
        if graphql_type is None:
            raise NotCompilable("an ID of no type")
        target = self.object_selection(graphql_type, nodes)
        node_class = self._binding(graphql_type).graphql_type
        if not issubclass(node_class, MappedNode):
            raise NotCompilable("an ID of a type that is not a node")
        if _looks_up_with_a_rule(node_class):
            # Its ``resolve_nodes`` hides rows from some callers (a draft programme, an
            # application): that rule lives in the resolver tree, so the lookup does too.
            raise NotCompilable("a node whose lookup depends on the caller")
        try:
            value = node_class.parse_key(global_id.node_id)
        except (InvalidId, ValueError, HubError) as invalid:
            raise NotCompilable("an ID the resolver tree refuses") from invalid
        return Lookup(key, target, target.entity.key_field, value)


def _looks_up_with_a_rule(node_class: type[MappedNode]) -> bool:
    """Whether the type fetches ``node(id:)`` through a ``resolve_nodes`` of its own."""
    own = node_class.resolve_nodes.__func__  # type: ignore[attr-defined]
    return own is not MappedNode.resolve_nodes.__func__  # type: ignore[attr-defined]


PAGING = frozenset({"first", "after", "last", "before"})
MAX_LOOKUPS = 100
"""PostgreSQL's ``json_build_array`` takes at most 100 arguments."""
