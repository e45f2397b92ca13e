"""The database's similarity is hub.core.trigrams' on both backends, and uses the index."""

import pytest
from sqlalchemy import select, text

from hub.core.filters import TextSearch
from hub.core.search_sql import word_similarity
from hub.core.trigrams import strict_word_similarity
from hub.creators.models import Creator
from hub.organisations.models import Organisation

TERMS = ["almati", "nursltan", "tokaev", "kazakstan", "shimkent", "sadikova", "aigerm", "ли"]


@pytest.mark.parametrize("model", [Creator, Organisation], ids=lambda model: model.__name__)
async def test_the_database_scores_every_demo_document_as_python_does(session, model):
    for term in TERMS:
        rows = await session.execute(
            select(model.search_text, word_similarity(term, model.search_text))
        )
        mismatches = [
            (document, score)
            for document, score in rows
            if score != strict_word_similarity(term, document)
        ]
        assert mismatches == [], term


async def test_on_postgresql_a_search_of_creators_can_use_the_trigram_index(session, database):
    if database.backend != "postgresql":
        pytest.skip("the trigram index exists on PostgreSQL only")
    search = TextSearch.of("Nursltan Almaty", threshold=0.3)
    assert search is not None
    statement = select(Creator.id).where(search.matches(Creator.search_text))
    compiled = statement.compile(
        dialect=session.bind.dialect, compile_kwargs={"literal_binds": True}
    )
    # The demo's 200 creators are read faster whole; forbid that to see the index is usable.
    await session.execute(text("SET LOCAL enable_seqscan = off"))
    plan = await session.execute(text(f"EXPLAIN {compiled}"))
    assert "ix_creator_search_text_trgm" in "\n".join(row[0] for row in plan)
