"""Creating and running programmes, their sessions and mentors, through the API."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from hub.accounts.models import AuditRecord
from hub.core.columns import utcnow
from hub.core.jobs.models import QueuedJob
from hub.core.mail import MemoryMailer
from hub.core.states import StateTransition
from hub.server.jobs import runner_for
from hub.talent.enums import ApplicationStatus, MentorStatus, ProgrammeStatus
from hub.talent.models import Programme, ProgrammeMentor, ProgrammeSession
from hub.talent.programmes import SessionFields, add_session, invite_mentor
from hub.talent.windows import schedule_window
from tests.factories import global_id
from tests.helpers import ADMIN, graphql
from tests.talent import world

OPERATIONS = Path(__file__).resolve().parents[2] / "schema" / "operations"

CREATE = """
mutation ($input: CreateProgrammeInput!) {
  createProgramme(input: $input) {
    programme {
      slug status kind format regionCode timeZone capacity freeSeats isFree
      fee { amount currencyCode } host { slug } country { code }
      disciplines { slug } prerequisites { discipline { slug } minimumLevel }
      eligibleRegions allowedTransitions
    }
    userErrors { field code }
  }
}
"""
STATUS = """
mutation ($input: ChangeProgrammeStatusInput!) {
  changeProgrammeStatus(input: $input) { programme { status } userErrors { field code message } }
}
"""
ADD_SESSION = """
mutation ($input: AddProgrammeSessionInput!) {
  addProgrammeSession(input: $input) {
    session { startsAt localStart localEnd place onlineUrl }
    userErrors { field code }
  }
}
"""
INVITE = """
mutation ($input: InviteMentorInput!) {
  inviteMentor(input: $input) { mentor { id status creator { handle } } userErrors { code } }
}
"""
ANSWER = """
mutation ($input: AnswerMentorInvitationInput!) {
  answerMentorInvitation(input: $input) { mentor { status } userErrors { code } }
}
"""


def _create_input(host: world.Host, **fields) -> dict:
    return {
        "input": {
            "hostOrganisationId": global_id("Organisation", host.organisation),
            "slug": "animation-lab",
            "title": "Animation lab",
            "kind": "COURSE",
            "levelTaught": "INTERMEDIATE",
            "format": "IN_PERSON",
            "timeZone": "Asia/Almaty",
            "capacity": 12,
            **fields,
        }
    }


async def _programmes(session, host: world.Host) -> int:
    return await session.scalar(
        select(func.count())
        .select_from(Programme)
        .where(Programme.host_organisation_id == host.organisation)
    )


async def test_a_hosts_admin_creates_a_draft_programme(client, factory, session):
    host = await world.host(factory, slug="almaty-animation")
    variables = _create_input(
        host,
        country="KZ",
        region="kz-75",
        city="Almaty",
        disciplines=["animation"],
        prerequisites=[{"discipline": "graphic-design", "minimumLevel": "BEGINNER"}],
        eligibleRegions=["KZ-61", "KZ-75"],
        fee={"amount": "15000", "currencyCode": "KZT"},
    )
    body = await graphql(client, CREATE, variables, headers=host.headers)
    payload = body["data"]["createProgramme"]
    assert payload["userErrors"] == []
    assert payload["programme"] == {
        "slug": "animation-lab",
        "status": "DRAFT",
        "kind": "COURSE",
        "format": "IN_PERSON",
        "regionCode": "KZ-75",
        "timeZone": "Asia/Almaty",
        "capacity": 12,
        "freeSeats": 12,
        "isFree": False,
        "fee": {"amount": "15000.00", "currencyCode": "KZT"},
        "host": {"slug": "almaty-animation"},
        "country": {"code": "KZ"},
        "disciplines": [{"slug": "animation"}],
        "prerequisites": [{"discipline": {"slug": "graphic-design"}, "minimumLevel": "BEGINNER"}],
        "eligibleRegions": ["KZ-61", "KZ-75"],
        "allowedTransitions": ["OPEN", "CANCELLED"],
    }
    audit = await session.scalar(
        select(AuditRecord.action).where(AuditRecord.entity_type == "Programme")
    )
    assert audit == "createProgramme"


async def test_someone_outside_the_host_cannot_create_its_programme(client, factory, session):
    host = await world.host(factory)
    outsider = await world.person(factory)
    body = await graphql(client, CREATE, _create_input(host), headers=outsider.headers)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await _programmes(session, host) == 0


INVALID_PROGRAMMES = [
    ({"timeZone": "Asia/Nowhere"}, ["timeZone"], "UNKNOWN_TIME_ZONE"),
    ({"country": "KZ", "region": "UZ-TO"}, ["region"], "UNKNOWN_REGION"),
    ({"region": "KZ-75"}, ["region"], "UNKNOWN_REGION"),
    ({"eligibleRegions": ["KZ-99"]}, ["eligibleRegions", "0"], "UNKNOWN_REGION"),
    ({"scholarshipSeats": 13}, ["scholarshipSeats"], "OUT_OF_RANGE"),
    ({"capacity": 0}, ["capacity"], "OUT_OF_RANGE"),
    ({"minAge": 20, "maxAge": 16}, ["maxAge"], "OUT_OF_RANGE"),
    ({"fee": {"amount": "0", "currencyCode": "KZT"}}, ["fee", "amount"], "INVALID_AMOUNT"),
    (
        {
            "applicationsOpenAt": "2030-02-01T00:00:00+00:00",
            "applicationsCloseAt": "2030-01-01T00:00:00+00:00",
        },
        ["applicationsCloseAt"],
        "INVALID_DATE_RANGE",
    ),
    ({"disciplines": ["no-such-thing"]}, ["disciplines", "0"], "UNKNOWN_DISCIPLINE"),
]


@pytest.mark.parametrize(("fields", "path", "code"), INVALID_PROGRAMMES)
async def test_an_invalid_programme_is_refused_and_nothing_is_created(
    client, factory, session, fields, path, code
):
    host = await world.host(factory)
    body = await graphql(client, CREATE, _create_input(host, **fields), headers=host.headers)
    errors = body["data"]["createProgramme"]["userErrors"]
    assert {"field": path, "code": code} in errors
    assert await _programmes(session, host) == 0


LEGAL_STEPS = [
    (ProgrammeStatus.DRAFT, "OPEN"),
    (ProgrammeStatus.OPEN, "CLOSED"),
    (ProgrammeStatus.CLOSED, "RUNNING"),
    (ProgrammeStatus.RUNNING, "FINISHED"),
    (ProgrammeStatus.DRAFT, "CANCELLED"),
    (ProgrammeStatus.OPEN, "CANCELLED"),
    (ProgrammeStatus.CLOSED, "CANCELLED"),
]
ILLEGAL_STEPS = [
    (ProgrammeStatus.DRAFT, "RUNNING"),
    (ProgrammeStatus.OPEN, "DRAFT"),
    (ProgrammeStatus.RUNNING, "CANCELLED"),
    (ProgrammeStatus.FINISHED, "OPEN"),
    (ProgrammeStatus.CANCELLED, "OPEN"),
]


@pytest.mark.parametrize(("start", "wanted"), LEGAL_STEPS)
async def test_a_legal_status_move_is_made_and_kept(client, factory, session, start, wanted):
    host = await world.host(factory)
    programme = await world.programme(factory, host.organisation, status=start)
    variables = {"input": {"id": global_id("Programme", programme), "status": wanted}}
    body = await graphql(client, STATUS, variables, headers=host.headers)
    assert body["data"]["changeProgrammeStatus"] == {
        "programme": {"status": wanted},
        "userErrors": [],
    }
    last = await session.scalar(
        select(StateTransition.to_state)
        .where(
            StateTransition.machine == "programme.status", StateTransition.entity_id == programme
        )
        .order_by(StateTransition.id.desc())
        .limit(1)
    )
    assert last == wanted


@pytest.mark.parametrize(("start", "wanted"), ILLEGAL_STEPS)
async def test_an_illegal_status_move_is_refused(client, factory, session, start, wanted):
    host = await world.host(factory)
    programme = await world.programme(factory, host.organisation, status=start)
    variables = {"input": {"id": global_id("Programme", programme), "status": wanted}}
    body = await graphql(client, STATUS, variables, headers=host.headers)
    payload = body["data"]["changeProgrammeStatus"]
    assert [e["code"] for e in payload["userErrors"]] == ["INVALID_STATUS_TRANSITION"]
    assert payload["programme"] is None
    status = await session.scalar(select(Programme.status).where(Programme.id == programme))
    assert status is start


async def test_a_session_is_shown_in_the_programmes_time_zone(client, factory, session):
    host = await world.host(factory)
    programme = await world.programme(factory, host.organisation, time_zone="Asia/Tashkent")
    variables = {
        "input": {
            "programmeId": global_id("Programme", programme),
            "title": "Storyboards",
            "startsAt": "2030-03-01T05:00:00+00:00",
            "endsAt": "2030-03-01T08:00:00Z",
            "place": "Tashkent, Studio 3",
        }
    }
    body = await graphql(client, ADD_SESSION, variables, headers=host.headers)
    payload = body["data"]["addProgrammeSession"]
    assert payload["userErrors"] == []
    assert payload["session"]["localStart"] == "2030-03-01T10:00:00+05:00"
    assert payload["session"]["localEnd"] == "2030-03-01T13:00:00+05:00"


async def test_a_session_without_a_venue_or_ending_before_it_starts_is_refused(
    client, factory, session
):
    host = await world.host(factory)
    programme = await world.programme(factory, host.organisation)
    variables = {
        "input": {
            "programmeId": global_id("Programme", programme),
            "title": "Backwards",
            "startsAt": "2030-03-01T08:00:00Z",
            "endsAt": "2030-03-01T07:00:00Z",
        }
    }
    body = await graphql(client, ADD_SESSION, variables, headers=host.headers)
    errors = body["data"]["addProgrammeSession"]["userErrors"]
    assert {"field": ["endsAt"], "code": "INVALID_DATE_RANGE"} in errors
    assert {"field": ["place"], "code": "REQUIRED"} in errors
    sessions = select(func.count()).where(ProgrammeSession.programme_id == programme)
    assert await session.scalar(sessions) == 0


async def test_a_mentor_is_invited_and_accepts_only_by_their_own_hand(client, factory, session):
    host = await world.host(factory)
    programme = await world.programme(factory, host.organisation)
    mentor, stranger = await world.person(factory), await world.person(factory)
    variables = {
        "input": {"programmeId": global_id("Programme", programme), "creatorId": mentor.creator_id}
    }
    body = await graphql(client, INVITE, variables, headers=host.headers)
    invited = body["data"]["inviteMentor"]["mentor"]
    assert invited["status"] == "INVITED"
    again = await graphql(client, INVITE, variables, headers=host.headers)
    assert [e["code"] for e in again["data"]["inviteMentor"]["userErrors"]] == ["ALREADY_MENTOR"]

    answer = {"input": {"id": invited["id"], "accept": True}}
    refused = await graphql(client, ANSWER, answer, headers=stranger.headers)
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    body = await graphql(client, ANSWER, answer, headers=mentor.headers)
    assert body["data"]["answerMentorInvitation"]["mentor"] == {"status": "ACCEPTED"}
    twice = await graphql(client, ANSWER, answer, headers=mentor.headers)
    codes = [e["code"] for e in twice["data"]["answerMentorInvitation"]["userErrors"]]
    assert codes == ["INVITATION_CLOSED"]
    status = await session.scalar(
        select(ProgrammeMentor.status).where(ProgrammeMentor.programme_id == programme)
    )
    assert status is MentorStatus.ACCEPTED


async def test_a_window_opens_and_closes_a_programme_by_scheduled_jobs(
    factory, session, sessions, settings
):
    host = await world.host(factory)
    opens, closes = utcnow() + timedelta(days=1), utcnow() + timedelta(days=10)
    programme = await world.programme(
        factory,
        host.organisation,
        status=ProgrammeStatus.DRAFT,
        applications_open_at=opens,
        applications_close_at=closes,
    )
    jobs = await session.execute(select(QueuedJob.name, QueuedJob.run_at))
    assert sorted(jobs.all()) == [("talent.window.close", closes), ("talent.window.open", opens)]
    runner = runner_for(settings, sessions, MemoryMailer())

    async def status_after(moved: dict) -> ProgrammeStatus:
        await session.execute(update(Programme).where(Programme.id == programme).values(**moved))
        await session.execute(update(QueuedJob).values(run_at=utcnow() - timedelta(seconds=1)))
        await session.commit()
        await runner.run_due()
        session.expire_all()
        return await session.scalar(select(Programme.status).where(Programme.id == programme))

    # Not yet due (the window was moved later): nothing happens, nothing is audited.
    assert await status_after({}) is ProgrammeStatus.DRAFT
    assert await world.system_audit(session, programmes=[programme]) == []
    assert await session.scalar(select(func.count()).select_from(QueuedJob)) == 0
    await _queue_window_jobs(sessions, programme)
    opened = {"applications_open_at": utcnow() - timedelta(minutes=1)}
    assert await status_after(opened) is ProgrammeStatus.OPEN
    await _queue_window_jobs(sessions, programme)
    closed = {"applications_close_at": utcnow() - timedelta(seconds=30)}
    assert await status_after(closed) is ProgrammeStatus.CLOSED
    # Each move the jobs made is audited as the system's, naming the job.
    assert await world.system_audit(session, programmes=[programme]) == [
        ("talent.window.open", "openApplications", "Programme", programme),
        ("talent.window.close", "closeApplications", "Programme", programme),
    ]


async def _queue_window_jobs(sessions, programme: int) -> None:
    """Queue the window's jobs again, as a change of the window does."""
    async with sessions() as session, session.begin():
        now = utcnow()
        await schedule_window(session, programme, now, now)


async def test_the_example_operation_creates_a_programme_without_user_errors(client):
    document = (OPERATIONS / "CreateProgramme.graphql").read_text(encoding="utf-8")
    body = await graphql(client, document, headers=ADMIN)
    payload = body["data"]["createProgramme"]
    assert payload["userErrors"] == []
    assert payload["programme"]["status"] == "DRAFT"


UPDATE = """
mutation ($input: UpdateProgrammeInput!) {
  updateProgramme(input: $input) { programme { capacity title } userErrors { field code } }
}
"""


async def test_capacity_cannot_drop_below_the_seats_taken(client, factory, session):
    host = await world.host(factory)
    programme = await world.programme(factory, host.organisation, capacity=3)
    for _ in range(2):
        applicant = await world.person(factory)
        key = await world.application(factory, programme, applicant.creator)
        await world.decide(factory, key, ApplicationStatus.ACCEPTED)
    variables = {"input": {"id": global_id("Programme", programme), "capacity": 1}}
    body = await graphql(client, UPDATE, variables, headers=host.headers)
    payload = body["data"]["updateProgramme"]
    assert payload["userErrors"] == [{"field": ["capacity"], "code": "CAPACITY_BELOW_SEATS_TAKEN"}]
    capacity = await session.scalar(select(Programme.capacity).where(Programme.id == programme))
    assert capacity == 3
    variables["input"].update(capacity=2, title="Two seats")
    body = await graphql(client, UPDATE, variables, headers=host.headers)
    assert body["data"]["updateProgramme"]["programme"] == {"capacity": 2, "title": "Two seats"}


async def test_a_finished_programme_changes_no_more(client, factory):
    host = await world.host(factory)
    programme = await world.programme(factory, host.organisation, status=ProgrammeStatus.FINISHED)
    variables = {"input": {"id": global_id("Programme", programme), "title": "Too late"}}
    body = await graphql(client, UPDATE, variables, headers=host.headers)
    codes = [e["code"] for e in body["data"]["updateProgramme"]["userErrors"]]
    assert codes == ["PROGRAMME_CLOSED"]


REMOVE_SESSION = """
mutation ($input: TalentIdInput!) {
  removeProgrammeSession(input: $input) {
    programme { sessions { totalCount } }
    userErrors { code }
  }
}
"""


async def test_the_host_cancels_a_session_and_a_stranger_cannot(client, factory, session):
    host = await world.host(factory)
    programme = await world.programme(factory, host.organisation)
    start = utcnow() + timedelta(days=3)
    fields = SessionFields("Cancelled one", start, start + timedelta(hours=1), place="Studio")
    meeting = await factory._write(lambda s: add_session(s, programme, fields))
    stranger = await world.person(factory)
    variables = {"input": {"id": global_id("ProgrammeSession", meeting)}}
    refused = await graphql(client, REMOVE_SESSION, variables, headers=stranger.headers)
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await session.get(ProgrammeSession, meeting) is not None
    body = await graphql(client, REMOVE_SESSION, variables, headers=host.headers)
    assert body["data"]["removeProgrammeSession"] == {
        "programme": {"sessions": {"totalCount": 0}},
        "userErrors": [],
    }


async def test_a_declined_mentor_invitation_makes_no_mentor(client, factory, session):
    host = await world.host(factory)
    programme = await world.programme(factory, host.organisation)
    mentor = await world.person(factory)
    key = await factory._write(lambda s: invite_mentor(s, programme, mentor.creator, host.admin))
    answer = {"input": {"id": global_id("ProgrammeMentor", key), "accept": False}}
    body = await graphql(client, ANSWER, answer, headers=mentor.headers)
    assert body["data"]["answerMentorInvitation"]["mentor"] == {"status": "DECLINED"}
    invite = {
        "input": {"programmeId": global_id("Programme", programme), "creatorId": mentor.creator_id}
    }
    again = await graphql(client, INVITE, invite, headers=host.headers)
    assert again["data"]["inviteMentor"]["mentor"]["status"] == "INVITED"


AUDIT = """
query ($id: ID!) { auditLog(first: 10, filter: {entityId: $id}) {
    nodes { action entityId actor { kind job userId apiKeyId isStaff } } } }
"""


async def test_staff_read_a_jobs_move_in_the_audit_log_and_nobody_else_does(
    client, factory, sessions, settings
):
    host = await world.host(factory)
    programme = await world.programme(
        factory,
        host.organisation,
        status=ProgrammeStatus.DRAFT,
        applications_open_at=utcnow() - timedelta(minutes=1),
    )
    await runner_for(settings, sessions, MemoryMailer()).run_due()
    variables = {"id": global_id("Programme", programme)}
    body = await graphql(client, AUDIT, variables, headers=ADMIN)
    system = [n for n in body["data"]["auditLog"]["nodes"] if n["actor"]["kind"] == "SYSTEM"]
    assert system == [
        {
            "action": "openApplications",
            "entityId": global_id("Programme", programme),
            "actor": {
                "kind": "SYSTEM",
                "job": "talent.window.open",
                "userId": None,
                "apiKeyId": None,
                "isStaff": False,
            },
        }
    ]
    # The host whose programme moved may not read the log: it stays staff-only.
    body = await graphql(client, AUDIT, variables, headers=host.headers)
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_a_fee_too_large_to_store_is_refused(client, factory, session):
    host = await world.host(factory)
    programme = await world.programme(factory, host.organisation)
    fee = {"amount": "1" + "0" * 30, "currencyCode": "USD"}
    variables = {"input": {"id": global_id("Programme", programme), "fee": fee}}
    body = await graphql(client, UPDATE, variables, headers=host.headers)
    payload = body["data"]["updateProgramme"]
    assert payload["userErrors"] == [{"field": ["fee", "amount"], "code": "INVALID_AMOUNT"}]
    fee_minor = await session.scalar(select(Programme.fee_minor).where(Programme.id == programme))
    assert fee_minor is None
