"""Where SQLite and PostgreSQL differ for search, behind one small interface.

Search asks the database two things beyond ``LIKE``: how similar a word is to the
words of a document (``word_similarity``) and whether it is similar enough
(``has_similar_word``). PostgreSQL answers with pg_trgm, so a GIN trigram index on
``search_text`` serves the match; SQLite calls the same similarity computed in Python
(``hub.core.trigrams``), registered on each connection. Everything that differs
between the two lives in this module: the SQL each construct compiles to, the SQLite
function, the PostgreSQL session setting and the index declaration.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, ColumnElement, Float, Index, SQLColumnExpression, and_, literal
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from hub.core.trigrams import has_similar_words, strict_word_similarity

# The lowest similarity threshold a deployment may configure. PostgreSQL sessions
# start with pg_trgm's threshold at this floor, so the index finds every candidate;
# the configured threshold is then applied exactly (see ``has_similar_word``).
SIMILARITY_FLOOR = 0.3

SQLITE_SIMILARITY = "hub_strict_word_similarity"
SQLITE_MATCH = "hub_has_similar_words"


class _WordSimilarity(FunctionElement[float]):
    type = Float()
    inherit_cache = True


class _HasSimilarWord(FunctionElement[bool]):
    type = Boolean()
    inherit_cache = True


def word_similarity(word: str, document: SQLColumnExpression[str]) -> ColumnElement[float]:
    """How well ``word`` matches the best run of whole words in ``document`` (0 to 1).

    This is pg_trgm's ``strict_word_similarity``: a typo'd name still scores high
    against the name, while a word that merely shares a prefix with a longer one
    scores low.
    """
    return _WordSimilarity(literal(word), document)


def has_similar_word(
    word: str, document: SQLColumnExpression[str], threshold: float
) -> ColumnElement[bool]:
    """``document`` holds a word at least ``threshold`` similar to ``word``."""
    return _HasSimilarWord(literal(word), document, literal(threshold, Float()))


@compiles(_WordSimilarity)
def _similarity_in_python(element: _WordSimilarity, compiler: SQLCompiler, **kw: Any) -> str:
    return f"{SQLITE_SIMILARITY}({compiler.process(element.clauses, **kw)})"


@compiles(_WordSimilarity, "postgresql")
def _similarity_in_pg_trgm(element: _WordSimilarity, compiler: SQLCompiler, **kw: Any) -> str:
    return f"strict_word_similarity({compiler.process(element.clauses, **kw)})"


@compiles(_HasSimilarWord)
def _match_in_python(element: _HasSimilarWord, compiler: SQLCompiler, **kw: Any) -> str:
    return f"{SQLITE_MATCH}({compiler.process(element.clauses, **kw)})"


@compiles(_HasSimilarWord, "postgresql")
def _match_in_pg_trgm(element: _HasSimilarWord, compiler: SQLCompiler, **kw: Any) -> str:
    # ``<<%`` is what the GIN index answers (at the session's floor threshold); the
    # function then applies the configured threshold to the few rows it found.
    word, document, threshold = element.clauses.clauses
    indexed = word.op("<<%", is_comparison=True)(document)
    return compiler.process(
        and_(indexed, _WordSimilarity(word, document) >= threshold).self_group(), **kw
    )


def _sqlite_word_similarity(word: str | None, document: str | None) -> float | None:
    if word is None or document is None:
        return None
    return strict_word_similarity(word, document)


def _sqlite_has_similar_words(
    word: str | None, document: str | None, threshold: float | None
) -> bool | None:
    if word is None or document is None or threshold is None:
        return None
    return has_similar_words(word, document, threshold)


def register_sqlite_functions(dbapi_connection: Any) -> None:
    """Give a new SQLite connection the similarity PostgreSQL gets from pg_trgm."""
    dbapi_connection.create_function(
        SQLITE_SIMILARITY, 2, _sqlite_word_similarity, deterministic=True
    )
    dbapi_connection.create_function(SQLITE_MATCH, 3, _sqlite_has_similar_words, deterministic=True)


def postgresql_session_settings() -> dict[str, str]:
    """Settings every PostgreSQL session starts with (``asyncpg`` ``server_settings``)."""
    return {"pg_trgm.strict_word_similarity_threshold": str(SIMILARITY_FLOOR)}


def trigram_index(table: str) -> Index:
    """The GIN trigram index on a table's ``search_text``, which exists on PostgreSQL only.

    ``info["dialect"]`` tells the schema comparison (``hub.core.migrations``) to look
    for it only there; ``ddl_if`` does the same for ``metadata.create_all``.
    """
    return Index(
        f"ix_{table}_search_text_trgm",
        "search_text",
        postgresql_using="gin",
        postgresql_ops={"search_text": "gin_trgm_ops"},
        info={"dialect": "postgresql"},
    ).ddl_if(dialect="postgresql")
