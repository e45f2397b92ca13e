"""The demo's Talent Factory: what docs/talent-factory.md promises a visitor is there."""

from __future__ import annotations

from sqlalchemy import func, select

from hub.core.jobs.models import OutboxEvent, QueuedJob
from hub.talent.enums import ApplicationStatus, MentorStatus, ProgrammeStatus
from hub.talent.models import Programme, ProgrammeApplication, ProgrammeMentor, ProgrammeSession
from tests.helpers import data_of


async def test_a_dozen_programmes_in_five_countries_and_several_regions(session):
    rows = (await session.execute(select(Programme.country_code, Programme.region_code))).all()
    assert len(rows) >= 12
    assert len({country for country, _ in rows}) >= 5
    assert len({region for _, region in rows if region}) >= 6
    assert {region for _, region in rows} >= {"KZ-75", "KZ-61", "UZ-TK", "KG-GB"}
    statuses = set(await session.scalars(select(Programme.status)))
    assert statuses == set(ProgrammeStatus)


async def test_applications_in_every_status_with_sessions_and_mentors(session):
    statuses = set(await session.scalars(select(ProgrammeApplication.status)))
    assert statuses == set(ApplicationStatus)
    assert await session.scalar(select(func.count()).select_from(ProgrammeSession)) >= 12
    mentors = set(await session.scalars(select(ProgrammeMentor.status)))
    assert {MentorStatus.ACCEPTED, MentorStatus.INVITED} <= mentors


async def test_every_demo_programme_counts_exactly_its_accepted_and_enrolled(session):
    holding = [ApplicationStatus.ACCEPTED, ApplicationStatus.ENROLLED]
    held = (
        select(func.count())
        .where(
            ProgrammeApplication.programme_id == Programme.id,
            ProgrammeApplication.status.in_(holding),
        )
        .scalar_subquery()
    )
    rows = (await session.execute(select(Programme.slug, Programme.seats_taken, held))).all()
    assert [(slug, taken) for slug, taken, count in rows if taken != count] == []
    assert all(taken <= capacity for taken, capacity in await _seats(session))


async def _seats(session) -> list[tuple[int, int]]:
    rows = await session.execute(select(Programme.seats_taken, Programme.capacity))
    return [(taken, capacity) for taken, capacity in rows.all()]


async def test_the_demo_leaves_no_mail_jobs_or_events_behind(session):
    assert await session.scalar(select(func.count()).select_from(QueuedJob)) == 0
    assert await session.scalar(select(func.count()).select_from(OutboxEvent)) == 0


async def test_a_visitor_finds_the_open_programmes_of_kazakhstan(client):
    data = await data_of(
        client,
        """{ programmes(filter: {countries: ["KZ"], openForApplications: true}) {
               nodes { slug isOpenForApplications sessions { nodes { localStart } } } } }""",
    )
    nodes = data["programmes"]["nodes"]
    assert [node["slug"] for node in nodes] == ["turkistan-ethno-music-mentorship"]
    assert nodes[0]["isOpenForApplications"] is True
    assert nodes[0]["sessions"]["nodes"][0]["localStart"].endswith("+05:00")
