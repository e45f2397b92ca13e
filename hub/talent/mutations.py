"""Mutations for programmes, their sessions and mentors, and applications to them."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry import relay

from hub.api.context import Info
from hub.api.relations import load_node
from hub.api.scalars import CountryCode, LanguageCode, MoneyInput
from hub.api.writes import fields_from, key_of, mutation, run_write
from hub.creators.enums import SkillLevel
from hub.talent import applications, policy, programmes
from hub.talent.enums import ApplicationStatus, ProgrammeFormat, ProgrammeKind, ProgrammeStatus
from hub.talent.errors import TalentError, talent_errors
from hub.talent.types import Programme, ProgrammeApplication, ProgrammeMentor, ProgrammeSession

UNSET = strawberry.UNSET


@strawberry.input(description="A discipline applicants must practise, at a minimum level.")
class PrerequisiteInput:
    discipline: str = strawberry.field(description="The discipline's slug.")
    minimum_level: SkillLevel = strawberry.field(description="The least level that will do.")


@strawberry.input(description="The fields of a programme that may be left out.")
class ProgrammeDetailsInput:
    summary: str | None = strawberry.field(default=UNSET, description="What it is about.")
    disciplines: list[str] | None = strawberry.field(
        default=UNSET, description="Slugs of the disciplines it teaches (all of them)."
    )
    languages: list[LanguageCode] | None = strawberry.field(
        default=UNSET, description="Languages of instruction."
    )
    country: CountryCode | None = strawberry.field(
        default=UNSET, description="Where it takes place; null clears it."
    )
    region: str | None = strawberry.field(
        default=UNSET, description="ISO 3166-2 region of its country; null clears it."
    )
    city: str | None = strawberry.field(default=UNSET, description="Its city; null clears it.")
    scholarship_seats: int | None = strawberry.field(
        default=UNSET, description="Seats with a scholarship (default 0)."
    )
    waitlist_size: int | None = strawberry.field(
        default=UNSET, description="How many may wait for a seat (default 0)."
    )
    offer_hours: int | None = strawberry.field(
        default=UNSET, description="Hours an accepted applicant has to enrol (default 72)."
    )
    min_age: int | None = strawberry.field(default=UNSET, description="Youngest age admitted.")
    max_age: int | None = strawberry.field(default=UNSET, description="Oldest age admitted.")
    eligible_countries: list[CountryCode] | None = strawberry.field(
        default=UNSET, description="Countries applicants must come from (empty: any)."
    )
    eligible_regions: list[str] | None = strawberry.field(
        default=UNSET, description="ISO 3166-2 regions applicants must come from (empty: any)."
    )
    prerequisites: list[PrerequisiteInput] | None = strawberry.field(
        default=UNSET, description="Disciplines applicants must practise (all of them)."
    )
    applications_open_at: datetime | None = strawberry.field(
        default=UNSET, description="When applications open; a DRAFT programme opens then."
    )
    applications_close_at: datetime | None = strawberry.field(
        default=UNSET, description="When applications close; an OPEN programme closes then."
    )
    fee: MoneyInput | None = strawberry.field(
        default=UNSET, description="Its fee; null makes it free."
    )


@strawberry.input(description="A new programme, created as a DRAFT.")
class CreateProgrammeInput(ProgrammeDetailsInput):
    host_organisation_id: relay.GlobalID = strawberry.field(
        description="The organisation hosting it; you must be one of its admins."
    )
    slug: str = strawberry.field(description="Unique, URL-safe: a-z, 0-9 and inner hyphens.")
    title: str = strawberry.field(description="The title.")
    kind: ProgrammeKind = strawberry.field(description="Course, master class or mentorship.")
    level_taught: SkillLevel = strawberry.field(description="The level it teaches to.")
    format: ProgrammeFormat = strawberry.field(description="Online, in person or both.")
    time_zone: str = strawberry.field(description="IANA time zone, e.g. `Asia/Almaty`.")
    capacity: int = strawberry.field(description="Seats.")


@strawberry.input(description="Changes to a programme; omitted fields stay as they are.")
class UpdateProgrammeInput(ProgrammeDetailsInput):
    id: relay.GlobalID = strawberry.field(description="The programme.")
    slug: str | None = strawberry.field(default=UNSET, description="New slug.")
    title: str | None = strawberry.field(default=UNSET, description="New title.")
    kind: ProgrammeKind | None = strawberry.field(default=UNSET, description="New kind.")
    level_taught: SkillLevel | None = strawberry.field(default=UNSET, description="New level.")
    format: ProgrammeFormat | None = strawberry.field(default=UNSET, description="New format.")
    time_zone: str | None = strawberry.field(default=UNSET, description="New time zone.")
    capacity: int | None = strawberry.field(
        default=UNSET, description="New number of seats (not below the seats taken)."
    )


@strawberry.input(description="A programme's next status.")
class ChangeProgrammeStatusInput:
    id: relay.GlobalID = strawberry.field(description="The programme.")
    status: ProgrammeStatus = strawberry.field(
        description="The status to move to; see `Programme.allowedTransitions`."
    )


@strawberry.type(description="The outcome of a change to a programme.")
class ProgrammePayload:
    programme: Programme | None = strawberry.field(description="The programme.")
    user_errors: list[TalentError] = strawberry.field(description="Why it did not work.")


@strawberry.input(description="A meeting of a programme: a place, an online link, or both.")
class AddProgrammeSessionInput:
    programme_id: relay.GlobalID = strawberry.field(description="The programme.")
    title: str = strawberry.field(description="What the meeting is about.")
    starts_at: datetime = strawberry.field(description="When it starts (with an offset).")
    ends_at: datetime = strawberry.field(description="When it ends (with an offset).")
    place: str | None = strawberry.field(default=None, description="Where it meets.")
    online_url: str | None = strawberry.field(default=None, description="Its online link.")


@strawberry.type(description="The outcome of adding a session.")
class ProgrammeSessionPayload:
    session: ProgrammeSession | None = strawberry.field(description="The new session.")
    user_errors: list[TalentError] = strawberry.field(description="Why it did not work.")


@strawberry.input(description="Something of the Talent Factory, by its ID.")
class TalentIdInput:
    id: relay.GlobalID = strawberry.field(description="Its ID.")


@strawberry.input(description="A creator invited to mentor a programme.")
class InviteMentorInput:
    programme_id: relay.GlobalID = strawberry.field(description="The programme.")
    creator_id: relay.GlobalID = strawberry.field(description="The creator invited.")


@strawberry.input(description="A mentor invitation's answer.")
class AnswerMentorInvitationInput:
    id: relay.GlobalID = strawberry.field(description="The invitation (a ProgrammeMentor).")
    accept: bool = strawberry.field(description="True to mentor, false to decline.")


@strawberry.type(description="The outcome of inviting a mentor or answering an invitation.")
class ProgrammeMentorPayload:
    mentor: ProgrammeMentor | None = strawberry.field(description="The mentor membership.")
    user_errors: list[TalentError] = strawberry.field(description="Why it did not work.")


@strawberry.input(description="An application to a programme, with the creator's own profile.")
class ApplyToProgrammeInput:
    programme_id: relay.GlobalID = strawberry.field(description="The programme.")
    creator_id: relay.GlobalID = strawberry.field(description="Your creator profile.")
    motivation: str = strawberry.field(description="Why you apply (the host's reviewers read it).")
    portfolio_links: list[str] | None = strawberry.field(
        default=None, description="Links to your work (http or https, at most 10)."
    )
    wants_scholarship: bool = strawberry.field(
        default=False, description="You ask for a scholarship seat."
    )


@strawberry.input(description="The host's decision on an application.")
class DecideApplicationInput:
    id: relay.GlobalID = strawberry.field(description="The application.")
    decision: ApplicationStatus = strawberry.field(
        description="ACCEPTED (takes a seat), WAITLISTED or REJECTED."
    )


@strawberry.input(description="How an enrolled participant finished.")
class RecordApplicationOutcomeInput:
    id: relay.GlobalID = strawberry.field(description="The application.")
    outcome: ApplicationStatus = strawberry.field(description="COMPLETED, DROPPED or NO_SHOW.")


@strawberry.input(description="A reviewer's score of an application; a new one replaces theirs.")
class ReviewApplicationInput:
    application_id: relay.GlobalID = strawberry.field(description="The application.")
    score: int = strawberry.field(description="From 1 (weak) to 5 (outstanding).")
    comment: str = strawberry.field(default="", description="Why.")


@strawberry.type(description="The outcome of a change to an application.")
class ApplicationPayload:
    application: ProgrammeApplication | None = strawberry.field(description="The application.")
    user_errors: list[TalentError] = strawberry.field(description="Why it did not work.")


def _programme_fields(source: object) -> programmes.ProgrammeFields:
    return fields_from(programmes.ProgrammeFields, source)


async def _programme(info: Info, key: int | None, errors: list[TalentError]) -> ProgrammePayload:
    return ProgrammePayload(programme=await load_node(info, Programme, key), user_errors=errors)


async def _application(
    info: Info, key: int | None, errors: list[TalentError]
) -> ApplicationPayload:
    return ApplicationPayload(
        application=await load_node(info, ProgrammeApplication, key), user_errors=errors
    )


def _id(global_id: relay.GlobalID, node_type: str, path: str = "id") -> int:
    return key_of(global_id, node_type, path)


@strawberry.type
class TalentMutations:
    @mutation("Create a DRAFT programme hosted by an organisation you administer.")
    async def create_programme(
        self,
        info: Info,
        input: Annotated[CreateProgrammeInput, strawberry.argument(description="The programme.")],
    ) -> ProgrammePayload:
        async def write(session: AsyncSession) -> int:
            host = _id(input.host_organisation_id, "Organisation", "host_organisation_id")
            await policy.require_host_of_new(session, info.context.principal, host)
            return await programmes.create_programme(session, host, _programme_fields(input))

        result = await run_write(info, write, entity="Programme", input=input)
        return await _programme(info, result.value, talent_errors(result.user_errors))

    @mutation("Change a programme: its host's admins, or staff.")
    async def update_programme(
        self,
        info: Info,
        input: Annotated[UpdateProgrammeInput, strawberry.argument(description="The changes.")],
    ) -> ProgrammePayload:
        async def write(session: AsyncSession) -> int:
            key = _id(input.id, "Programme")
            await policy.require_host(session, info.context.principal, key)
            return await programmes.update_programme(session, key, _programme_fields(input))

        result = await run_write(info, write, entity="Programme", input=input)
        return await _programme(info, result.value, talent_errors(result.user_errors))

    @mutation(
        "Move a programme along DRAFT -> OPEN -> CLOSED -> RUNNING -> FINISHED, or cancel it "
        "before it runs: its host's admins, or staff."
    )
    async def change_programme_status(
        self,
        info: Info,
        input: Annotated[
            ChangeProgrammeStatusInput, strawberry.argument(description="The next status.")
        ],
    ) -> ProgrammePayload:
        async def write(session: AsyncSession) -> int:
            key = _id(input.id, "Programme")
            await policy.require_host(session, info.context.principal, key)
            return await programmes.change_programme_status(session, key, input.status)

        result = await run_write(info, write, entity="Programme", input=input)
        return await _programme(info, result.value, talent_errors(result.user_errors))

    @mutation("Add a session to a programme: its host's admins, or staff.")
    async def add_programme_session(
        self,
        info: Info,
        input: Annotated[AddProgrammeSessionInput, strawberry.argument(description="The session.")],
    ) -> ProgrammeSessionPayload:
        async def write(session: AsyncSession) -> int:
            key = _id(input.programme_id, "Programme", "programme_id")
            await policy.require_host(session, info.context.principal, key)
            fields = programmes.SessionFields(
                title=input.title,
                starts_at=input.starts_at,
                ends_at=input.ends_at,
                place=input.place,
                online_url=input.online_url,
            )
            return await programmes.add_session(session, key, fields)

        result = await run_write(info, write, entity="ProgrammeSession", input=input)
        return ProgrammeSessionPayload(
            session=await load_node(info, ProgrammeSession, result.value),
            user_errors=talent_errors(result.user_errors),
        )

    @mutation("Cancel a session of a programme: its host's admins, or staff.")
    async def remove_programme_session(
        self,
        info: Info,
        input: Annotated[TalentIdInput, strawberry.argument(description="The session.")],
    ) -> ProgrammePayload:
        async def write(session: AsyncSession) -> int:
            key = _id(input.id, "ProgrammeSession")
            await policy.require_session_host(session, info.context.principal, key)
            return await programmes.remove_session(session, key)

        result = await run_write(info, write, entity="ProgrammeSession", input=input)
        return await _programme(info, result.value, talent_errors(result.user_errors))

    @mutation(
        "Invite a creator to mentor a programme: its host's admins, or staff. They become a "
        "mentor when they accept (`answerMentorInvitation`)."
    )
    async def invite_mentor(
        self,
        info: Info,
        input: Annotated[InviteMentorInput, strawberry.argument(description="Who, to what.")],
    ) -> ProgrammeMentorPayload:
        async def write(session: AsyncSession) -> int:
            key = _id(input.programme_id, "Programme", "programme_id")
            creator = _id(input.creator_id, "Creator", "creator_id")
            await policy.require_host(session, info.context.principal, key)
            return await programmes.invite_mentor(
                session, key, creator, info.context.principal.user_id
            )

        result = await run_write(info, write, entity="ProgrammeMentor", input=input)
        return ProgrammeMentorPayload(
            mentor=await load_node(info, ProgrammeMentor, result.value),
            user_errors=talent_errors(result.user_errors),
        )

    @mutation("Accept or decline an invitation to mentor: the invited creator's owner.")
    async def answer_mentor_invitation(
        self,
        info: Info,
        input: Annotated[
            AnswerMentorInvitationInput, strawberry.argument(description="The answer.")
        ],
    ) -> ProgrammeMentorPayload:
        async def write(session: AsyncSession) -> int:
            key = _id(input.id, "ProgrammeMentor")
            await policy.require_mentor_invitee(session, info.context.principal, key)
            return await programmes.answer_mentor_invitation(session, key, input.accept)

        result = await run_write(info, write, entity="ProgrammeMentor", input=input)
        return ProgrammeMentorPayload(
            mentor=await load_node(info, ProgrammeMentor, result.value),
            user_errors=talent_errors(result.user_errors),
        )

    @mutation("Remove a mentor: the host's admins; a mentor may step down.")
    async def remove_mentor(
        self,
        info: Info,
        input: Annotated[TalentIdInput, strawberry.argument(description="The mentor.")],
    ) -> ProgrammePayload:
        async def write(session: AsyncSession) -> int:
            key = _id(input.id, "ProgrammeMentor")
            await policy.require_mentor_remover(session, info.context.principal, key)
            return await programmes.remove_mentor(session, key)

        result = await run_write(info, write, entity="ProgrammeMentor", input=input)
        return await _programme(info, result.value, talent_errors(result.user_errors))

    @mutation(
        "Apply to an open programme with your own creator profile. An applicant the "
        "programme's rules do not admit is refused with a code per rule (TOO_YOUNG, TOO_OLD, "
        "COUNTRY_NOT_ELIGIBLE, REGION_NOT_ELIGIBLE, PREREQUISITE_MISSING, ...)."
    )
    async def apply_to_programme(
        self,
        info: Info,
        input: Annotated[
            ApplyToProgrammeInput, strawberry.argument(description="The application.")
        ],
    ) -> ApplicationPayload:
        async def write(session: AsyncSession) -> int:
            programme = _id(input.programme_id, "Programme", "programme_id")
            creator = _id(input.creator_id, "Creator", "creator_id")
            await policy.require_applying_creator(session, info.context.principal, creator)
            fields = applications.ApplicationFields(
                motivation=input.motivation,
                portfolio_links=input.portfolio_links or [],
                wants_scholarship=input.wants_scholarship,
            )
            return await applications.apply(session, programme, creator, fields)

        result = await run_write(info, write, entity="ProgrammeApplication", input=input)
        return await _application(info, result.value, talent_errors(result.user_errors))

    @mutation(
        "Decide an application: ACCEPTED takes a seat and gives the applicant `offerHours` to "
        "enrol; WAITLISTED; REJECTED. The host's admins, or staff."
    )
    async def decide_application(
        self,
        info: Info,
        input: Annotated[DecideApplicationInput, strawberry.argument(description="The decision.")],
    ) -> ApplicationPayload:
        async def write(session: AsyncSession) -> int:
            key = _id(input.id, "ProgrammeApplication")
            await policy.require_application_host(session, info.context.principal, key)
            return await applications.decide(session, key, input.decision)

        result = await run_write(info, write, entity="ProgrammeApplication", input=input)
        return await _application(info, result.value, talent_errors(result.user_errors))

    @mutation("Take up the seat you were offered, before the offer expires: the applicant.")
    async def enrol_in_programme(
        self,
        info: Info,
        input: Annotated[TalentIdInput, strawberry.argument(description="The application.")],
    ) -> ApplicationPayload:
        async def write(session: AsyncSession) -> int:
            key = _id(input.id, "ProgrammeApplication")
            await policy.require_applicant(session, info.context.principal, key)
            return await applications.enrol(session, key)

        result = await run_write(info, write, entity="ProgrammeApplication", input=input)
        return await _application(info, result.value, talent_errors(result.user_errors))

    @mutation(
        "Withdraw an application not yet enrolled: the applicant. A seat it held goes to the "
        "head of the waitlist."
    )
    async def withdraw_application(
        self,
        info: Info,
        input: Annotated[TalentIdInput, strawberry.argument(description="The application.")],
    ) -> ApplicationPayload:
        async def write(session: AsyncSession) -> int:
            key = _id(input.id, "ProgrammeApplication")
            await policy.require_applicant(session, info.context.principal, key)
            return await applications.withdraw(session, key)

        result = await run_write(info, write, entity="ProgrammeApplication", input=input)
        return await _application(info, result.value, talent_errors(result.user_errors))

    @mutation(
        "Record how an enrolled participant finished (COMPLETED, DROPPED or NO_SHOW): the "
        "host's admins, or staff."
    )
    async def record_application_outcome(
        self,
        info: Info,
        input: Annotated[
            RecordApplicationOutcomeInput, strawberry.argument(description="The outcome.")
        ],
    ) -> ApplicationPayload:
        async def write(session: AsyncSession) -> int:
            key = _id(input.id, "ProgrammeApplication")
            await policy.require_application_host(session, info.context.principal, key)
            return await applications.record_outcome(session, key, input.outcome)

        result = await run_write(info, write, entity="ProgrammeApplication", input=input)
        return await _application(info, result.value, talent_errors(result.user_errors))

    @mutation("Score an application from 1 to 5, with a comment: the host's admins.")
    async def review_application(
        self,
        info: Info,
        input: Annotated[ReviewApplicationInput, strawberry.argument(description="The review.")],
    ) -> ApplicationPayload:
        async def write(session: AsyncSession) -> int:
            key = _id(input.application_id, "ProgrammeApplication", "application_id")
            principal = info.context.principal
            await policy.require_application_host(session, principal, key)
            reviewer = policy.require_reviewer_person(principal)
            await applications.review(session, key, reviewer, input.score, input.comment)
            return key

        result = await run_write(info, write, entity="ProgrammeApplication", input=input)
        return await _application(info, result.value, talent_errors(result.user_errors))
