from __future__ import annotations

import enum


class ProgrammeKind(enum.Enum):
    COURSE = "COURSE"
    """Several sessions."""
    MASTER_CLASS = "MASTER_CLASS"
    """One session."""
    MENTORSHIP = "MENTORSHIP"


class ProgrammeFormat(enum.Enum):
    ONLINE = "ONLINE"
    IN_PERSON = "IN_PERSON"
    HYBRID = "HYBRID"


class ProgrammeStatus(enum.Enum):
    DRAFT = "DRAFT"
    OPEN = "OPEN"
    CLOSED = "CLOSED"
    RUNNING = "RUNNING"
    FINISHED = "FINISHED"
    CANCELLED = "CANCELLED"


PROGRAMME_TRANSITIONS: dict[ProgrammeStatus, frozenset[ProgrammeStatus]] = {
    ProgrammeStatus.DRAFT: frozenset({ProgrammeStatus.OPEN, ProgrammeStatus.CANCELLED}),
    ProgrammeStatus.OPEN: frozenset({ProgrammeStatus.CLOSED, ProgrammeStatus.CANCELLED}),
    ProgrammeStatus.CLOSED: frozenset({ProgrammeStatus.RUNNING, ProgrammeStatus.CANCELLED}),
    ProgrammeStatus.RUNNING: frozenset({ProgrammeStatus.FINISHED}),
    ProgrammeStatus.FINISHED: frozenset(),
    ProgrammeStatus.CANCELLED: frozenset(),
}


class ApplicationStatus(enum.Enum):
    SUBMITTED = "SUBMITTED"
    WAITLISTED = "WAITLISTED"
    ACCEPTED = "ACCEPTED"
    """Offered a seat; the applicant takes it up (ENROLLED) before the offer's deadline."""
    REJECTED = "REJECTED"
    ENROLLED = "ENROLLED"
    COMPLETED = "COMPLETED"
    DROPPED = "DROPPED"
    NO_SHOW = "NO_SHOW"
    WITHDRAWN = "WITHDRAWN"
    EXPIRED = "EXPIRED"

    @property
    def holds_seat(self) -> bool:
        """Accepted and enrolled applications count against the programme's capacity."""
        return self in (ApplicationStatus.ACCEPTED, ApplicationStatus.ENROLLED)

    @property
    def is_open(self) -> bool:
        """Still undecided by the applicant: may be withdrawn."""
        return self in OPEN_APPLICATION_STATES


OPEN_APPLICATION_STATES = frozenset(
    {ApplicationStatus.SUBMITTED, ApplicationStatus.WAITLISTED, ApplicationStatus.ACCEPTED}
)

APPLICATION_TRANSITIONS: dict[ApplicationStatus, frozenset[ApplicationStatus]] = {
    ApplicationStatus.SUBMITTED: frozenset(
        {
            ApplicationStatus.ACCEPTED,
            ApplicationStatus.WAITLISTED,
            ApplicationStatus.REJECTED,
            ApplicationStatus.WITHDRAWN,
        }
    ),
    ApplicationStatus.WAITLISTED: frozenset(
        {ApplicationStatus.ACCEPTED, ApplicationStatus.WITHDRAWN}
    ),
    ApplicationStatus.ACCEPTED: frozenset(
        {ApplicationStatus.ENROLLED, ApplicationStatus.WITHDRAWN, ApplicationStatus.EXPIRED}
    ),
    ApplicationStatus.ENROLLED: frozenset(
        {ApplicationStatus.COMPLETED, ApplicationStatus.DROPPED, ApplicationStatus.NO_SHOW}
    ),
    ApplicationStatus.REJECTED: frozenset(),
    ApplicationStatus.COMPLETED: frozenset(),
    ApplicationStatus.DROPPED: frozenset(),
    ApplicationStatus.NO_SHOW: frozenset(),
    ApplicationStatus.WITHDRAWN: frozenset(),
    ApplicationStatus.EXPIRED: frozenset(),
}


class MentorStatus(enum.Enum):
    """A mentor's membership of a programme: invited, then accepted or declined."""

    INVITED = "INVITED"
    ACCEPTED = "ACCEPTED"
    DECLINED = "DECLINED"
