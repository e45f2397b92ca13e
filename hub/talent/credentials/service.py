"""Issuing and revoking credentials: validation and writes, no GraphQL."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.checks import check_text
from hub.core.columns import utcnow
from hub.core.lookups import get_or_reject
from hub.core.validation import Problems, Rejected
from hub.creators.models import Creator
from hub.disciplines.models import Discipline
from hub.i18n.messages import _
from hub.organisations.models import Organisation
from hub.talent.credentials.document import CURRENT_FORMAT, AttestedDiscipline, Badge
from hub.talent.credentials.errors import CredentialErrorCode
from hub.talent.credentials.models import Achievement, AchievementDiscipline, Credential
from hub.talent.enums import ApplicationStatus, ProgrammeKind
from hub.talent.models import (
    Programme,
    ProgrammeApplication,
    ProgrammeDiscipline,
    ProgrammeSession,
)

MAX_REASON_LENGTH = 500

ACHIEVEMENT_TYPES = {
    ProgrammeKind.COURSE: "Course",
    ProgrammeKind.MASTER_CLASS: "Workshop",
    ProgrammeKind.MENTORSHIP: "Mentorship",
}
"""Open Badges' achievementType for each kind of programme."""


async def _achievement_for(session: AsyncSession, programme: Programme) -> Achievement:
    """The programme's achievement, made from it the first time it is needed: every
    discipline it teaches, at the level it teaches (the first by slug is the primary)."""
    existing = await session.scalar(
        select(Achievement).where(Achievement.programme_id == programme.id)
    )
    if existing is not None:
        return existing
    disciplines = (
        await session.scalars(
            select(Discipline)
            .join(ProgrammeDiscipline, ProgrammeDiscipline.discipline_id == Discipline.id)
            .where(ProgrammeDiscipline.programme_id == programme.id)
            .order_by(Discipline.slug)
        )
    ).all()
    if not disciplines:
        raise Rejected.one(
            "application_id",
            CredentialErrorCode.NO_DISCIPLINE,
            _("The programme teaches no discipline, so there is nothing to attest."),
        )
    host = await session.get(Organisation, programme.host_organisation_id)
    assert host is not None  # a foreign key with ON DELETE RESTRICT
    primary = disciplines[0]
    names = [discipline.name for discipline in disciplines]
    taught = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    achievement = Achievement(
        programme_id=programme.id,
        issuer_organisation_id=host.id,
        discipline_id=primary.id,
        level=programme.level_taught,
        achievement_type=ACHIEVEMENT_TYPES[programme.kind],
        name=programme.title,
        description=programme.summary,
        criteria=(
            f"Completed {programme.title}, taught by {host.name} at the "
            f"{programme.level_taught.value} level in {taught}."
        ),
        issuer_name=host.name,
        issuer_slug=host.slug,
        discipline_slug=primary.slug,
        programme_slug=programme.slug,
    )
    session.add(achievement)
    await session.flush()
    session.add_all(
        AchievementDiscipline(
            achievement_id=achievement.id,
            discipline_id=discipline.id,
            level=programme.level_taught,
            discipline_slug=discipline.slug,
            discipline_name=discipline.name,
        )
        for discipline in disciplines
    )
    await session.flush()
    return achievement


async def issue_credential(
    session: AsyncSession, application_id: int, *, sessions_attended: int | None = None
) -> int:
    """The credential a completed application earns (made once; asked again, the same one).

    Call it in the transaction that completes the application. Attendance defaults to
    every session of the programme.
    """
    earlier = await session.scalar(
        select(Credential.id).where(Credential.application_id == application_id)
    )
    if earlier is not None:
        return earlier
    application = await get_or_reject(
        session,
        ProgrammeApplication,
        application_id,
        missing=_("No such application."),
        path="application_id",
    )
    if application.status is not ApplicationStatus.COMPLETED:
        raise Rejected.one(
            "application_id",
            CredentialErrorCode.NOT_COMPLETED,
            _("Only a completed application earns a credential."),
        )
    programme = await session.get(Programme, application.programme_id)
    creator = await session.get(Creator, application.creator_id)
    assert programme is not None  # foreign keys
    assert creator is not None
    achievement = await _achievement_for(session, programme)
    sessions_total = await session.scalar(
        select(func.count()).where(ProgrammeSession.programme_id == programme.id)
    )
    total = int(sessions_total or 0)
    attended = total if sessions_attended is None else min(max(sessions_attended, 0), total)
    credential = Credential(
        public_id=str(uuid.uuid4()),
        achievement_id=achievement.id,
        creator_id=creator.id,
        application_id=application.id,
        discipline_id=achievement.discipline_id,
        level=achievement.level,
        recipient_handle=creator.handle,
        recipient_name=creator.display_name,
        sessions_attended=attended,
        sessions_total=total,
        document_format=CURRENT_FORMAT,
    )
    session.add(credential)
    await session.flush()
    return credential.id


async def revoke_credential(
    session: AsyncSession, credential_id: int, reason: str, revoked_by_user_id: int | None
) -> int:
    """Revoke a credential for ``reason``; a revoked one stays as it was revoked."""
    credential = await get_or_reject(
        session, Credential, credential_id, missing=_("No such credential.")
    )
    problems = Problems()
    reason = check_text(problems, "reason", reason, max_length=MAX_REASON_LENGTH) or ""
    if credential.revoked_at is not None:
        problems.add(
            "id",
            CredentialErrorCode.ALREADY_REVOKED,
            _("The credential was already revoked."),
        )
    problems.raise_any()
    credential.revoked_at = utcnow()
    credential.revocation_reason = reason
    credential.revoked_by_user_id = revoked_by_user_id
    await session.flush()
    return credential.id


@dataclass(frozen=True)
class IssuedCredential:
    credential: Credential
    badge: Badge


async def find_badge(session: AsyncSession, public_id: str) -> IssuedCredential | None:
    """A credential by its public id, with what its document says."""
    row = (
        await session.execute(
            select(Credential, Achievement)
            .join(Achievement, Achievement.id == Credential.achievement_id)
            .where(Credential.public_id == public_id)
        )
    ).one_or_none()
    if row is None:
        return None
    credential, achievement = row
    attested = (
        await session.scalars(
            select(AchievementDiscipline)
            .where(AchievementDiscipline.achievement_id == achievement.id)
            .order_by(AchievementDiscipline.discipline_slug)
        )
    ).all()
    return IssuedCredential(credential, badge_of(credential, achievement, attested))


def badge_of(
    credential: Credential,
    achievement: Achievement,
    attested: Sequence[AchievementDiscipline],
) -> Badge:
    return Badge(
        public_id=credential.public_id,
        issued_at=credential.issued_at,
        issuer_slug=achievement.issuer_slug,
        issuer_name=achievement.issuer_name,
        recipient_handle=credential.recipient_handle,
        recipient_name=credential.recipient_name,
        achievement_id=achievement.id,
        achievement_name=achievement.name,
        achievement_description=achievement.description,
        criteria=achievement.criteria,
        achievement_type=achievement.achievement_type,
        discipline_slug=achievement.discipline_slug,
        level=achievement.level,
        result_level=credential.level,
        programme_slug=achievement.programme_slug,
        programme_title=achievement.name,
        sessions_attended=credential.sessions_attended,
        sessions_total=credential.sessions_total,
        document_format=credential.document_format,
        disciplines=tuple(
            AttestedDiscipline(row.discipline_slug, row.discipline_name, row.level)
            for row in attested
        ),
    )
