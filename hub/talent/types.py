"""GraphQL types for programmes, their sessions and mentors, applications and reviews."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Annotated, Any, Self
from zoneinfo import ZoneInfo

import strawberry
from sqlalchemy import select
from strawberry import relay
from strawberry.dataloader import DataLoader

from hub.api.context import Info
from hub.api.enums import graphql_enum
from hub.api.errors import forbidden
from hub.api.nodes import MappedNode
from hub.api.pagination import Connection
from hub.api.principal import Denied
from hub.api.relations import follows, follows_all, follows_pages
from hub.api.scalars import CountryCode, LanguageCode, Money
from hub.api.sql_fields import SQL_FIELD, MoneyOf
from hub.core.columns import utcnow
from hub.core.paging import Window
from hub.countries.types import Country, Region
from hub.creators.enums import SkillLevel
from hub.creators.types import Creator
from hub.disciplines.mapping import DISCIPLINE
from hub.disciplines.types import Discipline
from hub.i18n.messages import _
from hub.organisations.types import Organisation
from hub.talent.access import ProgrammeAccess, owned_creators, programme_access
from hub.talent.enums import (
    APPLICATION_TRANSITIONS,
    PROGRAMME_TRANSITIONS,
    ApplicationStatus,
    MentorStatus,
    ProgrammeFormat,
    ProgrammeKind,
    ProgrammeStatus,
)
from hub.talent.mapping import APPLICATION, PROGRAMME, PROGRAMME_MENTOR, PROGRAMME_SESSION, REVIEW
from hub.talent.models import ProgrammePrerequisite
from hub.talent.windows import takes_applications

graphql_enum(
    ProgrammeKind,
    description="What sort of programme it is.",
    values={
        ProgrammeKind.COURSE: "A course of several sessions.",
        ProgrammeKind.MASTER_CLASS: "A master class: one session with a master.",
        ProgrammeKind.MENTORSHIP: "A mentorship: mentors follow participants over time.",
    },
)
graphql_enum(
    ProgrammeFormat,
    description="Where a programme happens.",
    values={
        ProgrammeFormat.ONLINE: "Online only.",
        ProgrammeFormat.IN_PERSON: "In person, at its place.",
        ProgrammeFormat.HYBRID: "In person and online.",
    },
)
graphql_enum(
    ProgrammeStatus,
    description="Where a programme is in its life: DRAFT, OPEN, CLOSED, RUNNING, FINISHED; "
    "CANCELLED from any status before RUNNING.",
    values={
        ProgrammeStatus.DRAFT: "Being prepared; not yet taking applications.",
        ProgrammeStatus.OPEN: "Taking applications (within its window, if it has one).",
        ProgrammeStatus.CLOSED: "No longer taking applications; not yet started.",
        ProgrammeStatus.RUNNING: "Under way.",
        ProgrammeStatus.FINISHED: "Over. Final.",
        ProgrammeStatus.CANCELLED: "Called off before it ran. Final.",
    },
)
graphql_enum(
    ApplicationStatus,
    description="Where an application is: SUBMITTED, then ACCEPTED, WAITLISTED or REJECTED; "
    "an accepted applicant ENROLLS before the offer's deadline (else EXPIRED), and finishes "
    "COMPLETED, DROPPED or NO_SHOW; an application not yet enrolled may be WITHDRAWN; one "
    "still open when its programme is cancelled ends PROGRAMME_CANCELLED.",
    values={
        ApplicationStatus.SUBMITTED: "Waiting for the host's decision.",
        ApplicationStatus.WAITLISTED: "On the waitlist: offered a seat, head first, as seats free.",
        ApplicationStatus.ACCEPTED: "Offered a seat, to take up before `offerExpiresAt`.",
        ApplicationStatus.REJECTED: "Turned down. Final.",
        ApplicationStatus.ENROLLED: "Took up the seat: a participant.",
        ApplicationStatus.COMPLETED: "Completed the programme. Final.",
        ApplicationStatus.DROPPED: "Left the programme before its end. Final.",
        ApplicationStatus.NO_SHOW: "Never came. Final.",
        ApplicationStatus.WITHDRAWN: "Withdrawn by the applicant. Final.",
        ApplicationStatus.EXPIRED: "The offer was not taken up in time. Final.",
        ApplicationStatus.PROGRAMME_CANCELLED: "Its programme was cancelled. Final.",
    },
)
graphql_enum(
    MentorStatus,
    description="A mentor's membership of a programme.",
    values={
        MentorStatus.INVITED: "Invited by the host; has not answered.",
        MentorStatus.ACCEPTED: "Mentors the programme.",
        MentorStatus.DECLINED: "Declined the invitation.",
    },
)

ProgrammeRef = Annotated["Programme", strawberry.lazy("hub.talent.types")]
ApplicationRef = Annotated["ProgrammeApplication", strawberry.lazy("hub.talent.types")]


def programme_access_loader(info: Info) -> DataLoader[int, ProgrammeAccess]:
    """The caller's access to programmes, batched per request (by programme id)."""
    reader, principal = info.context.reader, info.context.principal

    async def load(keys: Sequence[int]) -> list[ProgrammeAccess]:
        found = await reader.run(lambda s: programme_access(s, principal, keys))
        return [found[key] for key in keys]

    return info.context.loaders.batch("programme_access", load)


def owned_creators_loader(info: Info) -> DataLoader[int, bool]:
    """Whether the caller owns creator profiles, batched per request (by creator id)."""
    reader, principal = info.context.reader, info.context.principal

    async def load(keys: Sequence[int]) -> list[bool]:
        owned = await reader.run(lambda s: owned_creators(s, principal, keys))
        return [key in owned for key in keys]

    return info.context.loaders.batch("owned_creators", load)


async def check_sees_applications(info: Info, programme_id: int) -> None:
    """A programme's applications are for its reviewers and mentors."""
    if await programme_access_loader(info).load(programme_id) is ProgrammeAccess.NONE:
        raise forbidden(
            Denied(_("Only the programme's host admins and mentors may see its applications.")),
            info.context.locale,
        )


@strawberry.type(description="A discipline an applicant must already practise, and how well.")
class Prerequisite:
    discipline: Discipline = strawberry.field(description="The discipline.")
    minimum_level: SkillLevel = strawberry.field(description="The least level that will do.")


def _prerequisites(info: Info) -> DataLoader[int, list[Prerequisite]]:
    reader = info.context.reader

    async def load(keys: Sequence[int]) -> list[list[Prerequisite]]:
        statement = (
            select(
                ProgrammePrerequisite.programme_id,
                ProgrammePrerequisite.discipline_id,
                ProgrammePrerequisite.minimum_level,
            )
            .where(ProgrammePrerequisite.programme_id.in_(list(keys)))
            .order_by(ProgrammePrerequisite.discipline_id)
        )
        rows = await reader.rows(statement)
        disciplines = await info.context.loaders.entity(DISCIPLINE).load_many(
            sorted({row["discipline_id"] for row in rows})
        )
        by_id = {row["id"]: Discipline.from_row(row) for row in disciplines if row is not None}
        found: dict[int, list[Prerequisite]] = {key: [] for key in keys}
        for row in rows:
            found[row["programme_id"]].append(
                Prerequisite(
                    discipline=by_id[row["discipline_id"]],
                    minimum_level=row["minimum_level"],
                )
            )
        return [found[key] for key in keys]

    return info.context.loaders.batch("programme_prerequisites", load)


def _local(instant: datetime, time_zone: str) -> str:
    return instant.astimezone(ZoneInfo(time_zone)).isoformat()


@strawberry.type(description="One meeting of a programme.")
class ProgrammeSession(MappedNode):
    entity = PROGRAMME_SESSION

    id: relay.NodeID[int]
    programme_id: strawberry.Private[int]
    title: str = strawberry.field(description="What the meeting is about.")
    starts_at: datetime = strawberry.field(description="When it starts (UTC).")
    ends_at: datetime = strawberry.field(description="When it ends (UTC).")
    place: str | None = strawberry.field(description="Where it meets in person, if it does.")
    online_url: str | None = strawberry.field(description="Where it meets online, if it does.")
    time_zone: str = strawberry.field(description="The programme's IANA time zone.")

    @strawberry.field(description="The start in the programme's time zone (ISO 8601, offset).")
    def local_start(self) -> str:
        return _local(self.starts_at, self.time_zone)

    @strawberry.field(description="The end in the programme's time zone (ISO 8601, offset).")
    def local_end(self) -> str:
        return _local(self.ends_at, self.time_zone)

    programme = follows(PROGRAMME_SESSION.relations.programme, ProgrammeRef, "The programme.")


@strawberry.type(description="A creator invited to mentor a programme, or mentoring it.")
class ProgrammeMentor(MappedNode):
    entity = PROGRAMME_MENTOR

    id: relay.NodeID[int]
    programme_id: strawberry.Private[int]
    creator_id: strawberry.Private[int]
    status: MentorStatus = strawberry.field(description="Invited, accepted or declined.")
    created_at: datetime = strawberry.field(description="When they were invited (UTC).")
    responded_at: datetime | None = strawberry.field(description="When they answered (UTC).")

    programme = follows(PROGRAMME_MENTOR.relations.programme, ProgrammeRef, "The programme.")
    creator = follows(PROGRAMME_MENTOR.relations.creator, Creator, "The mentor.")


@strawberry.type(description="A reviewer's score of an application.")
class ApplicationReview(MappedNode):
    entity = REVIEW

    id: relay.NodeID[int]
    application_id: strawberry.Private[int]
    reviewer_user_id: strawberry.Private[int | None]
    score: int = strawberry.field(description="From 1 (weak) to 5 (outstanding).")
    comment: str = strawberry.field(description="Why.")
    created_at: datetime = strawberry.field(description="When it was written (UTC).")
    updated_at: datetime = strawberry.field(description="When it last changed (UTC).")


@strawberry.type(description="A creator's application to a programme.")
class ProgrammeApplication(MappedNode):
    entity = APPLICATION

    id: relay.NodeID[int]
    programme_id: strawberry.Private[int]
    creator_id: strawberry.Private[int]
    status: ApplicationStatus = strawberry.field(description="Where the application is.")
    stored_motivation: strawberry.Private[str]
    portfolio_links: list[str] = strawberry.field(description="Links to the applicant's work.")
    wants_scholarship: bool = strawberry.field(description="Asks for a scholarship seat.")
    has_scholarship: bool = strawberry.field(
        description="Was accepted onto a scholarship seat (while one was left)."
    )
    submitted_at: datetime = strawberry.field(description="When it was submitted (UTC).")
    waitlisted_at: datetime | None = strawberry.field(
        description="When it joined the waitlist (UTC); the waitlist is in this order."
    )
    offer_expires_at: datetime | None = strawberry.field(
        description="While ACCEPTED: the seat must be taken up (`enrolInProgramme`) by then."
    )
    decided_at: datetime | None = strawberry.field(description="When it last moved (UTC).")

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Any, required: bool = False
    ) -> list[Self | None]:
        """By global ID only for those who may see it (else null, as for no such id)."""
        found = await super().resolve_nodes(info=info, node_ids=node_ids, required=required)
        return [node if node and await node._visible(info) else None for node in found]

    async def _visible(self, info: Info) -> bool:
        if await owned_creators_loader(info).load(self.creator_id):
            return True
        return (
            await programme_access_loader(info).load(self.programme_id) is not ProgrammeAccess.NONE
        )

    async def _sees_private(self, info: Info) -> bool:
        if await owned_creators_loader(info).load(self.creator_id):
            return True
        return (
            await programme_access_loader(info).load(self.programme_id) is ProgrammeAccess.REVIEWER
        )

    @strawberry.field(
        description="Why they apply: for the applicant and the host's reviewers only (null "
        "for anyone else, mentors included)."
    )
    async def motivation(self, info: Info) -> str | None:
        return self.stored_motivation if await self._sees_private(info) else None

    @strawberry.field(
        description="Reviewers' scores: for the applicant and the host's reviewers only "
        "(empty for anyone else)."
    )
    async def reviews(self, info: Info) -> list[ApplicationReview]:
        if not await self._sees_private(info):
            return []
        page = await info.context.loaders.pages(APPLICATION.relations.reviews).load(
            (self.id, Window())
        )
        return [ApplicationReview.from_row(row) for row in page.rows]

    @strawberry.field(description="Statuses it may move to next.")
    def allowed_transitions(self) -> list[ApplicationStatus]:
        return sorted(APPLICATION_TRANSITIONS[self.status], key=list(ApplicationStatus).index)

    programme = follows(APPLICATION.relations.programme, ProgrammeRef, "The programme.")
    creator = follows(APPLICATION.relations.creator, Creator, "The applicant.")


@strawberry.type(
    description="A course, master class or mentorship hosted by an organisation, for young "
    "creators who apply to it."
)
class Programme(MappedNode):
    entity = PROGRAMME

    id: relay.NodeID[int]
    slug: str = strawberry.field(description="Unique, URL-safe name.")
    title: str = strawberry.field(description="The title.")
    summary: str = strawberry.field(description="What it is about.")
    kind: ProgrammeKind = strawberry.field(description="Course, master class or mentorship.")
    host_organisation_id: strawberry.Private[int]
    level_taught: SkillLevel = strawberry.field(description="The level it teaches to.")
    language_codes: strawberry.Private[list[str]]
    format: ProgrammeFormat = strawberry.field(description="Online, in person or both.")
    country_code: strawberry.Private[str | None]
    region_code: str | None = strawberry.field(
        description="ISO 3166-2 code of the region where it takes place (e.g. `KZ-75`)."
    )
    city: str | None = strawberry.field(description="The city where it takes place.")
    time_zone: str = strawberry.field(description="IANA time zone its sessions are shown in.")
    capacity: int = strawberry.field(description="Seats.")
    seats_taken: int = strawberry.field(description="Seats held by accepted and enrolled.")
    scholarship_seats: int = strawberry.field(description="Seats with a scholarship.")
    waitlist_size: int = strawberry.field(description="How many may wait for a seat.")
    offer_hours: int = strawberry.field(description="Hours an accepted applicant has to enrol.")
    min_age: int | None = strawberry.field(description="Youngest age (reached this year).")
    max_age: int | None = strawberry.field(description="Oldest age (reached this year).")
    eligible_country_codes: strawberry.Private[list[str]]
    eligible_region_codes: strawberry.Private[list[str]]
    applications_open_at: datetime | None = strawberry.field(
        description="When applications open (UTC); a DRAFT programme opens then."
    )
    applications_close_at: datetime | None = strawberry.field(
        description="When applications close (UTC); an OPEN programme closes then."
    )
    fee_minor: strawberry.Private[int | None]
    fee_currency: strawberry.Private[str | None]
    status: ProgrammeStatus = strawberry.field(description="Where it is in its life.")
    created_at: datetime = strawberry.field(description="When it was added (UTC).")
    updated_at: datetime = strawberry.field(description="When it last changed (UTC).")

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Any, required: bool = False
    ) -> list[Self | None]:
        """By global ID: a draft only for its host's admins (else null, as for no such id)."""
        found = await super().resolve_nodes(info=info, node_ids=node_ids, required=required)
        return [node if node and await node._visible(info) else None for node in found]

    async def _visible(self, info: Info) -> bool:
        if self.status is not ProgrammeStatus.DRAFT:
            return True
        return await programme_access_loader(info).load(self.id) is ProgrammeAccess.REVIEWER

    @strawberry.field(description="Languages of instruction (ISO 639-1).")
    def languages(self) -> list[LanguageCode]:
        return [LanguageCode(code) for code in self.language_codes]

    @strawberry.field(description="Countries applicants must come from; empty: any.")
    def eligible_countries(self) -> list[CountryCode]:
        return [CountryCode(code) for code in self.eligible_country_codes]

    @strawberry.field(description="Codes of the regions applicants must come from; empty: any.")
    def eligible_regions(self) -> list[str]:
        return list(self.eligible_region_codes)

    @strawberry.field(description="The region where it takes place (ISO 3166-2).")
    def region(self) -> Region | None:
        return Region.by_code(self.region_code)

    @strawberry.field(
        description="The fee; null when it is free.",
        metadata={SQL_FIELD: MoneyOf("fee_minor", "fee_currency")},
    )
    def fee(self) -> Money | None:
        return Money.from_minor(self.fee_minor, self.fee_currency)

    @strawberry.field(description="No fee.")
    def is_free(self) -> bool:
        return self.fee_minor is None

    @strawberry.field(description="Seats not yet taken.")
    def free_seats(self) -> int:
        return self.capacity - self.seats_taken

    @strawberry.field(description="OPEN and within its application window now.")
    def is_open_for_applications(self) -> bool:
        return takes_applications(
            self.status, self.applications_open_at, self.applications_close_at, utcnow()
        )

    @strawberry.field(description="Statuses it may move to next.")
    def allowed_transitions(self) -> list[ProgrammeStatus]:
        return sorted(PROGRAMME_TRANSITIONS[self.status], key=list(ProgrammeStatus).index)

    @strawberry.field(description="Disciplines an applicant must practise, at a minimum level.")
    async def prerequisites(self, info: Info) -> list[Prerequisite]:
        return await _prerequisites(info).load(self.id)

    host = follows(PROGRAMME.relations.host, Organisation, "The organisation hosting it.")
    country = follows(PROGRAMME.relations.country, Country | None, "Where it takes place.")
    disciplines = follows_all(
        PROGRAMME.relations.disciplines, list[Discipline], "Disciplines it teaches."
    )
    sessions = follows_pages(
        PROGRAMME.relations.sessions, Connection[ProgrammeSession], "Its meetings, by start."
    )
    mentors = follows_pages(
        PROGRAMME.relations.mentors,
        Connection[ProgrammeMentor],
        "Its mentors and the creators invited to mentor it.",
    )
    applications = follows_pages(
        PROGRAMME.relations.applications,
        Connection[ProgrammeApplication],
        "Applications to it, oldest first: for the host's admins and the mentors.",
        check=check_sees_applications,
    )
