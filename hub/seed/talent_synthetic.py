"""The Talent Factory in the synthetic data: programmes, applications, credentials, mentors.

In proportion to the creators (a programme per hundred, about six applications per
programme, a mentor's places for every creator flagged as a mentor), drawn from a
generator of their own so the rest of the synthetic world stays what the same seed gave
before. States are coherent: a programme's seats taken are its accepted and enrolled
applications, completed applications of finished programmes hold a credential.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from hub.core.db import Base
from hub.creators.enums import SkillLevel
from hub.creators.models import Creator
from hub.organisations.models import Organisation
from hub.talent.credentials.document import CURRENT_FORMAT
from hub.talent.credentials.models import Achievement, AchievementDiscipline, Credential
from hub.talent.enums import (
    ApplicationStatus,
    ProgrammeFormat,
    ProgrammeKind,
    ProgrammeStatus,
)
from hub.talent.mentoring.enums import PairingStatus
from hub.talent.mentoring.models import MentorCapacity, MentorshipPairing
from hub.talent.models import Programme, ProgrammeApplication, ProgrammeDiscipline

Add = Callable[[type[Base], dict[str, Any]], None]
NOW = datetime(2026, 11, 1, tzinfo=UTC)
_STATUSES = [
    (ProgrammeStatus.DRAFT, 10), (ProgrammeStatus.OPEN, 40), (ProgrammeStatus.CLOSED, 10),
    (ProgrammeStatus.RUNNING, 15), (ProgrammeStatus.FINISHED, 20),
    (ProgrammeStatus.CANCELLED, 5),
]  # fmt: skip
_OUTCOMES = {
    ProgrammeStatus.OPEN: [ApplicationStatus.SUBMITTED, ApplicationStatus.WAITLISTED,
                           ApplicationStatus.ACCEPTED, ApplicationStatus.REJECTED,
                           ApplicationStatus.WITHDRAWN],
    ProgrammeStatus.CLOSED: [ApplicationStatus.ACCEPTED, ApplicationStatus.ENROLLED,
                             ApplicationStatus.REJECTED, ApplicationStatus.EXPIRED],
    ProgrammeStatus.RUNNING: [ApplicationStatus.ENROLLED, ApplicationStatus.DROPPED,
                              ApplicationStatus.REJECTED],
    ProgrammeStatus.FINISHED: [ApplicationStatus.COMPLETED, ApplicationStatus.COMPLETED,
                               ApplicationStatus.DROPPED, ApplicationStatus.NO_SHOW,
                               ApplicationStatus.REJECTED],
    ProgrammeStatus.CANCELLED: [ApplicationStatus.WITHDRAWN, ApplicationStatus.REJECTED],
}  # fmt: skip
_KINDS = {ProgrammeKind.COURSE: "Course", ProgrammeKind.MASTER_CLASS: "Workshop",
          ProgrammeKind.MENTORSHIP: "Mentorship"}  # fmt: skip
_LANGUAGES = ["ru", "en", "kk", "uz", "ky"]


def plan_talent(
    rng: random.Random,
    rows: dict[type[Base], list[dict[str, Any]]],
    add: Add,
    disciplines: Sequence[int],
    discipline_slugs: dict[int, str],
) -> None:
    creators = rows[Creator]
    organisations = rows[Organisation]
    application_key = credential_key = 0
    for key in range(1, max(1, len(creators) // 100) + 1):
        host = rng.choice(organisations)
        status = rng.choices([s for s, _ in _STATUSES], [w for _, w in _STATUSES])[0]
        kind = rng.choice(list(_KINDS))
        level = rng.choice(list(SkillLevel))
        discipline = rng.choice(disciplines)
        capacity = rng.randint(5, 30)
        online = rng.random() < 0.4
        opens = NOW - timedelta(days=rng.randint(10, 60))
        title = f"{discipline_slugs[discipline].replace('-', ' ').title()} {_KINDS[kind]} {key}"
        applicants = rng.sample(creators, min(len(creators), rng.randint(0, 12)))
        outcomes = [rng.choice(_OUTCOMES.get(status, [ApplicationStatus.SUBMITTED]))
                    for _ in applicants]  # fmt: skip
        seated = 0
        for index, outcome in enumerate(outcomes):
            if outcome.holds_seat:
                if seated >= capacity:
                    outcomes[index] = ApplicationStatus.WAITLISTED
                else:
                    seated += 1
        slug = f"programme-{key}"
        add(Programme, {
            "id": key, "slug": slug, "title": title, "summary": "", "kind": kind,
            "host_organisation_id": host["id"], "level_taught": level,
            "languages": rng.sample(_LANGUAGES, rng.randint(1, 2)),
            "format": ProgrammeFormat.ONLINE if online else rng.choice(
                [ProgrammeFormat.IN_PERSON, ProgrammeFormat.HYBRID]),
            "country_code": host["country_code"], "region_code": host["region_code"],
            "city": host["city"], "time_zone": "Asia/Almaty", "capacity": capacity,
            "seats_taken": seated, "scholarship_seats": 0, "waitlist_size": 10,
            "offer_hours": 72, "min_age": None, "max_age": rng.choice([None, 25, 35]),
            "eligible_countries": [], "eligible_regions": [],
            "applications_open_at": opens,
            "applications_close_at": opens + timedelta(days=rng.randint(70, 120)),
            "fee_minor": None, "fee_currency": None, "status": status,
            "created_at": opens, "updated_at": opens,
        })  # fmt: skip
        add(ProgrammeDiscipline, {"programme_id": key, "discipline_id": discipline})
        achievement = None
        for creator, outcome in zip(applicants, outcomes, strict=True):
            application_key += 1
            submitted = opens + timedelta(days=rng.randint(0, 9))
            add(ProgrammeApplication, {
                "id": application_key, "programme_id": key, "creator_id": creator["id"],
                "status": outcome, "motivation": "I want to learn.", "portfolio_links": [],
                "wants_scholarship": False, "submitted_at": submitted,
                "waitlisted_at": submitted if outcome is ApplicationStatus.WAITLISTED else None,
                "offer_expires_at": submitted + timedelta(days=3)
                if outcome is ApplicationStatus.ACCEPTED else None,
                "decided_at": None, "updated_at": submitted,
            })  # fmt: skip
            if outcome is not ApplicationStatus.COMPLETED:
                continue
            if achievement is None:
                achievement = key
                add(Achievement, {
                    "id": key, "programme_id": key, "issuer_organisation_id": host["id"],
                    "discipline_id": discipline, "level": level,
                    "achievement_type": _KINDS[kind], "name": title, "description": "",
                    "criteria": f"Completed {title}.", "issuer_name": host["name"],
                    "issuer_slug": host["slug"], "discipline_slug": discipline_slugs[discipline],
                    "programme_slug": slug, "created_at": NOW,
                })  # fmt: skip
                add(AchievementDiscipline, {
                    "achievement_id": key, "discipline_id": discipline, "level": level,
                    "discipline_slug": discipline_slugs[discipline],
                    "discipline_name": discipline_slugs[discipline].replace("-", " ").capitalize(),
                })  # fmt: skip
            credential_key += 1
            add(Credential, {
                "id": credential_key,
                "public_id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                "achievement_id": key, "creator_id": creator["id"],
                "application_id": application_key, "discipline_id": discipline,
                "level": level,
                "recipient_handle": creator["handle"], "recipient_name": creator["display_name"],
                "sessions_attended": 5, "sessions_total": 6, "issued_at": NOW,
                "document_format": CURRENT_FORMAT, "revoked_at": None, "revocation_reason": None,
                "revoked_by_user_id": None,
            })  # fmt: skip
    _plan_mentoring(rng, creators, add)


def _plan_mentoring(rng: random.Random, creators: list[dict[str, Any]], add: Add) -> None:
    """Every creator flagged as a mentor offers 1 to 5 places; some are taken."""
    young = [row["id"] for row in creators if (row["birth_year"] or 0) >= 2001]
    pairing_key = 0
    for row in creators:
        if not row["is_mentor"]:
            continue
        capacity = rng.randint(1, 5)
        mentees = rng.sample(young, min(len(young), rng.randint(0, capacity)))
        mentees = [mentee for mentee in mentees if mentee != row["id"]]
        taken = 0
        for mentee in mentees:
            status = rng.choice(list(PairingStatus))
            taken += status.holds_place
            pairing_key += 1
            add(MentorshipPairing, {
                "id": pairing_key, "mentor_id": row["id"], "mentee_id": mentee,
                "programme_id": None, "status": status, "goals": "",
                "proposed_by_user_id": None, "proposed_at": NOW,
                "started_at": NOW if status is not PairingStatus.PROPOSED else None,
                "ended_at": None if status.holds_place else NOW,
            })  # fmt: skip
        add(MentorCapacity, {"creator_id": row["id"], "capacity": capacity, "taken": taken})


TALENT_TABLES: list[type[Base]] = [
    Programme, ProgrammeDiscipline, ProgrammeApplication, Achievement, AchievementDiscipline,
    Credential,
    MentorCapacity, MentorshipPairing,
]  # fmt: skip
"""Insertion order, after every table they point at."""
