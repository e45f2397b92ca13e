"""The plan cache: parse, validate, plan and compile each distinct operation once.

A document is parsed and validated the first time it is seen. Its operation is then
planned and compiled for the values of the variables that shape the SQL (page sizes,
cursors, ``@skip``/``@include``, a language, a node's type); the variable that only
carries a lookup's key (``creator(handle: $handle)``) travels as a bound parameter and
does not take part in the key, so every request for another handle hits the same plan.
A request binds its variables into the plan and gets the statements to run. A root
field the compiler cannot answer is left to the resolver tree, which executes only
those root fields (``hub.compiled.mixing``); when none compiles, the whole operation is.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import orjson
from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    GraphQLError,
    GraphQLSchema,
    OperationDefinitionNode,
    OperationType,
    VariableNode,
    Visitor,
    parse,
    validate,
    visit,
)
from graphql.execution.values import VariableValues, get_variable_values
from sqlalchemy.engine import Dialect

from hub.api.binding import Binding
from hub.api.nul_characters import document_holds_nul, variables_with_nul
from hub.compiled.mixing import resolver_document
from hub.compiled.selection import Lookup, NotCompilable, Planner
from hub.compiled.statements import LOOKUP_PARAMETER, StatementBuilder
from hub.config import Settings
from hub.core.mapping import QueryEnv

DOCUMENTS = 1024
"""Distinct documents kept, least recently used first out."""
SHAPES = 64
"""Distinct shaping variable values kept per document."""


@dataclass(frozen=True)
class Statement:
    """One root field's compiled statement, its positional parameters and how to fill them."""

    key: str
    sql: str
    parameters: tuple[str, ...]
    values: Mapping[str, Any]
    key_variable: str | None
    process_key: Callable[[Any], Any] | None = None

    def arguments(self, variables: Mapping[str, Any]) -> tuple[Any, ...]:
        if self.key_variable is None:
            return tuple(self.values[name] for name in self.parameters)
        key = variables[self.key_variable]
        key = self.process_key(key) if self.process_key is not None else key
        values = {**self.values, LOOKUP_PARAMETER: key}
        return tuple(values[name] for name in self.parameters)


@dataclass(frozen=True)
class BoundStatement:
    key: str
    sql: str
    arguments: tuple[Any, ...]


@dataclass(frozen=True)
class Shape:
    """One shape of an operation: its compiled root fields' statements, and the document
    the resolver tree runs for the rest (``None`` when every root field compiled)."""

    statements: tuple[Statement, ...]
    resolver_document: str | None
    keys: tuple[str, ...]
    """Every root field's response key, in response order."""


@dataclass(frozen=True)
class BoundPlan:
    """A request's compiled statements, and what is left to the resolver tree."""

    statements: list[BoundStatement]
    resolver_document: str | None
    keys: tuple[str, ...]


class _Variables(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.uses: dict[str, int] = {}

    def enter_variable(self, node: VariableNode, *_args: object) -> None:
        self.uses[node.name.value] = self.uses.get(node.name.value, 0) + 1


def _sole_variable(node: FieldNode) -> str | None:
    """The variable that is a field's only argument, when the field has no directives."""
    arguments = node.arguments or ()
    if len(arguments) != 1 or node.directives or not isinstance(arguments[0].value, VariableNode):
        return None
    return arguments[0].value.name.value


class DocumentPlan:
    """One operation of one document, valid against the schema, with its compiled shapes."""

    def __init__(
        self,
        source: str,
        document: DocumentNode,
        operation: OperationDefinitionNode,
        holds_nul: bool,
    ) -> None:
        self.source = source
        self.document = document
        self.operation = operation
        self.holds_nul = holds_nul
        self.fragments = {
            definition.name.value: definition
            for definition in document.definitions
            if isinstance(definition, FragmentDefinitionNode)
        }
        uses = _Variables()
        visit(document, uses)
        # Declarations count once; a key variable is used once more, as a lookup's key.
        self.key_candidates = {
            name: node
            for node in operation.selection_set.selections
            if isinstance(node, FieldNode)
            and (name := _sole_variable(node)) is not None
            and uses.uses.get(name) == 2
        }
        self.key_variables: frozenset[str] | None = None
        self.shapes: OrderedDict[bytes, Shape | None] = OrderedDict()


class PlanCache:
    """Plans by document and operation, for one schema, mapping, settings and dialect."""

    def __init__(
        self,
        schema: GraphQLSchema,
        bindings: Mapping[type, Binding],
        settings: Settings,
        dialect: Dialect,
    ) -> None:
        self.schema = schema
        self.bindings = bindings
        self.settings = settings
        self.dialect = dialect
        self._documents: OrderedDict[tuple[str, str | None], DocumentPlan | None] = OrderedDict()

    def bind(
        self,
        query: str,
        operation_name: str | None,
        variables: Mapping[str, Any] | None,
        env: QueryEnv,
    ) -> BoundPlan | None:
        """The compiled root fields' statements and the resolver tree's document for the
        others, or ``None`` when no root field compiles."""
        plan = self._document(query, operation_name)
        if plan is None or plan.holds_nul:
            return None
        raw = dict(variables or {})
        if variables_with_nul(raw):
            return None
        definitions = plan.operation.variable_definitions or ()
        coerced = get_variable_values(self.schema, definitions, raw)
        if not isinstance(coerced, VariableValues):
            return None
        shape = self._shape(plan, raw, env)
        if shape in plan.shapes:
            plan.shapes.move_to_end(shape)
            compiled = plan.shapes[shape]
        else:
            compiled = self._compile(plan, coerced, env)
            if plan.key_variables is None:
                plan.key_variables = frozenset(
                    statement.key_variable
                    for statement in (compiled.statements if compiled else ())
                    if statement.key_variable is not None
                )
                shape = self._shape(plan, raw, env)
            plan.shapes[shape] = compiled
            if len(plan.shapes) > SHAPES:
                plan.shapes.popitem(last=False)
        if compiled is None:
            return None
        values = coerced.coerced
        statements = [
            BoundStatement(statement.key, statement.sql, statement.arguments(values))
            for statement in compiled.statements
        ]
        return BoundPlan(statements, compiled.resolver_document, compiled.keys)

    def _shape(self, plan: DocumentPlan, raw: Mapping[str, Any], env: QueryEnv) -> bytes:
        shaping = {
            name: value for name, value in raw.items() if name not in (plan.key_variables or ())
        }
        today: date = env.today
        return orjson.dumps(
            [shaping, today.isoformat(), env.young_talent_max_age],
            option=orjson.OPT_SORT_KEYS | orjson.OPT_PASSTHROUGH_DATACLASS,
            default=str,
        )

    def _document(self, query: str, operation_name: str | None) -> DocumentPlan | None:
        key = (query, operation_name)
        if key in self._documents:
            self._documents.move_to_end(key)
            return self._documents[key]
        plan = self._parse(query, operation_name)
        self._documents[key] = plan
        if len(self._documents) > DOCUMENTS:
            self._documents.popitem(last=False)
        return plan

    def _parse(self, query: str, operation_name: str | None) -> DocumentPlan | None:
        try:
            document = parse(query)
        except GraphQLError:
            return None
        operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
        if operation_name is not None:
            operations = [o for o in operations if o.name and o.name.value == operation_name]
        if len(operations) != 1 or operations[0].operation is not OperationType.QUERY:
            return None
        if validate(self.schema, document):
            return None
        return DocumentPlan(query, document, operations[0], document_holds_nul(document))

    def _compile(
        self, plan: DocumentPlan, variables: VariableValues, env: QueryEnv
    ) -> Shape | None:
        """The operation's shape for these variables; ``None`` when no root field compiles."""
        planner = Planner(self.schema, self.bindings, self.settings, plan.fragments, variables, env)
        query_type = self.schema.query_type
        assert query_type is not None
        builder = StatementBuilder(env)
        statements: list[Statement] = []
        collected = planner.collect(query_type, [plan.operation.selection_set])
        for key, nodes in collected.items():
            try:
                root = planner.root(key, nodes)
                key_variable = None
                if isinstance(root, Lookup) and len(nodes) == 1:
                    key_variable = next(
                        (name for name, node in plan.key_candidates.items() if node is nodes[0]),
                        None,
                    )
                if isinstance(root, Lookup) and nodes[0].name.value == "node":
                    key_variable = None
                statements.append(self._statement(builder, key, root, key_variable))
            except NotCompilable:
                continue
        if not statements:
            return None
        compiled_keys = {statement.key for statement in statements}
        rest = None
        if len(compiled_keys) < len(collected):
            rest = resolver_document(plan.source, plan.document, plan.operation, compiled_keys)
        return Shape(tuple(statements), rest, tuple(collected))

    def _statement(
        self, builder: StatementBuilder, key: str, root: Any, key_variable: str | None
    ) -> Statement:
        compiled = builder.root(root).compile(
            dialect=self.dialect, compile_kwargs={"render_postcompile": True}
        )
        processors = {
            name: bind.type.bind_processor(self.dialect) for name, bind in compiled.binds.items()
        }
        # An expanded IN list's values are named after their parameter: ``status_1_2``.
        for name in compiled.params:
            stem = name.rsplit("_", 1)[0]
            if name not in processors and stem in processors:
                processors[name] = processors[stem]
        values = dict(compiled.params)
        if isinstance(root, Lookup):
            values[LOOKUP_PARAMETER] = root.value
        # The driver gets the values as SQLAlchemy would hand them over (enums as names).
        values = {
            name: processor(value) if (processor := processors.get(name)) else value
            for name, value in values.items()
            if name != LOOKUP_PARAMETER or key_variable is None
        }
        lookup = processors.get(LOOKUP_PARAMETER)
        parameters: Sequence[str] = compiled.positiontup or ()
        return Statement(key, compiled.string, tuple(parameters), values, key_variable, lookup)
