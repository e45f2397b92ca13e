"""Every table, imported in one place so Alembic and the tests see the whole schema."""

from hub.accounts.models import (
    ApiKey,
    AuditRecord,
    AuthSession,
    OrganisationInvitation,
    OrganisationMember,
    PendingRegistration,
    ProjectInvitation,
    ProjectMember,
    RefreshToken,
    User,
)
from hub.core.db import Base
from hub.core.idempotency import IdempotencyRecord
from hub.core.jobs.models import OutboxEvent, QueuedJob
from hub.core.states import StateTransition
from hub.countries.models import Country, CountryIndicator
from hub.creators.models import Affiliation, Creator, CreatorDiscipline, CreatorLanguage
from hub.disciplines.models import Discipline, Sector
from hub.funding.models import (
    Campaign,
    ExchangeRate,
    Expense,
    GatewayCall,
    LedgerEntry,
    Pledge,
    RewardTier,
    SeatSponsorship,
    SponsorConsent,
)
from hub.funding.sandbox import SandboxPayment, SandboxScript
from hub.organisations.models import Organisation, OrganisationDiscipline
from hub.projects.models import OpenRole, Participant, Project, ProjectDiscipline
from hub.talent.credentials.models import Achievement, AchievementDiscipline, Credential
from hub.talent.mentoring.models import MentorCapacity, MentorshipPairing
from hub.talent.models import (
    ApplicationReview,
    Programme,
    ProgrammeApplication,
    ProgrammeDiscipline,
    ProgrammeMentor,
    ProgrammePrerequisite,
    ProgrammeSession,
)

__all__ = [
    "Achievement",
    "AchievementDiscipline",
    "Affiliation",
    "ApiKey",
    "ApplicationReview",
    "AuditRecord",
    "AuthSession",
    "Base",
    "Campaign",
    "Country",
    "CountryIndicator",
    "Creator",
    "CreatorDiscipline",
    "CreatorLanguage",
    "Credential",
    "Discipline",
    "ExchangeRate",
    "Expense",
    "GatewayCall",
    "IdempotencyRecord",
    "LedgerEntry",
    "MentorCapacity",
    "MentorshipPairing",
    "OpenRole",
    "Organisation",
    "OrganisationDiscipline",
    "OrganisationInvitation",
    "OrganisationMember",
    "OutboxEvent",
    "Participant",
    "PendingRegistration",
    "Pledge",
    "Programme",
    "ProgrammeApplication",
    "ProgrammeDiscipline",
    "ProgrammeMentor",
    "ProgrammePrerequisite",
    "ProgrammeSession",
    "Project",
    "ProjectDiscipline",
    "ProjectInvitation",
    "ProjectMember",
    "QueuedJob",
    "RefreshToken",
    "RewardTier",
    "SandboxPayment",
    "SandboxScript",
    "SeatSponsorship",
    "Sector",
    "SponsorConsent",
    "StateTransition",
    "User",
]
