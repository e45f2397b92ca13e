from __future__ import annotations

import enum


class OrganisationRole(enum.Enum):
    """A user's role in an organisation, most powerful first."""

    OWNER = "OWNER"
    ADMIN = "ADMIN"
    MEMBER = "MEMBER"

    @property
    def administers(self) -> bool:
        return self in (OrganisationRole.OWNER, OrganisationRole.ADMIN)


class ProjectRole(enum.Enum):
    """A user's role in a project's team: leads edit it, members take part."""

    LEAD = "LEAD"
    MEMBER = "MEMBER"


class InvitationStatus(enum.Enum):
    PENDING = "PENDING"
    ACCEPTED = "ACCEPTED"
    DECLINED = "DECLINED"


class AuditOutcome(enum.Enum):
    SUCCEEDED = "SUCCEEDED"
    DENIED = "DENIED"
