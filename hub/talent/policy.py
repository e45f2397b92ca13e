"""Who may do what in the Talent Factory.

A programme is run by its host organisation's owners and admins (and staff): they
create and change it, invite its mentors, review and decide its applications. Its
accepted mentors see its applications, but not motivations or reviews. An application
speaks for its creator: only the profile's owner applies, takes up a seat or withdraws.
Motivations and reviews are for the applicant and the host's reviewers alone.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.accounts.policy import (
    administers_organisation,
    require_organisation_admin,
    require_person,
)
from hub.api.principal import Denied, Principal
from hub.creators.policy import owns_creator, require_own_creator
from hub.i18n.messages import _
from hub.talent.models import (
    Programme,
    ProgrammeApplication,
    ProgrammeMentor,
    ProgrammeSession,
)

NOT_HOST = _("Only an owner or admin of the programme's host organisation may do this.")


async def reviews_programme(session: AsyncSession, principal: Principal, programme_id: int) -> bool:
    """Staff and the admins of the host organisation."""
    if principal.is_staff:
        return True
    host = await session.scalar(
        select(Programme.host_organisation_id).where(Programme.id == programme_id)
    )
    return host is not None and await administers_organisation(session, principal, host)


async def require_host(session: AsyncSession, principal: Principal, programme_id: int) -> None:
    if await session.get(Programme, programme_id) is None:
        return  # the service reports NOT_FOUND
    if not await reviews_programme(session, principal, programme_id):
        raise Denied(NOT_HOST)


async def require_host_of_new(
    session: AsyncSession, principal: Principal, organisation_id: int
) -> None:
    """A programme is created by the admins of the organisation that will host it."""
    await require_organisation_admin(session, principal, organisation_id)


async def require_session_host(
    session: AsyncSession, principal: Principal, session_id: int
) -> None:
    row = await session.get(ProgrammeSession, session_id)
    if row is not None:
        await require_host(session, principal, row.programme_id)


async def require_application_host(
    session: AsyncSession, principal: Principal, application_id: int
) -> None:
    application = await session.get(ProgrammeApplication, application_id)
    if application is not None:
        await require_host(session, principal, application.programme_id)


async def require_applicant(
    session: AsyncSession, principal: Principal, application_id: int
) -> None:
    """Only the person owning the applying creator profile (staff are no exception)."""
    application = await session.get(ProgrammeApplication, application_id)
    if application is not None:
        await require_own_creator(
            session,
            principal,
            application.creator_id,
            _("Only the applicant may do this with their application."),
        )


async def require_applying_creator(
    session: AsyncSession, principal: Principal, creator_id: int
) -> None:
    await require_own_creator(
        session, principal, creator_id, _("You may apply only with your own creator profile.")
    )


async def require_mentor_invitee(
    session: AsyncSession, principal: Principal, mentor_id: int
) -> None:
    mentor = await session.get(ProgrammeMentor, mentor_id)
    if mentor is not None:
        await require_own_creator(
            session,
            principal,
            mentor.creator_id,
            _("Only the creator invited may answer a mentor invitation."),
        )


async def require_mentor_remover(
    session: AsyncSession, principal: Principal, mentor_id: int
) -> None:
    """The host removes a mentor; a mentor may always step down."""
    mentor = await session.get(ProgrammeMentor, mentor_id)
    if mentor is None or await owns_creator(session, principal, mentor.creator_id):
        return
    await require_host(session, principal, mentor.programme_id)


def require_reviewer_person(principal: Principal) -> int:
    """A review is signed by a person: not an API key or the admin token."""
    return require_person(principal)
