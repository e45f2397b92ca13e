"""SQL over JSON list columns (``["kk", "ru"]``): the one place the two dialects differ.

SQLite spells these ``json_each`` and ``json_array_length``; PostgreSQL spells them
``json_array_elements_text`` and ``json_array_length``. Callers use the two functions
below and never see which database they run on.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Integer, TableValuedAlias
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


def json_elements(column: ColumnElement[Any]) -> TableValuedAlias:
    """The items of a JSON list of strings, as a table with one text column, ``value``."""
    return _json_elements(column).table_valued("value")


def json_length(column: ColumnElement[Any]) -> ColumnElement[int]:
    """How many items a JSON list has."""
    return _json_length(column)
