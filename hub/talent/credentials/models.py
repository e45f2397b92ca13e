"""Tables of verified skills: what a programme attests (achievement) and who earned it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from hub.core.columns import UTCDateTime, enum_column, utcnow
from hub.core.db import Base
from hub.creators.enums import SkillLevel


class Achievement(Base):
    """What completing one programme attests: a discipline at a level, by its host.

    Made when the programme's first credential is issued and never changed afterwards,
    since signed documents quote it.
    """

    __tablename__ = "achievement"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    programme_id: Mapped[int] = mapped_column(
        ForeignKey("programme.id", ondelete="RESTRICT"), unique=True
    )
    issuer_organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="RESTRICT"), index=True
    )
    discipline_id: Mapped[int] = mapped_column(ForeignKey("discipline.id"))
    level: Mapped[SkillLevel] = mapped_column(enum_column(SkillLevel))
    achievement_type: Mapped[str] = mapped_column(String(40))
    """Open Badges' achievementType: Course, Workshop or Mentorship here."""
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    criteria: Mapped[str] = mapped_column(Text)
    issuer_name: Mapped[str] = mapped_column(String(200))
    issuer_slug: Mapped[str] = mapped_column(String(80))
    discipline_slug: Mapped[str] = mapped_column(String(60))
    programme_slug: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AchievementDiscipline(Base):
    """One discipline an achievement attests, at a level, its names as they were then.

    Written with the achievement and never changed afterwards, like it: documents of
    format 2 list every row (``hub.talent.credentials.document``).
    """

    __tablename__ = "achievement_discipline"

    achievement_id: Mapped[int] = mapped_column(
        ForeignKey("achievement.id", ondelete="CASCADE"), primary_key=True
    )
    discipline_id: Mapped[int] = mapped_column(
        ForeignKey("discipline.id"), primary_key=True, index=True
    )
    level: Mapped[SkillLevel] = mapped_column(enum_column(SkillLevel))
    discipline_slug: Mapped[str] = mapped_column(String(60))
    discipline_name: Mapped[str] = mapped_column(String(200))


class Credential(Base):
    """One creator's achievement, issued when their application was completed.

    The names it quotes are kept as they were at issue, so its signed document never
    changes; revocation is recorded beside it, with a reason, and shown by the issuer's
    revocation list.
    """

    __tablename__ = "credential"
    __table_args__ = (
        CheckConstraint(
            "(revoked_at IS NULL) = (revocation_reason IS NULL)", name="revocation_has_reason"
        ),
        CheckConstraint(
            "sessions_attended >= 0 AND sessions_attended <= sessions_total",
            name="attendance_in_range",
        ),
        # A creator's valid credentials (Creator.credentials, their verified levels).
        Index("ix_credential_valid_skill", "creator_id", "discipline_id", "revoked_at"),
        # Verified skills in matchmaking: who holds a valid credential of an achievement
        # that attests a discipline asked for (``hub.matching.verified``).
        Index("ix_credential_valid_attestation", "achievement_id", "revoked_at", "creator_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_id: Mapped[str] = mapped_column(String(36), unique=True)
    achievement_id: Mapped[int] = mapped_column(
        ForeignKey("achievement.id", ondelete="RESTRICT"), index=True
    )
    creator_id: Mapped[int] = mapped_column(ForeignKey("creator.id", ondelete="CASCADE"))
    application_id: Mapped[int | None] = mapped_column(
        ForeignKey("programme_application.id", ondelete="SET NULL"), unique=True
    )
    discipline_id: Mapped[int] = mapped_column(ForeignKey("discipline.id"))
    """The achievement's first discipline (by slug); ``achievement_discipline`` has all."""
    level: Mapped[SkillLevel] = mapped_column(enum_column(SkillLevel))
    """The level the credential attests (the result reached)."""
    document_format: Mapped[int] = mapped_column(Integer, server_default="1")
    """Which shape of Open Badges document it is served as, for good: 1 (issued before
    2026-12: one discipline, a ``urn:`` issuer) or 2 (every discipline, the issuer's
    profile URL). A credential is always served in the shape it was issued in, so copies
    saved earlier keep verifying."""
    recipient_handle: Mapped[str] = mapped_column(String(40))
    recipient_name: Mapped[str] = mapped_column(String(200))
    sessions_attended: Mapped[int] = mapped_column(Integer)
    sessions_total: Mapped[int] = mapped_column(Integer)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revocation_reason: Mapped[str | None] = mapped_column(Text)
    revoked_by_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
