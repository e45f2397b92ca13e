"""The read mapping: how each GraphQL object type maps onto SQL.

Every object type declares one ``Entity``: its fields as columns or SQL expressions
(derived fields such as ``isYoungTalent`` included), its relations as keys, and its
orderings. Loaders, filters and ordering all read these declarations, so a query
compiler can later turn a whole selection into one statement from the same source.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Boolean, ColumnElement, FromClause, Select, select, type_coerce

Expression = ColumnElement[Any]


@dataclass(frozen=True)
class QueryEnv:
    """Values that derived fields depend on, fixed for the length of one request."""

    today: date
    young_talent_max_age: int


@dataclass(frozen=True)
class Derived:
    """A field computed in SQL from the row and the request's ``QueryEnv``."""

    build: Callable[[QueryEnv], Expression]


FieldSource = Expression | Derived


def boolean(condition: Expression) -> Expression:
    """A condition as a boolean field: grouped, so that negating it negates all of it."""
    return type_coerce(condition.self_group(), Boolean)


@dataclass(frozen=True)
class ToOne:
    """A reference held in one of this entity's fields (a foreign key)."""

    target: str
    key_field: str


@dataclass(frozen=True)
class ToMany:
    """Rows of ``target`` that belong to a parent.

    ``parent`` is the expression that equals the parent's key: a foreign key column on
    the target's table, or the ``parent`` column of ``through``, a link selectable with
    ``parent`` and ``child`` columns for relations that go through another table.
    """

    target: str
    parent: Callable[[], Expression] | None = None
    through: Callable[[], Select[Any]] | None = None
    condition: Callable[[], Expression] | None = None
    """Only the target's rows that meet it belong (pending invitations, say)."""


@dataclass(frozen=True)
class Entity:
    """One GraphQL object type's mapping onto a table."""

    name: str
    table: FromClause
    key_field: str
    fields: Mapping[str, FieldSource]
    relations: Mapping[str, ToOne | ToMany] = field(default_factory=dict)
    orderings: Mapping[str, Expression] = field(default_factory=dict)
    default_ordering: tuple[tuple[str, bool], ...] = ()

    @property
    def key(self) -> Expression:
        source = self.fields[self.key_field]
        assert not isinstance(source, Derived), "a key is a column, never derived"
        return source

    def expression(self, name: str, env: QueryEnv) -> Expression:
        source = self.fields[name]
        return source.build(env) if isinstance(source, Derived) else source

    def columns(self, env: QueryEnv) -> list[Expression]:
        return [self.expression(name, env).label(name) for name in self.fields]

    def select(self, env: QueryEnv) -> Select[Any]:
        """All mapped fields of this entity, labelled with their field names."""
        return select(*self.columns(env)).select_from(self.table)

    def order_by(self, ordering: Iterable[tuple[str, bool]] | None = None) -> list[Expression]:
        """ORDER BY terms for ``(ordering name, descending)`` pairs, ending on the key.

        The key always closes the order so that pages are stable across requests.
        """
        pairs = list(ordering) if ordering else list(self.default_ordering)
        terms: list[Expression] = []
        for name, descending in pairs:
            expression = self.orderings[name]
            terms.append(expression.desc() if descending else expression.asc())
        terms.append(self.key.asc())
        return terms


class Registry:
    """The entities of the whole schema, by name, so relations can name their targets."""

    def __init__(self) -> None:
        self._entities: dict[str, Entity] = {}

    def add(self, entity: Entity) -> Entity:
        if entity.name in self._entities:
            raise ValueError(f"entity {entity.name} is declared twice")
        self._entities[entity.name] = entity
        return entity

    def __getitem__(self, name: str) -> Entity:
        return self._entities[name]

    def __iter__(self) -> Any:
        return iter(self._entities.values())


ENTITIES = Registry()
