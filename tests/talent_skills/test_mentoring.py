"""Mentorship pairings: every legal and illegal move, capacity held, who may do what."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from sqlalchemy import func, select

from hub.accounts.enums import OrganisationRole
from hub.core.db import create_session_factory
from hub.core.migrations import upgrade
from hub.seed.reference import load_reference_data
from hub.server.app import create_app
from hub.talent.mentoring.enums import PAIRING_TRANSITIONS, PairingStatus
from hub.talent.mentoring.models import MentorCapacity, MentorshipPairing
from tests.conftest import fresh_engine
from tests.factories import Factory, global_id
from tests.helpers import data_of
from tests.talent_skills import builders

OFFER = """
mutation ($input: OfferMentoringInput!) {
  offerMentoring(input: $input) { creator { handle } userErrors { code field } }
}
"""
PROPOSE = """
mutation ($input: ProposeMentorshipInput!) {
  proposeMentorship(input: $input) {
    pairing { id status mentor { handle } mentee { handle } allowedTransitions }
    userErrors { code field message }
  }
}
"""
MOVE = """
mutation ($input: SetMentorshipStatusInput!) {
  setMentorshipStatus(input: $input) {
    pairing { status startedAt endedAt }
    userErrors { code message }
  }
}
"""
PAIRINGS = """
query ($creator: ID!, $side: PairingSide!, $statuses: [PairingStatus!]) {
  mentorshipPairings(creatorId: $creator, side: $side, statuses: $statuses, first: 10) {
    totalCount nodes { status mentor { handle } mentee { handle } }
  }
}
"""


class People:
    """A mentor and two young creators, each owned by a user who can log in."""

    def __init__(self, factory: Factory) -> None:
        self.factory = factory

    async def make(self, capacity: int = 1) -> People:
        self.mentor_user = await self.factory.user()
        self.mentor = await self.factory.creator(owner=self.mentor_user, handle="mentor-ana")
        self.mentee_user = await self.factory.user()
        self.mentee = await self.factory.creator(owner=self.mentee_user, handle="young-bek")
        self.other_user = await self.factory.user()
        self.other = await self.factory.creator(owner=self.other_user, handle="young-aru")
        self.as_mentor = await self.factory.headers_for(self.mentor_user)
        self.as_mentee = await self.factory.headers_for(self.mentee_user)
        self.as_other = await self.factory.headers_for(self.other_user)
        self.capacity = capacity
        return self


@pytest.fixture
async def people(factory, client):
    people = await People(factory).make()
    data = await data_of(
        client,
        OFFER,
        {"input": {"creatorId": global_id("Creator", people.mentor), "capacity": 1}},
        headers=people.as_mentor,
    )
    assert data["offerMentoring"]["userErrors"] == []
    return people


async def propose(client, people, mentee=None, headers=None):
    mentee = people.mentee if mentee is None else mentee
    data = await data_of(
        client,
        PROPOSE,
        {
            "input": {
                "mentorId": global_id("Creator", people.mentor),
                "menteeId": global_id("Creator", mentee),
                "goals": "Learn to light a night scene.",
            }
        },
        headers=headers or people.as_mentee,
    )
    return data["proposeMentorship"]


async def move(client, pairing_id, status, headers):
    data = await data_of(
        client, MOVE, {"input": {"id": pairing_id, "status": status}}, headers=headers
    )
    return data["setMentorshipStatus"]


async def taken(session, mentor):
    session.expire_all()
    return (await session.get(MentorCapacity, mentor)).taken


async def test_a_proposal_holds_a_place_and_acceptance_starts_the_pairing(client, people, session):
    proposed = await propose(client, people)
    assert proposed["userErrors"] == []
    assert proposed["pairing"]["status"] == "PROPOSED"
    assert proposed["pairing"]["allowedTransitions"] == ["ACTIVE", "DECLINED"]
    assert await taken(session, people.mentor) == 1
    accepted = await move(client, proposed["pairing"]["id"], "ACTIVE", people.as_mentor)
    assert accepted["userErrors"] == []
    assert accepted["pairing"]["status"] == "ACTIVE"
    assert accepted["pairing"]["startedAt"] is not None
    assert await taken(session, people.mentor) == 1
    listed = await data_of(
        client,
        PAIRINGS,
        {"creator": global_id("Creator", people.mentor), "side": "MENTOR", "statuses": ["ACTIVE"]},
    )
    assert listed["mentorshipPairings"]["totalCount"] == 1
    assert listed["mentorshipPairings"]["nodes"][0]["mentee"] == {"handle": "young-bek"}


async def test_a_full_mentor_is_refused_and_a_finished_pairing_frees_the_place(
    client, people, session
):
    first = await propose(client, people)
    refused = await propose(client, people, mentee=people.other, headers=people.as_other)
    assert [error["code"] for error in refused["userErrors"]] == ["MENTOR_FULL"]
    assert refused["pairing"] is None
    assert (
        await session.scalar(
            select(func.count()).where(MentorshipPairing.mentor_id == people.mentor)
        )
        == 1
    )
    await move(client, first["pairing"]["id"], "ACTIVE", people.as_mentor)
    ended = await move(client, first["pairing"]["id"], "COMPLETED", people.as_mentee)
    assert ended["pairing"]["endedAt"] is not None
    assert await taken(session, people.mentor) == 0
    again = await propose(client, people, mentee=people.other, headers=people.as_other)
    assert again["userErrors"] == []


LEGAL = [(start, end) for start, ends in PAIRING_TRANSITIONS.items() for end in ends]
ILLEGAL = [
    (start, end)
    for start in PairingStatus
    for end in PairingStatus
    if end is not start and end not in PAIRING_TRANSITIONS[start]
]
PATHS = {
    PairingStatus.PROPOSED: [],
    PairingStatus.ACTIVE: [PairingStatus.ACTIVE],
    PairingStatus.DECLINED: [PairingStatus.DECLINED],
    PairingStatus.COMPLETED: [PairingStatus.ACTIVE, PairingStatus.COMPLETED],
    PairingStatus.ENDED: [PairingStatus.ACTIVE, PairingStatus.ENDED],
}


async def pairing_in(client, people, status):
    proposed = await propose(client, people)
    pairing = proposed["pairing"]["id"]
    for step in PATHS[status]:
        moved = await move(client, pairing, step.value, people.as_mentor)
        assert moved["userErrors"] == []
    return pairing


@pytest.mark.parametrize(("start", "end"), LEGAL, ids=lambda s: s.value)
async def test_every_legal_move_is_made(client, people, session, start, end):
    pairing = await pairing_in(client, people, start)
    moved = await move(client, pairing, end.value, people.as_mentor)
    assert moved["userErrors"] == []
    assert moved["pairing"]["status"] == end.value
    assert await taken(session, people.mentor) == (1 if end.holds_place else 0)


@pytest.mark.parametrize(("start", "end"), ILLEGAL, ids=lambda s: s.value)
async def test_every_illegal_move_is_refused_and_changes_nothing(
    client, people, session, start, end
):
    pairing = await pairing_in(client, people, start)
    before = await taken(session, people.mentor)
    moved = await move(client, pairing, end.value, people.as_mentor)
    assert [error["code"] for error in moved["userErrors"]] == ["INVALID_STATUS_TRANSITION"]
    session.expire_all()
    statuses = (
        await session.scalars(
            select(MentorshipPairing.status).where(MentorshipPairing.mentor_id == people.mentor)
        )
    ).all()
    assert statuses == [start]
    assert await taken(session, people.mentor) == before


async def test_only_the_mentor_answers_a_proposal(client, people, session):
    proposed = await propose(client, people)
    body = await client.post(
        "/graphql",
        json={
            "query": MOVE,
            "variables": {"input": {"id": proposed["pairing"]["id"], "status": "ACTIVE"}},
        },
        headers=people.as_mentee,
    )
    assert body.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    session.expire_all()
    assert (
        await session.scalars(
            select(MentorshipPairing.status).where(MentorshipPairing.mentor_id == people.mentor)
        )
    ).all() == [PairingStatus.PROPOSED]


async def test_nobody_asks_for_a_mentor_on_someone_elses_behalf(client, people, session):
    body = await client.post(
        "/graphql",
        json={
            "query": PROPOSE,
            "variables": {
                "input": {
                    "mentorId": global_id("Creator", people.mentor),
                    "menteeId": global_id("Creator", people.mentee),
                }
            },
        },
        headers=people.as_other,
    )
    assert body.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert (
        await session.scalar(
            select(func.count()).where(MentorshipPairing.mentor_id == people.mentor)
        )
        == 0
    )


async def test_refusals_name_their_rule(client, people, factory):
    self_pairing = await data_of(
        client,
        PROPOSE,
        {
            "input": {
                "mentorId": global_id("Creator", people.mentor),
                "menteeId": global_id("Creator", people.mentor),
            }
        },
        headers=people.as_mentor,
    )
    assert [e["code"] for e in self_pairing["proposeMentorship"]["userErrors"]] == ["SELF_PAIRING"]
    not_mentor = await data_of(
        client,
        PROPOSE,
        {
            "input": {
                "mentorId": global_id("Creator", people.other),
                "menteeId": global_id("Creator", people.mentee),
            }
        },
        headers=people.as_mentee,
    )
    assert [e["code"] for e in not_mentor["proposeMentorship"]["userErrors"]] == ["NOT_A_MENTOR"]
    await propose(client, people)
    await data_of(
        client,
        OFFER,
        {"input": {"creatorId": global_id("Creator", people.mentor), "capacity": 3}},
        headers=people.as_mentor,
    )
    twice = await propose(client, people)
    assert [e["code"] for e in twice["userErrors"]] == ["ALREADY_PAIRED"]
    lower = await data_of(
        client,
        OFFER,
        {"input": {"creatorId": global_id("Creator", people.mentor), "capacity": 0}},
        headers=people.as_mentor,
    )
    assert [e["code"] for e in lower["offerMentoring"]["userErrors"]] == ["CAPACITY_BELOW_TAKEN"]


PROPOSE_ONLY = """
mutation ($input: ProposeMentorshipInput!) {
  proposeMentorship(input: $input) { userErrors { code } }
}
"""


async def test_concurrent_proposals_never_exceed_a_mentors_capacity(database, settings, tmp_path):
    """Eight creators ask one mentor with three places at once, each on its own connection."""
    async with fresh_engine(database.backend, tmp_path) as engine:
        await upgrade(engine)
        sessions = create_session_factory(engine)
        async with sessions() as session, session.begin():
            await load_reference_data(session)
        factory = Factory(sessions, settings)
        mentor = await factory.creator()
        async with sessions() as session, session.begin():
            session.add(MentorCapacity(creator_id=mentor, capacity=3, taken=0))
        asks = []
        for _ in range(8):
            user = await factory.user()
            mentee = await factory.creator(owner=user)
            asks.append((mentee, await factory.headers_for(user)))
        app = create_app(settings, engine=engine, session_factory=sessions, check_migrations=False)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://hub.test") as client:

            async def ask(mentee: int, headers: dict[str, str]) -> str:
                response = await client.post(
                    "/graphql",
                    json={
                        "query": PROPOSE_ONLY,
                        "variables": {
                            "input": {
                                "mentorId": global_id("Creator", mentor),
                                "menteeId": global_id("Creator", mentee),
                            }
                        },
                    },
                    headers=headers,
                )
                errors = response.json()["data"]["proposeMentorship"]["userErrors"]
                return errors[0]["code"] if errors else "ok"

            outcomes = await asyncio.gather(*(ask(m, h) for m, h in asks))
        async with sessions() as session:
            places = await session.get(MentorCapacity, mentor)
            pairings = await session.scalar(
                select(func.count()).where(MentorshipPairing.mentor_id == mentor)
            )
    assert sorted(outcomes) == ["MENTOR_FULL"] * 5 + ["ok"] * 3
    assert places.taken == 3
    assert pairings == 3


GOALS = """
query ($creator: ID!) {
  mentorshipPairings(creatorId: $creator, side: MENTEE, first: 5) { nodes { goals } }
}
"""
UPDATE_GOALS = """
mutation ($input: UpdateMentorshipGoalsInput!) {
  updateMentorshipGoals(input: $input) { pairing { goals } userErrors { code field } }
}
"""


async def goals_seen(client, people, headers=None):
    data = await data_of(
        client, GOALS, {"creator": global_id("Creator", people.mentee)}, headers=headers
    )
    return [node["goals"] for node in data["mentorshipPairings"]["nodes"]]


async def update_goals(client, pairing, goals, headers):
    data = await data_of(
        client, UPDATE_GOALS, {"input": {"id": pairing, "goals": goals}}, headers=headers
    )
    return data["updateMentorshipGoals"]


async def test_goals_are_read_by_the_pair_and_staff_and_nobody_else(client, people, factory):
    await propose(client, people)
    staff = await factory.headers_for(await factory.user(is_staff=True))
    for reader in (people.as_mentee, people.as_mentor, staff):
        assert await goals_seen(client, people, reader) == ["Learn to light a night scene."]
    assert await goals_seen(client, people, people.as_other) == [None]
    assert await goals_seen(client, people) == [None]


async def test_the_host_admins_of_the_pairings_programme_read_its_goals(
    client, people, factory, sessions
):
    host = await factory.organisation()
    admin = await factory.user()
    await factory.member(host, admin, OrganisationRole.ADMIN)
    bystander = await factory.user()
    await factory.member(host, bystander, OrganisationRole.MEMBER)
    programme = await builders.programme(sessions, host)
    await propose(client, people)
    async with sessions() as session, session.begin():
        pairing = await session.scalar(
            select(MentorshipPairing).where(MentorshipPairing.mentee_id == people.mentee)
        )
        pairing.programme_id = programme
    as_admin = await factory.headers_for(admin)
    assert await goals_seen(client, people, as_admin) == ["Learn to light a night scene."]
    assert await goals_seen(client, people, await factory.headers_for(bystander)) == [None]


async def test_either_side_changes_the_goals_of_a_pairing_under_way(client, people):
    pairing = (await propose(client, people))["pairing"]["id"]
    changed = await update_goals(client, pairing, "  Storyboard a short film.  ", people.as_mentor)
    assert changed == {"pairing": {"goals": "Storyboard a short film."}, "userErrors": []}
    await move(client, pairing, "ACTIVE", people.as_mentor)
    cleared = await update_goals(client, pairing, "", people.as_mentee)
    assert cleared == {"pairing": {"goals": ""}, "userErrors": []}


async def test_goals_too_long_are_refused_and_nothing_changes(client, people, session):
    pairing = (await propose(client, people))["pairing"]["id"]
    refused = await update_goals(client, pairing, "x" * 2_001, people.as_mentee)
    assert refused["userErrors"] == [{"code": "TOO_LONG", "field": ["goals"]}]
    too_long = await data_of(
        client,
        PROPOSE,
        {
            "input": {
                "mentorId": global_id("Creator", people.mentor),
                "menteeId": global_id("Creator", people.other),
                "goals": "y" * 2_001,
            }
        },
        headers=people.as_other,
    )
    assert [e["code"] for e in too_long["proposeMentorship"]["userErrors"]] == ["TOO_LONG"]
    session.expire_all()
    stored = await session.scalars(
        select(MentorshipPairing.goals).where(MentorshipPairing.mentor_id == people.mentor)
    )
    assert stored.all() == ["Learn to light a night scene."]


async def test_a_finished_pairing_keeps_its_goals(client, people):
    pairing = await pairing_in(client, people, PairingStatus.DECLINED)
    refused = await update_goals(client, pairing, "Something else.", people.as_mentee)
    assert refused["userErrors"] == [{"code": "PAIRING_FINISHED", "field": ["id"]}]
    assert await goals_seen(client, people, people.as_mentee) == ["Learn to light a night scene."]


async def test_only_the_pair_or_staff_change_the_goals(client, people, factory):
    pairing = (await propose(client, people))["pairing"]["id"]
    body = await client.post(
        "/graphql",
        json={"query": UPDATE_GOALS, "variables": {"input": {"id": pairing, "goals": "Mine."}}},
        headers=people.as_other,
    )
    assert body.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    staff = await factory.headers_for(await factory.user(is_staff=True))
    allowed = await update_goals(client, pairing, "Set by staff.", staff)
    assert allowed["userErrors"] == []
    assert await goals_seen(client, people, people.as_mentee) == ["Set by staff."]


async def test_the_goals_of_a_page_of_pairings_cost_the_same_at_any_size(
    client, factory, sessions, statements
):
    mentor_user = await factory.user()
    mentor = await factory.creator(owner=mentor_user, handle="mentor-many")
    async with sessions() as session, session.begin():
        session.add(MentorCapacity(creator_id=mentor, capacity=10, taken=8))
        for number in range(8):
            mentee = await factory.creator(handle=f"mentee-{number}")
            session.add(
                MentorshipPairing(
                    mentor_id=mentor,
                    mentee_id=mentee,
                    status=PairingStatus.ACTIVE,
                    goals=f"Goal {number}.",
                )
            )
    query = """
    query ($creator: ID!, $size: Int!) {
      mentorshipPairings(creatorId: $creator, side: MENTOR, first: $size) {
        nodes { goals mentee { handle } }
      }
    }
    """
    headers = await factory.headers_for(mentor_user)
    costs = []
    for size in (2, 8):
        with statements.record():
            data = await data_of(
                client,
                query,
                {"creator": global_id("Creator", mentor), "size": size},
                headers=headers,
            )
        goals = [node["goals"] for node in data["mentorshipPairings"]["nodes"]]
        assert len(goals) == size
        assert all(goal.startswith("Goal ") for goal in goals)
        costs.append(len(statements.selects))
    assert costs[0] == costs[1]
