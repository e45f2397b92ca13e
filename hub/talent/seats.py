"""A programme's seats: taken by accepted and enrolled applicants, never more than capacity.

``take_seat`` is one conditional UPDATE (``seats_taken < capacity``), so two accepts at
the same time cannot both take the last seat: on PostgreSQL the second UPDATE waits for
the first's row lock and then sees the new count; on SQLite the write lock serialises
them. A CHECK on the table holds the count within capacity whatever the code does.

A seat that frees (a withdrawal, an expired offer, a drop-out) is offered to the head
of the waitlist by a job (``talent.waitlist.advance``), never inside the request that
freed it; the offer is mailed, and it expires at its deadline by another job.

A move a job makes has no caller to audit, so the job passes its name (``job=``) and the
move is written to the audit log with a SYSTEM actor (``record_system_audit``), besides
the state history every move gets.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from hub.accounts.audit import record_system_audit
from hub.core.columns import utcnow
from hub.core.db import begin_write
from hub.core.jobs.definition import JobContext, job
from hub.core.jobs.mail import queue_mail
from hub.core.outbox import publish
from hub.talent.enums import CANCELLABLE_APPLICATION_STATES, ApplicationStatus, ProgrammeStatus
from hub.talent.mails import deadline_text, letter_for, recipients, tell_applicant
from hub.talent.models import Programme, ProgrammeApplication
from hub.talent.states import APPLICATION_STATUS

logger = logging.getLogger("hub.talent")

SEAT_FREED = "talent.seat.freed"
"""Outbox topic: a seat of ``programme`` freed; the waitlist moves."""
APPLICATION_COMPLETED = "talent.application.completed"
"""Outbox topic: ``application`` was COMPLETED (credentials subscribe to it)."""
OFFERING_STATUSES = frozenset({ProgrammeStatus.OPEN, ProgrammeStatus.CLOSED})
"""A programme offers freed seats to its waitlist until it runs."""


async def take_seat(session: AsyncSession, programme_id: int) -> bool:
    """Take one seat in one conditional UPDATE; False when every seat is taken."""
    taken = await session.execute(
        update(Programme)
        .where(Programme.id == programme_id, Programme.seats_taken < Programme.capacity)
        .values(seats_taken=Programme.seats_taken + 1)
        .execution_options(synchronize_session=False)
    )
    return bool(taken.rowcount == 1)  # type: ignore[attr-defined]


async def release_seat(
    session: AsyncSession,
    programme_id: int,
    reason: ApplicationStatus | None = None,
) -> None:
    """Give a seat back, and let the waitlist move once this transaction commits (not
    when the programme itself was cancelled: it offers no seat any more)."""
    await session.execute(
        update(Programme)
        .where(Programme.id == programme_id, Programme.seats_taken > 0)
        .values(seats_taken=Programme.seats_taken - 1)
        .execution_options(synchronize_session=False)
    )
    if reason is not ApplicationStatus.PROGRAMME_CANCELLED:
        await publish(session, SEAT_FREED, {"programme": programme_id})


SYSTEM_ACTIONS = {
    ApplicationStatus.ACCEPTED: "offerSeat",
    ApplicationStatus.EXPIRED: "expireOffer",
}
"""The audit action of an application move a job makes, by the status it enters."""


TOLD_ON_ENTRY = frozenset(
    {ApplicationStatus.WAITLISTED, ApplicationStatus.REJECTED, ApplicationStatus.EXPIRED}
)
"""Statuses the applicant is mailed about by ``move`` itself (an offer is mailed with its
deadline by ``offer_seat``, a cancellation by ``cancel_applications``)."""


async def move(
    session: AsyncSession,
    application: ProgrammeApplication,
    wanted: ApplicationStatus,
    *,
    job: str | None = None,
) -> None:
    """Move an application (checked by the state machine, kept in its history), and keep
    the programme's seat count in step: entering ACCEPTED needs a seat (the caller took
    it), leaving ACCEPTED or ENROLLED for a final state gives it back. ``job`` names the
    job making the move, which is then audited as the system's."""
    current = application.status
    await APPLICATION_STATUS.record(session, application.id, current, wanted)
    if job is not None:
        action = SYSTEM_ACTIONS.get(wanted, "moveApplication")
        await record_system_audit(
            session, job, action, "ProgrammeApplication", application.id, ("status",)
        )
    application.status = wanted
    now = utcnow()
    application.decided_at = now
    if wanted is ApplicationStatus.WAITLISTED:
        application.waitlisted_at = now
    if current.holds_seat and not wanted.holds_seat:
        application.offer_expires_at = None
        await release_seat(session, application.programme_id, wanted)
    await session.flush()
    if wanted is ApplicationStatus.COMPLETED:
        await publish(session, APPLICATION_COMPLETED, {"application": application.id})
    if wanted in TOLD_ON_ENTRY:
        programme = await session.get(Programme, application.programme_id)
        assert programme is not None  # a foreign key
        await tell_applicant(session, application.creator_id, wanted, title=programme.title)


async def offer_seat(
    session: AsyncSession,
    application: ProgrammeApplication,
    programme: Programme,
    *,
    job: str | None = None,
) -> None:
    """ACCEPTED with a deadline to take the seat up (the caller took the seat); its
    expiry is scheduled and the applicant is told by mail, both on commit."""
    await move(session, application, ApplicationStatus.ACCEPTED, job=job)
    deadline = utcnow() + timedelta(hours=programme.offer_hours)
    application.offer_expires_at = deadline
    await session.flush()
    await expire_offer.schedule(session, deadline, application=application.id)
    await tell_applicant(
        session,
        application.creator_id,
        ApplicationStatus.ACCEPTED,
        title=programme.title,
        deadline=deadline_text(deadline),
    )


ApplicationAudit = Callable[[int], Awaitable[None]]
"""Audits one application's move (given its id) in the caller's transaction."""


async def cancel_applications(
    session: AsyncSession, programme: Programme, audit: ApplicationAudit
) -> list[int]:
    """The programme was cancelled: end every application still under way (submitted,
    waitlisted, accepted or enrolled) as PROGRAMME_CANCELLED, each audited by ``audit``,
    and mail each applicant (queued, sent by the job runner after commit). Returns the
    applications' ids, oldest first. Seats given back offer nothing to anyone."""
    applications = (
        await session.scalars(
            select(ProgrammeApplication)
            .where(
                ProgrammeApplication.programme_id == programme.id,
                ProgrammeApplication.status.in_(CANCELLABLE_APPLICATION_STATES),
            )
            .order_by(ProgrammeApplication.id)
            .with_for_update()
        )
    ).all()
    if not applications:
        return []
    addressed = await recipients(session, [a.creator_id for a in applications])
    for application in applications:
        await move(session, application, ApplicationStatus.PROGRAMME_CANCELLED)
        await audit(application.id)
        recipient = addressed.get(application.creator_id)
        if recipient is not None:
            cancelled = ApplicationStatus.PROGRAMME_CANCELLED
            await queue_mail(session, letter_for(recipient, cancelled, title=programme.title))
    return [application.id for application in applications]


async def waitlist_head(session: AsyncSession, programme_id: int) -> ProgrammeApplication | None:
    return await session.scalar(
        select(ProgrammeApplication)
        .where(
            ProgrammeApplication.programme_id == programme_id,
            ProgrammeApplication.status == ApplicationStatus.WAITLISTED,
        )
        .order_by(ProgrammeApplication.waitlisted_at, ProgrammeApplication.id)
        .limit(1)
    )


async def fill_from_waitlist(
    session: AsyncSession, programme_id: int, *, job: str | None = None
) -> int:
    """Offer every free seat to the waitlist, head first; how many offers were made."""
    programme = await session.get(Programme, programme_id, with_for_update=True)
    if programme is None or programme.status not in OFFERING_STATUSES:
        return 0
    offers = 0
    while True:
        head = await waitlist_head(session, programme_id)
        if head is None or not await take_seat(session, programme_id):
            return offers
        await offer_seat(session, head, programme, job=job)
        offers += 1


@job("talent.waitlist.advance")
async def advance_waitlist(context: JobContext, *, programme: int) -> None:
    """A seat freed: offer it (and any other free seat) to the waitlist's head."""
    async with context.sessions() as session, session.begin():
        await begin_write(session)
        offered = await fill_from_waitlist(session, programme, job=advance_waitlist.name)
    if offered:
        logger.info("programme %s: %s waitlisted applicants offered a seat", programme, offered)


async def expire_if_due(
    session: AsyncSession, application_id: int, *, job: str | None = None
) -> bool:
    """An offer past its deadline and not taken up expires; True when it did."""
    application = await session.get(ProgrammeApplication, application_id, with_for_update=True)
    if (
        application is None
        or application.status is not ApplicationStatus.ACCEPTED
        or application.offer_expires_at is None
        or application.offer_expires_at > utcnow()
    ):
        return False
    await move(session, application, ApplicationStatus.EXPIRED, job=job)
    return True


@job("talent.offer.expire")
async def expire_offer(context: JobContext, *, application: int) -> None:
    """At an offer's deadline: expire it unless it was taken up (or moved on) already."""
    async with context.sessions() as session, session.begin():
        await begin_write(session)
        await expire_if_due(session, application, job=expire_offer.name)
