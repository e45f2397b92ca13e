"""Many accepts at once, each request on its own connection: capacity is never exceeded.

The other tests share one connection inside a rolled-back transaction, so this builds its
own database, commits its data for real and sends every request to an app at the same
time (as tests/accounts/concurrency.py does for open roles).
"""

from __future__ import annotations

import asyncio

import httpx
from sqlalchemy import func, select

from hub.core.db import create_session_factory
from hub.core.migrations import upgrade
from hub.seed.reference import load_reference_data
from hub.server.app import create_app
from hub.talent.enums import ApplicationStatus
from hub.talent.models import Programme, ProgrammeApplication
from tests.conftest import fresh_engine
from tests.factories import Factory, global_id
from tests.talent import world
from tests.talent.world import DECIDE

APPLICANTS = 10
CAPACITY = 3


async def decide_concurrently(
    backend: str, settings, directory, decision: ApplicationStatus, **programme_fields
) -> tuple[list[str], int, int]:
    """Each outcome ("ok" or the userError code), the seats taken, and how many
    applications ended in ``decision``."""
    async with fresh_engine(backend, directory) as engine:
        await upgrade(engine)
        sessions = create_session_factory(engine)
        async with sessions() as session, session.begin():
            await load_reference_data(session)
        factory = Factory(sessions, settings)
        host = await world.host(factory)
        programme = await world.programme(factory, host.organisation, **programme_fields)
        keys = []
        for _ in range(APPLICANTS):
            applicant = await world.person(factory)
            keys.append(await world.application(factory, programme, applicant.creator))

        app = create_app(settings, engine=engine, session_factory=sessions, check_migrations=False)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://hub.test") as client:

            async def decide(key: int) -> str:
                variables = {
                    "input": {
                        "id": global_id("ProgrammeApplication", key),
                        "decision": decision.value,
                    }
                }
                response = await client.post(
                    "/graphql",
                    json={"query": DECIDE, "variables": variables},
                    headers=host.headers,
                )
                errors = response.json()["data"]["decideApplication"]["userErrors"]
                return errors[0]["code"] if errors else "ok"

            outcomes = await asyncio.gather(*(decide(key) for key in keys))

        async with sessions() as session:
            taken = await session.scalar(
                select(Programme.seats_taken).where(Programme.id == programme)
            )
            decided = await session.scalar(
                select(func.count())
                .select_from(ProgrammeApplication)
                .where(ProgrammeApplication.status == decision)
            )
    return list(outcomes), int(taken or 0), int(decided or 0)


async def test_concurrent_accepts_never_exceed_capacity(database, settings, tmp_path):
    outcomes, taken, accepted = await decide_concurrently(
        database.backend, settings, tmp_path, ApplicationStatus.ACCEPTED, capacity=CAPACITY
    )
    assert sorted(outcomes) == ["NO_SEATS_LEFT"] * (APPLICANTS - CAPACITY) + ["ok"] * CAPACITY
    assert taken == CAPACITY
    assert accepted == CAPACITY


async def test_concurrent_waitlistings_never_exceed_the_waitlist(database, settings, tmp_path):
    outcomes, taken, waitlisted = await decide_concurrently(
        database.backend, settings, tmp_path, ApplicationStatus.WAITLISTED, waitlist_size=2
    )
    assert sorted(outcomes) == ["WAITLIST_FULL"] * (APPLICANTS - 2) + ["ok"] * 2
    assert waitlisted == 2
    assert taken == 0
