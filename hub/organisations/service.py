"""Creating, changing and deleting organisations: validation and writes, no GraphQL."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from hub.accounts.enums import OrganisationRole
from hub.accounts.memberships import add_organisation_member
from hub.core.checks import SLUG_PATTERN, UNCHANGED, Unchanged, check_languages, check_text
from hub.core.lookups import get_or_reject
from hub.core.rules import (
    FieldRule,
    Lowered,
    Matches,
    NotInFuture,
    PastYear,
    RuleContext,
    Text,
    Unique,
    WebAddress,
    apply_rules,
)
from hub.core.validation import Problems
from hub.countries.service import KnownCountry, check_region_field
from hub.disciplines.service import DisciplineIds
from hub.i18n.messages import _
from hub.organisations.enums import OrganisationKind
from hub.organisations.models import Organisation, OrganisationDiscipline
from hub.organisations.search import organisation_document

NO_ORGANISATION = _("No organisation has this id.")


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
    region: str | Unchanged | None = UNCHANGED
    city: str | Unchanged | None = UNCHANGED
    website: str | Unchanged | None = UNCHANGED
    description: str | Unchanged | None = UNCHANGED
    disciplines: Sequence[str] | Unchanged = UNCHANGED
    founded_year: int | Unchanged | None = UNCHANGED
    member_since: date | Unchanged | None = UNCHANGED


ORGANISATION_RULES: dict[str, FieldRule] = {
    "slug": FieldRule(
        (Lowered(), Matches(SLUG_PATTERN), Unique(Organisation.slug, Organisation.id)),
        required=True,
    ),
    "name": FieldRule((Text(200),), required=True),
    "kind": FieldRule(required=True),
    "country": FieldRule((KnownCountry(),), required=True, column="country_code"),
    "city": FieldRule((Text(100, required=False),)),
    "website": FieldRule((WebAddress(),)),
    "description": FieldRule((Text(10_000, required=False, empty=""),)),
    "founded_year": FieldRule((PastYear(),)),
    "member_since": FieldRule((NotInFuture(),)),
    "disciplines": FieldRule((DisciplineIds(),)),
}
"""The rules of an organisation's fields; its names in other languages are a list."""


async def _check(
    session: AsyncSession, fields: OrganisationFields, today: date, stored: Organisation | None
) -> tuple[dict[str, Any], list[int] | None]:
    problems = Problems()
    creating = stored is None
    own_key = None if stored is None else stored.id
    context = RuleContext(session, problems, own_key=own_key, today=today)
    columns = await apply_rules(context, ORGANISATION_RULES, fields, creating=creating)
    check_region_field(problems, columns, fields.region, stored)
    disciplines: list[int] | None = columns.pop("disciplines", None)
    if not isinstance(fields.names, Unchanged):
        check_languages(problems, "names", [spec.language for spec in fields.names])
        columns["names"] = {
            spec.language: check_text(problems, "names", spec.value, max_length=200) or ""
            for spec in fields.names
        }
    elif creating:
        columns["names"] = {}
    problems.raise_any()
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


async def get_organisation(session: AsyncSession, organisation_id: int, path: str) -> Organisation:
    return await get_or_reject(
        session, Organisation, organisation_id, missing=NO_ORGANISATION, path=path
    )


async def organisation_exists(session: AsyncSession, organisation_id: int) -> bool:
    return await session.get(Organisation, organisation_id) is not None


async def create_organisation(
    session: AsyncSession, fields: OrganisationFields, today: date, *, owner: int | None = None
) -> int:
    """A new organisation; user ``owner``, when given, becomes its OWNER."""
    columns, disciplines = await _check(session, fields, today, stored=None)
    organisation = Organisation(**columns)
    _refresh_search(organisation)
    session.add(organisation)
    await session.flush()
    await _replace_disciplines(session, organisation.id, disciplines)
    if owner is not None:
        await add_organisation_member(session, organisation.id, owner, OrganisationRole.OWNER)
    return organisation.id


async def update_organisation(
    session: AsyncSession, organisation_id: int, fields: OrganisationFields, today: date
) -> int:
    organisation = await get_or_reject(
        session, Organisation, organisation_id, missing=NO_ORGANISATION
    )
    columns, disciplines = await _check(session, fields, today, stored=organisation)
    for name, value in columns.items():
        setattr(organisation, name, value)
    _refresh_search(organisation)
    await session.flush()
    await _replace_disciplines(session, organisation_id, disciplines)
    return organisation_id


async def delete_organisation(session: AsyncSession, organisation_id: int) -> None:
    """Delete an organisation; whether it still leads a project is the projects' rule,
    checked by the mutation beforehand (``hub.projects.service.refuse_removing_lead``)."""
    organisation = await get_organisation(session, organisation_id, "id")
    await session.delete(organisation)
    await session.flush()
