"""Declarative validation: a table of field rules per input, and one function applying it.

A service declares, for each field of its ``*Fields`` dataclass, the rules its value
must pass (required on creation, text length, pattern, uniqueness, a known country ...)
and the column it lands in. ``apply_rules`` checks every given field, records every
problem at the field's snake_case path (the API's edge renames it) and returns the
cleaned values by column. Rules that span fields (a date range, a project's leads)
stay plain functions next to the table.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import QueryableAttribute

from hub.core.checks import (
    EARLIEST_YEAR,
    Unchanged,
    check_email,
    check_languages,
    check_phone,
    check_text,
    check_url,
)
from hub.core.lookups import check_unique
from hub.core.validation import FieldCode, Path, Problems
from hub.i18n.messages import Message, _


@dataclass(frozen=True)
class RuleContext:
    """What rules may consult: the session, the row being changed, the request's date."""

    session: AsyncSession
    problems: Problems
    own_key: int | None = None
    today: date | None = None

    def the_date(self) -> date:
        """Today, as the request sees it; only date rules ask, so only they need it."""
        if self.today is None:
            raise TypeError("a date rule needs RuleContext.today")
        return self.today


class Rule(Protocol):
    """One check on one value; returns the value cleaned (trimmed, lower-cased, looked up)."""

    async def __call__(self, context: RuleContext, path: Path, value: Any) -> Any: ...


def _name(path: Path) -> str:
    return path[-1]


@dataclass(frozen=True)
class Text:
    """Trimmed text no longer than ``max_length``; an empty optional text becomes ``empty``."""

    max_length: int
    required: bool = True
    empty: str | None = None

    async def __call__(self, context: RuleContext, path: Path, value: Any) -> Any:
        text = check_text(
            context.problems, path, value, max_length=self.max_length, required=self.required
        )
        return text if self.empty is None else (text or self.empty)


@dataclass(frozen=True)
class Lowered:
    """Trimmed and lower-cased, so that one spelling of a name exists."""

    async def __call__(self, context: RuleContext, path: Path, value: Any) -> Any:
        return value.strip().lower()


SLUG_SHAPE = _("lowercase Latin letters, digits and inner hyphens")


@dataclass(frozen=True)
class Matches:
    """Matches ``pattern`` whole; ``shape`` says in words what that means."""

    pattern: re.Pattern[str]
    shape: Message = SLUG_SHAPE

    async def __call__(self, context: RuleContext, path: Path, value: Any) -> Any:
        if not self.pattern.fullmatch(value):
            context.problems.add(
                path,
                FieldCode.INVALID,
                _(
                    "`{name}` must be {shape} ({value!r} is not).",
                    name=_name(path),
                    shape=self.shape,
                    value=value,
                ),
            )
        return value


@dataclass(frozen=True)
class Unique:
    """Not already taken in ``column`` by another row than the one being changed."""

    column: QueryableAttribute[Any]
    key: QueryableAttribute[Any]

    async def __call__(self, context: RuleContext, path: Path, value: Any) -> Any:
        await check_unique(
            context.session,
            context.problems,
            path,
            self.column,
            value,
            key=self.key,
            own_key=context.own_key,
        )
        return value


@dataclass(frozen=True)
class OrNothing:
    """Another rule, for an optional field that ``null`` clears: nothing passes as is."""

    rule: Rule

    async def __call__(self, context: RuleContext, path: Path, value: Any) -> Any:
        return None if value is None else await self.rule(context, path, value)


@dataclass(frozen=True)
class PastYear:
    """A year between the hub's earliest and this one, or nothing."""

    async def __call__(self, context: RuleContext, path: Path, value: Any) -> Any:
        this_year = context.the_date().year
        if value is not None and not EARLIEST_YEAR <= value <= this_year:
            context.problems.add(
                path,
                FieldCode.OUT_OF_RANGE,
                _(
                    "`{name}` must be between {low} and {high}.",
                    name=_name(path),
                    low=EARLIEST_YEAR,
                    high=this_year,
                ),
            )
        return value


@dataclass(frozen=True)
class NotInFuture:
    """A date no later than today, or nothing."""

    async def __call__(self, context: RuleContext, path: Path, value: Any) -> Any:
        if value is not None and value > context.the_date():
            context.problems.add(
                path, FieldCode.OUT_OF_RANGE, _("`{name}` is in the future.", name=_name(path))
            )
        return value


@dataclass(frozen=True)
class InRange:
    """A whole number from ``low`` to ``high``."""

    low: int
    high: int

    async def __call__(self, context: RuleContext, path: Path, value: Any) -> Any:
        if value is not None and not self.low <= value <= self.high:
            context.problems.add(
                path,
                FieldCode.OUT_OF_RANGE,
                _(
                    "`{name}` must be between {low} and {high}.",
                    name=_name(path),
                    low=self.low,
                    high=self.high,
                ),
            )
        return value


@dataclass(frozen=True)
class WebAddress:
    async def __call__(self, context: RuleContext, path: Path, value: Any) -> Any:
        check_url(context.problems, path, value)
        return value


@dataclass(frozen=True)
class EmailAddress:
    async def __call__(self, context: RuleContext, path: Path, value: Any) -> Any:
        return check_email(context.problems, path, value)


@dataclass(frozen=True)
class PhoneNumber:
    async def __call__(self, context: RuleContext, path: Path, value: Any) -> Any:
        return check_phone(context.problems, path, value)


@dataclass(frozen=True)
class LanguageCodes:
    """ISO 639-1 codes, none twice."""

    async def __call__(self, context: RuleContext, path: Path, value: Any) -> Any:
        codes = list(value)
        check_languages(context.problems, path, codes)
        return codes


_ABSENT = object()


@dataclass(frozen=True)
class FieldRule:
    """How one input field is checked, and the column its cleaned value goes to.

    ``required``: a new row must have it. ``default``: what a new row gets when it is
    not given. ``column``: the column's name, when it is not the field's.
    """

    rules: Sequence[Rule] = ()
    required: bool = False
    default: Any = _ABSENT
    column: str | None = None


async def apply_rules(
    context: RuleContext, table: Mapping[str, FieldRule], fields: object, *, creating: bool
) -> dict[str, Any]:
    """Check every given field of ``fields`` by its rules; the cleaned values by column.

    Fields left ``UNCHANGED`` are not checked, except that a new row needs the required
    ones. Problems are recorded in ``context.problems``; the caller decides when to stop.
    """
    columns: dict[str, Any] = {}
    for name, spec in table.items():
        column = spec.column or name
        value = getattr(fields, name)
        if isinstance(value, Unchanged):
            if creating and spec.required:
                context.problems.add(
                    name, FieldCode.REQUIRED, _("`{name}` is required.", name=name)
                )
            elif creating and spec.default is not _ABSENT:
                columns[column] = spec.default
            continue
        for rule in spec.rules:
            value = await rule(context, (name,), value)
        columns[column] = value
    return columns
