"""Global IDs: every object can be fetched back through node(id:) and nodes(ids:)."""

import pytest

from tests.helpers import data_of, graphql

ROOT_LISTS = {
    "Country": "countries",
    "Sector": "sectors",
    "Discipline": "disciplines",
    "Creator": "creators",
    "Organisation": "organisations",
    "Project": "projects",
}


@pytest.mark.parametrize(("type_name", "root"), ROOT_LISTS.items())
async def test_node_fetches_back_the_object_a_list_gave_out(client, type_name, root):
    listed = await data_of(client, f"{{ {root}(first: 1) {{ nodes {{ id }} }} }}")
    node_id = listed[root]["nodes"][0]["id"]
    fetched = await data_of(
        client, "query ($id: ID!) { node(id: $id) { __typename id } }", {"id": node_id}
    )
    assert fetched["node"] == {"__typename": type_name, "id": node_id}


async def test_nested_objects_are_nodes_too(client):
    data = await data_of(
        client,
        """{ projects(first: 1, filter: { hasOpenRoles: true }) { nodes {
            participants(first: 1) { nodes { id } }
            openRoles(first: 1) { nodes { id } } } } }""",
    )
    project = data["projects"]["nodes"][0]
    ids = [project["participants"]["nodes"][0]["id"], project["openRoles"]["nodes"][0]["id"]]
    fetched = await data_of(
        client, "query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }", {"ids": ids}
    )
    assert [node["__typename"] for node in fetched["nodes"]] == ["Participant", "OpenRole"]


async def test_ids_that_name_nothing_resolve_to_null(client):
    listed = await data_of(client, "{ creators(first: 1) { nodes { id } } }")
    real = listed["creators"]["nodes"][0]["id"]
    missing = "Q3JlYXRvcjo5OTk5OTk5"  # Creator:9999999
    fetched = await data_of(
        client, "query ($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": [real, missing]}
    )
    assert fetched["nodes"] == [{"id": real}, None]


async def test_a_malformed_id_is_an_error_not_a_crash(client):
    body = await graphql(client, 'query { node(id: "%%%not-base64") { id } }')
    assert body["errors"]
    assert "Internal server error" not in body["errors"][0]["message"]
