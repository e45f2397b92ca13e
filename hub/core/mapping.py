"""The read mapping: how each mapped GraphQL object type maps onto SQL.

Each mapped object type declares one ``Entity``: its fields as columns or SQL
expressions (derived fields such as ``isYoungTalent`` included), its relations, and its
orderings. Entities are plain objects that modules import and pass by reference;
relations are typed attributes (``CREATOR.relations.country``) whose targets are other
entities, named lazily so that two entities may point at each other. Loaders, filters
and ordering all read these declarations, so a query compiler can later turn a whole
selection into one statement from the same source.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Generic, TypeVar

from sqlalchemy import Boolean, ColumnElement, FromClause, Select, select, type_coerce
from sqlalchemy.orm import QueryableAttribute

Expression = ColumnElement[Any]
AnySelect = Select[*tuple[Any, ...]]
"""A SELECT of any number of columns of any types."""
Column = ColumnElement[Any] | QueryableAttribute[Any]
"""A column as a mapping names it: a Core column, or an ORM attribute (``Creator.id``)."""


def as_expression(column: Column) -> Expression:
    """The SQL expression behind ``column``, for building statements from it."""
    return column.__clause_element__() if isinstance(column, QueryableAttribute) else column


@dataclass(frozen=True)
class QueryEnv:
    """Values that derived fields depend on, fixed for the length of one request."""

    today: date
    young_talent_max_age: int


@dataclass(frozen=True)
class Derived:
    """A field computed in SQL from the row and the request's ``QueryEnv``."""

    build: Callable[[QueryEnv], Expression]


FieldSource = Column | Derived


def boolean(condition: Expression) -> Expression:
    """A condition as a boolean field: grouped, so that negating it negates all of it."""
    return type_coerce(condition.self_group(), Boolean)


EntityRef = Callable[[], "Entity[Any]"]
"""An entity named lazily (``lambda: COUNTRY``), so entities may refer to each other."""


@dataclass(frozen=True, eq=False)
class ToOne:
    """A reference held in one of this entity's fields (a foreign key)."""

    to: EntityRef
    key_field: str

    @property
    def target(self) -> Entity[Any]:
        return self.to()


@dataclass(frozen=True, eq=False)
class ToMany:
    """Rows of the target entity that belong to a parent.

    ``parent`` is the column that equals the parent's key: a foreign key column on
    the target's table, or the ``parent`` column of ``through``, a link selectable with
    ``parent`` and ``child`` columns for relations that go through another table.
    """

    to: EntityRef
    parent: Column | None = None
    through: Callable[[], AnySelect] | None = None
    condition: Callable[[], Expression] | None = None
    """Only the target's rows that meet it belong (pending invitations, say)."""

    @property
    def target(self) -> Entity[Any]:
        return self.to()


Relation = ToOne | ToMany


class Relations:
    """An entity's relations, declared as class attributes so each is named and typed.

    ``class CreatorRelations(Relations): country = ToOne(lambda: COUNTRY, "country_code")``
    """

    def __iter__(self) -> Iterator[tuple[str, Relation]]:
        for cls in reversed(type(self).__mro__):
            for name, value in vars(cls).items():
                if isinstance(value, ToOne | ToMany):
                    yield name, value

    def __contains__(self, relation: object) -> bool:
        return any(relation is found for _, found in self)


class NoRelations(Relations):
    """The relations of an entity that points at nothing."""


R = TypeVar("R", bound=Relations)


@dataclass(frozen=True, eq=False)
class Entity(Generic[R]):
    """One mapped object type's mapping onto a table; compared and hashed by identity."""

    name: str
    table: FromClause
    key_field: str
    fields: Mapping[str, FieldSource]
    relations: R
    orderings: Mapping[str, Column] = field(default_factory=dict)
    default_ordering: tuple[tuple[str, bool], ...] = ()

    @property
    def key(self) -> Expression:
        source = self.fields[self.key_field]
        assert not isinstance(source, Derived), "a key is a column, never derived"
        return as_expression(source)

    def expression(self, name: str, env: QueryEnv) -> Expression:
        source = self.fields[name]
        return source.build(env) if isinstance(source, Derived) else as_expression(source)

    def columns(self, env: QueryEnv) -> list[Expression]:
        return [self.expression(name, env).label(name) for name in self.fields]

    def select(self, env: QueryEnv) -> AnySelect:
        """All mapped fields of this entity, labelled with their field names."""
        return select(*self.columns(env)).select_from(self.table)

    def order_by(self, ordering: Iterable[tuple[str, bool]] | None = None) -> list[Expression]:
        """ORDER BY terms for ``(ordering name, descending)`` pairs, ending on the key.

        The key always closes the order so that pages are stable across requests.
        """
        pairs = list(ordering) if ordering else list(self.default_ordering)
        terms: list[Expression] = []
        for name, descending in pairs:
            expression = as_expression(self.orderings[name])
            terms.append(expression.desc() if descending else expression.asc())
        terms.append(self.key.asc())
        return terms
