"""SQL building: one statement per planned root field, returning its answer as JSON text.

Each mapped object becomes a JSON object of its selected fields, in response order; a
to-one relation a correlated subquery; a list an ordered aggregate; a connection its
window of rows numbered in the relation's order (the same window arithmetic as the
loaders, ``hub.core.paging``), with ``totalCount``, ``pageInfo`` and cursors computed
beside it. Every entity field, relation, condition and order comes from the mapping;
the dialects differ only inside ``hub.core.json_sql``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import (
    ColumnElement,
    FromClause,
    Integer,
    Select,
    Text,
    bindparam,
    cast,
    func,
    and_,
    literal_column,
    select,
)
from sqlalchemy.sql.util import ClauseAdapter

from hub.core.json_sql import (
    base64_text,
    base64_url_text,
    greatest_of,
    json_array_agg,
    json_boolean,
    json_embed,
    json_member,
    json_object,
    json_text,
    least_of,
)
from hub.core.mapping import AnySelect, Entity, Expression, QueryEnv, ToMany, as_expression
from hub.core.paging import ROW, TOTAL, Window, _row_conditions
from hub.compiled.selection import (
    ConnectionField,
    ConnectionParts,
    Cursor,
    EdgesPart,
    GlobalId,
    ListField,
    Lookup,
    Node,
    NodesPart,
    NotCompilable,
    ObjectSelection,
    PageInfoPart,
    RootConnection,
    RootPlan,
    ToOneField,
    TotalCount,
    Translation,
    Typename,
    Value,
)

LOOKUP_PARAMETER = "hub_lookup"
"""The bound parameter a lookup's key travels in, filled per request."""

MAX_KEYS = 50
"""PostgreSQL's ``json_build_object`` takes at most 100 arguments."""

class Adapt:
    """Moves the mapping's expressions, written over an entity's table, onto ``source``:
    an alias of it, or a subquery selecting all of its columns."""

    def __init__(self, source: FromClause) -> None:
        self.source = source
        self._adapter = ClauseAdapter(source)

    def __call__(self, expression: Expression) -> Expression:
        adapted: Expression = self._adapter.traverse(expression)
        return adapted


def _quoted(text: str) -> ColumnElement[Any]:
    """A SQL string literal for a GraphQL name (letters, digits, ``_`` and ``:`` only)."""
    if not all(character.isalnum() or character in "_:" for character in text):
        raise NotCompilable(f"{text!r} cannot be a literal")
    return literal_column(f"'{text}'")


def _object(pairs: list[tuple[str, Expression]]) -> Expression:
    if len(pairs) > MAX_KEYS:
        raise NotCompilable("an object with more keys than json_build_object takes")
    arguments: list[Expression] = []
    for key, value in pairs:
        arguments += [_quoted(key), value]
    return json_object(*arguments)


def _constant(value: bool) -> Expression:
    return json_boolean(literal_column("1 = 1" if value else "1 = 0"))


def _cursor(row_number: Expression) -> Expression:
    """The cursor of the row numbered ``row_number`` (from 1) in its list's order."""
    offset = cast(row_number - 1, Text)
    return base64_url_text(literal_column("'cursor:'").op("||")(offset))


class StatementBuilder:
    """Builds the statements of one operation, for one request environment."""

    def __init__(self, env: QueryEnv) -> None:
        self.env = env

    def root(self, plan: RootPlan) -> AnySelect:
        if isinstance(plan, Lookup):
            entity = plan.target.entity
            rows = entity.table.alias()
            adapt = Adapt(rows)
            key = adapt(entity.expression(plan.field, self.env))
            found = (
                select(self.object(plan.target, adapt))
                .select_from(rows)
                .where(key == bindparam(LOOKUP_PARAMETER, type_=key.type))
                .scalar_subquery()
            )
            return select(json_text(json_embed(found)))
        return select(json_text(self._root_connection(plan)))

    # -- objects ----------------------------------------------------------------------

    def object(self, selection: ObjectSelection, adapt: Adapt) -> Expression:
        entity = selection.entity
        pairs: list[tuple[str, Expression]] = []
        for field in selection.fields:
            pairs.append((field.key, self._field(entity, field, adapt)))
        return _object(pairs)

    def _field(self, entity: Entity[Any], field: Any, adapt: Adapt) -> Expression:
        if isinstance(field, Value):
            value = adapt(entity.expression(field.field, self.env))
            if field.is_boolean:
                return json_boolean(value)
            return json_embed(value) if field.is_json else value
        if isinstance(field, Typename):
            return _quoted(field.name)
        if isinstance(field, GlobalId):
            key = cast(adapt(entity.key), Text)
            return base64_text(_quoted(f"{field.type_name}:").op("||")(key))
        if isinstance(field, Translation):
            default = adapt(entity.expression(field.default, self.env))
            if field.language is None:
                return default
            names = adapt(entity.expression(field.translations, self.env))
            return func.coalesce(json_member(names, _quoted(field.language.lower())), default)
        if isinstance(field, ToOneField):
            target = field.relation.target
            rows = target.table.alias()
            inner = Adapt(rows)
            parent_key = adapt(entity.expression(field.relation.key_field, self.env))
            found = (
                select(self.object(field.target, inner))
                .select_from(rows)
                .where(inner(target.key) == parent_key)
                .scalar_subquery()
            )
            return json_embed(found)
        if isinstance(field, ListField):
            return json_embed(self._list(field, adapt(entity.key), adapt.source))
        if isinstance(field, ConnectionField):
            rows, inner = self._related(field.relation, adapt(entity.key), adapt.source)
            return json_embed(self._numbered_connection(rows, inner, field.window, field.parts))
        raise NotCompilable(f"field {field!r}")

    # -- relations --------------------------------------------------------------------

    def _related(
        self, relation: ToMany, parent_key: Expression, parent: FromClause
    ) -> tuple[AnySelect, Adapt]:
        """Every row of ``relation``'s target that belongs to the parent, unordered, and
        how to read the target's fields in it."""
        target: Entity[Any] = relation.target
        rows = target.table.alias()
        adapt = Adapt(rows)
        statement: AnySelect = select(rows)
        if relation.through is not None:
            link = relation.through().subquery()
            statement = statement.join(link, link.c.child == adapt(target.key))
            belongs_to: Expression = link.c.parent
        else:
            assert relation.parent is not None
            belongs_to = adapt(as_expression(relation.parent))
        statement = statement.where(belongs_to == parent_key).correlate(parent)
        if relation.condition is not None:
            statement = statement.where(adapt(relation.condition()))
        return statement, adapt

    def _list(self, field: ListField, parent_key: Expression, parent: FromClause) -> Expression:
        related, adapt = self._related(field.relation, parent_key, parent)
        order = [adapt(term) for term in field.relation.target.order_by()]
        ordered = (
            related.with_only_columns(
                self.object(field.target, adapt).label("hub_json"),
                func.row_number().over(order_by=order).label(ROW),
            )
            .order_by(*order)
            .subquery()
        )
        return select(json_array_agg(ordered.c.hub_json, ordered.c[ROW])).scalar_subquery()

    # -- connections ------------------------------------------------------------------

    def _numbered_connection(
        self, rows: AnySelect, adapt: Adapt, window: Window, parts: ConnectionParts
    ) -> Expression:
        """A connection by ``Window.bounds``: the loaders' semantics, and the root's with
        ``last`` counted from the end."""
        order = [adapt(term) for term in parts.entity.order_by()]
        numbered = (
            rows.add_columns(
                func.row_number().over(order_by=order).label(ROW),
                func.count().over().label(TOTAL),
            )
            .order_by(*order)
            .subquery()
        )
        in_page = and_(*_row_conditions(numbered.c[ROW], numbered.c[TOTAL], window))
        total = rows.with_only_columns(func.count()).scalar_subquery()
        start: Expression = literal_column(str(window.start))
        end: Expression = total
        if window.before is not None:
            end = least_of(literal_column(str(window.before)), end)
        if window.first is not None:
            end = least_of(end, literal_column(str(window.start + window.first)))
        if window.last is not None:
            start = greatest_of(start, end - window.last)
        page_info: dict[str, Expression] = {
            "hasNextPage": json_boolean(end < total),
            "hasPreviousPage": json_boolean(least_of(start, end) > 0),
        }
        return self._connection(numbered, parts, total, page_info, in_page)

    def _root_connection(self, plan: RootConnection) -> Expression:
        entity = plan.parts.entity
        rows = entity.table.alias()
        adapt = Adapt(rows)
        everything: AnySelect = select(rows)
        window = plan.window
        if window.needs_total:
            return self._numbered_connection(everything, adapt, window, plan.parts)
        # The root list's semantics (``fetch_page``): offsets, one row past the page.
        start = window.start
        stop = window.before
        if window.first is not None:
            stop = start + window.first if stop is None else min(stop, start + window.first)
        assert stop is not None
        if window.last is not None:
            start = max(start, stop - window.last)
        stop = max(start, stop)
        size = stop - start
        order = [adapt(term) for term in entity.order_by()]
        page = (
            everything.add_columns(func.row_number().over(order_by=order).label(ROW))
            .order_by(*order)
            .offset(start)
            .limit(size + 1)
            .subquery()
        )
        total = everything.with_only_columns(func.count()).scalar_subquery()
        page_info: dict[str, Expression] = {
            "hasNextPage": json_boolean(func.count() > size),
            "hasPreviousPage": _constant(start > 0),
        }
        return self._connection(page, plan.parts, total, page_info, page.c[ROW] <= start + size)

    def _connection(
        self,
        page: FromClause,
        parts: ConnectionParts,
        total: Expression,
        page_info: dict[str, Expression],
        in_page: Expression,
    ) -> Expression:
        adapt = Adapt(page)
        row = page.c[ROW]

        def aggregate(value: Expression) -> Expression:
            return json_array_agg(value, row, in_page)

        def edge_row(which: Callable[[Expression], Any]) -> Expression:
            return _cursor(which(row).filter(in_page))

        pairs: list[tuple[str, Expression]] = []
        for part in parts.parts:
            if isinstance(part, Typename):
                pairs.append((part.key, _quoted(part.name)))
            elif isinstance(part, TotalCount):
                pairs.append((part.key, total))
            elif isinstance(part, NodesPart):
                pairs.append((part.key, aggregate(self.object(part.target, adapt))))
            elif isinstance(part, EdgesPart):
                pairs.append((part.key, aggregate(self._edge(part, adapt, row))))
            elif isinstance(part, PageInfoPart):
                info: list[tuple[str, Expression]] = []
                for field in part.fields:
                    if field.name == "__typename":
                        info.append((field.key, _quoted("PageInfo")))
                    elif field.name == "startCursor":
                        info.append((field.key, edge_row(func.min)))
                    elif field.name == "endCursor":
                        info.append((field.key, edge_row(func.max)))
                    else:
                        info.append((field.key, page_info[field.name]))
                pairs.append((part.key, _object(info)))
        statement: Select[Any] = select(_object(pairs)).select_from(page)
        return statement.scalar_subquery()

    def _edge(self, part: EdgesPart, adapt: Adapt, row: Expression) -> Expression:
        pairs: list[tuple[str, Expression]] = []
        for field in part.fields:
            if isinstance(field, Typename):
                pairs.append((field.key, _quoted(field.name)))
            elif isinstance(field, Cursor):
                pairs.append((field.key, _cursor(row)))
            elif isinstance(field, Node):
                pairs.append((field.key, self.object(field.target, adapt)))
        return _object(pairs)


__all__ = ["LOOKUP_PARAMETER", "Integer", "StatementBuilder"]
