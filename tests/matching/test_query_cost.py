"""A page of matches costs a small, fixed number of SQL statements, whatever its size."""

from __future__ import annotations

import pytest

from tests.helpers import data_of
from tests.matching.documents import creator_id, organisation_id, role_id

NESTED = """
query ($role: ID!, $first: Int!) {
  matchCreators(roleId: $role, first: $first, filter: { languagesArePreferred: true }) {
    nodes {
      score
      creator { handle country { name } disciplines { level discipline { slug } } }
      reasons { factor contribution detail }
    }
  }
}
"""


async def _cost(
    client, statements, query: str, variables: dict, headers: dict | None = None
) -> tuple[int, dict]:
    with statements.record():
        data = await data_of(client, query, variables, headers=headers)
    return len(statements.selects), data


async def test_a_page_of_creator_matches_with_nested_fields_costs_a_fixed_number_of_statements(
    client, statements
):
    role = await role_id(client, "after-the-sea", "Cinematographer")

    small_cost, small = await _cost(client, statements, NESTED, {"role": role, "first": 20})
    large_cost, large = await _cost(client, statements, NESTED, {"role": role, "first": 50})

    assert len(small["matchCreators"]["nodes"]) == 20
    assert len(large["matchCreators"]["nodes"]) == 50
    assert large_cost == small_cost
    # The role with its discipline, sector, sector's disciplines and team countries (one
    # statement); the shortlist, then everyone (the shortlist cannot fill these pages);
    # country names; the creators' skills; the skills' disciplines.
    assert large_cost == 6


async def test_reasons_in_another_language_cost_no_more_statements(client, statements):
    """Names in Russian or Kazakh come with the rows already read: no query per match."""
    role = await role_id(client, "after-the-sea", "Cinematographer")
    in_russian = NESTED.replace("first: $first,", "first: $first, language: RU,", 1)

    english, _ = await _cost(client, statements, NESTED, {"role": role, "first": 50})
    russian, data = await _cost(client, statements, in_russian, {"role": role, "first": 50})
    kazakh, _ = await _cost(
        client, statements, NESTED, {"role": role, "first": 50}, {"Accept-Language": "kk"}
    )

    assert english == russian == kazakh == 6
    details = [
        item["detail"] for node in data["matchCreators"]["nodes"] for item in node["reasons"]
    ]
    assert any("уровень" in detail for detail in details)


@pytest.mark.parametrize(
    ("query", "argument", "lookup"),
    [
        (
            "query ($id: ID!, $first: Int!) { recommendedRoles(creatorId: $id, first: $first) "
            "{ nodes { score role { title project { slug } discipline { slug } } } } }",
            "saule-sadykova",
            creator_id,
        ),
        (
            "query ($id: ID!, $first: Int!) { matchPartners(organisationId: $id, first: $first) "
            "{ nodes { score organisation { slug country { name } } } } }",
            "kazakhfilm",
            organisation_id,
        ),
    ],
)
async def test_pages_of_roles_and_partners_cost_a_bounded_number_of_statements(
    client, statements, query, argument, lookup
):
    """Loaders batch per page; a page may only add one for disciplines not seen yet.

    Eleven: the creator's profile reads their valid credentials too (VERIFIED_SKILL).
    """
    key = await lookup(client, argument)

    for size in (1, 6, 30):
        cost, _ = await _cost(client, statements, query, {"id": key, "first": size})
        assert cost <= 11, size


async def test_explaining_a_partner_costs_what_one_row_of_the_ranking_costs(client, statements):
    """explainPartnerMatch reads the two organisations, the seeker's profile and the one
    ranked row: a fixed count, and none when a filter already leaves the partner out."""
    query = (
        "query ($o: ID!, $p: ID!, $f: PartnerMatchFilter) { explainPartnerMatch("
        "organisationId: $o, partnerId: $p, filter: $f) { match { score organisation { slug "
        "country { name } } reasons { factor detail } } exclusions { code } } }"
    )
    seeker = await organisation_id(client, "kazakhfilm")
    partner = await organisation_id(client, "samarkand-pixel")

    ranked, data = await _cost(client, statements, query, {"o": seeker, "p": partner})
    left_out, _ = await _cost(
        client, statements, query, {"o": seeker, "p": partner, "f": {"kinds": ["UNIVERSITY"]}}
    )

    assert data["explainPartnerMatch"]["match"]["organisation"]["slug"] == "samarkand-pixel"
    # A fixed count on both databases: the two organisations, the seeker's profile, the
    # one ranked row and the names its sentences and nested fields use.
    assert ranked == 8
    # Only the two organisations: the profile and the ranking are skipped.
    assert left_out == 2
