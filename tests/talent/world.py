"""Talent Factory test data, built through the services the API uses."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.accounts.enums import AuditActorKind, OrganisationRole
from hub.accounts.models import AuditRecord
from hub.creators.enums import SkillLevel
from hub.talent import applications, programmes
from hub.talent.enums import ApplicationStatus, ProgrammeFormat, ProgrammeKind, ProgrammeStatus
from tests.factories import Factory, global_id

APPLY = """
mutation ($input: ApplyToProgrammeInput!) {
  applyToProgramme(input: $input) {
    application { id status }
    userErrors { field code message }
  }
}
"""

DECIDE = """
mutation ($input: DecideApplicationInput!) {
  decideApplication(input: $input) {
    application { id status offerExpiresAt }
    userErrors { field code message }
  }
}
"""


@dataclass(frozen=True)
class Person:
    user: int
    creator: int
    headers: dict[str, str]

    @property
    def creator_id(self) -> str:
        return global_id("Creator", self.creator)


@dataclass(frozen=True)
class Host:
    organisation: int
    admin: int
    headers: dict[str, str]


async def host(factory: Factory, **fields: Any) -> Host:
    organisation = await factory.organisation(**fields)
    admin = await factory.user()
    await factory.member(organisation, admin, OrganisationRole.ADMIN)
    return Host(organisation, admin, await factory.headers_for(admin))


async def person(factory: Factory, **creator_fields: Any) -> Person:
    user = await factory.user()
    creator_fields.setdefault("birth_year", date.today().year - 17)
    creator = await factory.creator(owner=user, **creator_fields)
    return Person(user, creator, await factory.headers_for(user))


async def programme(
    factory: Factory,
    organisation: int,
    *,
    status: ProgrammeStatus = ProgrammeStatus.OPEN,
    **fields: Any,
) -> int:
    """A programme of ``organisation``, moved from DRAFT to ``status`` the legal way."""
    number = await factory.user()  # a unique number for the slug
    values = programmes.ProgrammeFields(
        slug=fields.pop("slug", f"test-programme-{number}"),
        title=fields.pop("title", f"Test Programme {number}"),
        kind=fields.pop("kind", ProgrammeKind.COURSE),
        level_taught=fields.pop("level_taught", SkillLevel.INTERMEDIATE),
        format=fields.pop("format", ProgrammeFormat.ONLINE),
        time_zone=fields.pop("time_zone", "Asia/Almaty"),
        capacity=fields.pop("capacity", 10),
        **fields,
    )

    async def write(session: AsyncSession) -> int:
        key = await programmes.create_programme(session, organisation, values)
        path = [ProgrammeStatus.OPEN, ProgrammeStatus.CLOSED, ProgrammeStatus.RUNNING]
        path += [ProgrammeStatus.FINISHED]
        if status is ProgrammeStatus.CANCELLED:
            await programmes.change_programme_status(session, key, status)
        elif status is not ProgrammeStatus.DRAFT:
            for step in path[: path.index(status) + 1]:
                await programmes.change_programme_status(session, key, step)
        return key

    result: int = await factory._write(write)
    return result


async def application(
    factory: Factory, programme_id: int, creator: int, *, motivation: str = "I love it."
) -> int:
    fields = applications.ApplicationFields(motivation=motivation)
    result: int = await factory._write(
        lambda s: applications.apply(s, programme_id, creator, fields)
    )
    return result


async def decide(factory: Factory, application_id: int, decision: ApplicationStatus) -> None:
    await factory._write(lambda s: applications.decide(s, application_id, decision))


async def enrol(factory: Factory, application_id: int) -> None:
    await factory._write(lambda s: applications.enrol(s, application_id))


def apply_input(programme_id: int, who: Person, **extra: Any) -> dict[str, Any]:
    return {
        "input": {
            "programmeId": global_id("Programme", programme_id),
            "creatorId": who.creator_id,
            "motivation": "I want to learn from the best.",
            **extra,
        }
    }


async def system_audit(
    session: AsyncSession, *, programmes: Iterable[int] = (), applications: Iterable[int] = ()
) -> list[tuple[str | None, str, str, int | None]]:
    """The audit records jobs left on these programmes and applications (job, action,
    entity type, entity id), oldest first; each is checked to carry no caller: no user,
    no key, not staff, no request."""
    about = or_(
        and_(AuditRecord.entity_type == "Programme", AuditRecord.entity_id.in_(list(programmes))),
        and_(
            AuditRecord.entity_type == "ProgrammeApplication",
            AuditRecord.entity_id.in_(list(applications)),
        ),
    )
    rows = (
        await session.scalars(
            select(AuditRecord)
            .where(AuditRecord.actor_kind == AuditActorKind.SYSTEM, about)
            .order_by(AuditRecord.id)
        )
    ).all()
    for row in rows:
        assert (row.actor_user_id, row.actor_api_key_id, row.actor_is_staff) == (None, None, False)
        assert row.request_id == ""
        assert row.fields == ["status"]
    return [(row.actor_job, row.action, row.entity_type, row.entity_id) for row in rows]
