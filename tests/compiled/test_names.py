"""A name in every language (``names``) compiles: the entries of the stored JSON object,
sorted by language, as the resolver lists them."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from hub.countries.models import Country
from tests.compiled.comparing import answers_alike
from tests.conftest import StatementLog
from tests.helpers import graphql

NAMES = """{
  countries(first: 3) {
    nodes { code names { __typename language text: value } creators(first: 1) { totalCount } }
  }
  disciplines(first: 2) { nodes { names { value language } sector { names { language } } } }
}"""


async def test_names_answer_as_the_resolvers_do_in_one_statement_per_root(
    compiled, resolvers, statements: StatementLog
):
    body = await answers_alike(compiled, resolvers, NAMES)
    names = body["data"]["countries"]["nodes"][0]["names"]
    assert names
    assert [entry["language"] for entry in names] == sorted(e["language"] for e in names)
    with statements.record():
        await graphql(compiled, NAMES)
    assert len(statements.selects) == 2
    assert all("hub_json" in statement for statement in statements.selects)


async def test_names_are_sorted_by_language_and_empty_when_there_are_none(
    compiled, resolvers, session: AsyncSession
):
    first = await session.scalar(select(Country.code).order_by(Country.name, Country.code))
    names = {"uz": "Ўзбек", "en": "Name", "kk": "Атауы", "ru": "Имя", "az": "Ad"}
    await session.execute(update(Country).where(Country.code == first).values(names=names))
    await session.flush()
    query = "{ countries(first: 2) { nodes { code names { language value } } } }"
    body = await answers_alike(compiled, resolvers, query)
    nodes = {node["code"]: node["names"] for node in body["data"]["countries"]["nodes"]}
    assert [entry["language"] for entry in nodes[first]] == ["az", "en", "kk", "ru", "uz"]
    await session.execute(update(Country).where(Country.code == first).values(names={}))
    await session.flush()
    body = await answers_alike(compiled, resolvers, query)
    assert body["data"]["countries"]["nodes"][0]["names"] == []
