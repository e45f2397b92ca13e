"""Reading programmes and applications: filters, who sees what, and what it costs in SQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import update

from hub.creators.enums import SkillLevel
from hub.talent import applications as service
from hub.talent.enums import ApplicationStatus, ProgrammeFormat, ProgrammeStatus
from hub.talent.models import ProgrammeMentor
from hub.talent.programmes import SessionFields, add_session, invite_mentor
from tests.factories import global_id
from tests.helpers import data_of, graphql
from tests.talent import world
from tests.talent.test_applications import Prerequisite

THIS_YEAR = date.today().year

PROGRAMMES = """
query ($filter: ProgrammeFilter) {
  programmes(filter: $filter, first: 50) { nodes { slug } }
}
"""


async def _slugs(client, host: world.Host, filter: dict) -> list[str]:
    """The programmes of ``host`` (the demo's are left out) that ``filter`` keeps."""
    hosts = [global_id("Organisation", host.organisation)]
    data = await data_of(client, PROGRAMMES, {"filter": {**filter, "hosts": hosts}})
    return [node["slug"] for node in data["programmes"]["nodes"]]


async def test_programmes_filter_by_place_format_discipline_and_openness(client, factory):
    host = await world.host(factory)
    await world.programme(
        factory,
        host.organisation,
        slug="almaty-film",
        country="KZ",
        region="KZ-75",
        city="Almaty",
        format=ProgrammeFormat.IN_PERSON,
        disciplines=["film-directing"],
    )
    await world.programme(
        factory,
        host.organisation,
        slug="shymkent-animation",
        country="KZ",
        region="KZ-79",
        city="Shymkent",
        format=ProgrammeFormat.HYBRID,
        disciplines=["animation"],
    )
    await world.programme(
        factory,
        host.organisation,
        slug="tashkent-closed",
        country="UZ",
        city="Tashkent",
        status=ProgrammeStatus.CLOSED,
        capacity=1,
    )
    assert await _slugs(client, host, {"countries": ["KZ"]}) == [
        "almaty-film",
        "shymkent-animation",
    ]
    assert await _slugs(client, host, {"regions": ["kz-79"]}) == ["shymkent-animation"]
    assert await _slugs(client, host, {"city": "almaty"}) == ["almaty-film"]
    assert await _slugs(client, host, {"formats": ["HYBRID"]}) == ["shymkent-animation"]
    assert await _slugs(client, host, {"disciplines": ["animation"]}) == ["shymkent-animation"]
    assert await _slugs(client, host, {"openForApplications": False}) == ["tashkent-closed"]
    assert await _slugs(client, host, {"openForApplications": True, "countries": ["UZ"]}) == []


async def test_programmes_filter_by_free_seats(client, factory):
    host = await world.host(factory)
    full = await world.programme(factory, host.organisation, slug="full-one", capacity=1)
    await world.programme(factory, host.organisation, slug="roomy-one", capacity=5)
    applicant = await world.person(factory)
    key = await world.application(factory, full, applicant.creator)
    await world.decide(factory, key, ApplicationStatus.ACCEPTED)
    assert await _slugs(client, host, {"hasFreeSeats": True}) == ["roomy-one"]
    assert await _slugs(client, host, {"hasFreeSeats": False}) == ["full-one"]


async def test_eligible_for_keeps_the_programmes_whose_rules_admit_the_creator(client, factory):
    host = await world.host(factory)
    applicant = await world.person(
        factory,
        birth_year=THIS_YEAR - 17,
        country="KZ",
        region="KZ-61",
        skills=[("animation", SkillLevel.INTERMEDIATE)],
    )
    admitting = {
        "open-to-all": {},
        "teens": {"min_age": 14, "max_age": 19},
        "turkistan": {"eligible_regions": ["KZ-61"]},
        "kazakhstan": {"eligible_countries": ["KZ", "KG"]},
        "animators": {"prerequisites": [Prerequisite("animation", SkillLevel.BEGINNER)]},
    }
    refusing = {
        "adults": {"min_age": 18},
        "almaty-only": {"eligible_regions": ["KZ-75"]},
        "uzbekistan": {"eligible_countries": ["UZ"]},
        "advanced-animators": {"prerequisites": [Prerequisite("animation", SkillLevel.ADVANCED)]},
        "directors": {"prerequisites": [Prerequisite("film-directing", SkillLevel.BEGINNER)]},
    }
    for slug, rules in {**admitting, **refusing}.items():
        await world.programme(factory, host.organisation, slug=slug, title=slug, **rules)
    found = await _slugs(client, host, {"eligibleFor": applicant.creator_id})
    assert found == sorted(admitting)


APPLICATION_FIELDS = """
query ($slug: String!) {
  programme(slug: $slug) {
    applications(first: 10) {
      nodes { status motivation reviews { score comment } creator { handle } }
    }
  }
}
"""


async def _reviewed_application(factory):
    host = await world.host(factory)
    programme = await world.programme(factory, host.organisation, slug="visible")
    applicant = await world.person(factory)
    key = await world.application(factory, programme, applicant.creator, motivation="My why.")
    await factory._write(lambda s: service.review(s, key, host.admin, 4, "Promising."))
    return host, programme, applicant, key


async def test_motivation_and_reviews_are_for_the_applicant_and_the_hosts_reviewers(
    client, factory
):
    host, _programme, applicant, _key = await _reviewed_application(factory)
    data = await data_of(client, APPLICATION_FIELDS, {"slug": "visible"}, headers=host.headers)
    (node,) = data["programme"]["applications"]["nodes"]
    assert node["motivation"] == "My why."
    assert node["reviews"] == [{"score": 4, "comment": "Promising."}]

    mine = await data_of(
        client,
        "{ myApplications { nodes { motivation reviews { score } programme { slug } } } }",
        headers=applicant.headers,
    )
    assert mine["myApplications"]["nodes"] == [
        {"motivation": "My why.", "reviews": [{"score": 4}], "programme": {"slug": "visible"}}
    ]


async def test_a_mentor_sees_applications_without_motivations_or_reviews(client, factory, session):
    _host, programme, _applicant, _key = await _reviewed_application(factory)
    mentor = await world.person(factory)
    await factory._write(lambda s: invite_mentor(s, programme, mentor.creator, None))
    await session.execute(update(ProgrammeMentor).values(status="ACCEPTED"))
    await session.commit()
    data = await data_of(client, APPLICATION_FIELDS, {"slug": "visible"}, headers=mentor.headers)
    (node,) = data["programme"]["applications"]["nodes"]
    assert node["status"] == "SUBMITTED"
    assert node["motivation"] is None
    assert node["reviews"] == []


async def test_a_stranger_sees_no_applications_at_all(client, factory):
    _host, _programme, _applicant, key = await _reviewed_application(factory)
    stranger = await world.person(factory)
    body = await graphql(client, APPLICATION_FIELDS, {"slug": "visible"}, headers=stranger.headers)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    node = await data_of(
        client,
        "query ($id: ID!) { node(id: $id) { id } }",
        {"id": global_id("ProgrammeApplication", key)},
        headers=stranger.headers,
    )
    assert node == {"node": None}
    mine = await data_of(client, "{ myApplications { nodes { id } } }", headers=stranger.headers)
    assert mine["myApplications"]["nodes"] == []


NESTED = """
query ($hosts: [ID!]) {
  programmes(first: 50, filter: {hosts: $hosts}) {
    nodes {
      slug host { slug } country { code } disciplines { slug }
      prerequisites { discipline { slug } minimumLevel }
      sessions(first: 5) { nodes { localStart } }
      mentors(first: 5) { nodes { status creator { handle } } }
      applications(first: 5) { nodes { status motivation creator { handle } reviews { score } } }
    }
  }
}
"""


async def _programme_with_everything(factory, host: world.Host, number: int) -> None:
    """A programme with a session, an invited mentor and a reviewed application."""
    programme = await world.programme(
        factory,
        host.organisation,
        slug=f"nested-{number}",
        country="KZ",
        disciplines=["animation"],
        prerequisites=[Prerequisite("animation", SkillLevel.BEGINNER)],
    )
    start = datetime(2030, 1, 1, 6, tzinfo=UTC)
    fields = SessionFields("Session", start, start + timedelta(hours=2), place="Studio")
    await factory._write(lambda s: add_session(s, programme, fields))
    mentor = await world.person(factory)
    await factory._write(lambda s: invite_mentor(s, programme, mentor.creator, None))
    applicant = await world.person(factory, skills=[("animation", SkillLevel.ADVANCED)])
    key = await world.application(factory, programme, applicant.creator)
    await factory._write(lambda s: service.review(s, key, host.admin, 5, "Yes."))


async def test_nested_programme_fields_cost_the_same_for_two_programmes_as_for_eight(
    client, factory, statements
):
    host = await world.host(factory)
    hosts = {"hosts": [global_id("Organisation", host.organisation)]}
    for number in range(2):
        await _programme_with_everything(factory, host, number)
    with statements.record():
        small = await data_of(client, NESTED, hosts, headers=host.headers)
    small_cost = len(statements.selects)
    for number in range(2, 8):
        await _programme_with_everything(factory, host, number)
    with statements.record():
        large = await data_of(client, NESTED, hosts, headers=host.headers)
    large_cost = len(statements.selects)
    assert len(small["programmes"]["nodes"]) == 2
    nodes = large["programmes"]["nodes"]
    assert len(nodes) == 8
    assert all(node["applications"]["nodes"][0]["reviews"] == [{"score": 5}] for node in nodes)
    assert all(node["sessions"]["nodes"][0]["localStart"].endswith("+05:00") for node in nodes)
    assert large_cost == small_cost
    assert small_cost <= 17  # pages, their relations, and the caller's access: one each


async def test_a_draft_is_shown_to_its_hosts_admins_only(client, factory):
    host = await world.host(factory)
    draft = await world.programme(
        factory, host.organisation, slug="secret-draft", status=ProgrammeStatus.DRAFT
    )
    stranger = await world.person(factory)
    document = """
    query ($id: ID!, $hosts: [ID!]) {
      programme(slug: "secret-draft") { slug }
      node(id: $id) { id }
      programmes(filter: {hosts: $hosts}) { nodes { slug } }
    }
    """
    variables = {
        "id": global_id("Programme", draft),
        "hosts": [global_id("Organisation", host.organisation)],
    }
    for headers in ({}, stranger.headers):
        hidden = await data_of(client, document, variables, headers=headers)
        assert hidden == {"programme": None, "node": None, "programmes": {"nodes": []}}
    shown = await data_of(client, document, variables, headers=host.headers)
    assert shown["programme"] == {"slug": "secret-draft"}
    assert shown["node"] == {"id": variables["id"]}
    assert shown["programmes"]["nodes"] == [{"slug": "secret-draft"}]


PROGRAMME_APPLICATIONS = """
query ($programme: ID!, $statuses: [ApplicationStatus!]) {
  programmeApplications(programmeId: $programme, filter: {statuses: $statuses}) {
    totalCount
    nodes { status creator { handle } }
  }
}
"""


async def test_a_programmes_reviewers_filter_its_applications_by_status(client, factory):
    host = await world.host(factory)
    programme = await world.programme(factory, host.organisation, waitlist_size=3)
    for decision in (None, ApplicationStatus.WAITLISTED, ApplicationStatus.REJECTED):
        applicant = await world.person(factory)
        key = await world.application(factory, programme, applicant.creator)
        if decision is not None:
            await world.decide(factory, key, decision)
    variables = {"programme": global_id("Programme", programme), "statuses": ["WAITLISTED"]}
    data = await data_of(client, PROGRAMME_APPLICATIONS, variables, headers=host.headers)
    found = data["programmeApplications"]
    assert found["totalCount"] == 1
    assert [node["status"] for node in found["nodes"]] == ["WAITLISTED"]
    everything = await data_of(
        client, PROGRAMME_APPLICATIONS, {**variables, "statuses": None}, headers=host.headers
    )
    assert everything["programmeApplications"]["totalCount"] == 3
    stranger = await world.person(factory)
    body = await graphql(client, PROGRAMME_APPLICATIONS, variables, headers=stranger.headers)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
