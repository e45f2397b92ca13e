"""SQL that SQLite and PostgreSQL spell differently, for queries other than search.

Search's differences live in ``hub.core.search_sql``, connection set-up in ``hub.core.db``.

- The items of a JSON list column (``["kk", "ru"]``): SQLite's ``json_each``,
  PostgreSQL's ``json_array_elements_text``.
- Rows picked by key from a subquery of keys: SQLite looks each key up by its primary
  key for ``IN (subquery)``; PostgreSQL may answer ``IN`` with a hash join over a scan
  of the whole table, but ``= ANY(ARRAY(subquery))`` is an index scan on the key.

Callers use the functions below and never see which database they run on.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    Boolean,
    ColumnElement,
    Integer,
    Select,
    SQLColumnExpression,
    String,
    TableValuedAlias,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement


class _json_elements(FunctionElement[Any]):
    inherit_cache = True
    name = "json_elements"


class _json_length(FunctionElement[int]):
    inherit_cache = True
    name = "json_length"
    type = Integer()


@compiles(_json_elements, "sqlite")
def _sqlite_elements(element: _json_elements, compiler: SQLCompiler, **kw: Any) -> str:
    return f"json_each({compiler.process(element.clauses, **kw)})"


@compiles(_json_elements, "postgresql")
def _postgresql_elements(element: _json_elements, compiler: SQLCompiler, **kw: Any) -> str:
    return f"json_array_elements_text({compiler.process(element.clauses, **kw)})"


@compiles(_json_length)
def _length(element: _json_length, compiler: SQLCompiler, **kw: Any) -> str:
    return f"json_array_length({compiler.process(element.clauses, **kw)})"


def json_elements(column: SQLColumnExpression[Any]) -> TableValuedAlias:
    """The items of a JSON list of strings, as a table with one text column, ``value``."""
    return _json_elements(column).table_valued("value")


def json_length(column: SQLColumnExpression[Any]) -> ColumnElement[int]:
    """How many items a JSON list has."""
    return _json_length(column)


class _picked_by_key(FunctionElement[bool]):
    inherit_cache = True
    name = "picked_by_key"
    type = Boolean()


@compiles(_picked_by_key, "sqlite")
def _sqlite_picked(element: _picked_by_key, compiler: SQLCompiler, **kw: Any) -> str:
    key, keys = element.clauses.clauses
    return f"{compiler.process(key, **kw)} IN {compiler.process(keys, **kw)}"


@compiles(_picked_by_key, "postgresql")
def _postgresql_picked(element: _picked_by_key, compiler: SQLCompiler, **kw: Any) -> str:
    key, keys = element.clauses.clauses
    return f"{compiler.process(key, **kw)} = ANY(ARRAY{compiler.process(keys, **kw)})"


def picked_by_key(key: SQLColumnExpression[Any], keys: Select[Any]) -> ColumnElement[bool]:
    """``key`` is one of the keys ``keys`` selects, found through the key's index."""
    return _picked_by_key(key, keys.scalar_subquery())


class _json_text_at(FunctionElement[str]):
    inherit_cache = True
    name = "json_text_at"
    type = String()


@compiles(_json_text_at, "sqlite")
def _sqlite_text_at(element: _json_text_at, compiler: SQLCompiler, **kw: Any) -> str:
    document, key = (compiler.process(clause, **kw) for clause in element.clauses.clauses)
    return f"json_extract({document}, '$.' || {key})"


@compiles(_json_text_at, "postgresql")
def _postgresql_text_at(element: _json_text_at, compiler: SQLCompiler, **kw: Any) -> str:
    document, key = (compiler.process(clause, **kw) for clause in element.clauses.clauses)
    return f"({document} ->> {key})"


def json_text_at(
    column: SQLColumnExpression[Any], key: SQLColumnExpression[Any]
) -> ColumnElement[str]:
    """The text a JSON object holds under ``key`` (NULL when it holds nothing there)."""
    return _json_text_at(column, key)


class _truncated(FunctionElement[int]):
    inherit_cache = True
    name = "truncated"
    type = Integer()


@compiles(_truncated, "sqlite")
def _sqlite_truncated(element: _truncated, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CAST({compiler.process(element.clauses, **kw)} AS INTEGER)"


@compiles(_truncated, "postgresql")
def _postgresql_truncated(element: _truncated, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CAST(trunc({compiler.process(element.clauses, **kw)}) AS BIGINT)"


def truncated(value: SQLColumnExpression[Any]) -> ColumnElement[int]:
    """A non-negative double's whole part, rounded toward zero the same way on both databases
    (PostgreSQL's own cast to an integer rounds to the nearest instead)."""
    return _truncated(value)


class _bytewise(FunctionElement[str]):
    inherit_cache = True
    name = "bytewise"
    type = String()


@compiles(_bytewise, "sqlite")
def _sqlite_bytewise(element: _bytewise, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(element.clauses, **kw)


@compiles(_bytewise, "postgresql")
def _postgresql_bytewise(element: _bytewise, compiler: SQLCompiler, **kw: Any) -> str:
    return f'({compiler.process(element.clauses, **kw)} COLLATE "C")'


def bytewise(column: SQLColumnExpression[str]) -> ColumnElement[str]:
    """Text ordered by its bytes, as SQLite always does: PostgreSQL's collation (say
    en_US, which skips hyphens) would otherwise order tie-breaking handles differently."""
    return _bytewise(column)
