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


class AuditActorKind(enum.Enum):
    """Who made an audited change: a caller's kind (``PrincipalKind``), or the system.

    SYSTEM is a job acting on its own (an offer expiring at its deadline); no request
    and no principal ever has it, so no permission rule can be granted through it.
    """

    ANONYMOUS = "ANONYMOUS"
    USER = "USER"
    API_KEY = "API_KEY"
    ADMIN_TOKEN = "ADMIN_TOKEN"
    SYSTEM = "SYSTEM"


class AuditOutcome(enum.Enum):
    SUCCEEDED = "SUCCEEDED"
    DENIED = "DENIED"
