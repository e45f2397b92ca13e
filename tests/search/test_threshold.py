"""``HUB_SEARCH_SIMILARITY_THRESHOLD``: how close a typo must be to count as a match."""

import pytest
from pydantic import ValidationError

from hub.config import Settings
from hub.core.search_sql import SIMILARITY_FLOOR
from tests.helpers import data_of

FIND = """
query ($search: String!) { creators(first: 100, filter: { search: $search }) { nodes { handle } } }
"""


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"search_similarity_threshold": 0.55})


def test_the_default_threshold_is_the_floor_and_nothing_below_it_is_accepted():
    assert Settings().search_similarity_threshold == SIMILARITY_FLOOR
    with pytest.raises(ValidationError):
        Settings(search_similarity_threshold=SIMILARITY_FLOOR - 0.01)
    with pytest.raises(ValidationError):
        Settings(search_similarity_threshold=1.5)


async def test_a_stricter_threshold_keeps_close_typos_and_drops_distant_ones(client, factory):
    await factory.creator(handle="zz-nursultan", display_name="Nursultan Abenov")

    async def found(term: str) -> bool:
        data = await data_of(client, FIND, {"search": term})
        return "zz-nursultan" in [node["handle"] for node in data["creators"]["nodes"]]

    assert await found("Nursultn")  # 0.58 similar
    assert not await found("Nurzultan")  # 0.54: found at the default 0.3, not at 0.55
