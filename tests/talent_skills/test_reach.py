"""Reach: applicants, participants and graduates by country, region, year, programme and
host; the regions that sent nobody; details for staff and hosts only."""

from __future__ import annotations

from datetime import date

from hub.talent.enums import ApplicationStatus as A
from tests.factories import global_id
from tests.helpers import ADMIN, data_of, graphql
from tests.talent import world

PUBLIC = """
query ($host: ID) {
  talentReach(hostId: $host) {
    total { applicants participants graduates }
    byCountry { country { code } applicants participants graduates withheld }
    byRegion { region { code } country { code } applicants participants graduates }
    byYear { year applicants }
    regionsWithoutApplicants(country: "KZ") { code }
  }
}
"""
DETAILS = """
query ($host: ID) {
  talentReach(hostId: $host) {
    byProgramme { programme { slug } applicants participants graduates }
    byHost { host { slug } applicants }
  }
}
"""


async def _world(factory, sessions):
    host = await world.host(factory, slug="zz-reach-host")
    first = await world.programme(factory, host.organisation, slug="zz-reach-one")
    second = await world.programme(factory, host.organisation, slug="zz-reach-two")
    almaty = await world.person(factory, country="KZ", region="KZ-75")
    turkistan = await world.person(factory, country="KZ", region="KZ-61")
    tashkent = await world.person(factory, country="UZ")
    for person in (almaty, turkistan, tashkent):
        await world.application(factory, first, person.creator)
    await world.application(factory, second, almaty.creator)
    for application, status in (
        (await _application_key(sessions, first, almaty.creator), A.COMPLETED),
        (await _application_key(sessions, first, turkistan.creator), A.ENROLLED),
    ):
        await _set_status(sessions, application, status)
    return host


async def _application_key(sessions, programme, creator):
    from sqlalchemy import select

    from hub.talent.models import ProgrammeApplication

    async with sessions() as session:
        return await session.scalar(
            select(ProgrammeApplication.id).where(
                ProgrammeApplication.programme_id == programme,
                ProgrammeApplication.creator_id == creator,
            )
        )


async def _set_status(sessions, application, status):
    from sqlalchemy import update

    from hub.talent.models import ProgrammeApplication

    async with sessions() as session, session.begin():
        await session.execute(
            update(ProgrammeApplication)
            .where(ProgrammeApplication.id == application)
            .values(status=status)
        )


async def test_reach_counts_creators_by_country_region_and_year(client, factory, sessions):
    host = await _world(factory, sessions)
    data = await data_of(
        client, PUBLIC, {"host": global_id("Organisation", host.organisation)}, headers=host.headers
    )
    reach = data["talentReach"]
    assert reach["total"] == {"applicants": 3, "participants": 2, "graduates": 1}
    by_country = {row["country"]["code"]: row for row in reach["byCountry"]}
    assert by_country["KZ"]["applicants"] == 2
    assert by_country["KZ"]["graduates"] == 1
    assert by_country["UZ"] == {
        "country": {"code": "UZ"}, "applicants": 1, "participants": 0, "graduates": 0,
        "withheld": [],
    }  # fmt: skip
    regions = {(row["region"] or {}).get("code"): row["applicants"] for row in reach["byRegion"]}
    assert regions["KZ-75"] == 1
    assert regions["KZ-61"] == 1
    assert reach["byYear"] == [{"year": date.today().year, "applicants": 3}]
    nobody = {region["code"] for region in reach["regionsWithoutApplicants"]}
    assert "KZ-75" not in nobody
    assert "KZ-61" not in nobody
    assert {"KZ-10", "KZ-11"} <= nobody  # Abai and Jetisu sent nobody


async def test_details_by_programme_are_for_the_hosts_admins_and_staff(client, factory, sessions):
    host = await _world(factory, sessions)
    variables = {"host": global_id("Organisation", host.organisation)}
    as_host = await data_of(client, DETAILS, variables, headers=host.headers)
    by_programme = {row["programme"]["slug"]: row for row in as_host["talentReach"]["byProgramme"]}
    assert by_programme["zz-reach-one"]["applicants"] == 3
    assert by_programme["zz-reach-two"]["applicants"] == 1
    assert as_host["talentReach"]["byHost"] == [
        {"host": {"slug": "zz-reach-host"}, "applicants": 3}
    ]
    staff = await data_of(client, DETAILS, {}, headers=ADMIN)
    assert any(
        row["programme"]["slug"] == "zz-reach-one" for row in staff["talentReach"]["byProgramme"]
    )
    anonymous = await graphql(client, DETAILS, variables)
    assert {error["extensions"]["code"] for error in anonymous["errors"]} == {"FORBIDDEN"}
    stranger = await world.person(factory)
    other = await graphql(client, DETAILS, variables, headers=stranger.headers)
    assert {error["extensions"]["code"] for error in other["errors"]} == {"FORBIDDEN"}


SEEN = """
query {
  talentReach {
    isExact minimumCount
    total { applicants participants graduates withheld }
    byCountry { country { code } applicants participants graduates withheld }
    byRegion { region { code } country { code } applicants participants graduates withheld }
    byYear { year applicants participants graduates withheld }
  }
}
"""
FIGURES = ("applicants", "participants", "graduates")


def _rows(reach):
    """Every row of an answer by a key of its own, with its figures."""
    rows = {("total",): reach["total"]}
    rows |= {("country", r["country"]["code"]): r for r in reach["byCountry"]}
    rows |= {
        ("region", r["country"]["code"], (r["region"] or {}).get("code")): r
        for r in reach["byRegion"]
    }
    rows |= {("year", r["year"]): r for r in reach["byYear"]}
    return rows


async def test_the_public_sees_no_count_below_the_minimum_nor_one_it_could_work_out(
    client, factory, sessions
):
    host = await world.host(factory, slug="zz-reach-small")
    programme = await world.programme(factory, host.organisation, slug="zz-reach-small-one")
    abai = await world.person(factory, country="KZ", region="KZ-10")
    await world.application(factory, programme, abai.creator)

    public = (await data_of(client, SEEN))["talentReach"]
    exact = (await data_of(client, SEEN, headers=ADMIN))["talentReach"]
    assert (public["isExact"], public["minimumCount"]) == (False, 5)
    assert (exact["isExact"], exact["minimumCount"]) == (True, None)
    shown, truth = _rows(public), _rows(exact)
    assert shown.keys() == truth.keys()
    assert truth[("region", "KZ", "KZ-10")]["applicants"] == 1
    assert shown[("region", "KZ", "KZ-10")]["applicants"] == -1
    assert "APPLICANTS" in shown[("region", "KZ", "KZ-10")]["withheld"]
    for key, row in shown.items():
        assert truth[key]["withheld"] == []
        for figure in FIGURES:
            value = row[figure]
            assert (value == -1) == (figure.upper() in row["withheld"]), key
            assert value in (-1, 0) or value >= 5, key
            assert value in (-1, truth[key][figure]), key
    # No sum shown with its parts gives back a lone withheld part.
    for figure in FIGURES:
        countries = [key for key in shown if key[0] == "country"]
        sums = [(("total",), countries)]
        sums += [
            (country, [key for key in shown if key[:2] == ("region", country[1])])
            for country in countries
        ]
        for whole, parts in sums:
            hidden = [key for key in [whole, *parts] if shown[key][figure] == -1]
            assert len(hidden) != 1, (figure, whole)


async def test_the_public_may_not_narrow_the_reach_and_hosts_narrow_only_their_own(
    client, factory, sessions
):
    host = await _world(factory, sessions)
    other = await world.host(factory, slug="zz-reach-other")
    for variables, headers in (
        ({"host": global_id("Organisation", host.organisation)}, None),
        ({"host": global_id("Organisation", host.organisation)}, other.headers),
    ):
        refused = await graphql(client, PUBLIC, variables, headers=headers)
        assert {error["extensions"]["code"] for error in refused["errors"]} == {"FORBIDDEN"}
    year = await graphql(client, "query { talentReach(year: 2026) { total { applicants } } }")
    assert {error["extensions"]["code"] for error in year["errors"]} == {"FORBIDDEN"}
