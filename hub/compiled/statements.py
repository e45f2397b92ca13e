"""SQL building: one statement per planned root field, returning its answer as JSON text.

Each mapped object becomes a JSON object of its selected fields, in response order; a
to-one relation a correlated subquery; a list an ordered aggregate; a connection its
window of rows numbered in the relation's order (the same window arithmetic as the
loaders, ``hub.core.paging``), with ``totalCount``, ``pageInfo`` and cursors computed
beside it. Every entity field, relation, condition and order comes from the mapping;
the dialects differ only inside ``hub.core.json_sql``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import (
    CTE,
    BigInteger,
    Boolean,
    ColumnElement,
    FromClause,
    Select,
    Text,
    and_,
    bindparam,
    case,
    cast,
    func,
    literal_column,
    null,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.sql.util import ClauseAdapter
from sqlalchemy.sql.visitors import replacement_traverse

from hub.compiled.selection import (
    ConnectionField,
    ConnectionParts,
    Cursor,
    EdgesPart,
    EntriesField,
    Field,
    FirstOfField,
    GlobalId,
    ListField,
    Lookup,
    Lookups,
    MoneyField,
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
from hub.core.json_sql import (
    base64_text,
    base64_url_text,
    greatest_of,
    iso_instant,
    json_array_agg,
    json_boolean,
    json_embed,
    json_empty_array,
    json_entries,
    json_list,
    json_member,
    json_object,
    json_text,
    least_of,
)
from hub.core.mapping import AnySelect, Entity, Expression, QueryEnv, ToMany, as_expression
from hub.core.money import MINOR_DIGITS
from hub.core.paging import IN_PAGE, PARENT, ROW, TOTAL, Window, _row_conditions

LOOKUP_PARAMETER = "hub_lookup"
"""The bound parameter a lookup's key travels in, filled per request."""

MAX_KEYS = 50
"""PostgreSQL's ``json_build_object`` takes at most 100 arguments."""


class Adapt:
    """Moves the mapping's expressions, written over an entity's table, onto ``source``:
    an alias of it, or a subquery selecting all of its columns. Only that table is
    replaced, not the tables it is itself built from (a derived entity's)."""

    def __init__(self, source: FromClause, entity: Entity[Any]) -> None:
        self.source = source
        self.table = entity.table
        table = entity.table
        self._adapter = ClauseAdapter(
            source,
            include_fn=lambda element: element is table or getattr(element, "table", None) is table,
        )

    def __call__(self, expression: Expression) -> Expression:
        # The entity's table (a subquery, for some) must stay itself for the adapter.
        keep = {"stop_on": [self.table, self.source]}
        correlated = replacement_traverse(expression, keep, self._correlated)
        adapted: Expression = self._adapter.traverse(correlated)
        return adapted

    def _correlated(self, element: Any, **_options: Any) -> Any:
        """A subquery correlated to the entity's table by name (``.correlate(Project)``)
        is correlated to ``source`` instead; otherwise ``source`` would join it uncorrelated."""
        if isinstance(element, Select) and any(
            correlated._deannotate() is self.table  # ``.correlate(Project)`` annotates it
            for correlated in getattr(element, "_correlate", ())
        ):
            return self._adapter.traverse(element).correlate(self.source)
        return None


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


def _amount(minor: Expression, currency: Expression) -> Expression:
    """``Money.amount`` as GraphQL writes it (``str`` of the ``Decimal``): the minor units
    in major units with exactly the currency's number of decimals, ``-0.05`` say."""
    magnitude = func.abs(minor, type_=BigInteger)
    sign = case((minor < 0, literal_column("'-'")), else_=literal_column("''"))
    by_digits: dict[int, list[str]] = {}
    for code, digits in MINOR_DIGITS.items():
        by_digits.setdefault(digits, []).append(code)
    whens: list[tuple[Expression, Expression]] = []
    for digits, codes in sorted(by_digits.items()):
        if digits == 0:
            text: Expression = cast(minor, Text)
        else:
            unit: Expression = literal_column(str(10**digits), BigInteger)
            fraction = func.substr(cast(unit + magnitude % unit, Text), 2)
            text = sign.op("||")(cast(magnitude // unit, Text)).op("||")(
                literal_column("'.'").op("||")(fraction)
            )
        whens.append((currency.in_([_quoted(code) for code in codes]), text))
    return case(*whens, else_=null())


def _embed_or(value: Expression, empty: Expression) -> Expression:
    """A sub-document from an outer join, or ``empty`` when the join found nothing."""
    return func.coalesce(json_embed(value), empty)


class _Objects:
    """A level's JSON: for each row of ``rows``, one JSON column per selection."""

    def __init__(self, cte: CTE, count: int) -> None:
        self.cte = cte
        self.columns = [cte.c[f"hub_json_{index}"] for index in range(count)]


class StatementBuilder:
    """Builds the statement of one root field, for one request environment.

    The statement is a chain of common table expressions, one pair per level of the
    selection: the level's rows, found from the keys of its parent level's rows (top
    down), and their JSON, joined to the JSON of the levels below (bottom up). Nesting
    adds expressions to the chain, not depth to the SQL, which SQLite's parser limits.
    """

    def __init__(self, env: QueryEnv) -> None:
        self.env = env
        self._names = 0

    def _name(self, kind: str) -> str:
        self._names += 1
        return f"hub_{kind}_{self._names}"

    def root(self, plan: RootPlan) -> AnySelect:
        if isinstance(plan, Lookups):
            if not plan.lookups:
                return select(json_text(json_empty_array()))
            # Each ID's key is a value of its own, fixed in the plan (IDs shape it).
            found = [json_embed(self._found(one, one.value)) for one in plan.lookups]
            return select(json_text(json_list(*found)))
        if isinstance(plan, Lookup):
            return select(json_text(json_embed(self._found(plan, None))))
        entity = plan.parts.entity
        table = entity.table.alias()
        adapt = Adapt(table, entity)
        return select(json_text(self._root_connection(plan, table, adapt)))

    def _found(self, plan: Lookup, value: Any) -> Expression:
        """The looked-up object's JSON; its key is ``LOOKUP_PARAMETER`` unless ``value``."""
        entity = plan.target.entity
        table = entity.table.alias()
        key = Adapt(table, entity)(entity.expression(plan.field, self.env))
        parameter = (
            bindparam(LOOKUP_PARAMETER, None, type_=key.type)
            if value is None
            else bindparam(None, value, type_=key.type, unique=True)
        )
        rows = select(table).where(key == parameter).cte(self._name("rows"))
        objects = self._objects(rows, entity, [plan.target], [])
        return select(objects.columns[0]).scalar_subquery()

    # -- objects ----------------------------------------------------------------------

    def _objects(
        self,
        rows: CTE,
        entity: Entity[Any],
        selections: Sequence[ObjectSelection],
        carry: Sequence[Expression],
    ) -> _Objects:
        adapt = Adapt(rows, entity)
        source: FromClause = rows
        columns: list[Expression] = list(carry)
        for index, selection in enumerate(selections):
            pairs: list[tuple[str, Expression]] = []
            for field in selection.fields:
                value, joins = self._field(selection.entity, field, rows, adapt)
                for joined, on in joins:
                    source = source.outerjoin(joined, on)
                pairs.append((field.key, value))
            columns.append(_object(pairs).label(f"hub_json_{index}"))
        cte = select(*columns).select_from(source).cte(self._name("json"))
        return _Objects(cte, len(selections))

    def _field(
        self, entity: Entity[Any], field: Field, rows: CTE, adapt: Adapt
    ) -> tuple[Expression, list[tuple[FromClause, Expression]]]:
        """A field's value over ``rows``, and the outer joins it needs."""
        if isinstance(field, Value):
            value = adapt(entity.expression(field.field, self.env))
            if field.is_boolean:
                return json_boolean(value), []
            if field.is_instant:
                return iso_instant(value), []
            return (json_embed(value) if field.is_json else value), []
        if isinstance(field, Typename):
            return _quoted(field.name), []
        if isinstance(field, GlobalId):
            key = cast(adapt(entity.key), Text)
            return base64_text(_quoted(f"{field.type_name}:").op("||")(key)), []
        if isinstance(field, Translation):
            default = adapt(entity.expression(field.default, self.env))
            if field.language is None:
                return default, []
            names = adapt(entity.expression(field.translations, self.env))
            language = _quoted(field.language.lower())
            return func.coalesce(json_member(names, language), default), []
        if isinstance(field, MoneyField):
            return self._money(entity, field, adapt), []
        if isinstance(field, EntriesField):
            for name in (name for part in field.parts for name in part):
                _quoted(name)  # refuses what cannot be written as a literal
            document = adapt(entity.expression(field.field, self.env))
            return json_entries(document, field.parts), []
        if isinstance(field, ToOneField):
            return self._to_one(entity, field, rows, adapt)
        if isinstance(field, FirstOfField):
            return self._first_of(entity, field, rows, adapt)
        parent_keys = select(adapt(entity.key)).select_from(rows)
        if isinstance(field, ListField):
            related = self._related(field.relation, parent_keys, numbered=False)
            objects = self._objects(
                related, field.relation.target, [field.target], _carried(related, LIST_COLUMNS)
            )
            ordered = _in_order(objects)
            array = json_array_agg(ordered.c.hub_json_0, ordered.c[ROW]).label("hub_json")
            arrays = select(ordered.c[PARENT], array).group_by(ordered.c[PARENT]).subquery()
            on = arrays.c[PARENT] == adapt(entity.key)
            return _embed_or(arrays.c.hub_json, json_empty_array()), [(arrays, on)]
        if isinstance(field, ConnectionField):
            return self._related_connection(entity, field, parent_keys, adapt)
        raise NotCompilable(f"field {field!r}")

    def _money(self, entity: Entity[Any], field: MoneyField, adapt: Adapt) -> Expression:
        minor = adapt(entity.expression(field.minor, self.env))
        currency = adapt(entity.expression(field.currency, self.env))
        values = {
            "amount": _amount(minor, currency),
            "currencyCode": currency,
            "__typename": _quoted(field.type_name),
        }
        money = _object([(key, values[name]) for key, name in field.parts])
        return json_embed(case((or_(minor.is_(None), currency.is_(None)), null()), else_=money))

    def _first_of(
        self, entity: Entity[Any], field: FirstOfField, rows: CTE, adapt: Adapt
    ) -> tuple[Expression, list[tuple[FromClause, Expression]]]:
        """The first branch whose key is set, each branch joined as a to-one relation."""
        whens: list[tuple[Expression, Expression]] = []
        joins: list[tuple[FromClause, Expression]] = []
        for branch in field.branches:
            value, branch_joins = self._to_one(entity, branch, rows, adapt)
            key = adapt(entity.expression(branch.relation.key_field, self.env))
            whens.append((key.is_not(None), value))
            joins += branch_joins
        return json_embed(case(*whens, else_=null())), joins

    def _to_one(
        self, entity: Entity[Any], field: ToOneField, rows: CTE, adapt: Adapt
    ) -> tuple[Expression, list[tuple[FromClause, Expression]]]:
        target = field.relation.target
        table = target.table.alias()
        keys = select(adapt(entity.expression(field.relation.key_field, self.env)))
        found = (
            select(table)
            .where(Adapt(table, target)(target.key).in_(keys.select_from(rows)))
            .cte(self._name("rows"))
        )
        key = Adapt(found, target)(target.key).label("hub_key")
        objects = self._objects(found, target, [field.target], [key])
        parent_key = adapt(entity.expression(field.relation.key_field, self.env))
        on = objects.cte.c.hub_key == parent_key
        return json_embed(objects.columns[0]), [(objects.cte, on)]

    # -- relations --------------------------------------------------------------------

    def _related(self, relation: ToMany, parent_keys: AnySelect, *, numbered: bool) -> CTE:
        """The rows of ``relation`` for every parent key, numbered per parent in the
        target's order; with ``numbered``, also counted per parent."""
        target: Entity[Any] = relation.target
        table = target.table.alias()
        adapt = Adapt(table, target)
        statement: AnySelect = select(table)
        if relation.through is not None:
            link = relation.through().subquery()
            statement = statement.join(link, link.c.child == adapt(target.key))
            parent: Expression = link.c.parent
        else:
            assert relation.parent is not None
            parent = adapt(as_expression(relation.parent))
        statement = statement.where(parent.in_(parent_keys))
        if relation.condition is not None:
            statement = statement.where(adapt(relation.condition()))
        order = [adapt(term) for term in target.order_by()]
        columns = [
            parent.label(PARENT),
            func.row_number().over(partition_by=parent, order_by=order).label(ROW),
        ]
        if numbered:
            columns.append(func.count().over(partition_by=parent).label(TOTAL))
        return statement.add_columns(*columns).cte(self._name("rows"))

    # -- connections ------------------------------------------------------------------

    def _related_connection(
        self,
        entity: Entity[Any],
        field: ConnectionField,
        parent_keys: AnySelect,
        adapt: Adapt,
    ) -> tuple[Expression, list[tuple[FromClause, Expression]]]:
        window = field.window
        related = self._related(field.relation, parent_keys, numbered=True)
        in_page = and_(*_row_conditions(related.c[ROW], related.c[TOTAL], window))
        # Each parent's first row stays even outside the window, so its total is known.
        kept = (
            select(related, type_coerce(in_page, Boolean).label(IN_PAGE))
            .where(or_(in_page, related.c[ROW] == 1))
            .cte(self._name("rows"))
        )
        selections = field.parts.selections
        objects = self._objects(
            kept, field.parts.entity, selections, _carried(kept, CONNECTION_COLUMNS)
        )
        rows = _in_order(objects)
        total = func.max(rows.c[TOTAL])
        connection = self._connection(
            field.parts, rows, rows.c[IN_PAGE], total, _bounds(window, total)
        )
        pages = (
            select(rows.c[PARENT], connection.label("hub_json")).group_by(rows.c[PARENT]).subquery()
        )
        empty = self._empty_connection(field.parts)
        on = pages.c[PARENT] == adapt(entity.key)
        return _embed_or(pages.c.hub_json, empty), [(pages, on)]

    def _root_connection(self, plan: RootConnection, table: FromClause, adapt: Adapt) -> Expression:
        entity = plan.parts.entity
        window = plan.window
        order = [adapt(term) for term in entity.order_by(plan.ordering)]
        everything: AnySelect = select(table).where(*(adapt(c) for c in plan.conditions))
        selections = plan.parts.selections
        if window.needs_total:
            numbered = everything.add_columns(
                func.row_number().over(order_by=order).label(ROW),
                func.count().over().label(TOTAL),
            ).subquery()
            in_page = and_(*_row_conditions(numbered.c[ROW], numbered.c[TOTAL], window))
            kept = (
                select(numbered, type_coerce(in_page, Boolean).label(IN_PAGE))
                .where(or_(in_page, numbered.c[ROW] == 1))
                .cte(self._name("rows"))
            )
            objects = self._objects(kept, entity, selections, _carried(kept, (ROW, TOTAL, IN_PAGE)))
            rows = _in_order(objects)
            total: Expression = func.coalesce(func.max(rows.c[TOTAL]), 0)
            connection = self._connection(
                plan.parts, rows, rows.c[IN_PAGE], total, _bounds(window, total)
            )
            return select(connection).scalar_subquery()
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
        # The page first (a bounded sort), then its rows numbered from ``start``.
        limited = everything.order_by(*order).offset(start).limit(size + 1).subquery()
        in_limited = Adapt(limited, entity)
        limited_order = [in_limited(term) for term in entity.order_by(plan.ordering)]
        number = func.row_number().over(order_by=limited_order)
        page = select(limited, (number + start).label(ROW)).cte(self._name("rows"))
        rows = _in_order(self._objects(page, entity, selections, _carried(page, (ROW,))))
        counted = entity.table.alias()
        in_counted = Adapt(counted, entity)
        total = (
            select(func.count())
            .select_from(counted)
            .where(*(in_counted(c) for c in plan.conditions))
            .scalar_subquery()
        )
        page_info = {
            "hasNextPage": json_boolean(func.count() > size),
            "hasPreviousPage": _constant(start > 0),
        }
        in_page = rows.c[ROW] <= start + size
        connection = self._connection(plan.parts, rows, in_page, total, page_info)
        return select(connection).scalar_subquery()

    def _connection(
        self,
        parts: ConnectionParts,
        rows: FromClause,
        in_page: Expression,
        total: Expression,
        page_info: dict[str, Expression],
    ) -> Expression:
        """The connection's JSON as aggregates over ``rows``, a level's JSON in order
        (rows outside the page only count). ``rows`` appears only inside aggregates, so
        selecting it gives one row, even for an empty page or a bare ``totalCount``."""
        row = rows.c[ROW]

        def cursor_of(which: Callable[[Expression], Any]) -> Expression:
            return _cursor(which(row).filter(in_page))

        pairs: list[tuple[str, Expression]] = []
        for part in parts.parts:
            if isinstance(part, Typename):
                pairs.append((part.key, _quoted(part.name)))
            elif isinstance(part, TotalCount):
                pairs.append((part.key, total))
            elif isinstance(part, NodesPart):
                column = rows.c[f"hub_json_{parts.selections.index(part.target)}"]
                pairs.append((part.key, json_array_agg(column, row, in_page)))
            elif isinstance(part, EdgesPart):
                edge = self._edge(part, parts, rows)
                pairs.append((part.key, json_array_agg(edge, row, in_page)))
            elif isinstance(part, PageInfoPart):
                info: list[tuple[str, Expression]] = []
                for field in part.fields:
                    if field.name == "__typename":
                        info.append((field.key, _quoted("PageInfo")))
                    elif field.name == "startCursor":
                        info.append((field.key, cursor_of(func.min)))
                    elif field.name == "endCursor":
                        info.append((field.key, cursor_of(func.max)))
                    else:
                        info.append((field.key, page_info[field.name]))
                pairs.append((part.key, _object(info)))
        return _object(pairs)

    def _edge(self, part: EdgesPart, parts: ConnectionParts, rows: FromClause) -> Expression:
        pairs: list[tuple[str, Expression]] = []
        for field in part.fields:
            if isinstance(field, Typename):
                pairs.append((field.key, _quoted(field.name)))
            elif isinstance(field, Cursor):
                pairs.append((field.key, _cursor(rows.c[ROW])))
            else:
                column = rows.c[f"hub_json_{parts.selections.index(field.target)}"]
                pairs.append((field.key, json_embed(column)))
        return _object(pairs)

    def _empty_connection(self, parts: ConnectionParts) -> Expression:
        """The connection of a parent with no rows at all: nothing before or after."""
        pairs: list[tuple[str, Expression]] = []
        for part in parts.parts:
            if isinstance(part, Typename):
                pairs.append((part.key, _quoted(part.name)))
            elif isinstance(part, TotalCount):
                pairs.append((part.key, literal_column("0")))
            elif isinstance(part, NodesPart | EdgesPart):
                pairs.append((part.key, json_empty_array()))
            elif isinstance(part, PageInfoPart):
                info: list[tuple[str, Expression]] = []
                for field in part.fields:
                    if field.name == "__typename":
                        info.append((field.key, _quoted("PageInfo")))
                    elif field.name in ("startCursor", "endCursor"):
                        info.append((field.key, null()))
                    else:
                        info.append((field.key, _constant(False)))
                pairs.append((part.key, _object(info)))
        return _object(pairs)


LIST_COLUMNS = (PARENT, ROW)
CONNECTION_COLUMNS = (PARENT, ROW, TOTAL, IN_PAGE)


def _carried(rows: CTE, names: Sequence[str]) -> list[Expression]:
    return [rows.c[name] for name in names]


def _in_order(objects: _Objects) -> FromClause:
    """A level's JSON rows sorted by parent and row number, which SQLite's aggregates
    keep (PostgreSQL's are ordered explicitly)."""
    cte = objects.cte
    order = [cte.c[PARENT]] if PARENT in cte.c else []
    return select(cte).order_by(*order, cte.c[ROW]).subquery()


def _bounds(window: Window, total: Expression) -> dict[str, Expression]:
    """``hasNextPage`` and ``hasPreviousPage`` as ``Window.bounds`` gives them, in SQL."""
    start: Expression = literal_column(str(window.start))
    end: Expression = total
    if window.before is not None:
        end = least_of(literal_column(str(window.before)), end)
    if window.first is not None:
        end = least_of(end, literal_column(str(window.start + window.first)))
    if window.last is not None:
        start = greatest_of(start, end - window.last)
    return {
        "hasNextPage": json_boolean(end < total),
        "hasPreviousPage": json_boolean(least_of(start, end) > 0),
    }
