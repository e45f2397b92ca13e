"""How a crowdfunding mutation says no: the codes it may return, and the error type."""

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


@strawberry.enum(description="Why a mutation of a campaign, a reward tier or a pledge refused.")
class FundingErrorCode(enum.Enum):
    REQUIRED = shared_code("REQUIRED")
    INVALID = shared_code("INVALID")
    TOO_LONG = shared_code("TOO_LONG")
    OUT_OF_RANGE = shared_code("OUT_OF_RANGE")
    NOT_FOUND = shared_code("NOT_FOUND")
    INVALID_ID = shared_code("INVALID_ID")
    DUPLICATE = shared_code("DUPLICATE")
    UNKNOWN_LANGUAGE = shared_code("UNKNOWN_LANGUAGE")
    INVALID_DATE_RANGE = shared_code("INVALID_DATE_RANGE")
    CONFLICT = shared_code("CONFLICT")
    UNSUPPORTED_CURRENCY = _code(
        "UNSUPPORTED_CURRENCY",
        "The currency is not one campaigns raise in (KZT, RUB, UZS, KGS, AMD, AZN, BYN, TJS, "
        "GEL, USD, EUR).",
    )
    INVALID_AMOUNT = _code(
        "INVALID_AMOUNT", "An amount is not positive or has more decimals than its currency has."
    )
    CURRENCY_MISMATCH = _code("CURRENCY_MISMATCH", "The amount is not in the campaign's currency.")
    BELOW_TIER_MINIMUM = _code("BELOW_TIER_MINIMUM", "The amount is below the tier's minimum.")
    TIER_SOLD_OUT = _code("TIER_SOLD_OUT", "Every place of the limited tier is taken.")
    FROZEN_ONCE_LIVE = _code(
        "FROZEN_ONCE_LIVE", "Goal, currency and model cannot change once the campaign is live."
    )
    INVALID_STATUS_TRANSITION = _code(
        "INVALID_STATUS_TRANSITION",
        "The campaign or pledge cannot move from its status to the one asked for; the "
        "message lists the allowed ones.",
    )
    CAMPAIGN_NOT_LIVE = _code(
        "CAMPAIGN_NOT_LIVE", "The campaign does not take pledges now (its status or deadline)."
    )
    CAMPAIGN_CLOSED = _code(
        "CAMPAIGN_CLOSED", "The campaign is past its draft: its tiers and story are fixed."
    )
    REFUND_TOO_LARGE = _code(
        "REFUND_TOO_LARGE", "The refund is more than what is left of the captured pledge."
    )
    PAYMENT_PENDING = _code(
        "PAYMENT_PENDING",
        "The gateway has not answered yet; the pledge is reconciled shortly. Retry later.",
    )
    INSUFFICIENT_FUNDS = _code(
        "INSUFFICIENT_FUNDS", "The fiscal host holds less for the campaign than the expense."
    )
    NOT_A_SEAT_SPONSORSHIP = _code(
        "NOT_A_SEAT_SPONSORSHIP", "The pledge was not made at a SEAT_SPONSORSHIP tier."
    )
    PLEDGE_NOT_COLLECTED = _code(
        "PLEDGE_NOT_COLLECTED", "The pledge is not collected (CAPTURED): it funds no seat yet."
    )
    NOT_A_SCHOLARSHIP_SEAT = _code(
        "NOT_A_SCHOLARSHIP_SEAT",
        "The application holds no scholarship seat in the programme the tier sponsors.",
    )
    IDEMPOTENCY_KEY_REUSED = _code(
        "IDEMPOTENCY_KEY_REUSED",
        "The idempotency key was first used for a different request; use a new key for a "
        "new request.",
    )


@strawberry.type(description="A problem with a crowdfunding mutation's input; nothing changed.")
class FundingError:
    field: list[str] | None = strawberry.field(description=FIELD_DESCRIPTION)
    code: FundingErrorCode = strawberry.field(description=CODE_DESCRIPTION)
    text: strawberry.Private[Message]
    message: str = message_field()


def funding_errors(errors: Sequence[FieldError]) -> list[FundingError]:
    return [
        FundingError(field=field, code=code, text=text)
        for field, code, text in fields_of(FundingErrorCode, errors)
    ]
