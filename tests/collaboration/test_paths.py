"""collaborationPath: the shortest chain of creators linked by shared projects."""

from __future__ import annotations

from datetime import date

from hub.projects.enums import ProjectStatus
from tests.factories import global_id
from tests.helpers import data_of, graphql

PATH = """
query ($from: ID!, $to: ID!, $maxHops: Int! = 4) {
  collaborationPath(from: $from, to: $to, maxHops: $maxHops) {
    hops
    creators { displayName }
    links { from { displayName } to { displayName } project { id } }
  }
}
"""


def creator(key: int) -> str:
    return global_id("Creator", key)


async def path(client, source: int, target: int, max_hops: int = 4) -> dict | None:
    variables = {"from": creator(source), "to": creator(target), "maxHops": max_hops}
    return (await data_of(client, PATH, variables))["collaborationPath"]


def names(found: dict) -> list[str]:
    return [person["displayName"] for person in found["creators"]]


async def error_of(client, variables: dict) -> dict:
    body = await graphql(client, PATH, variables)
    assert body["data"] is None or body["data"]["collaborationPath"] is None
    (error,) = body["errors"]
    return error


async def test_a_chain_is_followed_link_by_link(client, graphs):
    people = await graphs.chain("A", "B", "C", "D")
    found = await path(client, people["A"], people["D"])
    assert found["hops"] == 3
    assert names(found) == ["A", "B", "C", "D"]
    assert [
        (link["from"]["displayName"], link["to"]["displayName"]) for link in found["links"]
    ] == [
        ("A", "B"),
        ("B", "C"),
        ("C", "D"),
    ]


async def test_the_chain_runs_backwards_as_well(client, graphs):
    people = await graphs.chain("A", "B", "C", "D")
    assert names(await path(client, people["D"], people["A"])) == ["D", "C", "B", "A"]


async def test_a_shortcut_wins_over_a_longer_chain(client, graphs):
    people = await graphs.chain("A", "B", "C", "D")
    await graphs.project(people["A"], people["C"])
    assert names(await path(client, people["A"], people["D"])) == ["A", "C", "D"]


async def test_of_two_equally_short_routes_the_one_through_the_earlier_creator_wins(client, graphs):
    # A diamond: A-B-D and A-C-D. B was added before C, so its key is lower.
    people = await graphs.creators("A", "B", "C", "D")
    for middle in ("C", "B"):
        await graphs.project(people["A"], people[middle])
        await graphs.project(people[middle], people["D"])
    assert names(await path(client, people["A"], people["D"])) == ["A", "B", "D"]
    assert names(await path(client, people["D"], people["A"])) == ["D", "B", "A"]


async def test_the_earliest_route_is_chosen_however_long_the_chain(client, graphs):
    # Two routes of four hops, A-P1-P2-P3-E and A-Q1-Q2-Q3-E; the Q route's creators were
    # added first except its last one, so it wins at the first difference.
    people = await graphs.creators("Q1", "Q2", "A", "P1", "P2", "P3", "E", "Q3")
    for route in (("A", "P1", "P2", "P3", "E"), ("A", "Q1", "Q2", "Q3", "E")):
        await graphs.line(people, *route)
    assert names(await path(client, people["A"], people["E"])) == ["A", "Q1", "Q2", "Q3", "E"]
    assert names(await path(client, people["E"], people["A"])) == ["E", "P3", "P2", "P1", "A"]


async def test_each_link_shows_the_most_recent_project_the_two_share(client, graphs):
    people = await graphs.creators("A", "B")
    await graphs.project(people["A"], people["B"], start_date=date(2023, 1, 1))
    latest = await graphs.project(people["A"], people["B"], start_date=date(2025, 1, 1))
    await graphs.project(people["A"], people["B"])  # no start date: counts as the oldest
    found = await path(client, people["A"], people["B"])
    assert found["links"][0]["project"]["id"] == global_id("Project", latest)


async def test_creators_in_different_components_have_no_path(client, graphs):
    left = await graphs.chain("A", "B")
    right = await graphs.chain("C", "D")
    assert await path(client, left["A"], right["D"]) is None


async def test_a_chain_longer_than_max_hops_is_not_found(client, graphs):
    people = await graphs.chain("A", "B", "C", "D")
    assert await path(client, people["A"], people["D"], max_hops=2) is None
    assert (await path(client, people["A"], people["D"], max_hops=3))["hops"] == 3


async def test_a_creator_without_projects_reaches_nobody(client, graphs):
    people = await graphs.chain("A", "B")
    loner = (await graphs.creators("Loner"))["Loner"]
    assert await path(client, people["A"], loner) is None


async def test_draft_and_cancelled_projects_link_nobody(client, graphs):
    people = await graphs.creators("A", "B", "C")
    await graphs.project(people["A"], people["B"], status=ProjectStatus.DRAFT)
    cancelled = await graphs.project(people["B"], people["C"])
    await graphs.set_status(cancelled, ProjectStatus.CANCELLED)
    assert await path(client, people["A"], people["B"]) is None
    assert await path(client, people["B"], people["C"]) is None


async def test_from_a_creator_to_themselves_is_a_path_of_no_hops(client, graphs):
    people = await graphs.creators("A")
    found = await path(client, people["A"], people["A"])
    assert found == {"hops": 0, "creators": [{"displayName": "A"}], "links": []}


async def test_the_id_of_something_else_is_refused(client, graphs):
    people = await graphs.creators("A")
    project = await graphs.project(people["A"])
    error = await error_of(
        client, {"from": creator(people["A"]), "to": global_id("Project", project)}
    )
    assert error["extensions"]["code"] == "INVALID_ID"
    assert "`to` is not the id of a Creator" in error["message"]


async def test_the_id_of_a_creator_that_does_not_exist_is_refused(client, graphs):
    people = await graphs.creators("A")
    error = await error_of(client, {"from": creator(9_999_999), "to": creator(people["A"])})
    assert error["extensions"]["code"] == "NOT_FOUND"
    assert "`from`" in error["message"]


async def test_max_hops_outside_one_to_six_is_refused(client, graphs):
    people = await graphs.chain("A", "B")
    for max_hops in (0, -1, 7):
        variables = {"from": creator(people["A"]), "to": creator(people["B"]), "maxHops": max_hops}
        error = await error_of(client, variables)
        assert error["extensions"]["code"] == "BAD_USER_INPUT"
        assert "between 1 and 6" in error["message"]


async def test_a_search_wider_than_the_frontier_cap_is_refused(narrow_client, graphs):
    # A and E both have two collaborators, so the third step must expand two creators.
    people = await graphs.creators("A", "B1", "B2", "E", "D1", "D2", "C")
    for middle in ("B1", "B2"):
        await graphs.project(people["A"], people[middle])
        await graphs.project(people[middle], people["C"])
    for middle in ("D1", "D2"):
        await graphs.project(people["E"], people[middle])
        await graphs.project(people[middle], people["C"])
    error = await error_of(
        narrow_client, {"from": creator(people["A"]), "to": creator(people["E"])}
    )
    assert error["extensions"]["code"] == "SEARCH_TOO_BROAD"
    assert "Internal server error" not in error["message"]


async def test_the_search_costs_one_statement_per_step(client, graphs, statements):
    people = await graphs.chain("A", "B", "C", "D", "E")
    with statements.record():
        found = await path(client, people["A"], people["E"])
    assert found["hops"] == 4
    # Endpoints, four expansions, the links' projects, the middle creators, the projects.
    assert len(statements.selects) == 8, statements.selects
