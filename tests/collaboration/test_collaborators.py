"""Creator.collaborators: people who share projects, most shared first, loaded in batches."""

from __future__ import annotations

from datetime import date

from hub.projects.enums import ProjectStatus
from tests.factories import global_id
from tests.helpers import data_of, graphql

COLLABORATORS = """
query ($handle: String!, $first: Int, $after: String) {
  creator(handle: $handle) {
    collaborators(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { sharedProjectCount creator { displayName } latestSharedProject { id } }
    }
  }
}
"""


async def handle_of(client, key: int) -> str:
    query = "query ($id: ID!) { node(id: $id) { ... on Creator { handle } } }"
    return (await data_of(client, query, {"id": global_id("Creator", key)}))["node"]["handle"]


async def collaborators(client, key: int, **paging) -> dict:
    variables = {"handle": await handle_of(client, key), "first": 10, **paging}
    return (await data_of(client, COLLABORATORS, variables))["creator"]["collaborators"]


def summary(connection: dict) -> list[tuple[str, int]]:
    return [
        (node["creator"]["displayName"], node["sharedProjectCount"]) for node in connection["nodes"]
    ]


async def test_collaborators_come_most_shared_first_then_by_name(client, graphs):
    people = await graphs.creators("Me", "Zhanna", "Bakyt", "Aliya", "Stranger")
    await graphs.project(people["Me"], people["Zhanna"], people["Bakyt"])
    await graphs.project(people["Zhanna"], people["Me"])
    await graphs.project(people["Aliya"], people["Me"], people["Bakyt"])
    found = await collaborators(client, people["Me"])
    assert found["totalCount"] == 3
    assert summary(found) == [("Bakyt", 2), ("Zhanna", 2), ("Aliya", 1)]


async def test_collaboration_goes_both_ways(client, graphs):
    people = await graphs.chain("A", "B")
    assert summary(await collaborators(client, people["B"])) == [("A", 1)]


async def test_the_latest_shared_project_is_the_most_recently_started(client, graphs):
    people = await graphs.creators("A", "B")
    await graphs.project(people["A"], people["B"], start_date=date(2024, 5, 1))
    latest = await graphs.project(people["B"], people["A"], start_date=date(2026, 1, 1))
    (node,) = (await collaborators(client, people["A"]))["nodes"]
    assert node["latestSharedProject"]["id"] == global_id("Project", latest)


async def test_organisations_drafts_and_cancelled_projects_make_no_collaborators(
    client, graphs, factory
):
    people = await graphs.creators("A", "B", "C")
    with_studio = await graphs.project(people["A"])
    await factory.participant(with_studio, organisation=await factory.organisation())
    await graphs.project(people["A"], people["B"], status=ProjectStatus.DRAFT)
    cancelled = await graphs.project(people["A"], people["C"])
    await graphs.set_status(cancelled, ProjectStatus.CANCELLED)
    found = await collaborators(client, people["A"])
    assert found["totalCount"] == 0
    assert found["nodes"] == []


async def test_collaborators_page_with_cursors_like_every_list(client, graphs):
    people = await graphs.creators("Me", "A", "B", "C")
    await graphs.project(people["Me"], people["A"], people["B"], people["C"])
    first = await collaborators(client, people["Me"], first=2)
    assert summary(first) == [("A", 1), ("B", 1)]
    assert first["pageInfo"]["hasNextPage"] is True
    rest = await collaborators(client, people["Me"], first=2, after=first["pageInfo"]["endCursor"])
    assert summary(rest) == [("C", 1)]
    assert rest["pageInfo"]["hasNextPage"] is False


async def test_a_page_larger_than_the_cap_is_refused(client, graphs):
    people = await graphs.chain("A", "B")
    variables = {"handle": await handle_of(client, people["A"]), "first": 101}
    body = await graphql(client, COLLABORATORS, variables)
    assert body["errors"][0]["extensions"]["code"] == "PAGE_SIZE_TOO_LARGE"


PAGE_OF_CREATORS = """
query ($size: Int!) {
  creators(first: $size, filter: { search: "zz-team" }) {
    nodes {
      displayName
      collaborators(first: 5) {
        totalCount
        nodes {
          sharedProjectCount
          creator { displayName country { code } }
          latestSharedProject { title }
        }
      }
    }
  }
}
"""


async def test_collaborators_of_a_page_of_creators_cost_the_same_at_any_page_size(
    client, factory, graphs, statements
):
    for team in range(25):
        lead = await factory.creator(display_name=f"zz-team {team:02} lead")
        partner = await factory.creator(display_name=f"zz-team {team:02} partner", country="UZ")
        await graphs.project(lead, partner)

    pages, costs = {}, {}
    for size in (5, 50):
        with statements.record():
            pages[size] = await data_of(client, PAGE_OF_CREATORS, {"size": size})
        costs[size] = len(statements.selects)

    assert [len(pages[size]["creators"]["nodes"]) for size in (5, 50)] == [5, 50]
    first = pages[50]["creators"]["nodes"][0]
    assert first["displayName"] == "zz-team 00 lead"
    assert first["collaborators"]["totalCount"] == 1
    assert first["collaborators"]["nodes"][0]["creator"] == {
        "displayName": "zz-team 00 partner",
        "country": {"code": "UZ"},
    }
    # The page, collaborators, their creators, countries, and the latest projects.
    assert costs == {5: 5, 50: 5}, statements.selects
