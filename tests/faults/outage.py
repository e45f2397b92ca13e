"""Scenario A: PostgreSQL stops and starts again while writers create creators and race
to fill one open role.

Every write's answer is kept; afterwards the database is read directly to check that
what was acknowledged is there exactly once with its audit record, that nothing is half
written, that the role holds no more people than its places, and that a retry with the
same ``Idempotency-Key`` never writes twice.
"""

from __future__ import annotations

import asyncio
import itertools
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from hub.accounts import invitations
from hub.accounts.enums import ProjectRole
from hub.config import Settings
from hub.core.db import create_session_factory
from tests.factories import Factory, global_id
from tests.faults.answers import Answer, get, post
from tests.faults.processes import PostgresCluster

CREATE_CREATOR = """
mutation ($input: CreateCreatorInput!) {
  createCreator(input: $input) { creator { id handle } userErrors { code message } }
}
"""

ACCEPT = """
mutation ($input: InvitationAnswerInput!) {
  acceptProjectInvitation(input: $input) { invitation { id status } userErrors { code } }
}
"""

HANDLE_PREFIX = "outage-"


@dataclass(frozen=True)
class Invitee:
    invitation: str
    headers: dict[str, str]


@dataclass(frozen=True)
class RoleRace:
    """One open role with few places and more invitees than places."""

    role_id: int
    headcount: int
    invitees: list[Invitee]


async def prepare(
    engine: AsyncEngine, settings: Settings, *, invitees: int, headcount: int
) -> RoleRace:
    """A project whose open role ``invitees`` creators, each with a user, are invited to.

    Built through the services, as the API would, on the scenario's own cluster.
    ``settings`` must sign tokens with the server's key.
    """
    sessions = create_session_factory(engine)
    factory = Factory(sessions, settings)
    project = await factory.project()
    role = await factory.role(project, headcount=headcount)
    people = []
    for _ in range(invitees):
        user = await factory.user()
        creator = await factory.creator(owner=user)
        invitation = await factory._write(
            lambda s, c=creator: invitations.invite_to_project(
                s, project, c, role, ProjectRole.MEMBER, None, None
            )
        )
        people.append(
            Invitee(global_id("ProjectInvitation", invitation), await factory.headers_for(user))
        )
    return RoleRace(role, headcount, people)


@dataclass
class Write:
    """One write a client wanted made, with every answer it got, in order."""

    key: str
    payload: dict[str, Any]
    headers: dict[str, str]
    answers: list[Answer] = field(default_factory=list)
    retried_from: int | None = None
    """Where the answers to retries after the outage begin, if it was retried."""

    @property
    def during_outage(self) -> list[Answer]:
        return self.answers[: self.retried_from]

    @property
    def acknowledged(self) -> bool:
        """The hub said the change was made: the payload, or WRITE_COMMITTED."""
        return any(_acknowledges(answer) for answer in self.answers)

    @property
    def acknowledged_in_outage(self) -> bool:
        """Acknowledged before any retry after the outage."""
        return any(_acknowledges(answer) for answer in self.during_outage)

    @property
    def decided(self) -> bool:
        """The hub gave an answer that is not "try again later"."""
        return any(answer.status == 200 for answer in self.answers)


def _acknowledges(answer: Answer) -> bool:
    if answer.status != 200:
        return False
    if "WRITE_COMMITTED" in answer.codes:
        return True
    data = (answer.body or {}).get("data") or {}
    payload = next(iter(data.values()), None) if isinstance(data, dict) else None
    return (
        isinstance(payload, dict)
        and not payload.get("userErrors")
        and any(isinstance(value, dict) for key, value in payload.items() if key != "userErrors")
    )


@dataclass
class Outage:
    stop_mode: str
    stopped_at: float
    starting_at: float
    started_at: float


@dataclass
class Probe:
    sent_at: float
    answer: Answer


@dataclass
class OutageRun:
    """Everything scenario A saw; ``check`` reads the database afterwards."""

    creates: list[Write]
    fills: list[Write]
    outages: list[Outage]
    probes: list[Probe]
    retried: list[Write] = field(default_factory=list)
    retries: list[Answer] = field(default_factory=list)

    @property
    def answers(self) -> list[Answer]:
        """Every answer, retries included."""
        return [a for w in [*self.creates, *self.fills] for a in w.answers]

    def seconds_to_ready(self) -> list[float]:
        """Per outage: from PostgreSQL accepting connections to ``/readyz`` saying ready."""
        seconds = []
        for outage in self.outages:
            ready = [
                p.sent_at + p.answer.seconds
                for p in self.probes
                if p.sent_at >= outage.started_at and p.answer.status == 200
            ]
            seconds.append(min(ready) - outage.started_at if ready else float("inf"))
        return seconds

    def probes_while_down(self) -> list[Probe]:
        return [
            p
            for p in self.probes
            for o in self.outages
            if p.sent_at >= o.stopped_at and p.sent_at + p.answer.seconds <= o.starting_at
        ]


async def _send(client: httpx.AsyncClient, url: str, write: Write) -> Answer:
    answer = await post(client, url, write.payload, {**write.headers, "Idempotency-Key": write.key})
    write.answers.append(answer)
    return answer


async def create_creators(
    client: httpx.AsyncClient, url: str, number: int, admin: dict[str, str], stop: asyncio.Event
) -> list[Write]:
    """Create creators one after another, each a new handle and a new key, until told."""
    writes = []
    for sequence in itertools.count():
        if stop.is_set():
            break
        handle = f"{HANDLE_PREFIX}{number}-{sequence}-{uuid.uuid4().hex[:6]}"
        variables = {
            "input": {"handle": handle, "displayName": f"Writer {number}", "country": "KZ"}
        }
        write = Write(uuid.uuid4().hex, {"query": CREATE_CREATOR, "variables": variables}, admin)
        writes.append(write)
        answer = await _send(client, url, write)
        if answer.status != 200:
            await asyncio.sleep(0.2)  # a refused client backs off a little, as told
    return writes


async def _filler(
    client: httpx.AsyncClient, url: str, invitee: Invitee, start: asyncio.Event, stop: asyncio.Event
) -> Write:
    """Accept one invitation when the race starts, retrying with its key until decided."""
    variables = {"input": {"id": invitee.invitation}}
    write = Write(uuid.uuid4().hex, {"query": ACCEPT, "variables": variables}, invitee.headers)
    await start.wait()
    while not write.decided and not stop.is_set():
        answer = await _send(client, url, write)
        if answer.status != 200:
            await asyncio.sleep(0.2)
    return write


async def _probe(client: httpx.AsyncClient, base: str, stop: asyncio.Event) -> list[Probe]:
    probes = []
    while not stop.is_set():
        sent = time.monotonic()
        probes.append(Probe(sent, await get(client, f"{base}/readyz")))
        await asyncio.sleep(0.1)
    return probes


async def run(
    cluster: PostgresCluster,
    base: str,
    race: RoleRace,
    admin_token: str,
    *,
    writers: int = 24,
    stop_modes: tuple[str, ...] = ("fast", "immediate"),
    outage_seconds: float = 3.0,
    steady_seconds: float = 2.0,
) -> OutageRun:
    """Writers and fillers run while PostgreSQL is stopped once per mode and started again.

    The invitees race in three waves: as the first outage begins, as the last begins,
    and as PostgreSQL comes back the last time.
    """
    url = f"{base}/graphql"
    admin = {"Authorization": f"Bearer {admin_token}"}
    stop = asyncio.Event()
    waves = [asyncio.Event() for _ in range(3)]
    limits = httpx.Limits(max_connections=writers + len(race.invitees) + 4)
    timeout = httpx.Timeout(20.0)
    async with httpx.AsyncClient(limits=limits, timeout=timeout) as client:
        writer_tasks = [
            asyncio.create_task(create_creators(client, url, n, admin, stop))
            for n in range(writers)
        ]
        filler_tasks = [
            asyncio.create_task(_filler(client, url, invitee, waves[i % 3], stop))
            for i, invitee in enumerate(race.invitees)
        ]
        probe_task = asyncio.create_task(_probe(client, base, stop))
        outages = []
        await asyncio.sleep(steady_seconds)
        for index, mode in enumerate(stop_modes):
            if index == 0:
                waves[0].set()
            if index == len(stop_modes) - 1:
                waves[1].set()
            await asyncio.to_thread(cluster.stop, mode)
            stopped_at = time.monotonic()
            await asyncio.sleep(outage_seconds)
            starting_at = time.monotonic()
            await asyncio.to_thread(cluster.start)
            outages.append(Outage(mode, stopped_at, starting_at, time.monotonic()))
            if index == len(stop_modes) - 1:
                waves[2].set()
            await asyncio.sleep(steady_seconds)
        for wave in waves:
            wave.set()
        # Let the fillers still waiting for an answer get one while PostgreSQL is up.
        await asyncio.wait(filler_tasks, timeout=10)
        stop.set()
        creates = [w for ws in await asyncio.gather(*writer_tasks) for w in ws]
        fills = list(await asyncio.gather(*filler_tasks))
        probes = await probe_task
    return OutageRun(creates, fills, outages, probes)


async def retry_unacknowledged(
    run: OutageRun, base: str, *, attempts: int = 5, concurrency: int = 8
) -> None:
    """Send every write the hub never acknowledged again, with its key, PostgreSQL up."""
    url = f"{base}/graphql"
    pending = [w for w in [*run.creates, *run.fills] if not w.acknowledged]
    for write in pending:
        run.retried.append(write)
        write.retried_from = len(write.answers)

    async def retry(client: httpx.AsyncClient) -> None:
        while pending:
            write = pending.pop()
            for _ in range(attempts):
                answer = await _send(client, url, write)
                run.retries.append(answer)
                if answer.status == 200:
                    break
                await asyncio.sleep(0.2)

    async with httpx.AsyncClient(timeout=httpx.Timeout(20.0)) as client:
        await asyncio.gather(*(retry(client) for _ in range(concurrency)))


@dataclass
class Stored:
    """What the database holds after the scenario."""

    creators: dict[str, int]
    creator_audits: Counter[int]
    filled: int
    headcount: int
    accepted_invitations: int
    role_participants: int
    accept_audits: int


async def read_creators(engine: AsyncEngine) -> tuple[dict[str, int], Counter[int]]:
    """The scenario's creators by handle, and the audit records of created creators."""
    async with engine.connect() as connection:
        creators = {
            handle: key
            for handle, key in await connection.execute(
                text("SELECT handle, id FROM creator WHERE handle LIKE :prefix"),
                {"prefix": f"{HANDLE_PREFIX}%"},
            )
        }
        audits: Counter[int] = Counter(
            key
            for (key,) in await connection.execute(
                text(
                    "SELECT entity_id FROM audit_record WHERE action = 'createCreator' "
                    "AND outcome = 'SUCCEEDED'"
                )
            )
        )
    return creators, audits


async def read_back(engine: AsyncEngine, race: RoleRace) -> Stored:
    creators, audits = await read_creators(engine)
    async with engine.connect() as connection:
        filled, headcount = (
            await connection.execute(
                text("SELECT filled_count, headcount FROM open_role WHERE id = :id"),
                {"id": race.role_id},
            )
        ).one()
        accepted = await connection.scalar(
            text(
                "SELECT count(*) FROM project_invitation WHERE open_role_id = :id "
                "AND status = 'ACCEPTED'"
            ),
            {"id": race.role_id},
        )
        participants = await connection.scalar(
            text(
                "SELECT count(*) FROM participant p JOIN project_invitation i "
                "ON i.project_id = p.project_id AND i.creator_id = p.creator_id "
                "WHERE i.open_role_id = :id"
            ),
            {"id": race.role_id},
        )
        accept_audits = await connection.scalar(
            text(
                "SELECT count(*) FROM audit_record WHERE action = 'acceptProjectInvitation' "
                "AND outcome = 'SUCCEEDED'"
            )
        )
    return Stored(
        creators,
        audits,
        int(filled),
        int(headcount),
        int(accepted or 0),
        int(participants or 0),
        int(accept_audits or 0),
    )


def handle_of(write: Write) -> str:
    return str(write.payload["variables"]["input"]["handle"])
