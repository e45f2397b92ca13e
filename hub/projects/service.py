"""Projects, their participants and open roles: validation and writes, no GraphQL."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Protocol

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from hub.accounts.enums import ProjectRole
from hub.accounts.models import ProjectMember
from hub.core.checks import (
    SLUG_PATTERN,
    UNCHANGED,
    Unchanged,
    check_date_range,
    check_languages,
    check_pattern,
    check_text,
)
from hub.core.lookups import any_row, check_unique, get_or_reject
from hub.core.money import MINOR_DIGITS, Money, MoneyError
from hub.core.states import IllegalTransition
from hub.core.validation import ErrorCode, Problems, Rejected
from hub.countries.service import check_countries
from hub.creators.enums import SkillLevel
from hub.creators.models import Creator
from hub.disciplines.service import discipline_id, discipline_ids
from hub.organisations.models import Organisation
from hub.projects.enums import ProjectStatus
from hub.projects.models import OpenRole, Participant, Project, ProjectDiscipline
from hub.projects.search import project_document
from hub.projects.states import PROJECT_STATUS

CLOSED_STATUSES = frozenset({ProjectStatus.COMPLETED, ProjectStatus.CANCELLED})
LEAD_ROLE = "Lead"
MAX_HEADCOUNT = 1000


class BudgetSpec(Protocol):
    amount: Decimal
    currency_code: str


@dataclass(frozen=True)
class ProjectFields:
    """A project's editable fields; ``UNCHANGED`` ones are left as they are."""

    slug: str | Unchanged = UNCHANGED
    title: str | Unchanged = UNCHANGED
    summary: str | Unchanged | None = UNCHANGED
    description: str | Unchanged | None = UNCHANGED
    status: ProjectStatus | Unchanged = UNCHANGED
    lead_organisation_id: int | Unchanged | None = UNCHANGED
    lead_creator_id: int | Unchanged | None = UNCHANGED
    disciplines: Sequence[str] | Unchanged = UNCHANGED
    start_date: date | Unchanged | None = UNCHANGED
    end_date: date | Unchanged | None = UNCHANGED
    budget: BudgetSpec | Unchanged | None = UNCHANGED


def check_budget(problems: Problems, path: str, budget: BudgetSpec | None) -> Money | None:
    """Exact money from a decimal amount: a known currency, not negative, no extra decimals."""
    if budget is None:
        return None
    if budget.currency_code not in MINOR_DIGITS:
        problems.add(
            (path, "currencyCode"),
            ErrorCode.UNKNOWN_CURRENCY,
            f"{budget.currency_code!r} is not an ISO 4217 currency code.",
        )
        return None
    try:
        money = Money.from_decimal(budget.amount, budget.currency_code)
    except MoneyError as error:
        problems.add((path, "amount"), ErrorCode.INVALID_AMOUNT, f"{error}.")
        return None
    if money.minor_units < 0:
        problems.add((path, "amount"), ErrorCode.INVALID_AMOUNT, "A budget cannot be negative.")
    return money


async def _check_project(
    session: AsyncSession, fields: ProjectFields, project: Project | None
) -> tuple[dict[str, Any], list[int] | None]:
    problems = Problems()
    creating = project is None
    columns: dict[str, Any] = {}

    if isinstance(fields.slug, str):
        slug = fields.slug.strip().lower()
        check_pattern(problems, "slug", slug, SLUG_PATTERN)
        await check_unique(
            session,
            problems,
            "slug",
            Project.slug,
            slug,
            key=Project.id,
            own_key=project.id if project else None,
        )
        columns["slug"] = slug
    elif creating:
        problems.add("slug", ErrorCode.REQUIRED, "`slug` is required.")

    if not isinstance(fields.title, Unchanged) or creating:
        title = fields.title if isinstance(fields.title, str) else None
        columns["title"] = check_text(problems, "title", title, max_length=200)
    for name, limit in (("summary", 500), ("description", 20_000)):
        value = getattr(fields, name)
        if not isinstance(value, Unchanged):
            columns[name] = (
                check_text(problems, name, value, max_length=limit, required=False) or ""
            )

    if isinstance(fields.status, ProjectStatus):
        _check_status(problems, project.status if project else None, fields.status)
        columns["status"] = fields.status
    elif creating:
        columns["status"] = ProjectStatus.DRAFT

    await _check_leads(session, problems, fields, project, columns)

    start = (
        fields.start_date
        if not isinstance(fields.start_date, Unchanged)
        else (project.start_date if project else None)
    )
    end = (
        fields.end_date
        if not isinstance(fields.end_date, Unchanged)
        else (project.end_date if project else None)
    )
    check_date_range(problems, "endDate", start, end, start_name="startDate")
    if not isinstance(fields.start_date, Unchanged):
        columns["start_date"] = fields.start_date
    if not isinstance(fields.end_date, Unchanged):
        columns["end_date"] = fields.end_date

    if not isinstance(fields.budget, Unchanged):
        money = check_budget(problems, "budget", fields.budget)
        columns["budget_minor"] = money.minor_units if money else None
        columns["budget_currency"] = money.currency if money else None

    disciplines: list[int] | None = None
    if not isinstance(fields.disciplines, Unchanged):
        disciplines = await discipline_ids(
            session, problems, "disciplines", list(fields.disciplines)
        )
    if problems:
        raise Rejected(problems.errors)
    return columns, disciplines


def _check_status(problems: Problems, current: ProjectStatus | None, wanted: ProjectStatus) -> None:
    try:
        PROJECT_STATUS.check(current, wanted)
    except IllegalTransition as illegal:
        problems.add("status", ErrorCode.INVALID_STATUS_TRANSITION, illegal.message)


async def _check_leads(
    session: AsyncSession,
    problems: Problems,
    fields: ProjectFields,
    project: Project | None,
    columns: dict[str, Any],
) -> None:
    """A project always has a lead organisation or a lead creator, and both must exist."""
    organisation_id = fields.lead_organisation_id
    creator_id = fields.lead_creator_id
    if (
        isinstance(organisation_id, int)
        and await session.get(Organisation, organisation_id) is None
    ):
        problems.add("leadOrganisationId", ErrorCode.NOT_FOUND, "No organisation has this id.")
    if isinstance(creator_id, int) and await session.get(Creator, creator_id) is None:
        problems.add("leadCreatorId", ErrorCode.NOT_FOUND, "No creator has this id.")
    if not isinstance(organisation_id, Unchanged):
        columns["lead_organisation_id"] = organisation_id
    if not isinstance(creator_id, Unchanged):
        columns["lead_creator_id"] = creator_id
    final_organisation = columns.get(
        "lead_organisation_id", project.lead_organisation_id if project else None
    )
    final_creator = columns.get("lead_creator_id", project.lead_creator_id if project else None)
    if final_organisation is None and final_creator is None:
        problems.add(
            "leadOrganisationId",
            ErrorCode.LEAD_REQUIRED,
            "A project needs a lead organisation or a lead creator.",
        )


async def _sync_after_write(
    session: AsyncSession, project: Project, disciplines: list[int] | None
) -> None:
    """Keep what follows from a project's fields true: leads take part, closed means closed."""
    if disciplines is not None:
        await session.execute(
            delete(ProjectDiscipline).where(ProjectDiscipline.project_id == project.id)
        )
        session.add_all(
            ProjectDiscipline(project_id=project.id, discipline_id=discipline)
            for discipline in disciplines
        )
    for column, lead in (
        (Participant.organisation_id, project.lead_organisation_id),
        (Participant.creator_id, project.lead_creator_id),
    ):
        if lead is None:
            continue
        already = select(Participant.id).where(Participant.project_id == project.id, column == lead)
        if not await any_row(session, already):
            session.add(
                Participant(
                    project_id=project.id,
                    role=LEAD_ROLE,
                    joined_on=project.start_date,
                    **{column.key: lead},
                )
            )
    if project.status in CLOSED_STATUSES:
        await session.execute(
            update(OpenRole).where(OpenRole.project_id == project.id).values(is_open=False)
        )
    await session.flush()


async def create_project(
    session: AsyncSession, fields: ProjectFields, *, lead_user: int | None = None
) -> int:
    """A new project; user ``lead_user``, when given, becomes a LEAD of its team."""
    columns, disciplines = await _check_project(session, fields, project=None)
    project = Project(**columns)
    project.search_text = project_document(project.title, project.slug)
    session.add(project)
    await session.flush()
    await PROJECT_STATUS.record(session, project.id, None, project.status)
    await _sync_after_write(session, project, disciplines)
    if lead_user is not None:
        session.add(ProjectMember(project_id=project.id, user_id=lead_user, role=ProjectRole.LEAD))
        await session.flush()
    return project.id


async def update_project(session: AsyncSession, project_id: int, fields: ProjectFields) -> int:
    project = await get_project(session, project_id, "id")
    columns, disciplines = await _check_project(session, fields, project)
    status_before = project.status
    for name, value in columns.items():
        setattr(project, name, value)
    project.search_text = project_document(project.title, project.slug)
    await session.flush()
    await PROJECT_STATUS.record(session, project_id, status_before, project.status)
    await _sync_after_write(session, project, disciplines)
    return project_id


async def delete_project(session: AsyncSession, project_id: int) -> None:
    project = await get_project(session, project_id, "id")
    await session.delete(project)
    await session.flush()


async def get_project(session: AsyncSession, project_id: int, path: str) -> Project:
    return await get_or_reject(session, Project, project_id, noun="project", path=path)


def refuse_if_closed(project: Project, path: str) -> None:
    if project.status in CLOSED_STATUSES:
        raise Rejected.one(
            path, ErrorCode.PROJECT_CLOSED, f"The project is {project.status.value.lower()}."
        )


@dataclass(frozen=True)
class ParticipantFields:
    project_id: int
    creator_id: int | None
    organisation_id: int | None
    role: str
    joined_on: date | None = None


async def add_participant(session: AsyncSession, fields: ParticipantFields) -> int:
    project = await get_project(session, fields.project_id, "projectId")
    refuse_if_closed(project, "projectId")
    problems = Problems()
    role = check_text(problems, "role", fields.role, max_length=200)
    if (fields.creator_id is None) == (fields.organisation_id is None):
        problems.add(
            "creatorId", ErrorCode.INVALID, "Give exactly one of `creatorId` or `organisationId`."
        )
    elif fields.creator_id is not None:
        await _check_member(
            session,
            problems,
            "creatorId",
            Creator,
            Participant.creator_id,
            fields.creator_id,
            project.id,
        )
    else:
        assert fields.organisation_id is not None
        await _check_member(
            session,
            problems,
            "organisationId",
            Organisation,
            Participant.organisation_id,
            fields.organisation_id,
            project.id,
        )
    if problems:
        raise Rejected(problems.errors)
    participant = Participant(
        project_id=project.id,
        creator_id=fields.creator_id,
        organisation_id=fields.organisation_id,
        role=role,
        joined_on=fields.joined_on,
    )
    session.add(participant)
    await session.flush()
    return participant.id


async def _check_member(
    session: AsyncSession,
    problems: Problems,
    path: str,
    model: type[Creator] | type[Organisation],
    column: Any,
    member_id: int,
    project_id: int,
) -> None:
    if await session.get(model, member_id) is None:
        problems.add(path, ErrorCode.NOT_FOUND, f"No {model.__tablename__} has this id.")
        return
    already = select(Participant.id).where(
        Participant.project_id == project_id, column == member_id
    )
    if await any_row(session, already):
        problems.add(path, ErrorCode.ALREADY_PARTICIPANT, "They already take part in the project.")


async def remove_participant(session: AsyncSession, participant_id: int) -> int:
    """Remove a participant (never a lead); returns the project's id."""
    participant = await get_or_reject(session, Participant, participant_id, noun="participant")
    project = await get_project(session, participant.project_id, "id")
    is_lead = (
        participant.creator_id is not None and participant.creator_id == project.lead_creator_id
    ) or (
        participant.organisation_id is not None
        and participant.organisation_id == project.lead_organisation_id
    )
    if is_lead:
        raise Rejected.one("id", ErrorCode.IN_USE, "The project's lead cannot leave it.")
    await session.delete(participant)
    await session.flush()
    return project.id


@dataclass(frozen=True)
class RoleFields:
    """An open role's editable fields; ``UNCHANGED`` ones are left as they are."""

    title: str | Unchanged = UNCHANGED
    description: str | Unchanged | None = UNCHANGED
    discipline: str | Unchanged = UNCHANGED
    required_languages: Sequence[str] | Unchanged = UNCHANGED
    seniority: SkillLevel | Unchanged = UNCHANGED
    headcount: int | Unchanged = UNCHANGED
    filled_count: int | Unchanged = UNCHANGED
    remote_allowed: bool | Unchanged = UNCHANGED
    preferred_countries: Sequence[str] | Unchanged = UNCHANGED


async def _check_role(
    session: AsyncSession, fields: RoleFields, role: OpenRole | None
) -> dict[str, Any]:
    problems = Problems()
    creating = role is None
    columns: dict[str, Any] = {}
    if not isinstance(fields.title, Unchanged) or creating:
        title = fields.title if isinstance(fields.title, str) else None
        columns["title"] = check_text(problems, "title", title, max_length=200)
    if not isinstance(fields.description, Unchanged):
        columns["description"] = (
            check_text(problems, "description", fields.description, max_length=5000, required=False)
            or ""
        )
    if isinstance(fields.discipline, str):
        columns["discipline_id"] = await discipline_id(
            session, problems, "discipline", fields.discipline
        )
    elif creating:
        problems.add("discipline", ErrorCode.REQUIRED, "`discipline` is required.")
    if not isinstance(fields.required_languages, Unchanged):
        codes = list(fields.required_languages)
        check_languages(problems, "requiredLanguages", codes)
        columns["required_languages"] = codes
    if isinstance(fields.seniority, SkillLevel):
        columns["seniority"] = fields.seniority
    elif creating:
        problems.add("seniority", ErrorCode.REQUIRED, "`seniority` is required.")
    if not isinstance(fields.remote_allowed, Unchanged):
        columns["remote_allowed"] = fields.remote_allowed
    if not isinstance(fields.preferred_countries, Unchanged):
        codes = list(fields.preferred_countries)
        await check_countries(session, problems, "preferredCountries", codes)
        columns["preferred_countries"] = codes

    headcount = (
        fields.headcount if isinstance(fields.headcount, int) else (role.headcount if role else 1)
    )
    filled = (
        fields.filled_count
        if isinstance(fields.filled_count, int)
        else (role.filled_count if role else 0)
    )
    if not 1 <= headcount <= MAX_HEADCOUNT:
        problems.add(
            "headcount",
            ErrorCode.OUT_OF_RANGE,
            f"`headcount` must be between 1 and {MAX_HEADCOUNT}.",
        )
    if not 0 <= filled <= headcount:
        problems.add(
            "filledCount",
            ErrorCode.OUT_OF_RANGE,
            "`filledCount` must be between 0 and `headcount`.",
        )
    columns["headcount"] = headcount
    columns["filled_count"] = filled
    if problems:
        raise Rejected(problems.errors)
    return columns


async def open_role(session: AsyncSession, project_id: int, fields: RoleFields) -> int:
    project = await get_project(session, project_id, "projectId")
    refuse_if_closed(project, "projectId")
    columns = await _check_role(session, fields, role=None)
    role = OpenRole(project_id=project_id, is_open=True, **columns)
    session.add(role)
    await session.flush()
    return role.id


async def update_role(session: AsyncSession, role_id: int, fields: RoleFields) -> int:
    role = await _get_role(session, role_id)
    columns = await _check_role(session, fields, role)
    for name, value in columns.items():
        setattr(role, name, value)
    await session.flush()
    return role_id


async def close_role(session: AsyncSession, role_id: int) -> int:
    role = await _get_role(session, role_id)
    if not role.is_open:
        raise Rejected.one("id", ErrorCode.ROLE_CLOSED, "The role is already closed.")
    role.is_open = False
    await session.flush()
    return role_id


async def _get_role(session: AsyncSession, role_id: int) -> OpenRole:
    return await get_or_reject(session, OpenRole, role_id, noun="open role")
