"""Creating, changing and deleting creators: validation and writes, no GraphQL."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.checks import (
    HANDLE_PATTERN,
    UNCHANGED,
    Unchanged,
    check_date_range,
    check_email,
    check_languages,
    check_pattern,
    check_phone,
    check_text,
    check_url,
    check_year,
)
from hub.core.lookups import any_row, check_unique, get_or_reject
from hub.core.validation import ErrorCode, Problems, Rejected
from hub.countries.service import check_countries
from hub.creators.enums import LanguageProficiency, SkillLevel
from hub.creators.models import Affiliation, Creator, CreatorDiscipline, CreatorLanguage
from hub.creators.search import creator_document
from hub.disciplines.service import discipline_ids
from hub.organisations.models import Organisation
from hub.projects.models import Project

MAX_PORTFOLIO_LINKS = 20
MAX_YEARS_OF_EXPERIENCE = 90


class SkillSpec(Protocol):
    @property
    def discipline(self) -> str: ...

    @property
    def level(self) -> SkillLevel: ...

    @property
    def years_of_experience(self) -> int: ...


class LanguageSpec(Protocol):
    @property
    def language(self) -> str: ...

    @property
    def proficiency(self) -> LanguageProficiency: ...


class LinkSpec(Protocol):
    @property
    def title(self) -> str: ...

    @property
    def url(self) -> str: ...


@dataclass(frozen=True)
class CreatorFields:
    """A creator's editable fields; ``UNCHANGED`` ones are left as they are."""

    handle: str | Unchanged = UNCHANGED
    display_name: str | Unchanged = UNCHANGED
    country: str | Unchanged = UNCHANGED
    city: str | Unchanged | None = UNCHANGED
    birth_year: int | Unchanged | None = UNCHANGED
    bio: str | Unchanged | None = UNCHANGED
    open_to_collaboration: bool | Unchanged = UNCHANGED
    is_mentor: bool | Unchanged = UNCHANGED
    disciplines: Sequence[SkillSpec] | Unchanged = UNCHANGED
    languages: Sequence[LanguageSpec] | Unchanged = UNCHANGED
    portfolio: Sequence[LinkSpec] | Unchanged = UNCHANGED
    contact_email: str | Unchanged | None = UNCHANGED
    phone: str | Unchanged | None = UNCHANGED


@dataclass
class _Checked:
    columns: dict[str, Any]
    skills: list[tuple[int, SkillSpec]] | None
    languages: Sequence[LanguageSpec] | None


async def _check(
    session: AsyncSession, fields: CreatorFields, today: date, creator_id: int | None
) -> _Checked:
    """Validate every given field at once; raise ``Rejected`` listing all problems."""
    problems = Problems()
    creating = creator_id is None
    columns: dict[str, Any] = {}

    if isinstance(fields.handle, str):
        handle = fields.handle.strip().lower()
        check_pattern(problems, "handle", handle, HANDLE_PATTERN)
        await check_unique(
            session, problems, "handle", Creator.handle, handle, key=Creator.id, own_key=creator_id
        )
        columns["handle"] = handle
    elif creating:
        problems.add("handle", ErrorCode.REQUIRED, "`handle` is required.")

    if not isinstance(fields.display_name, Unchanged) or creating:
        name = fields.display_name if isinstance(fields.display_name, str) else None
        columns["display_name"] = check_text(problems, "displayName", name, max_length=200)

    if isinstance(fields.country, str):
        await check_countries(session, problems, "country", [fields.country])
        columns["country_code"] = fields.country
    elif creating:
        problems.add("country", ErrorCode.REQUIRED, "`country` is required.")

    if not isinstance(fields.city, Unchanged):
        columns["city"] = check_text(problems, "city", fields.city, max_length=100, required=False)
    if not isinstance(fields.birth_year, Unchanged):
        check_year(problems, "birthYear", fields.birth_year, today)
        columns["birth_year"] = fields.birth_year
    if not isinstance(fields.bio, Unchanged):
        columns["bio"] = (
            check_text(problems, "bio", fields.bio, max_length=5000, required=False) or ""
        )
    if not isinstance(fields.open_to_collaboration, Unchanged):
        columns["open_to_collaboration"] = fields.open_to_collaboration
    if not isinstance(fields.is_mentor, Unchanged):
        columns["is_mentor"] = fields.is_mentor
    if not isinstance(fields.portfolio, Unchanged):
        columns["portfolio"] = _check_portfolio(problems, fields.portfolio)
    if not isinstance(fields.contact_email, Unchanged):
        columns["contact_email"] = check_email(problems, "contactEmail", fields.contact_email)
    if not isinstance(fields.phone, Unchanged):
        columns["phone"] = check_phone(problems, "phone", fields.phone)

    skills: list[tuple[int, SkillSpec]] | None = None
    if not isinstance(fields.disciplines, Unchanged):
        specs = list(fields.disciplines)
        ids = await discipline_ids(session, problems, "disciplines", [s.discipline for s in specs])
        for index, spec in enumerate(specs):
            if not 0 <= spec.years_of_experience <= MAX_YEARS_OF_EXPERIENCE:
                problems.add(
                    ("disciplines", str(index), "yearsOfExperience"),
                    ErrorCode.OUT_OF_RANGE,
                    f"Years of experience must be between 0 and {MAX_YEARS_OF_EXPERIENCE}.",
                )
        skills = list(zip(ids, specs, strict=False)) if len(ids) == len(specs) else []

    languages: Sequence[LanguageSpec] | None = None
    if not isinstance(fields.languages, Unchanged):
        languages = list(fields.languages)
        check_languages(problems, "languages", [spec.language for spec in languages])

    if problems:
        raise Rejected(problems.errors)
    return _Checked(columns, skills, languages)


def _check_portfolio(problems: Problems, links: Sequence[LinkSpec]) -> list[dict[str, str]]:
    if len(links) > MAX_PORTFOLIO_LINKS:
        problems.add(
            "portfolio", ErrorCode.OUT_OF_RANGE, f"At most {MAX_PORTFOLIO_LINKS} links fit."
        )
    checked = []
    for index, link in enumerate(links):
        title = check_text(problems, "portfolio", link.title, max_length=200)
        check_url(problems, ("portfolio", str(index), "url"), link.url)
        checked.append({"title": title or "", "url": link.url})
    return checked


async def _replace_children(session: AsyncSession, creator_id: int, checked: _Checked) -> None:
    if checked.skills is not None:
        await session.execute(
            delete(CreatorDiscipline).where(CreatorDiscipline.creator_id == creator_id)
        )
        session.add_all(
            CreatorDiscipline(
                creator_id=creator_id,
                discipline_id=discipline,
                level=spec.level,
                years_of_experience=spec.years_of_experience,
            )
            for discipline, spec in checked.skills
        )
    if checked.languages is not None:
        await session.execute(
            delete(CreatorLanguage).where(CreatorLanguage.creator_id == creator_id)
        )
        session.add_all(
            CreatorLanguage(
                creator_id=creator_id, language=spec.language, proficiency=spec.proficiency
            )
            for spec in checked.languages
        )
    await session.flush()


async def create_creator(
    session: AsyncSession, fields: CreatorFields, today: date, *, owner: int | None = None
) -> int:
    """A new profile, owned by user ``owner`` when given (a user has one profile at most)."""
    checked = await _check(session, fields, today, creator_id=None)
    if owner is not None:
        await _refuse_second_profile(session, owner)
    creator = Creator(**checked.columns, owner_user_id=owner)
    creator.search_text = creator_document(creator.display_name, creator.handle, creator.city)
    session.add(creator)
    await session.flush()
    await _replace_children(session, creator.id, checked)
    return creator.id


async def _refuse_second_profile(session: AsyncSession, owner: int) -> None:
    if await any_row(session, select(Creator.id).where(Creator.owner_user_id == owner)):
        raise Rejected.one(
            (), ErrorCode.DUPLICATE, "This user already owns a creator profile; one is the limit."
        )


async def set_owner(session: AsyncSession, creator_id: int, owner: int | None) -> int:
    """Give a profile to user ``owner`` (after staff verified the claim), or release it."""
    creator = await get_or_reject(session, Creator, creator_id, noun="creator", path="creatorId")
    if owner is not None and owner != creator.owner_user_id:
        await _refuse_second_profile(session, owner)
    creator.owner_user_id = owner
    await session.flush()
    return creator_id


async def update_creator(
    session: AsyncSession, creator_id: int, fields: CreatorFields, today: date
) -> int:
    creator = await get_or_reject(session, Creator, creator_id, noun="creator")
    checked = await _check(session, fields, today, creator_id=creator_id)
    for name, value in checked.columns.items():
        setattr(creator, name, value)
    creator.search_text = creator_document(creator.display_name, creator.handle, creator.city)
    await session.flush()
    await _replace_children(session, creator_id, checked)
    return creator_id


async def delete_creator(session: AsyncSession, creator_id: int) -> None:
    creator = await get_or_reject(session, Creator, creator_id, noun="creator")
    if await any_row(session, select(Project.id).where(Project.lead_creator_id == creator_id)):
        raise Rejected.one(
            "id", ErrorCode.IN_USE, "This creator leads a project; hand the lead over first."
        )
    await session.delete(creator)
    await session.flush()


@dataclass(frozen=True)
class AffiliationFields:
    creator_id: int
    organisation_id: int
    role: str
    since: date | None = None
    until: date | None = None


async def add_affiliation(session: AsyncSession, fields: AffiliationFields) -> int:
    problems = Problems()
    if await session.get(Creator, fields.creator_id) is None:
        problems.add("creatorId", ErrorCode.NOT_FOUND, "No creator has this id.")
    if await session.get(Organisation, fields.organisation_id) is None:
        problems.add("organisationId", ErrorCode.NOT_FOUND, "No organisation has this id.")
    role = check_text(problems, "role", fields.role, max_length=200)
    check_date_range(problems, "until", fields.since, fields.until, start_name="since")
    same = select(Affiliation.id).where(
        Affiliation.creator_id == fields.creator_id,
        Affiliation.organisation_id == fields.organisation_id,
        Affiliation.role == (role or ""),
        Affiliation.since.is_(None) if fields.since is None else Affiliation.since == fields.since,
    )
    if not problems and await any_row(session, same):
        problems.add("role", ErrorCode.DUPLICATE, "This affiliation is already recorded.")
    if problems:
        raise Rejected(problems.errors)
    affiliation = Affiliation(
        creator_id=fields.creator_id,
        organisation_id=fields.organisation_id,
        role=role,
        since=fields.since,
        until=fields.until,
    )
    session.add(affiliation)
    await session.flush()
    return affiliation.id


async def remove_affiliation(session: AsyncSession, affiliation_id: int) -> int:
    """Delete an affiliation; returns the creator it belonged to."""
    affiliation = await get_or_reject(session, Affiliation, affiliation_id, noun="affiliation")
    await session.delete(affiliation)
    await session.flush()
    return affiliation.creator_id
