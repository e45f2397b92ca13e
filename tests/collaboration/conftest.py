"""Tiny collaboration graphs built through the services, and a server with a narrow search."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from datetime import date
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from hub.config import Settings
from hub.projects import service as projects
from hub.projects.enums import ProjectStatus
from hub.server.app import create_app
from tests.conftest import Database
from tests.factories import Factory


class Graphs:
    """Creators and the projects that link them, named for the test that reads them."""

    def __init__(self, factory: Factory) -> None:
        self.factory = factory

    async def creators(self, *names: str, country: str = "KZ") -> dict[str, int]:
        return {
            name: await self.factory.creator(display_name=name, country=country) for name in names
        }

    async def project(self, *members: int, **fields: Any) -> int:
        """A project led by the first member, with the others taking part."""
        lead, *others = members
        project = await self.factory.project(lead_creator=lead, **fields)
        for member in others:
            await self.factory.participant(project, creator=member)
        return project

    async def set_status(self, project: int, status: ProjectStatus) -> None:
        fields = projects.ProjectFields(status=status)
        await self.factory._write(lambda s: projects.update_project(s, project, fields))

    async def chain(self, *names: str, start: date = date(2025, 1, 1)) -> dict[str, int]:
        """New creators linked in a line, each consecutive two by a project of their own."""
        people = await self.creators(*names)
        await self.line(people, *names, start=start)
        return people

    async def line(self, people: dict[str, int], *names: str, start: date | None = None) -> None:
        """Link ``names`` in a line, each consecutive two by a project of their own."""
        for first, second in itertools.pairwise(names):
            await self.project(people[first], people[second], start_date=start)


@pytest.fixture
def graphs(factory: Factory) -> Graphs:
    return Graphs(factory)


@pytest.fixture
async def narrow_client(
    settings: Settings, database: Database, sessions: async_sessionmaker[AsyncSession]
) -> AsyncIterator[httpx.AsyncClient]:
    """A server whose path search may expand only one creator per step."""
    narrow = settings.model_copy(update={"collaboration_max_frontier": 1})
    app = create_app(
        narrow, engine=database.engine, session_factory=sessions, check_migrations=False
    )
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://hub.test") as client:
        yield client
