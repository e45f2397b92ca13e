"""Every Talent Factory write, by whom it is allowed and by whom refused.

A small world: a host (its admin), a plain member of the host organisation, an applicant
with a submitted application, an accepted mentor, a stranger, staff. Each rule names a
mutation and its input; a refused caller gets FORBIDDEN and the database keeps every
row as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import select

from hub.accounts.enums import OrganisationRole
from hub.talent.enums import MentorStatus
from hub.talent.models import (
    ApplicationReview,
    Programme,
    ProgrammeApplication,
    ProgrammeMentor,
    ProgrammeSession,
)
from hub.talent.programmes import answer_mentor_invitation, invite_mentor
from tests.factories import global_id
from tests.helpers import ADMIN, graphql
from tests.talent import world


@dataclass(frozen=True)
class World:
    headers: dict[str, dict[str, str]]
    host: int
    programme: int
    application: int
    applicant_creator: int
    mentor: int
    stranger_creator: int


async def _world(factory) -> World:
    host = await world.host(factory)
    member = await factory.user()
    await factory.member(host.organisation, member, OrganisationRole.MEMBER)
    programme = await world.programme(factory, host.organisation, capacity=5)
    applicant = await world.person(factory)
    mentor = await world.person(factory)
    stranger = await world.person(factory)
    application = await world.application(factory, programme, applicant.creator)
    mentor_key = await factory._write(
        lambda s: invite_mentor(s, programme, mentor.creator, host.admin)
    )
    await factory._write(lambda s: answer_mentor_invitation(s, mentor_key, True))
    return World(
        headers={
            "host admin": host.headers,
            "host member": await factory.headers_for(member),
            "applicant": applicant.headers,
            "mentor": mentor.headers,
            "stranger": stranger.headers,
            "staff": ADMIN,
        },
        host=host.organisation,
        programme=programme,
        application=application,
        applicant_creator=applicant.creator,
        mentor=mentor_key,
        stranger_creator=stranger.creator,
    )


@dataclass(frozen=True)
class Rule:
    mutation: str
    input_type: str
    input: Callable[[World], dict[str, Any]]
    allowed: tuple[str, ...]
    denied: tuple[str, ...]


def gid(kind: str, key: int) -> str:
    return global_id(kind, key)


RULES = [
    Rule(
        "createProgramme",
        "CreateProgrammeInput",
        lambda w: {
            "hostOrganisationId": gid("Organisation", w.host),
            "slug": "a-new-programme",
            "title": "A new programme",
            "kind": "COURSE",
            "levelTaught": "BEGINNER",
            "format": "ONLINE",
            "timeZone": "Asia/Almaty",
            "capacity": 5,
        },
        ("host admin", "staff"),
        ("host member", "mentor", "applicant", "stranger"),
    ),
    Rule(
        "updateProgramme",
        "UpdateProgrammeInput",
        lambda w: {"id": gid("Programme", w.programme), "title": "Renamed"},
        ("host admin", "staff"),
        ("host member", "mentor", "applicant", "stranger"),
    ),
    Rule(
        "changeProgrammeStatus",
        "ChangeProgrammeStatusInput",
        lambda w: {"id": gid("Programme", w.programme), "status": "CLOSED"},
        ("host admin", "staff"),
        ("host member", "mentor", "applicant", "stranger"),
    ),
    Rule(
        "addProgrammeSession",
        "AddProgrammeSessionInput",
        lambda w: {
            "programmeId": gid("Programme", w.programme),
            "title": "Extra",
            "startsAt": "2030-01-01T10:00:00Z",
            "endsAt": "2030-01-01T12:00:00Z",
            "onlineUrl": "https://example.org/meet",
        },
        ("host admin", "staff"),
        ("mentor", "applicant", "stranger"),
    ),
    Rule(
        "inviteMentor",
        "InviteMentorInput",
        lambda w: {
            "programmeId": gid("Programme", w.programme),
            "creatorId": gid("Creator", w.stranger_creator),
        },
        ("host admin", "staff"),
        ("host member", "mentor", "applicant", "stranger"),
    ),
    Rule(
        "decideApplication",
        "DecideApplicationInput",
        lambda w: {"id": gid("ProgrammeApplication", w.application), "decision": "REJECTED"},
        ("host admin", "staff"),
        ("host member", "mentor", "applicant", "stranger"),
    ),
    Rule(
        "reviewApplication",
        "ReviewApplicationInput",
        lambda w: {"applicationId": gid("ProgrammeApplication", w.application), "score": 3},
        ("host admin",),
        ("host member", "mentor", "applicant", "stranger", "staff"),
    ),
    Rule(
        "withdrawApplication",
        "TalentIdInput",
        lambda w: {"id": gid("ProgrammeApplication", w.application)},
        ("applicant",),
        ("host admin", "mentor", "stranger", "staff"),
    ),
    Rule(
        "removeMentor",
        "TalentIdInput",
        lambda w: {"id": gid("ProgrammeMentor", w.mentor)},
        ("host admin", "mentor", "staff"),
        ("host member", "applicant", "stranger"),
    ),
]

CASES = [
    (rule, actor, allowed)
    for rule in RULES
    for actors, allowed in ((rule.allowed, True), (rule.denied, False))
    for actor in actors
]


async def _fingerprint(session) -> tuple:
    """Every talent row that a write could change, as plain values."""
    tables = (Programme, ProgrammeApplication, ProgrammeMentor, ProgrammeSession)
    rows = []
    for table in (*tables, ApplicationReview):
        found = await session.scalars(select(table))
        rows.append(
            sorted(
                tuple(sorted((k, repr(v)) for k, v in vars(row).items() if not k.startswith("_")))
                for row in found
            )
        )
    return tuple(map(tuple, rows))


@pytest.mark.parametrize(
    ("rule", "actor", "allowed"),
    CASES,
    ids=[f"{rule.mutation}-{actor}-{'allowed' if ok else 'denied'}" for rule, actor, ok in CASES],
)
async def test_each_write_is_allowed_or_refused_by_its_rule(
    client, factory, session, rule, actor, allowed
):
    w = await _world(factory)
    before = await _fingerprint(session)
    operation = (
        f"mutation ($input: {rule.input_type}!) {{ {rule.mutation}(input: $input) "
        "{ userErrors { field code } } }"
    )
    body = await graphql(client, operation, {"input": rule.input(w)}, headers=w.headers[actor])
    if allowed:
        assert "errors" not in body, body
        assert body["data"][rule.mutation]["userErrors"] == []
    else:
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN", body
        session.expire_all()
        assert await _fingerprint(session) == before
    mentor = await session.get(ProgrammeMentor, w.mentor)
    assert mentor is None or mentor.status is MentorStatus.ACCEPTED
