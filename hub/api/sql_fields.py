"""What a resolver field computes, declared so that a query compiler can do it in SQL.

Most fields of a mapped type read an entity field of the same name or follow a relation
(``hub.api.relations``); the few with a small resolver of their own say here what it
does, in terms of entity fields: ``Country.code`` returns the ``code`` field as it is,
``name(language:)`` picks a translation. Root fields declare the same way that they
find a row by a unique field or list every row, and hold no rule about who may see
them. A resolver field without such a declaration is left to the resolver tree: a
compiled answer never skips a check a resolver makes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hub.api.pagination import QueryListing

SQL_FIELD = "hub.sql_field"
"""The key of a field's metadata that holds what it computes."""


@dataclass(frozen=True)
class Reads:
    """The field returns one entity field unchanged."""

    field: str


@dataclass(frozen=True)
class Translates:
    """The field returns the translation for its ``language`` argument, lowercased, from
    the ``translations`` object, or ``default`` when none is asked for or known."""

    default: str
    translations: str


@dataclass(frozen=True)
class FindsBy:
    """A root field answering the one row whose unique ``field`` equals its argument of
    the same name, with no rule of its own about who may see it (``creator(handle:)``)."""

    field: str


@dataclass(frozen=True)
class ListsAll:
    """A root list of every row of its type, in the type's default order, with no rule of
    its own about who may see them, when no argument but paging is given.

    With ``narrowed``, its filter and order compile too: called with the field's other
    arguments (as the resolver receives them) and the request's ``env``, it returns the
    ``QueryListing`` the resolver would page through, built by the same code, or ``None``
    when the arguments ask for what the compiler leaves to the resolver tree (a search,
    an order only some callers may ask for).
    """

    narrowed: Callable[..., QueryListing | None] | None = None


@dataclass(frozen=True)
class MoneyOf:
    """The field returns ``Money`` of the ``minor`` field's minor units of the
    ``currency`` field's currency, or null when either is null."""

    minor: str
    currency: str


@dataclass(frozen=True)
class FirstOf:
    """The field returns the object of the first of these to-one relations (named as in
    the entity's relations) whose key is set: a union's member, say."""

    relations: tuple[str, ...]


@dataclass(frozen=True)
class Entries:
    """The field returns the entries of the ``field`` JSON object, sorted by key, as
    objects whose ``key`` field holds an entry's key and ``value`` field its value."""

    field: str
    key: str
    value: str


SqlField = Reads | Translates | MoneyOf | FirstOf | Entries | FindsBy | ListsAll
LISTS_ALL = {SQL_FIELD: ListsAll()}
"""Metadata declaring a root list ``ListsAll``."""
