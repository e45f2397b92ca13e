"""Cancelling a programme ends its applications still under way, audited, applicants mailed."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from hub.accounts.enums import AuditActorKind
from hub.accounts.models import AuditRecord
from hub.core.jobs.models import OutboxEvent
from hub.core.states import StateTransition
from hub.talent import programmes
from hub.talent.enums import CANCELLABLE_APPLICATION_STATES, ApplicationStatus, ProgrammeStatus
from hub.talent.models import Programme, ProgrammeApplication
from hub.talent.seats import TOLD_ON_ENTRY
from tests.factories import global_id
from tests.helpers import graphql
from tests.talent import world
from tests.talent.test_application_moves import ACTIONS, ROUTES

A = ApplicationStatus
CANCEL = """
mutation ($input: ChangeProgrammeStatusInput!) {
  changeProgrammeStatus(input: $input) {
    programme { status seatsTaken }
    userErrors { code }
  }
}
"""
KEPT = [A.SUBMITTED, A.WAITLISTED, A.ACCEPTED, A.ENROLLED, A.REJECTED, A.WITHDRAWN]
"""A status of each kind a programme not yet running can hold: open ones, final ones."""


async def _programme_with_one_of_each(factory, status: ProgrammeStatus = ProgrammeStatus.OPEN):
    host = await world.host(factory)
    programme = await world.programme(factory, host.organisation, capacity=5, waitlist_size=5)
    keys: dict[ApplicationStatus, int] = {}
    for wanted in KEPT:
        applicant = await world.person(factory, contact_email=f"{wanted.value.lower()}@example.org")
        key = await world.application(factory, programme, applicant.creator)
        for step in ROUTES[wanted]:
            await factory._write(lambda s, act=ACTIONS[step][1], key=key: act(s, key))
        keys[wanted] = key
    return host, programme, keys


async def _statuses(session, keys: dict[ApplicationStatus, int]) -> dict[ApplicationStatus, A]:
    session.expire_all()
    rows = await session.execute(
        select(ProgrammeApplication.id, ProgrammeApplication.status).where(
            ProgrammeApplication.id.in_(keys.values())
        )
    )
    now = dict(rows.all())
    return {was: now[key] for was, key in keys.items()}


async def test_cancelling_ends_the_open_applications_audits_each_and_mails_by_a_job(
    client, factory, session, mailbox
):
    host, programme, keys = await _programme_with_one_of_each(factory)
    assert await session.scalar(select(Programme.seats_taken).where(Programme.id == programme)) == 2
    mailbox.messages.clear()
    variables = {"input": {"id": global_id("Programme", programme), "status": "CANCELLED"}}
    body = await graphql(client, CANCEL, variables, headers=host.headers)
    assert body["data"]["changeProgrammeStatus"] == {
        "programme": {"status": "CANCELLED", "seatsTaken": 0},
        "userErrors": [],
    }
    assert await _statuses(session, keys) == {
        was: A.PROGRAMME_CANCELLED if was in CANCELLABLE_APPLICATION_STATES else was for was in KEPT
    }
    cancelled = sorted(keys[was] for was in CANCELLABLE_APPLICATION_STATES)
    # Each move is kept in the history and audited with the caller who cancelled.
    moves = await session.execute(
        select(StateTransition.entity_id, StateTransition.from_state).where(
            StateTransition.machine == "programme_application.status",
            StateTransition.to_state == "PROGRAMME_CANCELLED",
            StateTransition.entity_id.in_(keys.values()),
        )
    )
    assert sorted(moves.all()) == sorted(
        (keys[was], was.value) for was in CANCELLABLE_APPLICATION_STATES
    )
    audited = await session.execute(
        select(AuditRecord.entity_id, AuditRecord.actor_kind, AuditRecord.actor_user_id)
        .where(
            AuditRecord.entity_type == "ProgrammeApplication",
            AuditRecord.action == "changeProgrammeStatus",
            AuditRecord.entity_id.in_(keys.values()),
        )
        .order_by(AuditRecord.entity_id)
    )
    assert audited.all() == [(key, AuditActorKind.USER, host.admin) for key in cancelled]
    # The mails went through the job runner (the client's runs after the answer), one to
    # each applicant whose application was ended, none to the others.
    mailed = sorted(m.to for m in mailbox.messages if "cancelled" in m.subject)
    assert mailed == sorted(
        f"{was.value.lower()}@example.org" for was in CANCELLABLE_APPLICATION_STATES
    )
    # (the offers and decisions made before, queued then, went out in the same pass:
    # nothing else did)
    others = [m for m in mailbox.messages if "cancelled" not in m.subject]
    offers = sorted(m.to for m in others if m.subject.startswith("A seat in"))
    assert offers == ["accepted@example.org", "enrolled@example.org"]
    told = sorted(m.to for m in others if not m.subject.startswith("A seat in"))
    assert told == sorted(
        f"{was.value.lower()}@example.org" for was in KEPT if was in TOLD_ON_ENTRY
    )


@pytest.mark.parametrize("start", [ProgrammeStatus.RUNNING, ProgrammeStatus.FINISHED])
async def test_a_refused_cancellation_ends_nothing_and_mails_nobody(
    client, factory, session, mailbox, start
):
    host = await world.host(factory)
    programme = await world.programme(factory, host.organisation)
    applicant = await world.person(factory)
    key = await world.application(factory, programme, applicant.creator)
    await world.decide(factory, key, A.ACCEPTED)
    await world.enrol(factory, key)
    path = [ProgrammeStatus.CLOSED, ProgrammeStatus.RUNNING, ProgrammeStatus.FINISHED]
    for step in path[: path.index(start) + 1]:
        await factory._write(
            lambda s, step=step: programmes.change_programme_status(s, programme, step)
        )
    mailbox.messages.clear()
    variables = {"input": {"id": global_id("Programme", programme), "status": "CANCELLED"}}
    body = await graphql(client, CANCEL, variables, headers=host.headers)
    assert body["data"]["changeProgrammeStatus"]["userErrors"] == [
        {"code": "INVALID_STATUS_TRANSITION"}
    ]
    assert await _statuses(session, {A.ENROLLED: key}) == {A.ENROLLED: A.ENROLLED}
    assert mailbox.messages == []


async def test_a_stranger_cannot_cancel_and_nothing_changes(client, factory, session, mailbox):
    _host, programme, keys = await _programme_with_one_of_each(factory)
    stranger = await world.person(factory)
    mailbox.messages.clear()
    variables = {"input": {"id": global_id("Programme", programme), "status": "CANCELLED"}}
    body = await graphql(client, CANCEL, variables, headers=stranger.headers)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await _statuses(session, keys) == {was: was for was in KEPT}
    assert mailbox.messages == []


async def test_seats_given_back_by_a_cancellation_are_offered_to_nobody(factory, session):
    _host, programme, keys = await _programme_with_one_of_each(factory)
    events_before = await session.scalar(select(func.count()).select_from(OutboxEvent))
    await factory._write(
        lambda s: programmes.change_programme_status(s, programme, ProgrammeStatus.CANCELLED)
    )
    # Two seats came back, yet no freed seat is published: the waitlist has no job to do.
    assert await session.scalar(select(Programme.seats_taken).where(Programme.id == programme)) == 0
    topics = await session.scalars(select(OutboxEvent.topic))
    assert "talent.seat.freed" not in topics.all()
    assert await session.scalar(select(func.count()).select_from(OutboxEvent)) == events_before
    assert (await _statuses(session, keys))[A.WAITLISTED] is A.PROGRAMME_CANCELLED
