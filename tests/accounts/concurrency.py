"""Concurrent acceptances of one open role, each request on its own database connection.

The test transaction of the other tests holds one connection, so this builds its own
database, writes its data for real, and sends the requests to an app at the same time.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
from sqlalchemy import select

from hub.accounts import invitations
from hub.accounts.enums import ProjectRole
from hub.config import Settings
from hub.core.db import create_session_factory
from hub.projects.models import OpenRole
from hub.seed.reference import load_reference_data
from hub.server.app import create_app
from tests.conftest import migrated_engine
from tests.factories import Factory, global_id

ACCEPT = """
mutation ($input: InvitationAnswerInput!) {
  acceptProjectInvitation(input: $input) { userErrors { code } }
}
"""


async def accept_concurrently(
    backend: str, settings: Settings, directory: Path, *, invitees: int, headcount: int
) -> tuple[list[str], int]:
    """Each outcome ("ok" or the userError code) and the role's final filled count."""
    async with migrated_engine(backend, directory) as engine:
        sessions = create_session_factory(engine)
        async with sessions() as session, session.begin():
            await load_reference_data(session)
        factory = Factory(sessions, settings)
        project = await factory.project()
        role = await factory.role(project, headcount=headcount)
        requests = []
        for _ in range(invitees):
            user = await factory.user()
            creator = await factory.creator(owner=user)
            invitation = await factory._write(
                lambda s, c=creator: invitations.invite_to_project(
                    s, project, c, role, ProjectRole.MEMBER, None, None
                )
            )
            requests.append((global_id("ProjectInvitation", invitation), user))

        app = create_app(settings, engine=engine, session_factory=sessions, check_migrations=False)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://hub.test") as client:
            headers = [await factory.headers_for(user) for _, user in requests]

            async def accept(invitation: str, headers: dict[str, str]) -> str:
                response = await client.post(
                    "/graphql",
                    json={"query": ACCEPT, "variables": {"input": {"id": invitation}}},
                    headers=headers,
                )
                errors = response.json()["data"]["acceptProjectInvitation"]["userErrors"]
                return errors[0]["code"] if errors else "ok"

            outcomes = await asyncio.gather(
                *(
                    accept(invitation, h)
                    for (invitation, _), h in zip(requests, headers, strict=True)
                )
            )
        async with sessions() as session:
            filled = await session.scalar(select(OpenRole.filled_count).where(OpenRole.id == role))
        return list(outcomes), int(filled or 0)
