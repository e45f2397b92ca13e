"""Programmes, their sessions and mentors: validation and writes, no GraphQL."""

from __future__ import annotations

import zoneinfo
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from functools import cache
from typing import Any, Protocol

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.checks import SLUG_PATTERN, UNCHANGED, Unchanged, check_text, check_url
from hub.core.columns import utcnow
from hub.core.lookups import any_row, get_or_reject
from hub.core.money import MINOR_DIGITS, Money, MoneyError
from hub.core.rules import (
    FieldRule,
    InRange,
    LanguageCodes,
    Lowered,
    Matches,
    OrNothing,
    RuleContext,
    Text,
    Unique,
    apply_rules,
)
from hub.core.states import IllegalTransition
from hub.core.validation import FieldCode, Problems, Rejected
from hub.countries.regions import find_region, is_region_of
from hub.countries.service import KnownCountries, KnownCountry
from hub.creators.enums import SkillLevel
from hub.creators.service import creator_exists
from hub.disciplines.service import DisciplineIds, discipline_ids
from hub.i18n.messages import _
from hub.organisations.service import organisation_exists
from hub.talent.enums import MentorStatus, ProgrammeFormat, ProgrammeKind, ProgrammeStatus
from hub.talent.errors import TalentErrorCode
from hub.talent.models import (
    Programme,
    ProgrammeDiscipline,
    ProgrammeMentor,
    ProgrammePrerequisite,
    ProgrammeSession,
)
from hub.talent.seats import ApplicationAudit, cancel_applications
from hub.talent.states import PROGRAMME_STATUS
from hub.talent.windows import schedule_window, set_status

MAX_CAPACITY = 10_000
MAX_OFFER_HOURS = 24 * 60
FINAL_STATUSES = frozenset({ProgrammeStatus.FINISHED, ProgrammeStatus.CANCELLED})
NO_PROGRAMME = _("No programme has this id.")


class FeeSpec(Protocol):
    @property
    def amount(self) -> Decimal: ...

    @property
    def currency_code(self) -> str: ...


class PrerequisiteSpec(Protocol):
    @property
    def discipline(self) -> str: ...

    @property
    def minimum_level(self) -> SkillLevel: ...


@dataclass(frozen=True)
class ProgrammeFields:
    """A programme's editable fields; ``UNCHANGED`` ones are left as they are."""

    slug: str | Unchanged = UNCHANGED
    title: str | Unchanged = UNCHANGED
    summary: str | Unchanged | None = UNCHANGED
    kind: ProgrammeKind | Unchanged = UNCHANGED
    disciplines: Sequence[str] | Unchanged = UNCHANGED
    level_taught: SkillLevel | Unchanged = UNCHANGED
    languages: Sequence[str] | Unchanged = UNCHANGED
    format: ProgrammeFormat | Unchanged = UNCHANGED
    country: str | Unchanged | None = UNCHANGED
    region: str | Unchanged | None = UNCHANGED
    city: str | Unchanged | None = UNCHANGED
    time_zone: str | Unchanged = UNCHANGED
    capacity: int | Unchanged = UNCHANGED
    scholarship_seats: int | Unchanged = UNCHANGED
    waitlist_size: int | Unchanged = UNCHANGED
    offer_hours: int | Unchanged = UNCHANGED
    min_age: int | Unchanged | None = UNCHANGED
    max_age: int | Unchanged | None = UNCHANGED
    eligible_countries: Sequence[str] | Unchanged = UNCHANGED
    eligible_regions: Sequence[str] | Unchanged = UNCHANGED
    prerequisites: Sequence[PrerequisiteSpec] | Unchanged = UNCHANGED
    applications_open_at: datetime | Unchanged | None = UNCHANGED
    applications_close_at: datetime | Unchanged | None = UNCHANGED
    fee: FeeSpec | Unchanged | None = UNCHANGED


@cache
def _time_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


@dataclass(frozen=True)
class TimeZoneName:
    """An IANA time zone name (``Asia/Almaty``)."""

    async def __call__(self, context: RuleContext, path: tuple[str, ...], value: Any) -> Any:
        name = value.strip()
        if name not in _time_zones():
            context.problems.add(
                path,
                TalentErrorCode.UNKNOWN_TIME_ZONE,
                _("{name!r} is not an IANA time zone name.", name=name),
            )
        return name


@dataclass(frozen=True)
class KnownRegions:
    """ISO 3166-2 codes of first-level subdivisions, upper-cased, none twice."""

    async def __call__(self, context: RuleContext, path: tuple[str, ...], value: Any) -> Any:
        codes = [code.strip().upper() for code in value]
        for index, code in enumerate(codes):
            if find_region(code) is None:
                context.problems.add(
                    (*path, str(index)),
                    TalentErrorCode.UNKNOWN_REGION,
                    _("{code!r} is not an ISO 3166-2 region code.", code=code),
                )
        if len(set(codes)) != len(codes):
            context.problems.add(path, FieldCode.DUPLICATE, _("A region is named twice."))
        return codes


@dataclass(frozen=True)
class UpperCodes:
    async def __call__(self, context: RuleContext, path: tuple[str, ...], value: Any) -> Any:
        return [code.strip().upper() for code in value]


PROGRAMME_RULES: dict[str, FieldRule] = {
    "slug": FieldRule(
        (Lowered(), Matches(SLUG_PATTERN), Unique(Programme.slug, Programme.id)), True
    ),
    "title": FieldRule((Text(200),), required=True),
    "summary": FieldRule((Text(2000, required=False, empty=""),)),
    "kind": FieldRule(required=True),
    "disciplines": FieldRule((DisciplineIds(),), default=[]),
    "level_taught": FieldRule(required=True),
    "languages": FieldRule((LanguageCodes(),), default=[]),
    "format": FieldRule(required=True),
    "country": FieldRule((OrNothing(KnownCountry()),), column="country_code"),
    "city": FieldRule((OrNothing(Text(100, required=False)),)),
    "time_zone": FieldRule((TimeZoneName(),), required=True),
    "capacity": FieldRule((InRange(1, MAX_CAPACITY),), required=True),
    "scholarship_seats": FieldRule((InRange(0, MAX_CAPACITY),), default=0),
    "waitlist_size": FieldRule((InRange(0, MAX_CAPACITY),), default=0),
    "offer_hours": FieldRule((InRange(1, MAX_OFFER_HOURS),), default=72),
    "min_age": FieldRule((OrNothing(InRange(5, 120)),)),
    "max_age": FieldRule((OrNothing(InRange(5, 120)),)),
    "eligible_countries": FieldRule((UpperCodes(), KnownCountries()), default=[]),
    "eligible_regions": FieldRule((KnownRegions(),), default=[]),
    "applications_open_at": FieldRule(),
    "applications_close_at": FieldRule(),
}
"""The rules of a programme's own fields; region, fee and prerequisites span fields."""


def check_fee(problems: Problems, fee: FeeSpec | None) -> Money | None:
    """A positive amount in a known currency, with no more decimals than it has."""
    if fee is None:
        return None
    if fee.currency_code not in MINOR_DIGITS:
        problems.add(
            ("fee", "currency_code"),
            TalentErrorCode.UNKNOWN_CURRENCY,
            _("{code!r} is not an ISO 4217 currency code.", code=fee.currency_code),
        )
        return None
    try:
        money = Money.from_decimal(fee.amount, fee.currency_code)
    except MoneyError as error:
        problems.add(("fee", "amount"), TalentErrorCode.INVALID_AMOUNT, error.reason)
        return None
    if money.minor_units <= 0:
        problems.add(
            ("fee", "amount"),
            TalentErrorCode.INVALID_AMOUNT,
            _("A fee must be more than zero; a free programme has no fee."),
        )
    return money


@dataclass(frozen=True)
class _Checked:
    columns: dict[str, Any]
    disciplines: list[int] | None
    prerequisites: list[tuple[int, SkillLevel]] | None


def _final(columns: dict[str, Any], programme: Programme | None, name: str) -> Any:
    return columns.get(name, getattr(programme, name) if programme is not None else None)


async def _check_programme(
    session: AsyncSession, fields: ProgrammeFields, programme: Programme | None
) -> _Checked:
    problems = Problems()
    context = RuleContext(session, problems, own_key=programme.id if programme else None)
    columns = await apply_rules(context, PROGRAMME_RULES, fields, creating=programme is None)
    disciplines: list[int] | None = columns.pop("disciplines", None)
    if not isinstance(fields.region, Unchanged):
        columns["region_code"] = None if fields.region is None else fields.region.strip().upper()
    country, region = (
        _final(columns, programme, "country_code"),
        _final(columns, programme, "region_code"),
    )
    if region is not None and (country is None or not is_region_of(region, country)):
        problems.add(
            "region",
            TalentErrorCode.UNKNOWN_REGION,
            _("{code!r} is not a region of the programme's country.", code=region),
        )
    low, high = _final(columns, programme, "min_age"), _final(columns, programme, "max_age")
    if low is not None and high is not None and low > high:
        problems.add("max_age", FieldCode.OUT_OF_RANGE, _("`max_age` is below `min_age`."))
    opens = _final(columns, programme, "applications_open_at")
    closes = _final(columns, programme, "applications_close_at")
    if opens is not None and closes is not None and closes <= opens:
        problems.add(
            "applications_close_at",
            FieldCode.INVALID_DATE_RANGE,
            _("Applications must close after they open."),
        )
    capacity = _final(columns, programme, "capacity")
    scholarships = _final(columns, programme, "scholarship_seats")
    if capacity is not None and scholarships is not None and scholarships > capacity:
        problems.add(
            "scholarship_seats",
            FieldCode.OUT_OF_RANGE,
            _("There cannot be more scholarship seats than seats."),
        )
    if programme is not None and capacity is not None and capacity < programme.seats_taken:
        problems.add(
            "capacity",
            TalentErrorCode.CAPACITY_BELOW_SEATS_TAKEN,
            _("{count} seats are taken already.", count=programme.seats_taken),
        )
    if not isinstance(fields.fee, Unchanged):
        money = check_fee(problems, fields.fee)
        columns["fee_minor"] = money.minor_units if money else None
        columns["fee_currency"] = money.currency if money else None
    prerequisites = None
    if not isinstance(fields.prerequisites, Unchanged):
        ids = await discipline_ids(
            session, problems, "prerequisites", [p.discipline for p in fields.prerequisites]
        )
        levels = [p.minimum_level for p in fields.prerequisites]
        prerequisites = list(zip(ids, levels, strict=False)) if not problems else []
    problems.raise_any()
    return _Checked(columns, disciplines, prerequisites)


async def _replace_children(session: AsyncSession, programme_id: int, checked: _Checked) -> None:
    if checked.disciplines is not None:
        await session.execute(
            delete(ProgrammeDiscipline).where(ProgrammeDiscipline.programme_id == programme_id)
        )
        session.add_all(
            ProgrammeDiscipline(programme_id=programme_id, discipline_id=discipline)
            for discipline in checked.disciplines
        )
    if checked.prerequisites is not None:
        await session.execute(
            delete(ProgrammePrerequisite).where(ProgrammePrerequisite.programme_id == programme_id)
        )
        session.add_all(
            ProgrammePrerequisite(
                programme_id=programme_id, discipline_id=discipline, minimum_level=level
            )
            for discipline, level in checked.prerequisites
        )
    await session.flush()


async def get_programme(
    session: AsyncSession, programme_id: int, path: str = "id", *, for_update: bool = False
) -> Programme:
    programme = await session.get(Programme, programme_id, with_for_update=for_update)
    if programme is None:
        raise Rejected.one(path, FieldCode.NOT_FOUND, NO_PROGRAMME)
    return programme


def refuse_if_final(programme: Programme) -> None:
    if programme.status in FINAL_STATUSES:
        raise Rejected.one(
            "id",
            TalentErrorCode.PROGRAMME_CLOSED,
            _("The programme is {status}: it changes no more.", status=programme.status.value),
        )


async def create_programme(
    session: AsyncSession, host_organisation_id: int, fields: ProgrammeFields
) -> int:
    """A new DRAFT programme hosted by an organisation; its window, if any, is scheduled."""
    if not await organisation_exists(session, host_organisation_id):
        raise Rejected.one(
            "host_organisation_id", FieldCode.NOT_FOUND, _("No organisation has this id.")
        )
    checked = await _check_programme(session, fields, None)
    programme = Programme(
        host_organisation_id=host_organisation_id,
        status=ProgrammeStatus.DRAFT,
        seats_taken=0,
        **checked.columns,
    )
    session.add(programme)
    await session.flush()
    await PROGRAMME_STATUS.record(session, programme.id, None, programme.status)
    await _replace_children(session, programme.id, checked)
    await schedule_window(
        session, programme.id, programme.applications_open_at, programme.applications_close_at
    )
    return programme.id


async def update_programme(
    session: AsyncSession, programme_id: int, fields: ProgrammeFields
) -> int:
    programme = await get_programme(session, programme_id, for_update=True)
    refuse_if_final(programme)
    checked = await _check_programme(session, fields, programme)
    window_before = (programme.applications_open_at, programme.applications_close_at)
    for name, value in checked.columns.items():
        setattr(programme, name, value)
    await session.flush()
    await _replace_children(session, programme_id, checked)
    window = (programme.applications_open_at, programme.applications_close_at)
    if window != window_before:
        await schedule_window(session, programme_id, *window)
    return programme_id


async def change_programme_status(
    session: AsyncSession,
    programme_id: int,
    wanted: ProgrammeStatus,
    *,
    audit_application: ApplicationAudit | None = None,
) -> int:
    """Move a programme along DRAFT -> OPEN -> CLOSED -> RUNNING -> FINISHED (or CANCELLED).

    Cancelling ends its applications still under way as PROGRAMME_CANCELLED
    (``seats.cancel_applications``), each audited by ``audit_application`` (the mutation
    passes its caller's audit), and mails their applicants through the outbox.
    """
    programme = await get_programme(session, programme_id, for_update=True)
    try:
        await set_status(session, programme, wanted)
    except IllegalTransition as illegal:
        raise Rejected.one(
            "status", TalentErrorCode.INVALID_STATUS_TRANSITION, illegal.message
        ) from illegal
    if wanted is ProgrammeStatus.CANCELLED:
        await cancel_applications(session, programme, audit_application or _unaudited)
    return programme_id


async def _unaudited(application_id: int) -> None:
    """No caller to audit (the demo loader); the move is still kept in state_transition."""


@dataclass(frozen=True)
class SessionFields:
    title: str
    starts_at: datetime
    ends_at: datetime
    place: str | None = None
    online_url: str | None = None


async def add_session(session: AsyncSession, programme_id: int, fields: SessionFields) -> int:
    """A meeting of the programme; instants are stored in UTC, shown in its time zone."""
    programme = await get_programme(session, programme_id, "programme_id")
    refuse_if_final(programme)
    problems = Problems()
    title = check_text(problems, "title", fields.title, max_length=200)
    place = check_text(problems, "place", fields.place, max_length=300, required=False)
    check_url(problems, "online_url", fields.online_url)
    if fields.ends_at <= fields.starts_at:
        problems.add(
            "ends_at", FieldCode.INVALID_DATE_RANGE, _("A session must end after it starts.")
        )
    if not place and not fields.online_url:
        problems.add(
            "place", FieldCode.REQUIRED, _("A session needs a place, an online link or both.")
        )
    problems.raise_any()
    row = ProgrammeSession(
        programme_id=programme_id,
        title=title or "",
        starts_at=fields.starts_at,
        ends_at=fields.ends_at,
        place=place or None,
        online_url=fields.online_url,
    )
    session.add(row)
    await session.flush()
    return row.id


async def remove_session(session: AsyncSession, session_id: int) -> int:
    """Cancel one meeting; the programme it belonged to."""
    row = await get_or_reject(
        session, ProgrammeSession, session_id, missing=_("No session has this id.")
    )
    refuse_if_final(await get_programme(session, row.programme_id))
    await session.delete(row)
    await session.flush()
    return row.programme_id


async def invite_mentor(
    session: AsyncSession, programme_id: int, creator_id: int, invited_by: int | None
) -> int:
    """Invite a creator to teach; they become a mentor when they accept."""
    programme = await get_programme(session, programme_id, "programme_id")
    refuse_if_final(programme)
    if not await creator_exists(session, creator_id):
        raise Rejected.one("creator_id", FieldCode.NOT_FOUND, _("No creator has this id."))
    already = select(ProgrammeMentor.id).where(
        ProgrammeMentor.programme_id == programme_id,
        ProgrammeMentor.creator_id == creator_id,
        ProgrammeMentor.status != MentorStatus.DECLINED,
    )
    if await any_row(session, already):
        raise Rejected.one(
            "creator_id",
            TalentErrorCode.ALREADY_MENTOR,
            _("The creator is already invited to mentor this programme."),
        )
    await session.execute(
        delete(ProgrammeMentor).where(
            ProgrammeMentor.programme_id == programme_id, ProgrammeMentor.creator_id == creator_id
        )
    )
    mentor = ProgrammeMentor(
        programme_id=programme_id,
        creator_id=creator_id,
        status=MentorStatus.INVITED,
        invited_by_user_id=invited_by,
    )
    session.add(mentor)
    await session.flush()
    return mentor.id


async def answer_mentor_invitation(session: AsyncSession, mentor_id: int, accept: bool) -> int:
    mentor = await get_or_reject(
        session, ProgrammeMentor, mentor_id, missing=_("No mentor invitation has this id.")
    )
    if mentor.status is not MentorStatus.INVITED:
        raise Rejected.one(
            "id",
            TalentErrorCode.INVITATION_CLOSED,
            _("The invitation was answered already ({status}).", status=mentor.status.value),
        )
    mentor.status = MentorStatus.ACCEPTED if accept else MentorStatus.DECLINED
    mentor.responded_at = utcnow()
    await session.flush()
    return mentor.id


async def remove_mentor(session: AsyncSession, mentor_id: int) -> int:
    """A mentor leaves (or an invitation is withdrawn); the programme's id."""
    mentor = await get_or_reject(
        session, ProgrammeMentor, mentor_id, missing=_("No mentor has this id.")
    )
    await session.delete(mentor)
    await session.flush()
    return mentor.programme_id
