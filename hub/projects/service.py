"""Projects, their participants and open roles: validation and writes, no GraphQL."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Protocol

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from hub.accounts.enums import ProjectRole
from hub.accounts.memberships import add_project_member
from hub.core.checks import (
    SLUG_PATTERN,
    UNCHANGED,
    Unchanged,
    check_date_range,
    check_languages,
    check_text,
)
from hub.core.lookups import any_row, get_or_reject
from hub.core.money import MINOR_DIGITS, Money, MoneyError
from hub.core.rules import (
    FieldRule,
    LanguageCodes,
    Lowered,
    Matches,
    OrNothing,
    RuleContext,
    Text,
    Unique,
    apply_rules,
)
from hub.core.states import IllegalTransition
from hub.core.validation import Path, Problems, Rejected
from hub.countries.service import KnownCountries, KnownCountry
from hub.creators.enums import LanguageProficiency, SkillLevel
from hub.creators.service import creator_exists
from hub.disciplines.service import DisciplineId, DisciplineIds
from hub.i18n.messages import Message, _
from hub.organisations.service import organisation_exists
from hub.projects.activity import ActivityKind, record_activity, record_project_gone
from hub.projects.enums import ProjectStatus, RoleRequirement
from hub.projects.errors import ProjectErrorCode
from hub.projects.models import OpenRole, Participant, Project, ProjectDiscipline
from hub.projects.role_checks import check_role_coherence
from hub.projects.search import project_document
from hub.projects.states import PROJECT_STATUS

CLOSED_STATUSES = {
    ProjectStatus.COMPLETED: _("The project is completed."),
    ProjectStatus.CANCELLED: _("The project is cancelled."),
}
"""The statuses that take no more changes, and how a refusal names each."""
LEAD_ROLE = "Lead"
MAX_HEADCOUNT = 1000


class BudgetSpec(Protocol):
    @property
    def amount(self) -> Decimal: ...

    @property
    def currency_code(self) -> str: ...


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
            (path, "currency_code"),
            ProjectErrorCode.UNKNOWN_CURRENCY,
            _("{code!r} is not an ISO 4217 currency code.", code=budget.currency_code),
        )
        return None
    try:
        money = Money.from_decimal(budget.amount, budget.currency_code)
    except MoneyError as error:
        problems.add((path, "amount"), ProjectErrorCode.INVALID_AMOUNT, error.reason)
        return None
    if money.minor_units < 0:
        problems.add(
            (path, "amount"), ProjectErrorCode.INVALID_AMOUNT, _("A budget cannot be negative.")
        )
    return money


PROJECT_RULES: dict[str, FieldRule] = {
    "slug": FieldRule((Lowered(), Matches(SLUG_PATTERN), Unique(Project.slug, Project.id)), True),
    "title": FieldRule((Text(200),), required=True),
    "summary": FieldRule((Text(500, required=False, empty=""),)),
    "description": FieldRule((Text(20_000, required=False, empty=""),)),
    "start_date": FieldRule(),
    "end_date": FieldRule(),
    "disciplines": FieldRule((DisciplineIds(),)),
}
"""The rules of a project's own fields; its status, leads, dates and budget span fields."""


async def _check_project(
    session: AsyncSession, fields: ProjectFields, project: Project | None
) -> tuple[dict[str, Any], list[int] | None]:
    problems = Problems()
    context = RuleContext(session, problems, own_key=project.id if project else None)
    columns = await apply_rules(context, PROJECT_RULES, fields, creating=project is None)
    disciplines: list[int] | None = columns.pop("disciplines", None)

    if isinstance(fields.status, ProjectStatus):
        _check_status(problems, project.status if project else None, fields.status)
        columns["status"] = fields.status
    elif project is None:
        columns["status"] = ProjectStatus.DRAFT
    await _check_leads(session, problems, fields, project, columns)
    start = columns.get("start_date", project.start_date if project else None)
    end = columns.get("end_date", project.end_date if project else None)
    check_date_range(problems, "end_date", start, end, start_name="start_date")
    if not isinstance(fields.budget, Unchanged):
        money = check_budget(problems, "budget", fields.budget)
        columns["budget_minor"] = money.minor_units if money else None
        columns["budget_currency"] = money.currency if money else None
    problems.raise_any()
    return columns, disciplines


def _check_status(problems: Problems, current: ProjectStatus | None, wanted: ProjectStatus) -> None:
    try:
        PROJECT_STATUS.check(current, wanted)
    except IllegalTransition as illegal:
        problems.add("status", ProjectErrorCode.INVALID_STATUS_TRANSITION, illegal.message)


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
    if isinstance(organisation_id, int) and not await organisation_exists(session, organisation_id):
        problems.add(
            "lead_organisation_id", ProjectErrorCode.NOT_FOUND, _("No organisation has this id.")
        )
    if isinstance(creator_id, int) and not await creator_exists(session, creator_id):
        problems.add("lead_creator_id", ProjectErrorCode.NOT_FOUND, _("No creator has this id."))
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
            "lead_organisation_id",
            ProjectErrorCode.LEAD_REQUIRED,
            _("A project needs a lead organisation or a lead creator."),
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
            participant = Participant(
                project_id=project.id,
                role=LEAD_ROLE,
                joined_on=project.start_date,
                **{column.key: lead},
            )
            session.add(participant)
            await session.flush()
            _record_participant(session, ActivityKind.PARTICIPANT_JOINED, participant)
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
        await add_project_member(session, project.id, lead_user, ProjectRole.LEAD)
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
    if project.status is not status_before:
        record_activity(session, project_id, ActivityKind.PROJECT_STATUS_CHANGED)
    await _sync_after_write(session, project, disciplines)
    return project_id


async def delete_project(session: AsyncSession, project_id: int) -> None:
    project = await get_project(session, project_id, "id")
    await session.delete(project)
    await session.flush()
    record_project_gone(session, project_id)


async def get_project(session: AsyncSession, project_id: int, path: str) -> Project:
    return await get_or_reject(
        session, Project, project_id, missing=_("No project has this id."), path=path
    )


def refuse_if_closed(project: Project, path: str) -> None:
    if project.status in CLOSED_STATUSES:
        raise Rejected.one(path, ProjectErrorCode.PROJECT_CLOSED, CLOSED_STATUSES[project.status])


@dataclass(frozen=True)
class ParticipantFields:
    project_id: int
    creator_id: int | None
    organisation_id: int | None
    role: str
    joined_on: date | None = None


async def add_participant(session: AsyncSession, fields: ParticipantFields) -> int:
    project = await get_project(session, fields.project_id, "project_id")
    refuse_if_closed(project, "project_id")
    problems = Problems()
    role = check_text(problems, "role", fields.role, max_length=200)
    if (fields.creator_id is None) == (fields.organisation_id is None):
        problems.add(
            "creator_id",
            ProjectErrorCode.INVALID,
            _("Give exactly one of `creator_id` or `organisation_id`."),
        )
    elif fields.creator_id is not None:
        await _check_member(
            session,
            problems,
            "creator_id",
            _("No creator has this id."),
            Participant.creator_id,
            fields.creator_id,
            project.id,
        )
    else:
        assert fields.organisation_id is not None
        await _check_member(
            session,
            problems,
            "organisation_id",
            _("No organisation has this id."),
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
    _record_participant(session, ActivityKind.PARTICIPANT_JOINED, participant)
    return participant.id


def _record_participant(
    session: AsyncSession, kind: ActivityKind, participant: Participant
) -> None:
    record_activity(
        session,
        participant.project_id,
        kind,
        participant=participant.id,
        creator=participant.creator_id,
        organisation=participant.organisation_id,
    )


async def _check_member(
    session: AsyncSession,
    problems: Problems,
    path: str,
    missing: Message,
    column: Any,
    member_id: int,
    project_id: int,
) -> None:
    exists = creator_exists if column is Participant.creator_id else organisation_exists
    if not await exists(session, member_id):
        problems.add(path, ProjectErrorCode.NOT_FOUND, missing)
        return
    already = select(Participant.id).where(
        Participant.project_id == project_id, column == member_id
    )
    if await any_row(session, already):
        problems.add(
            path, ProjectErrorCode.ALREADY_PARTICIPANT, _("They already take part in the project.")
        )


async def remove_participant(session: AsyncSession, participant_id: int) -> int:
    """Remove a participant (never a lead); returns the project's id."""
    participant = await get_or_reject(
        session, Participant, participant_id, missing=_("No participant has this id.")
    )
    project = await get_project(session, participant.project_id, "id")
    is_lead = (
        participant.creator_id is not None and participant.creator_id == project.lead_creator_id
    ) or (
        participant.organisation_id is not None
        and participant.organisation_id == project.lead_organisation_id
    )
    if is_lead:
        raise Rejected.one("id", ProjectErrorCode.IN_USE, _("The project's lead cannot leave it."))
    await session.delete(participant)
    await session.flush()
    _record_participant(session, ActivityKind.PARTICIPANT_LEFT, participant)
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
    strict_requirements: Sequence[RoleRequirement] | Unchanged = UNCHANGED
    language_minimums: Sequence[LanguageMinimum] | Unchanged = UNCHANGED
    prefers_exact_level: bool | Unchanged = UNCHANGED
    location_country: str | Unchanged | None = UNCHANGED
    location_city: str | Unchanged | None = UNCHANGED


class LanguageMinimum(Protocol):
    """The proficiency a role asks for in one language."""

    language: str
    proficiency: LanguageProficiency


@dataclass(frozen=True)
class Requirements:
    """A field rule: requirements by name, each once."""

    async def __call__(self, context: RuleContext, path: Path, value: Any) -> Any:
        return sorted({requirement.value for requirement in value})


@dataclass(frozen=True)
class LanguageMinimums:
    """A field rule: known languages, each once, stored as ``{code: proficiency}``."""

    async def __call__(self, context: RuleContext, path: Path, value: Any) -> Any:
        minimums = list(value)
        check_languages(context.problems, path, [minimum.language for minimum in minimums])
        return {minimum.language: minimum.proficiency.value for minimum in minimums}


ROLE_RULES: dict[str, FieldRule] = {
    "title": FieldRule((Text(200),), required=True),
    "description": FieldRule((Text(5000, required=False, empty=""),)),
    "discipline": FieldRule((DisciplineId(),), required=True, column="discipline_id"),
    "required_languages": FieldRule((LanguageCodes(),)),
    "seniority": FieldRule(required=True),
    "remote_allowed": FieldRule(),
    "preferred_countries": FieldRule((KnownCountries(),)),
    "strict_requirements": FieldRule((Requirements(),)),
    "language_minimums": FieldRule((LanguageMinimums(),)),
    "prefers_exact_level": FieldRule(),
    "location_country": FieldRule((OrNothing(KnownCountry()),)),
    "location_city": FieldRule((Text(100, required=False),)),
}
"""The rules of an open role's fields; its headcount and places taken span two fields."""


async def _check_role(
    session: AsyncSession, fields: RoleFields, role: OpenRole | None
) -> dict[str, Any]:
    problems = Problems()
    context = RuleContext(session, problems, own_key=role.id if role else None)
    columns = await apply_rules(context, ROLE_RULES, fields, creating=role is None)
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
            ProjectErrorCode.OUT_OF_RANGE,
            _(
                "`{name}` must be between {low} and {high}.",
                name="headcount",
                low=1,
                high=MAX_HEADCOUNT,
            ),
        )
    if not 0 <= filled <= headcount:
        problems.add(
            "filled_count",
            ProjectErrorCode.OUT_OF_RANGE,
            _("`filled_count` must be between 0 and `headcount`."),
        )
    columns["headcount"] = headcount
    columns["filled_count"] = filled
    check_role_coherence(problems, columns, role)
    problems.raise_any()
    return columns


async def open_role(session: AsyncSession, project_id: int, fields: RoleFields) -> int:
    project = await get_project(session, project_id, "project_id")
    refuse_if_closed(project, "project_id")
    columns = await _check_role(session, fields, role=None)
    role = OpenRole(project_id=project_id, is_open=True, **columns)
    session.add(role)
    await session.flush()
    record_activity(session, project_id, ActivityKind.ROLE_OPENED, role=role.id)
    return role.id


async def update_role(session: AsyncSession, role_id: int, fields: RoleFields) -> int:
    role = await _get_role(session, role_id)
    columns = await _check_role(session, fields, role)
    filled_before = role.filled_count
    for name, value in columns.items():
        setattr(role, name, value)
    await session.flush()
    if role.filled_count > filled_before:
        record_activity(session, role.project_id, ActivityKind.ROLE_FILLED, role=role_id)
    return role_id


async def close_role(session: AsyncSession, role_id: int) -> int:
    role = await _get_role(session, role_id)
    if not role.is_open:
        raise Rejected.one("id", ProjectErrorCode.ROLE_CLOSED, _("The role is already closed."))
    role.is_open = False
    await session.flush()
    record_activity(session, role.project_id, ActivityKind.ROLE_CLOSED, role=role_id)
    return role_id


async def _get_role(session: AsyncSession, role_id: int) -> OpenRole:
    return await get_or_reject(session, OpenRole, role_id, missing=_("No open role has this id."))


async def refuse_removing_lead(
    session: AsyncSession, *, creator_id: int | None = None, organisation_id: int | None = None
) -> None:
    """A creator or organisation that leads a project cannot go until the lead is handed over."""
    for column, key, refusal in (
        (
            Project.lead_creator_id,
            creator_id,
            _("This creator leads a project; hand the lead over first."),
        ),
        (
            Project.lead_organisation_id,
            organisation_id,
            _("This organisation leads a project; hand the lead over first."),
        ),
    ):
        if key is not None and await any_row(session, select(Project.id).where(column == key)):
            raise Rejected.one("id", ProjectErrorCode.IN_USE, refusal)


# Joining by invitation (``hub.accounts.invitations``): the project's side of it.


class RoleRoom(enum.Enum):
    """Whether an open role can take one more person."""

    NO_SUCH_ROLE = "NO_SUCH_ROLE"
    CLOSED = "CLOSED"
    FULL = "FULL"
    ROOM = "ROOM"


async def room_in_role(
    session: AsyncSession, project_id: int, open_role_id: int
) -> tuple[RoleRoom, str | None]:
    """Whether this project's open role has a place left, and the role's title."""
    role = await session.get(OpenRole, open_role_id)
    if role is None or role.project_id != project_id:
        return RoleRoom.NO_SUCH_ROLE, None
    if not role.is_open:
        return RoleRoom.CLOSED, role.title
    if role.filled_count >= role.headcount:
        return RoleRoom.FULL, role.title
    return RoleRoom.ROOM, role.title


async def takes_part(session: AsyncSession, project_id: int, creator_id: int) -> bool:
    return await any_row(
        session,
        select(Participant.id).where(
            Participant.project_id == project_id, Participant.creator_id == creator_id
        ),
    )


async def fill_role(session: AsyncSession, open_role_id: int) -> bool:
    """Take one place in an open role, in one conditional UPDATE so that concurrent
    acceptances cannot overfill it; a role whose last place goes closes. False when
    the role had no place left, or had closed."""
    project_id = await session.scalar(
        update(OpenRole)
        .where(
            OpenRole.id == open_role_id,
            OpenRole.is_open,
            OpenRole.filled_count < OpenRole.headcount,
        )
        .values(
            filled_count=OpenRole.filled_count + 1,
            is_open=OpenRole.filled_count + 1 < OpenRole.headcount,
        )
        .returning(OpenRole.project_id)
        .execution_options(synchronize_session=False)
    )
    if project_id is None:
        return False
    record_activity(session, project_id, ActivityKind.ROLE_FILLED, role=open_role_id)
    return True


async def join_as_participant(
    session: AsyncSession, project_id: int, creator_id: int, role: str, joined_on: date
) -> None:
    """The creator takes part in the project, unless it already does."""
    if not await takes_part(session, project_id, creator_id):
        participant = Participant(
            project_id=project_id, creator_id=creator_id, role=role, joined_on=joined_on
        )
        session.add(participant)
        await session.flush()
        _record_participant(session, ActivityKind.PARTICIPANT_JOINED, participant)
