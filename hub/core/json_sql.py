"""Where SQLite and PostgreSQL differ for building JSON in SQL, behind one small interface.

The compiled read path (``hub.compiled``) asks the database to build a GraphQL answer as
JSON text: objects with keys in order, ordered arrays, booleans, embedded sub-documents
and the base64 of global IDs and cursors. PostgreSQL has ``json_build_object``,
``json_agg`` and ``encode``; SQLite has ``json_object`` and ``json_group_array`` but no
base64, which is registered on each connection in Python. Every difference lives here.
"""

from __future__ import annotations

import base64
from typing import Any

from sqlalchemy import Integer, Text
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

SQLITE_BASE64 = "hub_base64"
SQLITE_BASE64_URL = "hub_base64_url"


class json_object(FunctionElement[Any]):
    """A JSON object from ``key, value, key, value, ...``; keys keep their order."""

    type = Text()
    inherit_cache = True


class json_array_agg(FunctionElement[Any]):
    """The JSON array of ``value`` over the group, ordered by ``order``; ``[]`` when empty.

    ``json_array_agg(value, order)``, or ``json_array_agg(value, order, condition)`` to
    aggregate only the rows that meet ``condition``.

    On SQLite the order is the order rows reach the aggregate: the caller aggregates
    over a subquery already sorted by ``order``.
    """

    type = Text()
    inherit_cache = True


class json_embed(FunctionElement[Any]):
    """JSON text from a subquery, kept as JSON (not quoted as a string) when nested."""

    type = Text()
    inherit_cache = True


class json_list(FunctionElement[Any]):
    """A JSON array of its arguments (JSON values or nulls), in order."""

    type = Text()
    inherit_cache = True


class json_empty_array(FunctionElement[Any]):
    """``[]`` as JSON."""

    type = Text()
    inherit_cache = True


class json_boolean(FunctionElement[Any]):
    """A SQL condition as a JSON ``true``/``false`` (``null`` when unknown)."""

    type = Text()
    inherit_cache = True


class json_text(FunctionElement[str]):
    """A JSON document as text, which the driver hands over untouched."""

    type = Text()
    inherit_cache = True


class json_member(FunctionElement[str]):
    """The text stored under a key of a JSON object column; null when absent."""

    type = Text()
    inherit_cache = True


class base64_text(FunctionElement[str]):
    """Standard base64 of a text's UTF-8 bytes (global IDs)."""

    type = Text()
    inherit_cache = True


class base64_url_text(FunctionElement[str]):
    """URL-safe base64 of a text's UTF-8 bytes (cursors)."""

    type = Text()
    inherit_cache = True


class iso_instant(FunctionElement[str]):
    """A UTC timestamp as Python's ``isoformat()`` writes an aware one (GraphQL's
    ``DateTime``): ``2024-05-01T09:30:00+00:00``, with ``.ffffff`` only when there are
    microseconds."""

    type = Text()
    inherit_cache = True


class json_entries(FunctionElement[str]):
    """The entries of a JSON object, sorted by key (code point order), as a JSON array of
    objects; ``fields`` are (output key, ``key``/``value``/a literal) pairs, output keys
    and literals plain names that need no quoting. ``[]`` for an empty object."""

    type = Text()
    inherit_cache = False

    def __init__(self, document: Any, fields: tuple[tuple[str, str], ...]) -> None:
        super().__init__(document)
        self.fields = fields


def _entry_pairs(element: json_entries, key: str, value: str) -> str:
    sources = {"key": key, "value": value}
    written = [(name, sources.get(source, "'" + source + "'")) for name, source in element.fields]
    return ", ".join(f"'{name}', {value}" for name, value in written)


class least_of(FunctionElement[int]):
    type = Integer()
    inherit_cache = True


class greatest_of(FunctionElement[int]):
    type = Integer()
    inherit_cache = True


@compiles(json_object, "postgresql")
def _object_pg(element: json_object, compiler: SQLCompiler, **kw: Any) -> str:
    return f"json_build_object({compiler.process(element.clauses, **kw)})"


@compiles(json_object, "sqlite")
def _object_sqlite(element: json_object, compiler: SQLCompiler, **kw: Any) -> str:
    return f"json_object({compiler.process(element.clauses, **kw)})"


def _two(element: FunctionElement[Any], compiler: SQLCompiler, **kw: Any) -> tuple[str, str]:
    first, second = element.clauses.clauses
    return compiler.process(first, **kw), compiler.process(second, **kw)


def _aggregated(element: json_array_agg, compiler: SQLCompiler, **kw: Any) -> list[str]:
    return [compiler.process(clause, **kw) for clause in element.clauses.clauses]


def _filter(parts: list[str]) -> str:
    return f" FILTER (WHERE {parts[2]})" if len(parts) > 2 else ""


@compiles(json_array_agg, "postgresql")
def _agg_pg(element: json_array_agg, compiler: SQLCompiler, **kw: Any) -> str:
    parts = _aggregated(element, compiler, **kw)
    return f"coalesce(json_agg({parts[0]} ORDER BY {parts[1]}){_filter(parts)}, '[]'::json)"


@compiles(json_array_agg, "sqlite")
def _agg_sqlite(element: json_array_agg, compiler: SQLCompiler, **kw: Any) -> str:
    parts = _aggregated(element, compiler, **kw)
    return f"coalesce(json_group_array(json({parts[0]})){_filter(parts)}, json('[]'))"


@compiles(json_embed, "postgresql")
def _embed_pg(element: json_embed, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(element.clauses, **kw)


@compiles(json_embed, "sqlite")
def _embed_sqlite(element: json_embed, compiler: SQLCompiler, **kw: Any) -> str:
    # A JSON value loses its JSON subtype when it leaves a subquery; json() restores it.
    return f"json({compiler.process(element.clauses, **kw)})"


@compiles(json_list, "postgresql")
def _list_pg(element: json_list, compiler: SQLCompiler, **kw: Any) -> str:
    return f"json_build_array({compiler.process(element.clauses, **kw)})"


@compiles(json_list, "sqlite")
def _list_sqlite(element: json_list, compiler: SQLCompiler, **kw: Any) -> str:
    return f"json_array({compiler.process(element.clauses, **kw)})"


@compiles(json_empty_array, "postgresql")
def _empty_pg(element: json_empty_array, compiler: SQLCompiler, **kw: Any) -> str:
    return "'[]'::json"


@compiles(json_empty_array, "sqlite")
def _empty_sqlite(element: json_empty_array, compiler: SQLCompiler, **kw: Any) -> str:
    return "json('[]')"


@compiles(json_boolean, "postgresql")
def _boolean_pg(element: json_boolean, compiler: SQLCompiler, **kw: Any) -> str:
    return f"to_json(({compiler.process(element.clauses, **kw)})::boolean)"


@compiles(json_boolean, "sqlite")
def _boolean_sqlite(element: json_boolean, compiler: SQLCompiler, **kw: Any) -> str:
    condition = compiler.process(element.clauses, **kw)
    return (
        f"CASE WHEN ({condition}) IS NULL THEN NULL WHEN ({condition}) "
        "THEN json('true') ELSE json('false') END"
    )


@compiles(json_text, "postgresql")
def _text_pg(element: json_text, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CAST(({compiler.process(element.clauses, **kw)}) AS TEXT)"


@compiles(json_text, "sqlite")
def _text_sqlite(element: json_text, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(element.clauses, **kw)


@compiles(json_member, "postgresql")
def _member_pg(element: json_member, compiler: SQLCompiler, **kw: Any) -> str:
    document, key = _two(element, compiler, **kw)
    return f"(CAST({document} AS json) ->> {key})"


@compiles(json_member, "sqlite")
def _member_sqlite(element: json_member, compiler: SQLCompiler, **kw: Any) -> str:
    document, key = _two(element, compiler, **kw)
    return f"json_extract({document}, '$.\"' || {key} || '\"')"


@compiles(base64_text, "postgresql")
def _base64_pg(element: base64_text, compiler: SQLCompiler, **kw: Any) -> str:
    text = compiler.process(element.clauses, **kw)
    # encode() breaks lines every 76 characters; IDs and cursors are shorter, but be exact.
    return f"replace(encode(convert_to({text}, 'UTF8'), 'base64'), E'\\n', '')"


@compiles(base64_text, "sqlite")
def _base64_sqlite(element: base64_text, compiler: SQLCompiler, **kw: Any) -> str:
    return f"{SQLITE_BASE64}({compiler.process(element.clauses, **kw)})"


@compiles(base64_url_text, "postgresql")
def _base64_url_pg(element: base64_url_text, compiler: SQLCompiler, **kw: Any) -> str:
    text = compiler.process(element.clauses, **kw)
    return f"translate(encode(convert_to({text}, 'UTF8'), 'base64'), E'+/\\n', '-_')"


@compiles(base64_url_text, "sqlite")
def _base64_url_sqlite(element: base64_url_text, compiler: SQLCompiler, **kw: Any) -> str:
    return f"{SQLITE_BASE64_URL}({compiler.process(element.clauses, **kw)})"


@compiles(iso_instant, "postgresql")
def _instant_pg(element: iso_instant, compiler: SQLCompiler, **kw: Any) -> str:
    value = compiler.process(element.clauses, **kw)
    utc = f"(({value}) AT TIME ZONE 'UTC')"
    return (
        f"(to_char({utc}, 'YYYY-MM-DD\"T\"HH24:MI:SS') || CASE WHEN date_trunc('second', {utc})"
        f" = {utc} THEN '' ELSE to_char({utc}, '.US') END || '+00:00')"
    )


@compiles(iso_instant, "sqlite")
def _instant_sqlite(element: iso_instant, compiler: SQLCompiler, **kw: Any) -> str:
    # Stored as SQLAlchemy writes a UTC datetime: ``2024-05-01 09:30:00.000000``.
    value = compiler.process(element.clauses, **kw)
    return (
        f"(replace(substr({value}, 1, 19), ' ', 'T') || CASE WHEN coalesce(substr({value}, 21),"
        f" '') IN ('', '000000') THEN '' ELSE '.' || substr({value}, 21, 6) END || '+00:00')"
    )


@compiles(json_entries, "postgresql")
def _entries_pg(element: json_entries, compiler: SQLCompiler, **kw: Any) -> str:
    document = compiler.process(element.clauses, **kw)
    pairs = _entry_pairs(element, "hub_entry.key", "hub_entry.value")
    return (
        f"(SELECT coalesce(json_agg(json_build_object({pairs}) ORDER BY hub_entry.key "
        f"COLLATE \"C\"), '[]'::json) FROM json_each_text(CAST({document} AS json)) AS hub_entry)"
    )


@compiles(json_entries, "sqlite")
def _entries_sqlite(element: json_entries, compiler: SQLCompiler, **kw: Any) -> str:
    document = compiler.process(element.clauses, **kw)
    pairs = _entry_pairs(element, "hub_entry.key", "hub_entry.value")
    return (
        f"json((SELECT coalesce(json_group_array(json_object({pairs})), json('[]')) FROM "
        f"(SELECT key, value FROM json_each({document}) ORDER BY key) AS hub_entry))"
    )


@compiles(least_of, "postgresql")
def _least_pg(element: least_of, compiler: SQLCompiler, **kw: Any) -> str:
    return f"least({compiler.process(element.clauses, **kw)})"


@compiles(least_of, "sqlite")
def _least_sqlite(element: least_of, compiler: SQLCompiler, **kw: Any) -> str:
    return f"min({compiler.process(element.clauses, **kw)})"


@compiles(greatest_of, "postgresql")
def _greatest_pg(element: greatest_of, compiler: SQLCompiler, **kw: Any) -> str:
    return f"greatest({compiler.process(element.clauses, **kw)})"


@compiles(greatest_of, "sqlite")
def _greatest_sqlite(element: greatest_of, compiler: SQLCompiler, **kw: Any) -> str:
    return f"max({compiler.process(element.clauses, **kw)})"


def _sqlite_base64(text: str | None) -> str | None:
    return None if text is None else base64.b64encode(text.encode()).decode()


def _sqlite_base64_url(text: str | None) -> str | None:
    return None if text is None else base64.urlsafe_b64encode(text.encode()).decode()


SQLITE_FUNCTIONS = ((SQLITE_BASE64, _sqlite_base64), (SQLITE_BASE64_URL, _sqlite_base64_url))
"""The one-argument functions a SQLite connection needs, by name."""


def register_sqlite_json_functions(dbapi_connection: Any) -> None:
    """Give a new SQLite connection the base64 PostgreSQL has built in."""
    for name, function in SQLITE_FUNCTIONS:
        dbapi_connection.create_function(name, 1, function, deterministic=True)
