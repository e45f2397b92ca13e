"""Migration 0002 rebuilds the search documents of rows written before it, and undoes it."""

import sqlalchemy as sa

from hub.core.migrations import downgrade, upgrade
from tests.conftest import fresh_engine

COUNTRY = sa.table(
    "country",
    *(sa.column(name) for name in ("code", "name", "native_language", "cis_status")),
    sa.column("names", sa.JSON()),
    sa.column("search_text"),
)
CREATOR = sa.table(
    "creator",
    *(sa.column(name) for name in ("id", "handle", "display_name", "country_code", "city")),
    *(sa.column(name) for name in ("bio", "open_to_collaboration", "is_mentor")),
    sa.column("portfolio", sa.JSON()),
    sa.column("search_text"),
    sa.column("created_at", sa.DateTime()),
    sa.column("updated_at", sa.DateTime()),
)


async def _documents(engine) -> dict[str, str]:
    async with engine.connect() as connection:
        creators = await connection.execute(sa.select(CREATOR.c.handle, CREATOR.c.search_text))
        countries = await connection.execute(sa.select(COUNTRY.c.code, COUNTRY.c.search_text))
        return dict([*creators.all(), *countries.all()])


async def test_0002_adds_skeletons_to_existing_rows_and_its_downgrade_removes_them(
    database, tmp_path
):
    async with fresh_engine(database.backend, tmp_path) as engine:
        await upgrade(engine, "0001")
        async with engine.begin() as connection:
            names = {"en": "Kazakhstan", "kk": "Қазақстан"}
            await connection.execute(
                COUNTRY.insert().values(
                    code="KZ", name="Kazakhstan", names=names, native_language="kk",
                    cis_status="MEMBER", search_text="kazakhstan | қазақстан | kz",
                )
            )  # fmt: skip
            await connection.execute(
                CREATOR.insert().values(
                    id=1, handle="erlan-t", display_name="Ерлан Токаев", country_code="KZ",
                    city="Алматы", bio="", open_to_collaboration=True, is_mentor=False,
                    portfolio=[], search_text="ерлан токаев | erlan t | алматы",
                    created_at=sa.func.now(), updated_at=sa.func.now(),
                )
            )  # fmt: skip
        before = await _documents(engine)

        await upgrade(engine)
        assert await _documents(engine) == {
            "KZ": "kazakhstan | қазақстан | kz | kazahstan | kazakstan",
            "erlan-t": "ерлан токаев | erlan t | алматы | erlan tokaev | almati",
        }

        await downgrade(engine, "0001")
        assert await _documents(engine) == before
