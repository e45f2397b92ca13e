"""Applications to programmes and their reviews: validation and writes, no GraphQL.

Applicants apply, take up an offered seat (ENROLLED) and withdraw; the host's reviewers
score applications and decide (ACCEPTED, WAITLISTED, REJECTED), then record how an
enrolled participant finished (COMPLETED, DROPPED, NO_SHOW). Every move goes through
``seats.move``: the state machine checks it, its history keeps it, and the programme's
seat count follows it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.checks import check_text, check_url
from hub.core.columns import utcnow
from hub.core.lookups import any_row, get_or_reject
from hub.core.states import IllegalTransition
from hub.core.validation import FieldCode, FieldError, Problems, Rejected
from hub.i18n.messages import _
from hub.talent.eligibility import load_applicant, load_prerequisites, refusals
from hub.talent.enums import ApplicationStatus
from hub.talent.errors import TalentErrorCode
from hub.talent.models import ApplicationReview, Programme, ProgrammeApplication
from hub.talent.programmes import get_programme
from hub.talent.seats import move, offer_seat, take_seat
from hub.talent.states import APPLICATION_STATUS
from hub.talent.windows import takes_applications

MAX_PORTFOLIO_LINKS = 10
NO_APPLICATION = _("No application has this id.")

HOST_DECISIONS = frozenset(
    {ApplicationStatus.ACCEPTED, ApplicationStatus.WAITLISTED, ApplicationStatus.REJECTED}
)
"""What the host's reviewers decide about a SUBMITTED (or WAITLISTED) application."""
OUTCOMES = frozenset(
    {ApplicationStatus.COMPLETED, ApplicationStatus.DROPPED, ApplicationStatus.NO_SHOW}
)
"""How an enrolled participant finished, recorded by the host."""


@dataclass(frozen=True)
class ApplicationFields:
    motivation: str
    portfolio_links: Sequence[str] = ()
    wants_scholarship: bool = False


def accepts_applications(programme: Programme, now: datetime) -> bool:
    return takes_applications(
        programme.status, programme.applications_open_at, programme.applications_close_at, now
    )


async def get_application(
    session: AsyncSession, application_id: int, path: str = "id"
) -> ProgrammeApplication:
    application = await session.get(ProgrammeApplication, application_id, with_for_update=True)
    if application is None:
        raise Rejected.one(path, FieldCode.NOT_FOUND, NO_APPLICATION)
    return application


async def apply(
    session: AsyncSession, programme_id: int, creator_id: int, fields: ApplicationFields
) -> int:
    """A SUBMITTED application, if the programme takes applications and the creator is
    eligible; every eligibility rule they fail is reported, each under its own code."""
    now = utcnow()
    programme = await get_programme(session, programme_id, "programme_id")
    applicant = await load_applicant(session, creator_id)
    if applicant is None:
        raise Rejected.one("creator_id", FieldCode.NOT_FOUND, _("No creator has this id."))
    if not accepts_applications(programme, now):
        raise Rejected.one(
            "programme_id",
            TalentErrorCode.APPLICATIONS_CLOSED,
            _("The programme does not take applications now."),
        )
    already = select(ProgrammeApplication.id).where(
        ProgrammeApplication.programme_id == programme_id,
        ProgrammeApplication.creator_id == creator_id,
    )
    if await any_row(session, already):
        raise Rejected.one(
            "creator_id", TalentErrorCode.ALREADY_APPLIED, _("You have applied already.")
        )
    prerequisites = await load_prerequisites(session, programme_id)
    refused = refusals(programme, prerequisites, applicant, now.year)
    if refused:
        raise Rejected([FieldError(("creator_id",), r.code, r.message) for r in refused])
    problems = Problems()
    motivation = check_text(problems, "motivation", fields.motivation, max_length=5000)
    if len(fields.portfolio_links) > MAX_PORTFOLIO_LINKS:
        problems.add(
            "portfolio_links",
            FieldCode.OUT_OF_RANGE,
            _("At most {count} portfolio links.", count=MAX_PORTFOLIO_LINKS),
        )
    for index, link in enumerate(fields.portfolio_links):
        check_url(problems, ("portfolio_links", str(index)), link)
    problems.raise_any()
    application = ProgrammeApplication(
        programme_id=programme_id,
        creator_id=creator_id,
        status=ApplicationStatus.SUBMITTED,
        motivation=motivation or "",
        portfolio_links=list(fields.portfolio_links),
        wants_scholarship=fields.wants_scholarship,
        submitted_at=now,
    )
    session.add(application)
    await session.flush()
    await APPLICATION_STATUS.record(session, application.id, None, application.status)
    return application.id


def _refuse_illegal(application: ProgrammeApplication, wanted: ApplicationStatus) -> None:
    try:
        APPLICATION_STATUS.check(application.status, wanted)
    except IllegalTransition as illegal:
        raise Rejected.one(
            "status", TalentErrorCode.INVALID_STATUS_TRANSITION, illegal.message
        ) from illegal
    if wanted == application.status:
        raise Rejected.one(
            "status",
            TalentErrorCode.INVALID_STATUS_TRANSITION,
            _("The application is {status} already.", status=wanted.value),
        )


async def decide(session: AsyncSession, application_id: int, decision: ApplicationStatus) -> int:
    """The host's decision: ACCEPTED takes a seat (or is refused with NO_SEATS_LEFT),
    WAITLISTED takes a place on the waitlist (or WAITLIST_FULL), REJECTED ends it."""
    if decision not in HOST_DECISIONS:
        raise Rejected.one(
            "decision",
            FieldCode.INVALID,
            _("A decision is ACCEPTED, WAITLISTED or REJECTED."),
        )
    application = await get_application(session, application_id)
    _refuse_illegal(application, decision)
    # Locked, so that decisions on one programme take turns: the waitlist is counted and
    # joined by one of them at a time (seats need no lock: ``take_seat`` is conditional).
    programme = await get_programme(session, application.programme_id, for_update=True)
    if decision is ApplicationStatus.ACCEPTED:
        if not await take_seat(session, programme.id):
            raise Rejected.one(
                "decision",
                TalentErrorCode.NO_SEATS_LEFT,
                _("Every seat is taken; waitlist the application instead."),
            )
        application.has_scholarship = application.wants_scholarship and (
            await scholarships_held(session, programme.id) < programme.scholarship_seats
        )
        await offer_seat(session, application, programme)
    elif decision is ApplicationStatus.WAITLISTED:
        waiting = await session.scalar(
            select(func.count())
            .select_from(ProgrammeApplication)
            .where(
                ProgrammeApplication.programme_id == programme.id,
                ProgrammeApplication.status == ApplicationStatus.WAITLISTED,
            )
        )
        if (waiting or 0) >= programme.waitlist_size:
            raise Rejected.one(
                "decision",
                TalentErrorCode.WAITLIST_FULL,
                _("The waitlist is full ({size}).", size=programme.waitlist_size),
            )
        await move(session, application, decision)
    else:
        await move(session, application, decision)
    return application.id


async def scholarships_held(session: AsyncSession, programme_id: int) -> int:
    """Scholarship seats held by accepted and enrolled applicants (decisions on a programme
    take turns, so counting is enough)."""
    held = await session.scalar(
        select(func.count())
        .select_from(ProgrammeApplication)
        .where(
            ProgrammeApplication.programme_id == programme_id,
            ProgrammeApplication.has_scholarship,
            ProgrammeApplication.status.in_(
                [ApplicationStatus.ACCEPTED, ApplicationStatus.ENROLLED]
            ),
        )
    )
    return int(held or 0)


async def enrol(session: AsyncSession, application_id: int) -> int:
    """The applicant takes up the seat offered, before the offer's deadline."""
    application = await get_application(session, application_id)
    _refuse_illegal(application, ApplicationStatus.ENROLLED)
    deadline = application.offer_expires_at
    if deadline is not None and deadline <= utcnow():
        raise Rejected.one(
            "id", TalentErrorCode.OFFER_EXPIRED, _("The offer expired; the seat went back.")
        )
    await move(session, application, ApplicationStatus.ENROLLED)
    application.offer_expires_at = None
    await session.flush()
    return application.id


async def withdraw(session: AsyncSession, application_id: int) -> int:
    """The applicant withdraws an application not yet enrolled; a seat it held frees."""
    application = await get_application(session, application_id)
    _refuse_illegal(application, ApplicationStatus.WITHDRAWN)
    await move(session, application, ApplicationStatus.WITHDRAWN)
    return application.id


async def record_outcome(
    session: AsyncSession, application_id: int, outcome: ApplicationStatus
) -> int:
    """How an enrolled participant finished; COMPLETED publishes
    ``talent.application.completed`` (credentials are issued from it)."""
    if outcome not in OUTCOMES:
        raise Rejected.one(
            "outcome", FieldCode.INVALID, _("An outcome is COMPLETED, DROPPED or NO_SHOW.")
        )
    application = await get_application(session, application_id)
    _refuse_illegal(application, outcome)
    await move(session, application, outcome)
    return application.id


async def complete_application(session: AsyncSession, application_id: int) -> int:
    """Mark an enrolled participant COMPLETED: the hook credentials build on."""
    return await record_outcome(session, application_id, ApplicationStatus.COMPLETED)


async def review(
    session: AsyncSession, application_id: int, reviewer_user_id: int, score: int, comment: str
) -> int:
    """A reviewer's score (1 to 5) and comment; a second review by them replaces the first."""
    await get_or_reject(session, ProgrammeApplication, application_id, missing=NO_APPLICATION)
    problems = Problems()
    if not 1 <= score <= 5:
        problems.add("score", FieldCode.OUT_OF_RANGE, _("A score is from 1 to 5."))
    text = check_text(problems, "comment", comment, max_length=5000, required=False)
    problems.raise_any()
    existing = await session.scalar(
        select(ApplicationReview).where(
            ApplicationReview.application_id == application_id,
            ApplicationReview.reviewer_user_id == reviewer_user_id,
        )
    )
    if existing is None:
        existing = ApplicationReview(
            application_id=application_id, reviewer_user_id=reviewer_user_id
        )
        session.add(existing)
    existing.score = score
    existing.comment = text or ""
    await session.flush()
    return existing.id
