"""A small world of people, organisations and projects, each with a known relationship,
for testing who may do what."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import MetaData, select
from sqlalchemy.ext.asyncio import AsyncSession

import hub.models
from hub.accounts.enums import OrganisationRole, ProjectRole
from hub.accounts.models import ProjectMember
from hub.api.principal import Scope
from tests.factories import Factory
from tests.helpers import ADMIN

# Rows a refused request may still touch: its own audit record and session bookkeeping.
UNTRACKED_TABLES = {"audit_record", "auth_session", "refresh_token"}
UNTRACKED_COLUMNS = {"last_used_at", "last_login_at"}


@dataclass
class World:
    factory: Factory
    users: dict[str, int] = field(default_factory=dict)
    keys: dict[str, dict[str, str]] = field(default_factory=dict)
    creator: int = 0
    stranger_creator: int = 0
    admin_creator: int = 0
    lead_creator: int = 0
    org: int = 0
    other_org: int = 0
    org_project: int = 0
    creator_project: int = 0

    async def headers(self, actor: str) -> dict[str, str]:
        if actor == "anonymous":
            return {}
        if actor == "admin token":
            return ADMIN
        if actor in self.keys:
            return self.keys[actor]
        return await self.factory.headers_for(self.users[actor])


async def build_world(factory: Factory) -> World:
    world = World(factory)
    for name in [
        "creator owner",
        "lead creator owner",
        "stranger",
        "newcomer",
        "org owner",
        "org admin",
        "org member",
        "lead user",
        "other owner",
        "other admin",
    ]:
        world.users[name] = await factory.user(email=f"{name.replace(' ', '-')}@example.org")
    world.users["staff"] = await factory.user(email="staff@example.org", is_staff=True)
    users = world.users

    world.creator = await factory.creator(owner=users["creator owner"])
    world.stranger_creator = await factory.creator(owner=users["stranger"])
    world.admin_creator = await factory.creator(owner=users["org admin"])
    world.lead_creator = await factory.creator(owner=users["lead creator owner"])

    world.org = await factory.organisation()
    for name, role in [
        ("org owner", OrganisationRole.OWNER),
        ("org admin", OrganisationRole.ADMIN),
        ("org member", OrganisationRole.MEMBER),
    ]:
        await factory.member(world.org, users[name], role)
    world.other_org = await factory.organisation()
    await factory.member(world.other_org, users["other owner"], OrganisationRole.OWNER)
    await factory.member(world.other_org, users["other admin"], OrganisationRole.ADMIN)

    world.org_project = await factory.project(lead_organisation=world.org)
    world.creator_project = await factory.project(lead_creator=world.lead_creator)

    async def lead(session: AsyncSession) -> None:
        session.add(
            ProjectMember(
                project_id=world.org_project, user_id=users["lead user"], role=ProjectRole.LEAD
            )
        )

    await factory._write(lead)

    world.keys["read key"] = await factory.api_key(world.org, Scope.READ)
    world.keys["write key"] = await factory.api_key(world.org, Scope.READ, Scope.WRITE)
    world.keys["other write key"] = await factory.api_key(world.other_org, Scope.WRITE)
    return world


async def fingerprint(session: AsyncSession) -> dict[str, list[tuple[object, ...]]]:
    """Every row the API can change, to assert that a refused request changed none."""
    metadata: MetaData = hub.models.Base.metadata
    rows: dict[str, list[tuple[object, ...]]] = {}
    session.expire_all()
    for table in metadata.sorted_tables:
        if table.name in UNTRACKED_TABLES:
            continue
        columns = [c for c in table.columns if c.name not in UNTRACKED_COLUMNS]
        result = await session.execute(select(*columns).order_by(*table.primary_key.columns))
        rows[table.name] = [tuple(row) for row in result]
    return rows
