"""Test data built through the same services the API uses, inside the test's transaction."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from strawberry.relay import to_base64

from hub.accounts import api_keys
from hub.accounts import service as accounts
from hub.accounts.enums import OrganisationRole
from hub.accounts.models import OrganisationMember
from hub.api.principal import Scope
from hub.config import Settings
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


PASSWORD = "correct horse battery staple"


class Factory:
    """Makes users, creators, organisations and projects with sensible defaults."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], settings: Settings) -> None:
        self.sessions = sessions
        self.settings = settings

    async def _write(self, write: Any) -> Any:
        async with self.sessions() as session, session.begin():
            return await write(session)

    async def user(
        self, *, email: str | None = None, password: str = PASSWORD, is_staff: bool = False
    ) -> int:
        address = email or f"user-{next(_sequence)}@example.org"
        user = await self._write(
            lambda s: accounts.create_user(s, self.settings, address, password, is_staff=is_staff)
        )
        return int(user.id)

    async def headers_for(self, user: int) -> dict[str, str]:
        """``Authorization`` for a new session of ``user``, as after logging in."""
        tokens = await self._write(lambda s: accounts.start_session(s, self.settings, user))
        return {"Authorization": f"Bearer {tokens.access.token}"}

    async def member(
        self, organisation: int, user: int, role: OrganisationRole = OrganisationRole.MEMBER
    ) -> None:
        async def write(session: AsyncSession) -> None:
            session.add(OrganisationMember(organisation_id=organisation, user_id=user, role=role))

        await self._write(write)

    async def api_key(self, organisation: int, *scopes: Scope) -> dict[str, str]:
        """``Authorization`` with a new key of ``organisation`` holding ``scopes``."""
        key = await self._write(
            lambda s: api_keys.create_api_key(s, organisation, "Test key", scopes, None)
        )
        return {"Authorization": f"Bearer {key.secret}"}

    async def creator(
        self,
        *,
        handle: str | None = None,
        country: str = "KZ",
        owner: int | None = None,
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
        return await self._write(
            lambda s: creators.create_creator(s, values, date.today(), owner=owner)
        )

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
