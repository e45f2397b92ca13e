"""What a resolver field computes, declared so that a query compiler can do it in SQL.

Most fields of a mapped type read an entity field of the same name or follow a relation
(``hub.api.relations``); the few with a small resolver of their own say here what it
does, in terms of entity fields: ``Country.code`` returns the ``code`` field as it is,
``name(language:)`` picks a translation. A resolver field without such a declaration is
left to the resolver tree.
"""

from __future__ import annotations

from dataclasses import dataclass

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


SqlField = Reads | Translates
