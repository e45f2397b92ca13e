"""How programmes, their sessions, mentors, applications and reviews map onto SQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, select

from hub.core.mapping import Derived, Entity, QueryEnv, Relations, ToMany, ToOne
from hub.countries import mapping as countries_mapping
from hub.creators import mapping as creators_mapping
from hub.disciplines import mapping as disciplines_mapping
from hub.organisations import mapping as organisations_mapping
from hub.talent.models import (
    ApplicationReview,
    Programme,
    ProgrammeApplication,
    ProgrammeDiscipline,
    ProgrammeMentor,
    ProgrammeSession,
)


def _session_time_zone(_env: QueryEnv) -> ColumnElement[Any]:
    """A session is shown in its programme's time zone, read in the same statement."""
    return (
        select(Programme.time_zone)
        .where(Programme.id == ProgrammeSession.programme_id)
        .scalar_subquery()
    )


class ProgrammeRelations(Relations):
    host = ToOne(lambda: organisations_mapping.ORGANISATION, key_field="host_organisation_id")
    country = ToOne(lambda: countries_mapping.COUNTRY, key_field="country_code")
    disciplines = ToMany(
        lambda: disciplines_mapping.DISCIPLINE,
        through=lambda: select(
            ProgrammeDiscipline.programme_id.label("parent"),
            ProgrammeDiscipline.discipline_id.label("child"),
        ),
    )
    sessions = ToMany(lambda: PROGRAMME_SESSION, parent=ProgrammeSession.programme_id)
    mentors = ToMany(lambda: PROGRAMME_MENTOR, parent=ProgrammeMentor.programme_id)
    applications = ToMany(lambda: APPLICATION, parent=ProgrammeApplication.programme_id)


PROGRAMME: Entity[ProgrammeRelations] = Entity(
    name="Programme",
    table=Programme.__table__,
    key_field="id",
    fields={
        "id": Programme.id,
        "slug": Programme.slug,
        "title": Programme.title,
        "summary": Programme.summary,
        "kind": Programme.kind,
        "host_organisation_id": Programme.host_organisation_id,
        "level_taught": Programme.level_taught,
        "language_codes": Programme.languages,
        "format": Programme.format,
        "country_code": Programme.country_code,
        "region_code": Programme.region_code,
        "city": Programme.city,
        "time_zone": Programme.time_zone,
        "capacity": Programme.capacity,
        "seats_taken": Programme.seats_taken,
        "scholarship_seats": Programme.scholarship_seats,
        "waitlist_size": Programme.waitlist_size,
        "offer_hours": Programme.offer_hours,
        "min_age": Programme.min_age,
        "max_age": Programme.max_age,
        "eligible_country_codes": Programme.eligible_countries,
        "eligible_region_codes": Programme.eligible_regions,
        "applications_open_at": Programme.applications_open_at,
        "applications_close_at": Programme.applications_close_at,
        "fee_minor": Programme.fee_minor,
        "fee_currency": Programme.fee_currency,
        "status": Programme.status,
        "created_at": Programme.created_at,
        "updated_at": Programme.updated_at,
    },
    relations=ProgrammeRelations(),
    orderings={
        "TITLE": Programme.title,
        "SLUG": Programme.slug,
        "APPLICATIONS_CLOSE_AT": Programme.applications_close_at,
        "CREATED_AT": Programme.created_at,
    },
    default_ordering=(("TITLE", False),),
)


class ProgrammeSessionRelations(Relations):
    programme = ToOne(lambda: PROGRAMME, key_field="programme_id")


PROGRAMME_SESSION: Entity[ProgrammeSessionRelations] = Entity(
    name="ProgrammeSession",
    table=ProgrammeSession.__table__,
    key_field="id",
    fields={
        "id": ProgrammeSession.id,
        "programme_id": ProgrammeSession.programme_id,
        "title": ProgrammeSession.title,
        "starts_at": ProgrammeSession.starts_at,
        "ends_at": ProgrammeSession.ends_at,
        "place": ProgrammeSession.place,
        "online_url": ProgrammeSession.online_url,
        "time_zone": Derived(_session_time_zone),
    },
    relations=ProgrammeSessionRelations(),
    orderings={"STARTS_AT": ProgrammeSession.starts_at},
    default_ordering=(("STARTS_AT", False),),
)


class ProgrammeMentorRelations(Relations):
    programme = ToOne(lambda: PROGRAMME, key_field="programme_id")
    creator = ToOne(lambda: creators_mapping.CREATOR, key_field="creator_id")


PROGRAMME_MENTOR: Entity[ProgrammeMentorRelations] = Entity(
    name="ProgrammeMentor",
    table=ProgrammeMentor.__table__,
    key_field="id",
    fields={
        "id": ProgrammeMentor.id,
        "programme_id": ProgrammeMentor.programme_id,
        "creator_id": ProgrammeMentor.creator_id,
        "status": ProgrammeMentor.status,
        "created_at": ProgrammeMentor.created_at,
        "responded_at": ProgrammeMentor.responded_at,
    },
    relations=ProgrammeMentorRelations(),
    orderings={"CREATED_AT": ProgrammeMentor.created_at},
    default_ordering=(("CREATED_AT", False),),
)


class ApplicationRelations(Relations):
    programme = ToOne(lambda: PROGRAMME, key_field="programme_id")
    creator = ToOne(lambda: creators_mapping.CREATOR, key_field="creator_id")
    reviews = ToMany(lambda: REVIEW, parent=ApplicationReview.application_id)


APPLICATION: Entity[ApplicationRelations] = Entity(
    name="ProgrammeApplication",
    table=ProgrammeApplication.__table__,
    key_field="id",
    fields={
        "id": ProgrammeApplication.id,
        "programme_id": ProgrammeApplication.programme_id,
        "creator_id": ProgrammeApplication.creator_id,
        "status": ProgrammeApplication.status,
        "stored_motivation": ProgrammeApplication.motivation,
        "portfolio_links": ProgrammeApplication.portfolio_links,
        "wants_scholarship": ProgrammeApplication.wants_scholarship,
        "has_scholarship": ProgrammeApplication.has_scholarship,
        "submitted_at": ProgrammeApplication.submitted_at,
        "waitlisted_at": ProgrammeApplication.waitlisted_at,
        "offer_expires_at": ProgrammeApplication.offer_expires_at,
        "decided_at": ProgrammeApplication.decided_at,
    },
    relations=ApplicationRelations(),
    orderings={
        "SUBMITTED_AT": ProgrammeApplication.submitted_at,
        "STATUS": ProgrammeApplication.status,
    },
    default_ordering=(("SUBMITTED_AT", False),),
)


class ReviewRelations(Relations):
    application = ToOne(lambda: APPLICATION, key_field="application_id")


REVIEW: Entity[ReviewRelations] = Entity(
    name="ApplicationReview",
    table=ApplicationReview.__table__,
    key_field="id",
    fields={
        "id": ApplicationReview.id,
        "application_id": ApplicationReview.application_id,
        "reviewer_user_id": ApplicationReview.reviewer_user_id,
        "score": ApplicationReview.score,
        "comment": ApplicationReview.comment,
        "created_at": ApplicationReview.created_at,
        "updated_at": ApplicationReview.updated_at,
    },
    relations=ReviewRelations(),
    orderings={"CREATED_AT": ApplicationReview.created_at},
    default_ordering=(("CREATED_AT", False),),
)
