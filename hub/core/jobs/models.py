"""The tables of the write-side machinery: queued jobs and outbox events.

Both are written inside the caller's transaction, so a job or an event exists exactly
when the change that caused it committed.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from hub.core.columns import UTCDateTime, enum_column, utcnow
from hub.core.db import Base


class JobStatus(enum.Enum):
    TODO = "TODO"
    RUNNING = "RUNNING"
    FAILED = "FAILED"


class QueuedJob(Base):
    """One run of a job waiting, running, or given up on; done jobs are deleted.

    A ``RUNNING`` job whose ``locked_until`` has passed belongs to a worker that died:
    it is claimed again.
    """

    __tablename__ = "job"
    __table_args__ = (Index("ix_job_status_run_at", "status", "run_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    arguments: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[JobStatus] = mapped_column(enum_column(JobStatus), default=JobStatus.TODO)
    run_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    max_attempts: Mapped[int] = mapped_column(Integer)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class OutboxEvent(Base):
    """Something that happened, waiting to be handed to its subscribers (as jobs)."""

    __tablename__ = "outbox_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    topic: Mapped[str] = mapped_column(String(100))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
