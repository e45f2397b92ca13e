"""Joining a team: the one way other domains make a person a member of theirs."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from hub.accounts.enums import OrganisationRole, ProjectRole
from hub.accounts.models import OrganisationMember, ProjectMember


async def add_organisation_member(
    session: AsyncSession, organisation_id: int, user_id: int, role: OrganisationRole
) -> None:
    session.add(OrganisationMember(organisation_id=organisation_id, user_id=user_id, role=role))
    await session.flush()


async def add_project_member(
    session: AsyncSession, project_id: int, user_id: int, role: ProjectRole
) -> None:
    session.add(ProjectMember(project_id=project_id, user_id=user_id, role=role))
    await session.flush()
