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
    check_languages,
    check_text,
    check_url,
)
from hub.core.lookups import any_row, get_or_reject
from hub.core.rules import (
    EmailAddress,
    FieldRule,
    Lowered,
    Matches,
    PastYear,
    PhoneNumber,
    RuleContext,
    Text,
    Unique,
    apply_rules,
)
from hub.core.validation import Problems, Rejected
from hub.countries.service import KnownCountry, check_region_field
from hub.creators.enums import LanguageProficiency, SkillLevel
from hub.creators.errors import CreatorErrorCode
from hub.creators.models import Affiliation, Creator, CreatorDiscipline, CreatorLanguage
from hub.creators.search import creator_document
from hub.disciplines.service import discipline_ids
from hub.i18n.messages import _, _n
from hub.organisations.service import organisation_exists

MAX_PORTFOLIO_LINKS = 20
MAX_YEARS_OF_EXPERIENCE = 90
NO_CREATOR = _("No creator has this id.")


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
    region: str | Unchanged | None = UNCHANGED
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


CREATOR_RULES: dict[str, FieldRule] = {
    "handle": FieldRule(
        (Lowered(), Matches(HANDLE_PATTERN), Unique(Creator.handle, Creator.id)), required=True
    ),
    "display_name": FieldRule((Text(200),), required=True),
    "country": FieldRule((KnownCountry(),), required=True, column="country_code"),
    "city": FieldRule((Text(100, required=False),)),
    "birth_year": FieldRule((PastYear(),)),
    "bio": FieldRule((Text(5000, required=False, empty=""),)),
    "open_to_collaboration": FieldRule(),
    "is_mentor": FieldRule(),
    "contact_email": FieldRule((EmailAddress(),)),
    "phone": FieldRule((PhoneNumber(),)),
}
"""The rules of a creator's own fields; skills, languages and links are lists of parts."""


async def _check(
    session: AsyncSession, fields: CreatorFields, today: date, stored: Creator | None
) -> _Checked:
    """Validate every given field at once; raise ``Rejected`` listing all problems."""
    problems = Problems()
    creator_id = None if stored is None else stored.id
    context = RuleContext(session, problems, own_key=creator_id, today=today)
    columns = await apply_rules(context, CREATOR_RULES, fields, creating=stored is None)
    check_region_field(problems, columns, fields.region, stored)
    if not isinstance(fields.portfolio, Unchanged):
        columns["portfolio"] = _check_portfolio(problems, fields.portfolio)

    skills: list[tuple[int, SkillSpec]] | None = None
    if not isinstance(fields.disciplines, Unchanged):
        specs = list(fields.disciplines)
        ids = await discipline_ids(session, problems, "disciplines", [s.discipline for s in specs])
        for index, spec in enumerate(specs):
            if not 0 <= spec.years_of_experience <= MAX_YEARS_OF_EXPERIENCE:
                problems.add(
                    ("disciplines", str(index), "years_of_experience"),
                    CreatorErrorCode.OUT_OF_RANGE,
                    _(
                        "Years of experience must be between 0 and {high}.",
                        high=MAX_YEARS_OF_EXPERIENCE,
                    ),
                )
        skills = list(zip(ids, specs, strict=False)) if len(ids) == len(specs) else []

    languages: Sequence[LanguageSpec] | None = None
    if not isinstance(fields.languages, Unchanged):
        languages = list(fields.languages)
        check_languages(problems, "languages", [spec.language for spec in languages])

    problems.raise_any()
    return _Checked(columns, skills, languages)


def _check_portfolio(problems: Problems, links: Sequence[LinkSpec]) -> list[dict[str, str]]:
    if len(links) > MAX_PORTFOLIO_LINKS:
        problems.add(
            "portfolio",
            CreatorErrorCode.OUT_OF_RANGE,
            _n("At most {count} link fits.", "At most {count} links fit.", MAX_PORTFOLIO_LINKS),
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


async def creator_exists(session: AsyncSession, creator_id: int) -> bool:
    return await session.get(Creator, creator_id) is not None


async def create_creator(
    session: AsyncSession, fields: CreatorFields, today: date, *, owner: int | None = None
) -> int:
    """A new profile, owned by user ``owner`` when given (a user has one profile at most)."""
    checked = await _check(session, fields, today, stored=None)
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
            (),
            CreatorErrorCode.DUPLICATE,
            _("This user already owns a creator profile; one is the limit."),
        )


async def set_owner(session: AsyncSession, creator_id: int, owner: int | None) -> int:
    """Give a profile to user ``owner`` (after staff verified the claim), or release it."""
    creator = await get_or_reject(
        session, Creator, creator_id, missing=NO_CREATOR, path="creator_id"
    )
    if owner is not None and owner != creator.owner_user_id:
        await _refuse_second_profile(session, owner)
    creator.owner_user_id = owner
    await session.flush()
    return creator_id


async def update_creator(
    session: AsyncSession, creator_id: int, fields: CreatorFields, today: date
) -> int:
    creator = await get_or_reject(session, Creator, creator_id, missing=NO_CREATOR)
    checked = await _check(session, fields, today, stored=creator)
    for name, value in checked.columns.items():
        setattr(creator, name, value)
    creator.search_text = creator_document(creator.display_name, creator.handle, creator.city)
    await session.flush()
    await _replace_children(session, creator_id, checked)
    return creator_id


async def delete_creator(session: AsyncSession, creator_id: int) -> None:
    """Delete a profile; whether it still leads a project is the projects' rule, checked
    by the mutation beforehand (``hub.projects.service.refuse_removing_lead``)."""
    creator = await get_or_reject(session, Creator, creator_id, missing=NO_CREATOR)
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
        problems.add("creator_id", CreatorErrorCode.NOT_FOUND, NO_CREATOR)
    if not await organisation_exists(session, fields.organisation_id):
        problems.add(
            "organisation_id", CreatorErrorCode.NOT_FOUND, _("No organisation has this id.")
        )
    role = check_text(problems, "role", fields.role, max_length=200)
    check_date_range(problems, "until", fields.since, fields.until, start_name="since")
    same = select(Affiliation.id).where(
        Affiliation.creator_id == fields.creator_id,
        Affiliation.organisation_id == fields.organisation_id,
        Affiliation.role == (role or ""),
        Affiliation.since.is_(None) if fields.since is None else Affiliation.since == fields.since,
    )
    if not problems and await any_row(session, same):
        problems.add("role", CreatorErrorCode.DUPLICATE, _("This affiliation is already recorded."))
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
    affiliation = await get_or_reject(
        session, Affiliation, affiliation_id, missing=_("No affiliation has this id.")
    )
    await session.delete(affiliation)
    await session.flush()
    return affiliation.creator_id
