"""The demo dataset is realistic enough to explore: what the README promises is there."""

import importlib.util
import json
import re
import sys
from collections import Counter
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from babel import Locale

from hub.countries.regions import find_region
from tests.helpers import data_of


async def test_the_cis_states_are_there_with_their_status(client):
    data = await data_of(
        client, '{ countries(first: 100) { nodes { code cisStatus name(language: "ru") } } }'
    )
    status = {node["code"]: node["cisStatus"] for node in data["countries"]["nodes"]}
    members = {"AM", "AZ", "BY", "KZ", "KG", "MD", "RU", "TJ", "UZ"}
    assert {code for code, value in status.items() if value == "MEMBER"} == members
    assert status["TM"] == "ASSOCIATE"
    assert {"OBSERVER", "FORMER"} <= set(status.values())
    russian = {node["code"]: node["name"] for node in data["countries"]["nodes"]}
    assert russian["KZ"] == "Казахстан"


async def test_kazakhstan_reports_its_2025_creative_economy_figures(client):
    data = await data_of(
        client,
        """{ country(code: "KZ") { indicators { year peopleEmployed
              valueAdded { amount currencyCode } source } } }""",
    )
    indicator = data["country"]["indicators"][0]
    assert indicator["peopleEmployed"] == 143_000
    assert indicator["valueAdded"]["currencyCode"] == "USD"
    assert float(indicator["valueAdded"]["amount"]) >= 2_000_000_000
    assert "2025" in indicator["source"]


async def test_the_taxonomy_has_eight_sectors_and_about_forty_disciplines(client):
    data = await data_of(
        client, "{ sectors(first: 100) { totalCount } disciplines(first: 1) { totalCount } }"
    )
    assert data["sectors"]["totalCount"] == 8
    assert 35 <= data["disciplines"]["totalCount"] <= 50


async def test_organisations_of_every_kind_across_six_or_more_countries(client):
    data = await data_of(
        client, "{ organisations(first: 100) { totalCount nodes { kind country { code } } } }"
    )
    nodes = data["organisations"]["nodes"]
    assert 25 <= data["organisations"]["totalCount"] <= 40
    assert len({node["kind"] for node in nodes}) == 10
    assert len({node["country"]["code"] for node in nodes}) >= 6


async def test_about_two_hundred_creators_a_third_young_with_mentors(client):
    data = await data_of(
        client,
        """{ all: creators { totalCount }
            young: creators(filter: { youngTalent: true }) { totalCount }
            mentors: creators(filter: { isMentor: true }) { totalCount } }""",
    )
    total = data["all"]["totalCount"]
    assert 180 <= total <= 220
    assert 0.25 <= data["young"]["totalCount"] / total <= 0.42
    assert data["mentors"]["totalCount"] >= 5


async def test_most_projects_are_cross_border_and_several_seek_partners(client):
    data = await data_of(
        client,
        """{ all: projects { totalCount }
            crossBorder: projects(filter: { crossBorder: true }) { totalCount }
            seeking: projects(filter: { statuses: [SEEKING_PARTNERS], hasOpenRoles: true }) {
              totalCount } }""",
    )
    assert 25 <= data["all"]["totalCount"] <= 40
    assert data["crossBorder"]["totalCount"] >= 20
    assert data["seeking"]["totalCount"] >= 6


async def test_young_talent_is_derived_from_the_birth_year(client):
    data = await data_of(
        client, "{ creators(first: 100) { nodes { birthYear isYoungTalent } } }", admin=True
    )
    this_year = date.today().year
    for creator in data["creators"]["nodes"]:
        expected = creator["birthYear"] is not None and this_year - creator["birthYear"] <= 35
        assert creator["isYoungTalent"] is expected


async def test_creators_and_organisations_come_from_many_regions_not_only_the_capitals(client):
    data = await data_of(
        client,
        """{ kazakhs: creators(first: 100, filter: { countries: ["KZ"] }) {
               nodes { region { code country { code } } } }
            turkistan: creators(filter: { regions: ["KZ-61"] }) { totalCount }
            organisations(first: 100) { nodes { region { code } country { code } } } }""",
    )
    kazakh_regions = Counter(node["region"]["code"] for node in data["kazakhs"]["nodes"])
    assert len(kazakh_regions) >= 6
    assert {node["region"]["country"]["code"] for node in data["kazakhs"]["nodes"]} == {"KZ"}
    expected = sum(c["region"] == "KZ-61" for c in demo("creators.json"))
    assert data["turkistan"]["totalCount"] == expected > 0
    organisations = data["organisations"]["nodes"]
    assert sum(node["region"] is not None for node in organisations) >= len(organisations) * 0.8


# --- The files themselves: what the services cannot see, as the dataset promises it --------
# The loader goes through the services, which refuse unknown references, enums, bad slugs
# and money with the wrong decimals. What follows is what they accept but the dataset
# promises besides: plausible lives and careers, its proportions, and tidy files.

DEMO = Path(__file__).resolve().parents[1] / "db" / "seed" / "demo"
TODAY = date(2026, 11, 23)  # the dataset describes the world as of this day
YOUNG_FROM = 1991  # born this year or later: 35 or under in 2026
FILES = ["countries.json", "sectors.json", "organisations.json", "creators.json", "projects.json"]
LATIN_CITY = re.compile(r"[A-Za-z][A-Za-z .'-]*")
KEBAB = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SHARE = re.compile(r"\d{1,3}\.\d{2}")
EXAMPLE_URL = re.compile(r"https://example\.(com|org)/\S+")


# The keys each record has: a misspelt key would be ignored by the loader, silently.
KEYS = {
    "countries.json": "code names nativeLanguage cisStatus indicators",
    "sectors.json": "slug names disciplines",
    "organisations.json": "slug name names kind country region city website description "
    "disciplines foundedYear memberSince",
    "creators.json": "handle displayName country region city birthYear bio disciplines "
    "languages openToCollaboration isMentor portfolio affiliations",
    "projects.json": "slug title summary description status leadOrganisation leadCreator "
    "disciplines startDate endDate budget participants openRoles",
}


def demo(name: str) -> list[dict[str, Any]]:
    return json.loads((DEMO / name).read_text(encoding="utf-8"))


def day(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


@pytest.mark.parametrize("name", FILES)
def test_the_files_are_pretty_printed_readable_json(name):
    raw = (DEMO / name).read_text(encoding="utf-8")

    assert raw == json.dumps(json.loads(raw), ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("name", FILES)
def test_every_record_has_exactly_the_keys_the_loader_reads(name):
    for record in demo(name):
        assert set(record) == set(KEYS[name].split()), record.get("slug") or record.get("code")


def test_the_generator_writes_exactly_the_committed_creators():
    path = DEMO.parent / "tools" / "generate_creators.py"
    spec = importlib.util.spec_from_file_location("generate_creators", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    try:
        spec.loader.exec_module(module)
        generator = module.Generator(demo("sectors.json"), demo("organisations.json"))
        generated = [module.to_json(person, generator) for person in generator.generate()]
    finally:
        del sys.modules[spec.name]

    assert generated == demo("creators.json")


@pytest.mark.parametrize("name", ["creators.json", "organisations.json"])
def test_a_city_lies_in_one_region_of_its_country_wherever_it_appears(name):
    regions_of_city: dict[tuple[str, str], set[str]] = {}
    for record in demo(name):
        if record["region"] is None:
            continue
        region = find_region(record["region"])
        assert region is not None, record["region"]
        assert region.code == record["region"], record["region"]
        assert region.country_code == record["country"], record["region"]
        regions_of_city.setdefault((record["country"], record["city"]), set()).add(region.code)
    assert all(len(codes) == 1 for codes in regions_of_city.values()), regions_of_city


def test_every_cis_standing_is_the_one_the_dataset_gives():
    status = {country["code"]: country["cisStatus"] for country in demo("countries.json")}

    assert {code: status[code] for code in ["TM", "AF", "MN", "GE", "UA"]} == {
        "TM": "ASSOCIATE",
        "AF": "OBSERVER",
        "MN": "OBSERVER",
        "GE": "FORMER",
        "UA": "FORMER",
    }


def test_reference_data_is_named_in_english_russian_and_the_national_language():
    """Countries and the taxonomy are loaded as they are, not through a service."""
    languages = {code for code in Locale("en").languages if len(code) == 2}
    for country in demo("countries.json"):
        assert {"en", "ru", country["nativeLanguage"]} <= set(country["names"]), country["code"]
        assert set(country["names"]) <= languages, country["code"]
    for sector in demo("sectors.json"):
        for named in [sector, *sector["disciplines"]]:
            assert {"en", "ru"} <= set(named["names"]) <= languages, named["slug"]


def test_the_taxonomy_slugs_are_unique_kebab_case():
    slugs = [
        named["slug"]
        for sector in demo("sectors.json")
        for named in [sector, *sector["disciplines"]]
    ]

    assert len(set(slugs)) == len(slugs)
    assert all(KEBAB.fullmatch(slug) and len(slug) <= 60 for slug in slugs)


def test_each_country_reports_at_most_one_indicator_a_year_with_a_sensible_share():
    for country in demo("countries.json"):
        years = [indicator["year"] for indicator in country["indicators"]]
        assert len(set(years)) == len(years), country["code"]
        assert all(2000 <= year <= TODAY.year for year in years), country["code"]
        for indicator in country["indicators"]:
            share = indicator["shareOfGdpPercent"]
            assert share is None or SHARE.fullmatch(share), country["code"]
            assert share is None or Decimal(share) <= 100, country["code"]


def test_organisations_are_placed_and_dated_plausibly():
    for org in demo("organisations.json"):
        assert org["city"] is None or LATIN_CITY.fullmatch(org["city"]), org["slug"]
        assert org["foundedYear"] is None or 1000 <= org["foundedYear"] <= TODAY.year
        member_since = day(org["memberSince"])
        assert member_since is None or member_since <= TODAY, org["slug"]


def test_every_creator_has_a_plausible_life():
    founded = {org["slug"]: org["foundedYear"] for org in demo("organisations.json")}
    for creator in demo("creators.json"):
        handle, birth = creator["handle"], creator["birthYear"]
        age = TODAY.year - birth
        assert 1950 <= birth <= 2008, handle
        assert LATIN_CITY.fullmatch(creator["city"]), handle
        assert 1 <= len(creator["disciplines"]) <= 3, handle
        for skill in creator["disciplines"]:
            assert 0 <= skill["yearsOfExperience"] <= age - 12, handle
        assert any(lang["proficiency"] == "NATIVE" for lang in creator["languages"]), handle
        for link in creator["portfolio"]:
            assert EXAMPLE_URL.fullmatch(link["url"]), handle
        affiliations = [(a["organisation"], a["role"], a["since"]) for a in creator["affiliations"]]
        assert len(set(affiliations)) == len(affiliations), handle
        for affiliation in creator["affiliations"]:
            since, until = day(affiliation["since"]), day(affiliation["until"])
            assert since is not None, handle
            assert birth + 10 <= since.year, handle
            assert since <= TODAY, handle
            assert since.year >= (founded[affiliation["organisation"]] or 0), handle
            assert until is None or since <= until <= TODAY, handle


def test_mentors_are_seniors_at_the_top_of_their_craft():
    mentors = [creator for creator in demo("creators.json") if creator["isMentor"]]

    assert 10 <= len(mentors) <= 20
    for mentor in mentors:
        assert mentor["birthYear"] < YOUNG_FROM, mentor["handle"]
        levels = {skill["level"] for skill in mentor["disciplines"]}
        assert levels & {"EXPERT", "MASTER"}, mentor["handle"]


def test_creators_come_mostly_from_kazakhstan_and_uzbekistan_and_most_have_a_home():
    creators = demo("creators.json")
    total = len(creators)
    per_country = Counter(creator["country"] for creator in creators)
    closed = sum(not creator["openToCollaboration"] for creator in creators)
    affiliated = sum(bool(creator["affiliations"]) for creator in creators)

    assert len(per_country) >= 8
    assert {code for code, _ in per_country.most_common(2)} == {"KZ", "UZ"}
    assert 0.08 * total <= closed <= 0.22 * total
    assert 0.5 * total <= affiliated <= 0.7 * total


def test_projects_are_mostly_under_way_and_their_dates_fit_their_status():
    projects = demo("projects.json")
    statuses = Counter(project["status"] for project in projects)

    assert 25 <= len(projects) <= 35
    assert statuses["DRAFT"] >= 1
    assert statuses["CANCELLED"] >= 1
    under_way = statuses["SEEKING_PARTNERS"] + statuses["IN_PROGRESS"] + statuses["COMPLETED"]
    assert under_way >= 0.8 * len(projects)
    for project in projects:
        start, end = day(project["startDate"]), day(project["endDate"])
        assert ". " not in project["summary"], f"{project['slug']}: one sentence"
        if project["status"] == "COMPLETED":
            assert end is not None, project["slug"]
            assert end <= TODAY, project["slug"]
        if project["status"] in ("IN_PROGRESS", "COMPLETED", "CANCELLED"):
            assert start is not None, project["slug"]
            assert start <= TODAY, project["slug"]
        if project["status"] in ("COMPLETED", "CANCELLED"):
            assert not any(role["isOpen"] for role in project["openRoles"]), project["slug"]


def test_only_a_lead_joins_in_the_future_and_every_member_takes_part_once():
    """A lead joins on the start date, which may lie ahead; everyone else has joined."""
    for project in demo("projects.json"):
        leads = {project["leadOrganisation"], project["leadCreator"]} - {None}
        members = [p["creator"] or p["organisation"] for p in project["participants"]]
        assert len(set(members)) == len(members), project["slug"]
        assert leads, project["slug"]
        assert leads <= set(members), project["slug"]
        for participant in project["participants"]:
            joined = day(participant["joinedOn"])
            is_lead = (participant["creator"] or participant["organisation"]) in leads
            assert is_lead or joined is None or joined <= TODAY, project["slug"]


def test_every_partner_country_outside_the_cis_takes_part_in_some_project():
    countries = demo("countries.json")
    creators = {creator["handle"]: creator["country"] for creator in demo("creators.json")}
    organisations = {org["slug"]: org["country"] for org in demo("organisations.json")}
    taking_part = set()
    for project in demo("projects.json"):
        for participant in project["participants"]:
            if participant["creator"]:
                taking_part.add(creators[participant["creator"]])
            else:
                taking_part.add(organisations[participant["organisation"]])
        for role in project["openRoles"]:
            taking_part.update(role["preferredCountries"])

    partners = {country["code"] for country in countries if country["cisStatus"] == "NONE"}
    assert partners
    assert partners <= taking_part


def test_every_on_site_role_says_where_it_is():
    """The service refuses an on-site role without a country; the demo's say where."""
    countries = {country["code"] for country in demo("countries.json")}
    on_site = [
        (project["slug"], role)
        for project in demo("projects.json")
        for role in project["openRoles"]
        if not role.get("remoteAllowed", True)
    ]
    assert len(on_site) >= 10
    for slug, role in on_site:
        assert role.get("locationCountry") in countries, (slug, role["title"])
        assert role.get("locationCity"), (slug, role["title"])
