"""Applying, eligibility, decisions, seats, the waitlist and offers, through the API."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select, update

from hub.core.columns import utcnow
from hub.core.jobs.models import OutboxEvent, QueuedJob
from hub.core.mail import MemoryMailer
from hub.core.states import StateTransition
from hub.creators.enums import SkillLevel
from hub.server.jobs import runner_for
from hub.talent import applications as service
from hub.talent.enums import ApplicationStatus, ProgrammeStatus
from hub.talent.models import Programme, ProgrammeApplication
from tests.factories import global_id
from tests.helpers import graphql
from tests.talent import world
from tests.talent.world import APPLY, DECIDE, apply_input

A = ApplicationStatus
THIS_YEAR = date.today().year

WITHDRAW = """
mutation ($input: TalentIdInput!) {
  withdrawApplication(input: $input) { application { status } userErrors { code } }
}
"""
ENROL = """
mutation ($input: TalentIdInput!) {
  enrolInProgramme(input: $input) { application { status } userErrors { code } }
}
"""
OUTCOME = """
mutation ($input: RecordApplicationOutcomeInput!) {
  recordApplicationOutcome(input: $input) { application { status } userErrors { code } }
}
"""


async def _status(session, application: int) -> ApplicationStatus:
    return await session.scalar(
        select(ProgrammeApplication.status).where(ProgrammeApplication.id == application)
    )


async def _seats(session, programme: int) -> int:
    return await session.scalar(select(Programme.seats_taken).where(Programme.id == programme))


async def _applications(session, programme: int) -> int:
    return await session.scalar(
        select(func.count())
        .select_from(ProgrammeApplication)
        .where(ProgrammeApplication.programme_id == programme)
    )


async def test_an_eligible_creator_applies_and_the_move_is_kept(client, factory, session):
    host = await world.host(factory)
    programme = await world.programme(factory, host.organisation)
    applicant = await world.person(factory)
    body = await graphql(
        client,
        APPLY,
        apply_input(programme, applicant, portfolioLinks=["https://example.org/reel"]),
        headers=applicant.headers,
    )
    payload = body["data"]["applyToProgramme"]
    assert payload["userErrors"] == []
    assert payload["application"]["status"] == "SUBMITTED"
    row = await session.scalar(
        select(ProgrammeApplication).where(ProgrammeApplication.programme_id == programme)
    )
    assert row.portfolio_links == ["https://example.org/reel"]
    history = await session.scalars(
        select(StateTransition.to_state).where(
            StateTransition.machine == "programme_application.status",
            StateTransition.entity_id == row.id,
        )
    )
    assert list(history) == ["SUBMITTED"]


@dataclass(frozen=True)
class Prerequisite:
    discipline: str
    minimum_level: SkillLevel


ELIGIBILITY_REFUSALS = [
    ("TOO_YOUNG", {"min_age": 16}, {"birth_year": THIS_YEAR - 14}),
    ("TOO_OLD", {"max_age": 25}, {"birth_year": THIS_YEAR - 30}),
    ("AGE_UNKNOWN", {"min_age": 14}, {"birth_year": None}),
    ("COUNTRY_NOT_ELIGIBLE", {"eligible_countries": ["UZ", "KG"]}, {"country": "KZ"}),
    (
        "REGION_NOT_ELIGIBLE",
        {"eligible_regions": ["KZ-61", "KZ-10"]},
        {"country": "KZ", "region": "KZ-75"},
    ),
    (
        "PREREQUISITE_MISSING",
        {"prerequisites": [Prerequisite("animation", SkillLevel.ADVANCED)]},
        {"skills": [("animation", SkillLevel.INTERMEDIATE)]},
    ),
]


@pytest.mark.parametrize(
    ("code", "rules", "profile"), ELIGIBILITY_REFUSALS, ids=[c[0] for c in ELIGIBILITY_REFUSALS]
)
async def test_an_ineligible_creator_is_refused_with_the_rule_they_fail(
    client, factory, session, code, rules, profile
):
    host = await world.host(factory)
    programme = await world.programme(factory, host.organisation, **rules)
    applicant = await world.person(factory, **profile)
    body = await graphql(
        client, APPLY, apply_input(programme, applicant), headers=applicant.headers
    )
    payload = body["data"]["applyToProgramme"]
    assert payload["application"] is None
    assert [error["code"] for error in payload["userErrors"]] == [code]
    assert payload["userErrors"][0]["field"] == ["creatorId"]
    assert await _applications(session, programme) == 0


@pytest.mark.parametrize(("code", "rules", "profile"), ELIGIBILITY_REFUSALS[:2])
async def test_the_same_creator_inside_the_rule_is_admitted(factory, session, code, rules, profile):
    host = await world.host(factory)
    programme = await world.programme(factory, host.organisation, min_age=15, max_age=25)
    applicant = await world.person(factory, birth_year=THIS_YEAR - 20)
    key = await world.application(factory, programme, applicant.creator)
    assert await _status(session, key) is A.SUBMITTED


async def test_a_creator_failing_several_rules_hears_of_each(client, factory, session):
    host = await world.host(factory)
    programme = await world.programme(
        factory, host.organisation, max_age=18, eligible_countries=["UZ"]
    )
    applicant = await world.person(factory, birth_year=THIS_YEAR - 40, country="KZ")
    body = await graphql(
        client, APPLY, apply_input(programme, applicant), headers=applicant.headers
    )
    codes = [error["code"] for error in body["data"]["applyToProgramme"]["userErrors"]]
    assert codes == ["TOO_OLD", "COUNTRY_NOT_ELIGIBLE"]


@pytest.mark.parametrize("status", [ProgrammeStatus.DRAFT, ProgrammeStatus.CLOSED])
async def test_a_programme_that_is_not_open_refuses_applications(client, factory, session, status):
    host = await world.host(factory)
    programme = await world.programme(factory, host.organisation, status=status)
    applicant = await world.person(factory)
    body = await graphql(
        client, APPLY, apply_input(programme, applicant), headers=applicant.headers
    )
    errors = body["data"]["applyToProgramme"]["userErrors"]
    assert [error["code"] for error in errors] == ["APPLICATIONS_CLOSED"]
    assert await _applications(session, programme) == 0


async def test_an_open_programme_outside_its_window_refuses_applications(client, factory, session):
    host = await world.host(factory)
    programme = await world.programme(factory, host.organisation)
    await session.execute(
        update(Programme)
        .where(Programme.id == programme)
        .values(applications_close_at=utcnow() - timedelta(minutes=1))
    )
    await session.commit()
    applicant = await world.person(factory)
    body = await graphql(
        client, APPLY, apply_input(programme, applicant), headers=applicant.headers
    )
    errors = body["data"]["applyToProgramme"]["userErrors"]
    assert [error["code"] for error in errors] == ["APPLICATIONS_CLOSED"]


async def test_applying_twice_is_refused(client, factory, session):
    host = await world.host(factory)
    programme = await world.programme(factory, host.organisation)
    applicant = await world.person(factory)
    await world.application(factory, programme, applicant.creator)
    body = await graphql(
        client, APPLY, apply_input(programme, applicant), headers=applicant.headers
    )
    errors = body["data"]["applyToProgramme"]["userErrors"]
    assert [error["code"] for error in errors] == ["ALREADY_APPLIED"]
    assert await _applications(session, programme) == 1


async def test_nobody_applies_with_someone_elses_profile(client, factory, session):
    host = await world.host(factory)
    programme = await world.programme(factory, host.organisation)
    applicant, stranger = await world.person(factory), await world.person(factory)
    body = await graphql(client, APPLY, apply_input(programme, applicant), headers=stranger.headers)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await _applications(session, programme) == 0


async def test_accepting_takes_a_seat_and_mails_the_offer(client, factory, session, mailbox):
    host = await world.host(factory)
    programme = await world.programme(factory, host.organisation, offer_hours=48)
    applicant = await world.person(factory, contact_email="young@example.org")
    key = await world.application(factory, programme, applicant.creator)
    variables = {"input": {"id": global_id("ProgrammeApplication", key), "decision": "ACCEPTED"}}
    body = await graphql(client, DECIDE, variables, headers=host.headers)
    payload = body["data"]["decideApplication"]
    assert payload["userErrors"] == []
    assert payload["application"]["status"] == "ACCEPTED"
    assert payload["application"]["offerExpiresAt"] is not None
    assert await _seats(session, programme) == 1
    assert [m.to for m in mailbox.messages] == ["young@example.org"]
    assert "enrolInProgramme" in mailbox.messages[0].body
    expiry = await session.scalar(select(QueuedJob).where(QueuedJob.name == "talent.offer.expire"))
    assert expiry.arguments == {"application": key}


async def test_accepting_when_every_seat_is_taken_is_refused(client, factory, session):
    host = await world.host(factory)
    programme = await world.programme(factory, host.organisation, capacity=1)
    first, second = await world.person(factory), await world.person(factory)
    await world.decide(
        factory, await world.application(factory, programme, first.creator), A.ACCEPTED
    )
    key = await world.application(factory, programme, second.creator)
    variables = {"input": {"id": global_id("ProgrammeApplication", key), "decision": "ACCEPTED"}}
    body = await graphql(client, DECIDE, variables, headers=host.headers)
    errors = body["data"]["decideApplication"]["userErrors"]
    assert [error["code"] for error in errors] == ["NO_SEATS_LEFT"]
    assert await _status(session, key) is A.SUBMITTED
    assert await _seats(session, programme) == 1


async def test_waitlisting_beyond_the_waitlist_size_is_refused(client, factory, session):
    host = await world.host(factory)
    programme = await world.programme(factory, host.organisation, waitlist_size=1)
    first, second = await world.person(factory), await world.person(factory)
    await world.decide(
        factory, await world.application(factory, programme, first.creator), A.WAITLISTED
    )
    key = await world.application(factory, programme, second.creator)
    variables = {"input": {"id": global_id("ProgrammeApplication", key), "decision": "WAITLISTED"}}
    body = await graphql(client, DECIDE, variables, headers=host.headers)
    errors = body["data"]["decideApplication"]["userErrors"]
    assert [error["code"] for error in errors] == ["WAITLIST_FULL"]
    assert await _status(session, key) is A.SUBMITTED


async def test_only_the_hosts_admins_decide(client, factory, session):
    host = await world.host(factory)
    programme = await world.programme(factory, host.organisation)
    applicant = await world.person(factory)
    key = await world.application(factory, programme, applicant.creator)
    variables = {"input": {"id": global_id("ProgrammeApplication", key), "decision": "ACCEPTED"}}
    body = await graphql(client, DECIDE, variables, headers=applicant.headers)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await _status(session, key) is A.SUBMITTED
    assert await _seats(session, programme) == 0


def _offered(mailbox):
    """Who on the waitlist was mailed an offer of a seat."""
    return [m.to for m in mailbox.messages if m.to.startswith("wait-") and "A seat in" in m.subject]


async def _full_programme_with_waitlist(factory):
    host = await world.host(factory)
    programme = await world.programme(factory, host.organisation, capacity=1, waitlist_size=5)
    holder = await world.person(factory)
    held = await world.application(factory, programme, holder.creator)
    await world.decide(factory, held, A.ACCEPTED)
    waiting = []
    for _ in range(2):
        someone = await world.person(factory, contact_email=f"wait-{len(waiting)}@example.org")
        key = await world.application(factory, programme, someone.creator)
        await world.decide(factory, key, A.WAITLISTED)
        waiting.append(key)
    return host, programme, holder, held, waiting


async def test_a_withdrawal_offers_the_seat_to_the_head_of_the_waitlist_by_a_job(
    client, factory, session, mailbox
):
    _host, programme, holder, held, (head, next_) = await _full_programme_with_waitlist(factory)
    mailbox.messages.clear()
    variables = {"input": {"id": global_id("ProgrammeApplication", held)}}
    body = await graphql(client, WITHDRAW, variables, headers=holder.headers)
    assert body["data"]["withdrawApplication"]["application"]["status"] == "WITHDRAWN"
    # The request only published the freed seat; the job it queued ran after the answer.
    assert await _status(session, head) is A.ACCEPTED
    assert await _status(session, next_) is A.WAITLISTED
    assert await _seats(session, programme) == 1
    assert _offered(mailbox) == ["wait-0@example.org"]
    assert await session.scalar(select(func.count()).select_from(OutboxEvent)) == 0
    # The offer was the job's move, audited as the system's.
    assert await world.system_audit(session, applications=[held, head, next_]) == [
        ("talent.waitlist.advance", "offerSeat", "ProgrammeApplication", head)
    ]


async def test_an_offer_not_taken_up_expires_and_the_waitlist_moves(
    factory, session, sessions, settings, mailbox
):
    _host, programme, _holder, held, (head, _next) = await _full_programme_with_waitlist(factory)
    past = utcnow() - timedelta(minutes=1)
    await session.execute(
        update(ProgrammeApplication)
        .where(ProgrammeApplication.id == held)
        .values(offer_expires_at=past)
    )
    await session.execute(
        update(QueuedJob).where(QueuedJob.name == "talent.offer.expire").values(run_at=past)
    )
    await session.commit()
    mailbox.messages.clear()
    runner = runner_for(settings, sessions, mailbox)
    # One pass: the offer expires, publishing the freed seat; the same pass relays it and
    # the waitlist moves. Seven jobs: the first offer's mail and the two waitlisted mails
    # (queued by the setup), the expiry and its mail, the waitlist's advance and the new
    # offer's mail.
    assert await runner.run_due() == 7
    assert await _status(session, held) is A.EXPIRED
    assert await _status(session, head) is A.ACCEPTED
    assert await _seats(session, programme) == 1
    assert _offered(mailbox) == ["wait-0@example.org"]
    expired = [m for m in mailbox.messages if "expired" in m.subject]
    assert len(expired) == 1
    assert "next person on the waitlist" in expired[0].body
    assert await world.system_audit(session, applications=[held, head, _next]) == [
        ("talent.offer.expire", "expireOffer", "ProgrammeApplication", held),
        ("talent.waitlist.advance", "offerSeat", "ProgrammeApplication", head),
    ]


async def test_an_offer_taken_up_in_time_does_not_expire(factory, session, sessions, settings):
    host = await world.host(factory)
    programme = await world.programme(factory, host.organisation)
    applicant = await world.person(factory)
    key = await world.application(factory, programme, applicant.creator)
    await world.decide(factory, key, A.ACCEPTED)
    await world.enrol(factory, key)
    await session.execute(update(QueuedJob).values(run_at=utcnow() - timedelta(minutes=1)))
    await session.commit()
    await runner_for(settings, sessions, MemoryMailer()).run_due()
    assert await _status(session, key) is A.ENROLLED
    assert await _seats(session, programme) == 1
    assert await world.system_audit(session, applications=[key]) == []  # the job moved nothing


async def test_enrolling_after_the_deadline_is_refused(client, factory, session):
    host = await world.host(factory)
    programme = await world.programme(factory, host.organisation)
    applicant = await world.person(factory)
    key = await world.application(factory, programme, applicant.creator)
    await world.decide(factory, key, A.ACCEPTED)
    await session.execute(
        update(ProgrammeApplication)
        .where(ProgrammeApplication.id == key)
        .values(offer_expires_at=utcnow() - timedelta(seconds=1))
    )
    await session.commit()
    variables = {"input": {"id": global_id("ProgrammeApplication", key)}}
    body = await graphql(client, ENROL, variables, headers=applicant.headers)
    assert [e["code"] for e in body["data"]["enrolInProgramme"]["userErrors"]] == ["OFFER_EXPIRED"]
    assert await _status(session, key) is A.ACCEPTED


async def test_completing_publishes_the_event_credentials_hook_into(client, factory, session):
    host = await world.host(factory)
    programme = await world.programme(factory, host.organisation)
    applicant = await world.person(factory)
    key = await world.application(factory, programme, applicant.creator)
    await world.decide(factory, key, A.ACCEPTED)
    await world.enrol(factory, key)
    await factory._write(lambda s: service.complete_application(s, key))
    events = await session.execute(select(OutboxEvent.topic, OutboxEvent.payload))
    assert ("talent.application.completed", {"application": key}) in [tuple(e) for e in events]
    assert await _status(session, key) is A.COMPLETED
    assert await _seats(session, programme) == 0


async def test_an_eligibility_refusal_speaks_the_callers_language(client, factory):
    host = await world.host(factory)
    programme = await world.programme(factory, host.organisation, max_age=25)
    applicant = await world.person(factory, birth_year=THIS_YEAR - 30)
    headers = {**applicant.headers, "Accept-Language": "ru"}
    body = await graphql(client, APPLY, apply_input(programme, applicant), headers=headers)
    (error,) = body["data"]["applyToProgramme"]["userErrors"]
    assert error["code"] == "TOO_OLD"
    assert error["message"] == "В этом году заявителю должно исполниться не больше 25."


async def test_scholarship_seats_go_to_those_who_ask_while_any_is_left(factory, session):
    host = await world.host(factory)
    programme = await world.programme(factory, host.organisation, scholarship_seats=1)
    keys = []
    for wants in (False, True, True):
        applicant = await world.person(factory)
        fields = service.ApplicationFields(motivation="Please.", wants_scholarship=wants)
        key = await factory._write(
            lambda s, c=applicant.creator, f=fields: service.apply(s, programme, c, f)
        )
        await world.decide(factory, key, A.ACCEPTED)
        keys.append(key)
    session.expire_all()
    held = [(await session.get(ProgrammeApplication, key)).has_scholarship for key in keys]
    assert held == [False, True, False]


async def test_the_host_records_a_completion_through_the_api(client, factory, session):
    host = await world.host(factory)
    programme = await world.programme(factory, host.organisation)
    applicant = await world.person(factory)
    key = await world.application(factory, programme, applicant.creator)
    await world.decide(factory, key, A.ACCEPTED)
    await world.enrol(factory, key)
    variables = {"input": {"id": global_id("ProgrammeApplication", key), "outcome": "COMPLETED"}}
    refused = await graphql(client, OUTCOME, variables, headers=applicant.headers)
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    body = await graphql(client, OUTCOME, variables, headers=host.headers)
    assert body["data"]["recordApplicationOutcome"] == {
        "application": {"status": "COMPLETED"},
        "userErrors": [],
    }
    not_an_outcome = {"input": {**variables["input"], "outcome": "ACCEPTED"}}
    body = await graphql(client, OUTCOME, not_an_outcome, headers=host.headers)
    assert [e["code"] for e in body["data"]["recordApplicationOutcome"]["userErrors"]] == [
        "INVALID"
    ]
