"""Declarative validation: a table of field rules and the one function that applies it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import pytest

from hub.core.checks import UNCHANGED, Unchanged
from hub.core.rules import (
    EmailAddress,
    FieldRule,
    InRange,
    Lowered,
    Matches,
    NotInFuture,
    PastYear,
    RuleContext,
    Text,
    apply_rules,
)
from hub.core.validation import FieldCode, Problems

TODAY = date(2026, 6, 1)


@dataclass(frozen=True)
class Fields:
    handle: str | Unchanged = UNCHANGED
    display_name: str | Unchanged | None = UNCHANGED
    bio: str | Unchanged | None = UNCHANGED
    founded_year: int | Unchanged | None = UNCHANGED
    member_since: date | Unchanged | None = UNCHANGED
    contact_email: str | Unchanged | None = UNCHANGED
    headcount: int | Unchanged = UNCHANGED
    is_mentor: bool | Unchanged = UNCHANGED


RULES = {
    "handle": FieldRule((Lowered(), Matches(re.compile(r"[a-z]+"))), required=True),
    "display_name": FieldRule((Text(10),), required=True, column="name"),
    "bio": FieldRule((Text(20, required=False, empty=""),)),
    "founded_year": FieldRule((PastYear(),)),
    "member_since": FieldRule((NotInFuture(),)),
    "contact_email": FieldRule((EmailAddress(),)),
    "headcount": FieldRule((InRange(1, 5),), default=1),
    "is_mentor": FieldRule(),
}


async def _apply(fields: Fields, *, creating: bool) -> tuple[dict[str, object], Problems]:
    problems = Problems()
    context = RuleContext(None, problems, today=TODAY)  # type: ignore[arg-type]  # none reads
    return await apply_rules(context, RULES, fields, creating=creating), problems


def _found(problems: Problems) -> list[tuple[tuple[str, ...], str]]:
    return [(error.field, error.code.value) for error in problems.errors]


async def test_a_new_row_needs_its_required_fields_and_gets_its_defaults():
    columns, problems = await _apply(Fields(), creating=True)
    assert _found(problems) == [(("handle",), "REQUIRED"), (("display_name",), "REQUIRED")]
    assert columns == {"headcount": 1}


async def test_a_change_checks_only_the_fields_given():
    columns, problems = await _apply(Fields(is_mentor=True), creating=False)
    assert not problems
    assert columns == {"is_mentor": True}


async def test_given_values_are_cleaned_and_land_in_their_columns():
    fields = Fields(handle="  Aruzhan ", display_name=" Aru ", bio=None, contact_email="A@B.KZ")
    columns, problems = await _apply(fields, creating=True)
    assert not problems
    assert columns == {
        "handle": "aruzhan",
        "name": "Aru",
        "bio": "",
        "contact_email": "a@b.kz",
        "headcount": 1,
    }


async def test_every_broken_rule_is_reported_at_once_at_its_snake_case_path():
    fields = Fields(
        handle="not ok",
        display_name="far too long a name",
        bio="",
        founded_year=999,
        member_since=date(2027, 1, 1),
        contact_email="nobody",
        headcount=6,
    )
    _, problems = await _apply(fields, creating=True)
    assert _found(problems) == [
        (("handle",), FieldCode.INVALID.value),
        (("display_name",), FieldCode.TOO_LONG.value),
        (("founded_year",), FieldCode.OUT_OF_RANGE.value),
        (("member_since",), FieldCode.OUT_OF_RANGE.value),
        (("contact_email",), FieldCode.INVALID.value),
        (("headcount",), FieldCode.OUT_OF_RANGE.value),
    ]
    assert "`founded_year` must be between 1000 and 2026." in [
        str(e.message) for e in problems.errors
    ]


async def test_a_date_rule_without_the_requests_date_is_a_bug():
    context = RuleContext(None, Problems())  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"needs RuleContext\.today"):
        await PastYear()(context, ("founded_year",), 2000)
