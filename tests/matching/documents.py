"""GraphQL documents and ID lookups the matchmaking tests share."""

from __future__ import annotations

from typing import Any

import httpx

from tests.helpers import data_of

REASONS = (
    "meetsRequirements tiedWithPrevious reasons { factor weight value contribution detail "
    "status code parts { code params { name value } sentence } }"
)

MATCH_CREATORS = f"""
query ($role: ID!, $first: Int, $after: String, $filter: CreatorMatchFilter) {{
  matchCreators(roleId: $role, first: $first, after: $after, filter: $filter) {{
    totalCount
    edges {{ cursor node {{ score creator {{ id handle }} {REASONS} }} }}
    pageInfo {{ hasNextPage endCursor }}
  }}
}}
"""

MATCH_CREATORS_FOR = f"""
query ($criteria: MatchCriteriaInput!, $first: Int, $after: String) {{
  matchCreatorsFor(criteria: $criteria, first: $first, after: $after) {{
    totalCount
    nodes {{ score creator {{ id handle }} {REASONS} }}
    pageInfo {{ hasNextPage endCursor }}
  }}
}}
"""

RECOMMENDED_ROLES = f"""
query ($creator: ID!, $first: Int) {{
  recommendedRoles(creatorId: $creator, first: $first) {{
    totalCount
    nodes {{ score role {{ id title project {{ slug }} }} {REASONS} }}
  }}
}}
"""

MATCH_PARTNERS = f"""
query ($organisation: ID!, $first: Int, $filter: PartnerMatchFilter) {{
  matchPartners(organisationId: $organisation, first: $first, filter: $filter) {{
    totalCount
    nodes {{ score organisation {{ id slug }} {REASONS} }}
  }}
}}
"""


async def role_id(client: httpx.AsyncClient, project: str, title: str) -> str:
    """The global ID of a project's role, by the project's slug and the role's title."""
    data = await data_of(
        client,
        "query ($slug: String!) { project(slug: $slug) { openRoles(first: 100) "
        "{ nodes { id title } } } }",
        {"slug": project},
    )
    ids = [node["id"] for node in data["project"]["openRoles"]["nodes"] if node["title"] == title]
    assert len(ids) == 1, (project, title)
    return str(ids[0])


async def creator_id(client: httpx.AsyncClient, handle: str) -> str:
    data = await data_of(
        client, "query ($h: String!) { creator(handle: $h) { id } }", {"h": handle}
    )
    return str(data["creator"]["id"])


async def organisation_id(client: httpx.AsyncClient, slug: str) -> str:
    data = await data_of(
        client, "query ($s: String!) { organisation(slug: $s) { id } }", {"s": slug}
    )
    return str(data["organisation"]["id"])


def handles(connection: dict[str, Any]) -> list[str]:
    nodes = connection.get("nodes") or [edge["node"] for edge in connection["edges"]]
    return [node["creator"]["handle"] for node in nodes]


def reason(node: dict[str, Any], factor: str) -> dict[str, Any]:
    found = [item for item in node["reasons"] if item["factor"] == factor]
    assert len(found) == 1, (factor, node["reasons"])
    return found[0]


def assert_explained(node: dict[str, Any]) -> None:
    """A match's score is in [0, 1] and is the sum of its contributions."""
    assert 0.0 <= node["score"] <= 1.0
    total = sum(item["contribution"] for item in node["reasons"])
    assert abs(total - node["score"]) < 1e-9
    for item in node["reasons"]:
        assert abs(item["weight"] * item["value"] - item["contribution"]) < 1e-12
        assert item["detail"] == "; ".join(part["sentence"] for part in item["parts"])
        assert item["code"] == item["parts"][0]["code"]
        expected = (
            "MET" if item["value"] >= 1 - 1e-9 else "MISSED" if item["value"] <= 1e-9
            else "PARTLY_MET"
        )  # fmt: skip
        assert item["status"] == expected
