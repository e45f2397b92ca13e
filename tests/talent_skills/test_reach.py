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
    byCountry { country { code } applicants participants graduates }
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
    data = await data_of(client, PUBLIC, {"host": global_id("Organisation", host.organisation)})
    reach = data["talentReach"]
    assert reach["total"] == {"applicants": 3, "participants": 2, "graduates": 1}
    by_country = {row["country"]["code"]: row for row in reach["byCountry"]}
    assert by_country["KZ"]["applicants"] == 2
    assert by_country["KZ"]["graduates"] == 1
    assert by_country["UZ"] == {
        "country": {"code": "UZ"}, "applicants": 1, "participants": 0, "graduates": 0,
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
