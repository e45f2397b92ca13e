"""Relay cursor connections: paging both ways, totals, caps and bad cursors."""

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from hub.accounts.enums import AuditActorKind, AuditOutcome
from hub.accounts.models import AuditRecord
from tests.helpers import ADMIN, data_of, graphql

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


AUDIT_PAGE = """
query ($first: Int, $after: String, $last: Int, $before: String) {
  auditLog(first: $first, after: $after, last: $last, before: $before) {
    edges { cursor node { action } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}
"""
_records = itertools.count()
GROWING = settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
page_sizes = st.lists(st.integers(1, 4), min_size=1, max_size=12)
arrivals = st.lists(st.integers(0, 3), max_size=12)


async def _record_arrivals(sessions, count: int) -> None:
    """``count`` new audit records, each with an action of its own."""
    async with sessions() as session, session.begin():
        for _ in range(count):
            session.add(
                AuditRecord(
                    actor_kind=AuditActorKind.ADMIN_TOKEN,
                    action=f"arrival-{next(_records)}",
                    entity_type="Test",
                    outcome=AuditOutcome.SUCCEEDED,
                    fields=[],
                )
            )


async def _newest_first(session) -> list[str]:
    session.expire_all()
    return list(
        (await session.scalars(select(AuditRecord.action).order_by(AuditRecord.id.desc()))).all()
    )


async def _audit_page(client, **window) -> dict:
    return (await data_of(client, AUDIT_PAGE, window, admin=True))["auditLog"]


@GROWING
@given(initial=st.integers(0, 10), sizes=page_sizes, inserts=arrivals)
async def test_paging_forward_while_records_arrive_repeats_and_skips_nothing(
    client, sessions, session, initial, sizes, inserts
):
    await _record_arrivals(sessions, initial)
    existing = await _newest_first(session)
    seen, after = [], None
    for turn in itertools.count():
        size = sizes[turn % len(sizes)]
        page = await _audit_page(client, first=size, after=after)
        seen += [edge["node"]["action"] for edge in page["edges"]]
        assert page["pageInfo"]["hasPreviousPage"] is (after is not None)
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
        # New records land in front of the cursor: the pages still to come are unmoved.
        await _record_arrivals(sessions, inserts[turn] if turn < len(inserts) else 0)
    assert seen == existing


@GROWING
@given(initial=st.integers(0, 10), sizes=page_sizes, inserts=arrivals)
async def test_paging_backward_while_records_arrive_sees_each_once_arrivals_included(
    client, sessions, session, initial, sizes, inserts
):
    await _record_arrivals(sessions, initial)
    seen, before = [], None
    for turn in itertools.count():
        size = sizes[turn % len(sizes)]
        page = await _audit_page(client, last=size, before=before)
        seen = [edge["node"]["action"] for edge in page["edges"]] + seen
        if not page["pageInfo"]["hasPreviousPage"]:
            break
        before = page["pageInfo"]["startCursor"]
        await _record_arrivals(sessions, inserts[turn] if turn < len(inserts) else 0)
    # Paging towards the newest end reaches the records that arrived on the way.
    assert seen == await _newest_first(session)


@pytest.mark.parametrize(
    "cursor",
    [
        "not-a-cursor",
        "Y3Vyc29yOjE=",  # an offset cursor ("cursor:1") from another list
        "a2V5c2V0OlsiYSIsMV0=",  # keyset:["a",1]: the wrong number of values
        "a2V5c2V0Olt7fV0=",  # keyset:[{}]: not a sort value
    ],
)
async def test_a_cursor_the_audit_log_did_not_give_out_is_refused(client, cursor):
    body = await graphql(
        client, f'{{ auditLog(first: 2, after: "{cursor}") {{ totalCount }} }}', headers=ADMIN
    )
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "INVALID_CURSOR"
