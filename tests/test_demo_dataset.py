"""The demo dataset is realistic enough to explore: what the README promises is there."""

from datetime import date

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
