"""Every action on an application in every status: the table's moves happen, no other does.

Each case brings an application to a status the way the API does, then tries one action
through the service; an illegal one is refused with INVALID_STATUS_TRANSITION and
changes nothing (the status, and the programme's seats).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta

import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.columns import utcnow
from hub.core.validation import Rejected
from hub.talent import applications as service
from hub.talent.enums import ApplicationStatus
from hub.talent.errors import TalentErrorCode
from hub.talent.models import Programme, ProgrammeApplication
from hub.talent.seats import expire_if_due
from tests.talent import world
from tests.talent.test_transitions import LEGAL_APPLICATION_MOVES

A = ApplicationStatus
Action = Callable[[AsyncSession, int], Awaitable[int]]

ACTIONS: dict[str, tuple[ApplicationStatus, Action]] = {
    "accept": (A.ACCEPTED, lambda s, k: service.decide(s, k, A.ACCEPTED)),
    "waitlist": (A.WAITLISTED, lambda s, k: service.decide(s, k, A.WAITLISTED)),
    "reject": (A.REJECTED, lambda s, k: service.decide(s, k, A.REJECTED)),
    "enrol": (A.ENROLLED, service.enrol),
    "withdraw": (A.WITHDRAWN, service.withdraw),
    "complete": (A.COMPLETED, lambda s, k: service.record_outcome(s, k, A.COMPLETED)),
    "drop": (A.DROPPED, lambda s, k: service.record_outcome(s, k, A.DROPPED)),
    "no-show": (A.NO_SHOW, lambda s, k: service.record_outcome(s, k, A.NO_SHOW)),
}

ROUTES: dict[ApplicationStatus, tuple[str, ...]] = {
    A.SUBMITTED: (),
    A.WAITLISTED: ("waitlist",),
    A.ACCEPTED: ("accept",),
    A.REJECTED: ("reject",),
    A.ENROLLED: ("accept", "enrol"),
    A.COMPLETED: ("accept", "enrol", "complete"),
    A.DROPPED: ("accept", "enrol", "drop"),
    A.NO_SHOW: ("accept", "enrol", "no-show"),
    A.WITHDRAWN: ("withdraw",),
    A.EXPIRED: ("accept",),
}
"""How an application reaches each status (EXPIRED: accepted, then its offer runs out)."""


async def _application_in(factory, status: ApplicationStatus) -> tuple[int, int]:
    host = await world.host(factory)
    programme = await world.programme(factory, host.organisation, capacity=5, waitlist_size=5)
    applicant = await world.person(factory)
    key = await world.application(factory, programme, applicant.creator)
    for step in ROUTES[status]:
        await factory._write(lambda s, act=ACTIONS[step][1]: act(s, key))
    if status is A.EXPIRED:

        async def expire(session: AsyncSession) -> None:
            await session.execute(
                update(ProgrammeApplication)
                .where(ProgrammeApplication.id == key)
                .values(offer_expires_at=utcnow() - timedelta(seconds=1))
            )
            assert await expire_if_due(session, key)

        await factory._write(expire)
    return programme, key


CASES = [(status, action) for status in ApplicationStatus for action in ACTIONS]


@pytest.mark.parametrize(("status", "action"), CASES, ids=[f"{s.value}-{a}" for s, a in CASES])
async def test_an_action_moves_an_application_only_along_the_table(
    factory, session, status, action
):
    programme, key = await _application_in(factory, status)
    target, act = ACTIONS[action]
    seats_before = await session.scalar(
        select(Programme.seats_taken).where(Programme.id == programme)
    )
    if (status, target) in LEGAL_APPLICATION_MOVES:
        await factory._write(lambda s: act(s, key))
        session.expire_all()
        assert (await session.get(ProgrammeApplication, key)).status is target
        seats = await session.scalar(select(Programme.seats_taken).where(Programme.id == programme))
        assert seats == seats_before + int(target.holds_seat) - int(status.holds_seat)
    else:
        with pytest.raises(Rejected) as refused:
            await factory._write(lambda s: act(s, key))
        assert [e.code for e in refused.value.errors] == [TalentErrorCode.INVALID_STATUS_TRANSITION]
        session.expire_all()
        assert (await session.get(ProgrammeApplication, key)).status is status
        seats = await session.scalar(select(Programme.seats_taken).where(Programme.id == programme))
        assert seats == seats_before
