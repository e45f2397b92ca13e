"""Creating, changing and deleting organisations: validation and writes, no GraphQL."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.accounts.enums import OrganisationRole
from hub.accounts.models import OrganisationMember
from hub.core.checks import (
    SLUG_PATTERN,
    UNCHANGED,
    Unchanged,
    check_languages,
    check_pattern,
    check_text,
    check_url,
    check_year,
)
from hub.core.lookups import any_row, check_unique, get_or_reject
from hub.core.validation import ErrorCode, Problems, Rejected
from hub.countries.service import check_countries
from hub.disciplines.service import discipline_ids
from hub.organisations.enums import OrganisationKind
from hub.organisations.models import Organisation, OrganisationDiscipline
from hub.organisations.search import organisation_document
from hub.projects.models import Project


class TranslationSpec(Protocol):
    @property
    def language(self) -> str: ...

    @property
    def value(self) -> str: ...


@dataclass(frozen=True)
class OrganisationFields:
    """An organisation's editable fields; ``UNCHANGED`` ones are left as they are."""

    slug: str | Unchanged = UNCHANGED
    name: str | Unchanged = UNCHANGED
    names: Sequence[TranslationSpec] | Unchanged = UNCHANGED
    kind: OrganisationKind | Unchanged = UNCHANGED
    country: str | Unchanged = UNCHANGED
    city: str | Unchanged | None = UNCHANGED
    website: str | Unchanged | None = UNCHANGED
    description: str | Unchanged | None = UNCHANGED
    disciplines: Sequence[str] | Unchanged = UNCHANGED
    founded_year: int | Unchanged | None = UNCHANGED
    member_since: date | Unchanged | None = UNCHANGED


async def _check(
    session: AsyncSession, fields: OrganisationFields, today: date, organisation_id: int | None
) -> tuple[dict[str, Any], list[int] | None]:
    problems = Problems()
    creating = organisation_id is None
    columns: dict[str, Any] = {}

    if isinstance(fields.slug, str):
        slug = fields.slug.strip().lower()
        check_pattern(problems, "slug", slug, SLUG_PATTERN)
        await check_unique(
            session,
            problems,
            "slug",
            Organisation.slug,
            slug,
            key=Organisation.id,
            own_key=organisation_id,
        )
        columns["slug"] = slug
    elif creating:
        problems.add("slug", ErrorCode.REQUIRED, "`slug` is required.")

    if not isinstance(fields.name, Unchanged) or creating:
        name = fields.name if isinstance(fields.name, str) else None
        columns["name"] = check_text(problems, "name", name, max_length=200)
    if not isinstance(fields.names, Unchanged):
        check_languages(problems, "names", [spec.language for spec in fields.names])
        columns["names"] = {
            spec.language: check_text(problems, "names", spec.value, max_length=200) or ""
            for spec in fields.names
        }
    elif creating:
        columns["names"] = {}
    if isinstance(fields.kind, OrganisationKind):
        columns["kind"] = fields.kind
    elif creating:
        problems.add("kind", ErrorCode.REQUIRED, "`kind` is required.")
    if isinstance(fields.country, str):
        await check_countries(session, problems, "country", [fields.country])
        columns["country_code"] = fields.country
    elif creating:
        problems.add("country", ErrorCode.REQUIRED, "`country` is required.")
    if not isinstance(fields.city, Unchanged):
        columns["city"] = check_text(problems, "city", fields.city, max_length=100, required=False)
    if not isinstance(fields.website, Unchanged):
        check_url(problems, "website", fields.website)
        columns["website"] = fields.website
    if not isinstance(fields.description, Unchanged):
        columns["description"] = (
            check_text(
                problems, "description", fields.description, max_length=10_000, required=False
            )
            or ""
        )
    if not isinstance(fields.founded_year, Unchanged):
        check_year(problems, "foundedYear", fields.founded_year, today)
        columns["founded_year"] = fields.founded_year
    if not isinstance(fields.member_since, Unchanged):
        if fields.member_since is not None and fields.member_since > today:
            problems.add("memberSince", ErrorCode.OUT_OF_RANGE, "`memberSince` is in the future.")
        columns["member_since"] = fields.member_since

    disciplines: list[int] | None = None
    if not isinstance(fields.disciplines, Unchanged):
        disciplines = await discipline_ids(
            session, problems, "disciplines", list(fields.disciplines)
        )

    if problems:
        raise Rejected(problems.errors)
    return columns, disciplines


async def _replace_disciplines(
    session: AsyncSession, organisation_id: int, disciplines: list[int] | None
) -> None:
    if disciplines is None:
        return
    await session.execute(
        delete(OrganisationDiscipline).where(
            OrganisationDiscipline.organisation_id == organisation_id
        )
    )
    session.add_all(
        OrganisationDiscipline(organisation_id=organisation_id, discipline_id=discipline)
        for discipline in disciplines
    )
    await session.flush()


def _refresh_search(organisation: Organisation) -> None:
    organisation.search_text = organisation_document(
        organisation.name, organisation.names, organisation.slug, organisation.city
    )


async def create_organisation(
    session: AsyncSession, fields: OrganisationFields, today: date, *, owner: int | None = None
) -> int:
    """A new organisation; user ``owner``, when given, becomes its OWNER."""
    columns, disciplines = await _check(session, fields, today, organisation_id=None)
    organisation = Organisation(**columns)
    _refresh_search(organisation)
    session.add(organisation)
    await session.flush()
    await _replace_disciplines(session, organisation.id, disciplines)
    if owner is not None:
        session.add(
            OrganisationMember(
                organisation_id=organisation.id, user_id=owner, role=OrganisationRole.OWNER
            )
        )
        await session.flush()
    return organisation.id


async def update_organisation(
    session: AsyncSession, organisation_id: int, fields: OrganisationFields, today: date
) -> int:
    organisation = await get_or_reject(session, Organisation, organisation_id, noun="organisation")
    columns, disciplines = await _check(session, fields, today, organisation_id)
    for name, value in columns.items():
        setattr(organisation, name, value)
    _refresh_search(organisation)
    await session.flush()
    await _replace_disciplines(session, organisation_id, disciplines)
    return organisation_id


async def delete_organisation(session: AsyncSession, organisation_id: int) -> None:
    organisation = await get_or_reject(session, Organisation, organisation_id, noun="organisation")
    leads = select(Project.id).where(Project.lead_organisation_id == organisation_id)
    if await any_row(session, leads):
        raise Rejected.one(
            "id", ErrorCode.IN_USE, "This organisation leads a project; hand the lead over first."
        )
    await session.delete(organisation)
    await session.flush()
