"""How a Talent Factory mutation says no: the codes it may return, and the error type."""

from __future__ import annotations

import enum
from collections.abc import Sequence

import strawberry
from strawberry.types.enum import EnumValueDefinition

from hub.api.user_errors import (
    CODE_DESCRIPTION,
    FIELD_DESCRIPTION,
    fields_of,
    message_field,
    shared_code,
)
from hub.core.validation import FieldError
from hub.i18n.messages import Message


def _code(name: str, description: str) -> EnumValueDefinition:
    return strawberry.enum_value(name, description=description)


@strawberry.enum(
    description="Why a mutation of a programme, its sessions, mentors or applications refused."
)
class TalentErrorCode(enum.Enum):
    REQUIRED = shared_code("REQUIRED")
    INVALID = shared_code("INVALID")
    TOO_LONG = shared_code("TOO_LONG")
    OUT_OF_RANGE = shared_code("OUT_OF_RANGE")
    NOT_FOUND = shared_code("NOT_FOUND")
    INVALID_ID = shared_code("INVALID_ID")
    DUPLICATE = shared_code("DUPLICATE")
    UNKNOWN_LANGUAGE = shared_code("UNKNOWN_LANGUAGE")
    UNKNOWN_COUNTRY = shared_code("UNKNOWN_COUNTRY")
    UNKNOWN_DISCIPLINE = shared_code("UNKNOWN_DISCIPLINE")
    INVALID_DATE_RANGE = shared_code("INVALID_DATE_RANGE")
    CONFLICT = shared_code("CONFLICT")
    UNKNOWN_CURRENCY = _code("UNKNOWN_CURRENCY", "A fee's currency is not an ISO 4217 code.")
    INVALID_AMOUNT = _code(
        "INVALID_AMOUNT", "A fee is not positive or has more decimals than its currency has."
    )
    UNKNOWN_REGION = _code(
        "UNKNOWN_REGION", "A region is not an ISO 3166-2 subdivision of the country given."
    )
    UNKNOWN_TIME_ZONE = _code("UNKNOWN_TIME_ZONE", "A time zone is not an IANA time zone name.")
    INVALID_STATUS_TRANSITION = _code(
        "INVALID_STATUS_TRANSITION",
        "The programme or application cannot move from its status to the one asked for; the "
        "message lists the allowed ones (see `allowedTransitions`).",
    )
    PROGRAMME_CLOSED = _code(
        "PROGRAMME_CLOSED", "The programme is finished or cancelled: it changes no more."
    )
    APPLICATIONS_CLOSED = _code(
        "APPLICATIONS_CLOSED",
        "The programme is not open for applications now (its status or its window).",
    )
    ALREADY_APPLIED = _code("ALREADY_APPLIED", "The creator has applied to this programme.")
    TOO_YOUNG = _code("TOO_YOUNG", "The applicant is younger than the programme's minimum age.")
    TOO_OLD = _code("TOO_OLD", "The applicant is older than the programme's maximum age.")
    AGE_UNKNOWN = _code(
        "AGE_UNKNOWN", "The programme has an age range and the applicant's birth year is unknown."
    )
    COUNTRY_NOT_ELIGIBLE = _code(
        "COUNTRY_NOT_ELIGIBLE", "The applicant's country is not among the eligible ones."
    )
    REGION_NOT_ELIGIBLE = _code(
        "REGION_NOT_ELIGIBLE", "The applicant's region is not among the eligible ones."
    )
    PREREQUISITE_MISSING = _code(
        "PREREQUISITE_MISSING",
        "The applicant does not practise a prerequisite discipline at its minimum level.",
    )
    NO_SEATS_LEFT = _code(
        "NO_SEATS_LEFT", "Every seat is taken (accepted and enrolled applicants fill capacity)."
    )
    WAITLIST_FULL = _code("WAITLIST_FULL", "The waitlist has reached its size.")
    OFFER_EXPIRED = _code("OFFER_EXPIRED", "The offer of a seat was not taken up in time.")
    CAPACITY_BELOW_SEATS_TAKEN = _code(
        "CAPACITY_BELOW_SEATS_TAKEN", "The capacity would be below the seats already taken."
    )
    ALREADY_MENTOR = _code("ALREADY_MENTOR", "The creator is already invited to or mentors it.")
    INVITATION_CLOSED = _code("INVITATION_CLOSED", "The mentor invitation was answered already.")


@strawberry.type(description="A problem with a Talent Factory mutation's input; nothing changed.")
class TalentError:
    field: list[str] | None = strawberry.field(description=FIELD_DESCRIPTION)
    code: TalentErrorCode = strawberry.field(description=CODE_DESCRIPTION)
    text: strawberry.Private[Message]
    message: str = message_field()


def talent_errors(errors: Sequence[FieldError]) -> list[TalentError]:
    return [
        TalentError(field=field, code=code, text=text)
        for field, code, text in fields_of(TalentErrorCode, errors)
    ]
