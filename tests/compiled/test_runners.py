"""The compiled path's own connections: outside the tests' transaction, as in production."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import httpx
import pytest

from bench.workloads import POINT_GRAPHQL
from hub.compiled.answers import SqliteRunner
from hub.compiled.plans import BoundStatement
from hub.config import Settings
from hub.server.app import create_app
from tests.helpers import graphql


async def test_an_app_with_its_own_connections_answers_as_the_resolvers_do(
    settings: Settings, resolvers: httpx.AsyncClient
) -> None:
    # No session factory: on PostgreSQL the compiled path runs on its asyncpg
    # connections, on SQLite on its threads' read-only connections.
    listed = await graphql(resolvers, "{ creators(first: 2) { nodes { handle } } }")
    handles = [node["handle"] for node in listed["data"]["creators"]["nodes"]]
    app = create_app(settings.model_copy(update={"compiled_connections": 2}))
    transport = httpx.ASGITransport(app=app)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="http://hub.test") as own,
    ):
        for handle in [*handles, "nobody-has-this-handle"]:
            variables = {"handle": handle}
            answers = await asyncio.gather(
                *(graphql(own, POINT_GRAPHQL, variables) for _ in range(5))
            )
            expected = await graphql(resolvers, POINT_GRAPHQL, variables)
            assert all(answer["data"] == expected["data"] for answer in answers)
    assert answers[0]["data"] == {"creator": None}


@pytest.fixture
def sqlite_file(tmp_path: Path) -> str:
    path = tmp_path / "runner.db"
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("CREATE TABLE item (name TEXT)")
        connection.execute("INSERT INTO item VALUES ('first')")
    connection.close()
    return str(path)


def _statement(sql: str, *arguments: object) -> BoundStatement:
    return BoundStatement("item", sql, arguments)


async def test_a_request_s_statements_answer_in_order_on_sqlite(sqlite_file: str) -> None:
    runner = SqliteRunner(sqlite_file, 2)
    try:
        answers = await runner.run(
            [
                _statement("SELECT name FROM item WHERE name = ?", "first"),
                _statement("SELECT name FROM item WHERE name = ?", "missing"),
                _statement("SELECT json_object('n', count(*)) FROM item"),
            ]
        )
    finally:
        await runner.close()
    assert answers == ["first", None, '{"n":1}']


async def test_the_sqlite_connections_refuse_writes(sqlite_file: str) -> None:
    runner = SqliteRunner(sqlite_file, 1)
    try:
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            await runner.run([_statement("DELETE FROM item RETURNING name")])
        assert await runner.run([_statement("SELECT count(*) FROM item")]) == [1]
    finally:
        await runner.close()


async def test_a_failed_statement_leaves_the_sqlite_runner_serving(sqlite_file: str) -> None:
    runner = SqliteRunner(sqlite_file, 1)
    try:
        with pytest.raises(sqlite3.OperationalError):
            await runner.run([_statement("SELECT name FROM no_such_table")])
        answers = await asyncio.gather(
            *(runner.run([_statement("SELECT name FROM item")]) for _ in range(4))
        )
    finally:
        await runner.close()
    assert answers == [["first"]] * 4
