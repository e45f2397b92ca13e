"""Test data built through the same services the API uses, inside the test's transaction."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from strawberry.relay import to_base64

from hub.creators import service as creators
from hub.creators.enums import LanguageProficiency, SkillLevel
from hub.organisations import service as organisations
from hub.organisations.enums import OrganisationKind
from hub.projects import service as projects
from hub.projects.enums import ProjectStatus

_sequence = itertools.count(1)


@dataclass(frozen=True)
class Skill:
    discipline: str
    level: SkillLevel
    years_of_experience: int = 3


@dataclass(frozen=True)
class Language:
    language: str
    proficiency: LanguageProficiency


@dataclass(frozen=True)
class Budget:
    amount: Decimal
    currency_code: str


def global_id(type_name: str, key: int) -> str:
    return to_base64(type_name, key)


class Factory:
    """Makes creators, organisations and projects with sensible defaults."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self.sessions = sessions

    async def _write(self, write: Any) -> Any:
        async with self.sessions() as session, session.begin():
            return await write(session)

    async def creator(
        self,
        *,
        handle: str | None = None,
        country: str = "KZ",
        skills: list[tuple[str, SkillLevel]] | None = None,
        languages: list[tuple[str, LanguageProficiency]] | None = None,
        **fields: Any,
    ) -> int:
        number = next(_sequence)
        values = creators.CreatorFields(
            handle=handle or f"test-creator-{number}",
            display_name=fields.pop("display_name", f"Test Creator {number}"),
            country=country,
            disciplines=[Skill(slug, level) for slug, level in (skills or [])],
            languages=[Language(code, level) for code, level in (languages or [])],
            **fields,
        )
        return await self._write(lambda s: creators.create_creator(s, values, date.today()))

    async def organisation(
        self, *, slug: str | None = None, country: str = "UZ", **fields: Any
    ) -> int:
        number = next(_sequence)
        values = organisations.OrganisationFields(
            slug=slug or f"test-organisation-{number}",
            name=fields.pop("name", f"Test Organisation {number}"),
            kind=fields.pop("kind", OrganisationKind.STUDIO),
            country=country,
            **fields,
        )
        return await self._write(
            lambda s: organisations.create_organisation(s, values, date.today())
        )

    async def project(
        self,
        *,
        slug: str | None = None,
        lead_creator: int | None = None,
        lead_organisation: int | None = None,
        status: ProjectStatus = ProjectStatus.SEEKING_PARTNERS,
        **fields: Any,
    ) -> int:
        number = next(_sequence)
        if lead_creator is None and lead_organisation is None:
            lead_creator = await self.creator()
        values = projects.ProjectFields(
            slug=slug or f"test-project-{number}",
            title=fields.pop("title", f"Test Project {number}"),
            status=status,
            lead_creator_id=lead_creator,
            lead_organisation_id=lead_organisation,
            **fields,
        )
        return await self._write(lambda s: projects.create_project(s, values))

    async def participant(
        self,
        project: int,
        *,
        creator: int | None = None,
        organisation: int | None = None,
        role: str = "Member",
    ) -> int:
        values = projects.ParticipantFields(
            project_id=project, creator_id=creator, organisation_id=organisation, role=role
        )
        return await self._write(lambda s: projects.add_participant(s, values))

    async def role(self, project: int, **fields: Any) -> int:
        values = projects.RoleFields(
            title=fields.pop("title", "Animator"),
            discipline=fields.pop("discipline", "animation"),
            seniority=fields.pop("seniority", SkillLevel.INTERMEDIATE),
            **fields,
        )
        return await self._write(lambda s: projects.open_role(s, project, values))
