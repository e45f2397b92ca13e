"""countryCollaboration: joint projects for each pair of countries, checked on the demo data."""

from __future__ import annotations

import itertools
import json
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from tests.helpers import data_of, graphql

DEMO = Path(__file__).resolve().parents[2] / "db" / "seed" / "demo"

PAIRS = """
query ($fromYear: Int, $toYear: Int, $sector: String) {
  countryCollaboration(fromYear: $fromYear, toYear: $toYear, sector: $sector) {
    countries { code }
    projectCount
  }
}
"""


def _demo(name: str) -> list[dict]:
    return json.loads((DEMO / f"{name}.json").read_text(encoding="utf-8"))


def expected_pairs(
    from_year: int | None = None, to_year: int | None = None, disciplines: set[str] | None = None
) -> list[tuple[str, str, int]]:
    """The answer worked out from the demo files in plain Python, independently of SQL."""
    country_of = {("creator", row["handle"]): row["country"] for row in _demo("creators")}
    country_of |= {("organisation", row["slug"]): row["country"] for row in _demo("organisations")}
    counts: Counter[tuple[str, str]] = Counter()
    for project in _demo("projects"):
        if project["status"] in {"DRAFT", "CANCELLED"}:
            continue
        start = project["startDate"] and date.fromisoformat(project["startDate"])
        end = project["endDate"] and date.fromisoformat(project["endDate"])
        if to_year is not None and (start is None or start.year > to_year):
            continue
        if from_year is not None and end is not None and end.year < from_year:
            continue
        if disciplines is not None and not disciplines & set(project["disciplines"]):
            continue
        members = {("creator", p["creator"]) for p in project["participants"] if p["creator"]}
        members |= {
            ("organisation", p["organisation"])
            for p in project["participants"]
            if p["organisation"]
        }
        if project["leadCreator"]:
            members.add(("creator", project["leadCreator"]))
        if project["leadOrganisation"]:
            members.add(("organisation", project["leadOrganisation"]))
        countries = sorted({country_of[member] for member in members})
        counts.update(itertools.combinations(countries, 2))
    return sorted(((a, b, n) for (a, b), n in counts.items()), key=lambda p: (-p[2], p[0], p[1]))


async def pairs(client, **arguments) -> list[tuple[str, str, int]]:
    data = await data_of(client, PAIRS, arguments)
    return [
        (row["countries"][0]["code"], row["countries"][1]["code"], row["projectCount"])
        for row in data["countryCollaboration"]
    ]


async def test_every_pair_of_countries_is_counted_as_in_the_demo_files(client):
    found = await pairs(client)
    assert found == expected_pairs()
    # Pinned as well, so that a change to the demo data is noticed here.
    assert found[:3] == [("KZ", "UZ", 15), ("KG", "KZ", 8), ("AM", "KZ", 7)]
    assert len(found) == 48


async def test_a_range_of_years_counts_the_projects_active_in_it(client):
    found = await pairs(client, fromYear=2024, toYear=2024)
    assert found == expected_pairs(from_year=2024, to_year=2024)
    assert found[:2] == [("KZ", "UZ", 3), ("AZ", "BY", 2)]
    assert len(found) == 28
    assert await pairs(client, fromYear=2027) == expected_pairs(from_year=2027)
    assert await pairs(client, toYear=2025) == expected_pairs(to_year=2025)


async def test_a_sector_counts_the_projects_in_any_of_its_disciplines(client):
    taxonomy = await data_of(client, '{ sector(slug: "audiovisual") { disciplines { slug } } }')
    audiovisual = {row["slug"] for row in taxonomy["sector"]["disciplines"]}
    found = await pairs(client, sector="audiovisual")
    assert found == expected_pairs(disciplines=audiovisual)
    assert found
    assert found != await pairs(client)


async def test_a_discipline_slug_narrows_to_that_discipline(client):
    assert await pairs(client, sector="animation") == expected_pairs(disciplines={"animation"})


async def test_each_pair_lists_its_projects_in_one_statement_for_all_pairs(client, statements):
    query = """{ countryCollaboration(toYear: 2025) {
        countries { code } projectCount projects(first: 2) { totalCount nodes { slug } } } }"""
    with statements.record():
        data = await data_of(client, query)
    rows = data["countryCollaboration"]
    assert len(rows) > 10
    assert all(row["projects"]["totalCount"] == row["projectCount"] for row in rows)
    assert all(len(row["projects"]["nodes"]) == min(2, row["projectCount"]) for row in rows)
    # The pairs, their countries, and the pages of projects for all pairs at once.
    assert len(statements.selects) == 3, statements.selects


async def test_the_projects_of_a_pair_have_participants_from_both(client):
    query = """{ countryCollaboration { countries { code } projects(first: 100) {
        nodes { countries { code } } } } }"""
    data = await data_of(client, query)
    for row in data["countryCollaboration"]:
        pair = {country["code"] for country in row["countries"]}
        for project in row["projects"]["nodes"]:
            assert pair <= {country["code"] for country in project["countries"]}


@pytest.mark.parametrize(
    ("arguments", "code", "message"),
    [
        ({"fromYear": 2026, "toYear": 2025}, "BAD_USER_INPUT", "`fromYear` (2026) is after"),
        ({"sector": "no-such-sector"}, "NOT_FOUND", "No sector or discipline"),
    ],
)
async def test_bad_arguments_are_refused(client, arguments, code, message):
    body = await graphql(client, PAIRS, arguments)
    (error,) = body["errors"]
    assert error["extensions"]["code"] == code
    assert message in error["message"]
