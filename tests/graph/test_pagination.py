"""Relay cursor connections: paging both ways, totals, caps and bad cursors."""

import pytest

from tests.helpers import data_of, graphql

COUNTRY_PAGE = """
query ($first: Int, $after: String, $last: Int, $before: String) {
  countries(first: $first, after: $after, last: $last, before: $before) {
    totalCount
    edges { cursor node { code } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}
"""


async def _all_codes(client) -> list[str]:
    data = await data_of(client, COUNTRY_PAGE, {"first": 100})
    return [edge["node"]["code"] for edge in data["countries"]["edges"]]


async def test_paging_forwards_visits_every_item_once_in_order(client):
    everything = await _all_codes(client)
    seen, after = [], None
    while True:
        page = (await data_of(client, COUNTRY_PAGE, {"first": 4, "after": after}))["countries"]
        seen += [edge["node"]["code"] for edge in page["edges"]]
        assert page["totalCount"] == len(everything)
        if not page["pageInfo"]["hasNextPage"]:
            break
        assert page["pageInfo"]["endCursor"] == page["edges"][-1]["cursor"]
        after = page["pageInfo"]["endCursor"]
    assert seen == everything
    assert len(everything) >= 10


async def test_paging_backwards_visits_every_item_once_in_order(client):
    everything = await _all_codes(client)
    seen, before = [], None
    while True:
        page = (await data_of(client, COUNTRY_PAGE, {"last": 3, "before": before}))["countries"]
        seen = [edge["node"]["code"] for edge in page["edges"]] + seen
        if not page["pageInfo"]["hasPreviousPage"]:
            break
        before = page["pageInfo"]["startCursor"]
    assert seen == everything


async def test_a_middle_page_knows_it_has_neighbours(client):
    everything = await _all_codes(client)
    first_page = (await data_of(client, COUNTRY_PAGE, {"first": 2}))["countries"]
    page = (
        await data_of(
            client, COUNTRY_PAGE, {"first": 3, "after": first_page["pageInfo"]["endCursor"]}
        )
    )["countries"]
    assert [edge["node"]["code"] for edge in page["edges"]] == everything[2:5]
    assert page["pageInfo"]["hasPreviousPage"] is True
    assert page["pageInfo"]["hasNextPage"] is True


async def test_a_list_without_first_or_last_gets_the_default_page_size(client, settings):
    data = await data_of(client, "{ creators { totalCount nodes { handle } } }")
    assert data["creators"]["totalCount"] > settings.default_page_size
    assert len(data["creators"]["nodes"]) == settings.default_page_size


@pytest.mark.parametrize(
    ("arguments", "code"),
    [
        ("first: 101", "PAGE_SIZE_TOO_LARGE"),
        ("last: 1000", "PAGE_SIZE_TOO_LARGE"),
        ("first: -1", "BAD_USER_INPUT"),
        ("first: 2, last: 2", "BAD_USER_INPUT"),
        ('first: 2, after: "not-a-cursor"', "INVALID_CURSOR"),
        ('last: 2, before: "Y3Vyc29yOi01"', "INVALID_CURSOR"),
    ],
)
async def test_bad_paging_arguments_are_refused_with_a_code(client, arguments, code):
    body = await graphql(client, f"{{ countries({arguments}) {{ totalCount }} }}")
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == code
    assert body["errors"][0]["path"] == ["countries"]


async def test_nested_lists_page_each_parent_independently(client):
    query = """
    query ($after: String) {
      countries(first: 20) {
        nodes {
          code
          creators(first: 2, after: $after) {
            totalCount
            nodes { handle country { code } }
            pageInfo { hasNextPage hasPreviousPage }
          }
        }
      }
    }
    """
    first_pages = (await data_of(client, query))["countries"]["nodes"]
    busy = [country for country in first_pages if country["creators"]["totalCount"] > 3]
    assert len(busy) >= 2
    for country in first_pages:
        creators = country["creators"]
        assert len(creators["nodes"]) == min(2, creators["totalCount"])
        assert all(node["country"]["code"] == country["code"] for node in creators["nodes"])
        assert creators["pageInfo"]["hasNextPage"] is (creators["totalCount"] > 2)
    after_first = (
        await data_of(client, query, {"after": "Y3Vyc29yOjE="})  # cursor of offset 1
    )["countries"]["nodes"]
    for before, after in zip(first_pages, after_first, strict=True):
        # Items come before the cursor whenever the list is not empty.
        assert after["creators"]["pageInfo"]["hasPreviousPage"] is (
            before["creators"]["totalCount"] > 0
        )
        assert not {n["handle"] for n in after["creators"]["nodes"]} & {
            n["handle"] for n in before["creators"]["nodes"]
        }


async def test_nested_list_matches_the_filtered_root_list(client):
    nested = await data_of(
        client, '{ country(code: "KZ") { creators(first: 100) { totalCount nodes { handle } } } }'
    )
    root = await data_of(
        client,
        '{ creators(first: 100, filter: { countries: ["KZ"] }) { totalCount nodes { handle } } }',
    )
    assert nested["country"]["creators"]["totalCount"] == root["creators"]["totalCount"]
    assert nested["country"]["creators"]["nodes"] == root["creators"]["nodes"]
