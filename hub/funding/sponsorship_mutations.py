"""Mutations of seat sponsorships: the host links a pledge to the seat it paid for, the
student consents (or not) to its sponsor seeing where the seat went."""

from __future__ import annotations

from typing import Annotated

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry import relay

from hub.api.context import Info
from hub.api.relations import load_node
from hub.api.writes import key_of, mutation, run_write
from hub.funding import sponsorship, sponsorship_policy
from hub.funding.errors import FundingError, funding_errors
from hub.funding.types import Pledge
from hub.talent.types import ProgrammeApplication


@strawberry.input(description="A collected seat sponsorship and the scholarship seat it paid for.")
class AssignSponsoredSeatInput:
    pledge_id: relay.GlobalID = strawberry.field(
        description="A collected pledge at a SEAT_SPONSORSHIP tier."
    )
    application_id: relay.GlobalID = strawberry.field(
        description="An application of the tier's programme holding a scholarship seat "
        "(accepted, enrolled or completed)."
    )


@strawberry.type(description="The outcome of linking a seat sponsorship to its seat.")
class AssignSponsoredSeatPayload:
    pledge: Pledge | None = strawberry.field(description="The pledge, now funding the seat.")
    user_errors: list[FundingError] = strawberry.field(description="Why it did not work.")


@strawberry.input(description="Your consent about the sponsor of your scholarship seat.")
class SetSponsorConsentInput:
    application_id: relay.GlobalID = strawberry.field(description="Your application.")
    consent: bool = strawberry.field(
        description="True lets the seat's sponsor see its programme, your country and region, "
        "and whether you graduated; false withdraws that."
    )


@strawberry.type(description="The outcome of giving or withdrawing consent.")
class SetSponsorConsentPayload:
    application: ProgrammeApplication | None = strawberry.field(description="The application.")
    consent_given: bool | None = strawberry.field(
        description="Whether the sponsor may now see the seat's details."
    )
    user_errors: list[FundingError] = strawberry.field(description="Why it did not work.")


@strawberry.type
class SponsorshipMutations:
    @mutation(
        "Link a collected seat sponsorship to the scholarship seat it paid for: the admins "
        "of the programme's host. One pledge funds one seat."
    )
    async def assign_sponsored_seat(
        self,
        info: Info,
        input: Annotated[
            AssignSponsoredSeatInput, strawberry.argument(description="The pledge and seat.")
        ],
    ) -> AssignSponsoredSeatPayload:
        async def write(session: AsyncSession) -> int:
            pledge = key_of(input.pledge_id, "Pledge", "pledgeId")
            application = key_of(input.application_id, "ProgrammeApplication", "applicationId")
            await sponsorship_policy.require_seat_assigner(session, info.context.principal, pledge)
            return await sponsorship.assign_seat(session, pledge, application)

        result = await run_write(info, write, entity="Pledge", input=input)
        return AssignSponsoredSeatPayload(
            pledge=await load_node(info, Pledge, result.value),
            user_errors=funding_errors(result.user_errors),
        )

    @mutation(
        "Give or withdraw consent that the sponsor of your scholarship seat sees its "
        "programme, your country and region and whether you graduated (none by default)."
    )
    async def set_sponsor_consent(
        self,
        info: Info,
        input: Annotated[
            SetSponsorConsentInput, strawberry.argument(description="Your application.")
        ],
    ) -> SetSponsorConsentPayload:
        async def write(session: AsyncSession) -> int:
            application = key_of(input.application_id, "ProgrammeApplication", "applicationId")
            await sponsorship_policy.require_student(session, info.context.principal, application)
            return await sponsorship.set_consent(session, application, input.consent)

        result = await run_write(info, write, entity="ProgrammeApplication", input=input)
        done = result.value is not None
        return SetSponsorConsentPayload(
            application=await load_node(info, ProgrammeApplication, result.value),
            consent_given=input.consent if done else None,
            user_errors=funding_errors(result.user_errors),
        )
