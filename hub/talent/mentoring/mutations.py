"""Mutations for mentoring: offering places, proposing pairings and moving them."""

from __future__ import annotations

from typing import Annotated

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry import relay

from hub.api.context import Info
from hub.api.relations import load_node
from hub.api.writes import key_of, mutation, run_write
from hub.creators.types import Creator
from hub.talent.mentoring import policy, service
from hub.talent.mentoring.enums import PairingStatus
from hub.talent.mentoring.errors import MentoringError, mentoring_errors
from hub.talent.mentoring.types import MentorshipPairing


@strawberry.input(description="How many young creators a mentor takes at once.")
class OfferMentoringInput:
    creator_id: relay.GlobalID = strawberry.field(description="Your creator profile.")
    capacity: int = strawberry.field(
        description="Places: proposed and active pairings never exceed it (0 takes no more)."
    )


@strawberry.type(description="The outcome of offering mentoring.")
class OfferMentoringPayload:
    creator: Creator | None = strawberry.field(description="The mentor.")
    user_errors: list[MentoringError] = strawberry.field(description="Why it did not work.")


@strawberry.input(description="A young creator asking a mentor to mentor them.")
class ProposeMentorshipInput:
    mentor_id: relay.GlobalID = strawberry.field(description="The mentor (a creator).")
    mentee_id: relay.GlobalID = strawberry.field(description="The creator to be mentored.")
    goals: str | None = strawberry.field(
        default=None,
        description="What they hope to learn (at most 2,000 characters); only the pair, "
        "staff and the programme's host admins read it.",
    )


@strawberry.input(description="A pairing and the goals it now pursues.")
class UpdateMentorshipGoalsInput:
    id: relay.GlobalID = strawberry.field(description="The pairing (proposed or active).")
    goals: str = strawberry.field(
        description="What the pair hope to achieve (at most 2,000 characters; empty clears)."
    )


@strawberry.input(description="A pairing and the status it moves to.")
class SetMentorshipStatusInput:
    id: relay.GlobalID = strawberry.field(description="The pairing.")
    status: PairingStatus = strawberry.field(
        description="ACTIVE or DECLINED (the mentor answering), COMPLETED or ENDED (either side)."
    )


@strawberry.type(description="The outcome of proposing or moving a pairing.")
class MentorshipPairingPayload:
    pairing: MentorshipPairing | None = strawberry.field(description="The pairing.")
    user_errors: list[MentoringError] = strawberry.field(description="Why it did not work.")


@strawberry.type
class MentoringMutations:
    @mutation("Offer places as a mentor, or change how many: the creator's owner.")
    async def offer_mentoring(
        self,
        info: Info,
        input: Annotated[OfferMentoringInput, strawberry.argument(description="The offer.")],
    ) -> OfferMentoringPayload:
        async def write(session: AsyncSession) -> int:
            creator = key_of(input.creator_id, "Creator", "creator_id")
            await policy.require_own_creator(session, info.context.principal, creator)
            return await service.offer_mentoring(session, creator, input.capacity)

        result = await run_write(info, write, entity="Creator", input=input)
        return OfferMentoringPayload(
            creator=await load_node(info, Creator, result.value),
            user_errors=mentoring_errors(result.user_errors),
        )

    @mutation(
        "Ask a mentor to mentor a creator (the creator's owner, or staff); it holds one of "
        "the mentor's places until answered, and is refused when none is left."
    )
    async def propose_mentorship(
        self,
        info: Info,
        input: Annotated[ProposeMentorshipInput, strawberry.argument(description="Who and why.")],
    ) -> MentorshipPairingPayload:
        principal = info.context.principal

        async def write(session: AsyncSession) -> int:
            fields = service.PairingFields(
                mentor_id=key_of(input.mentor_id, "Creator", "mentor_id"),
                mentee_id=key_of(input.mentee_id, "Creator", "mentee_id"),
                goals=input.goals,
            )
            await policy.require_proposer(session, principal, fields.mentee_id)
            return await service.propose_pairing(session, fields, principal.user_id)

        result = await run_write(info, write, entity="MentorshipPairing", input=input)
        return MentorshipPairingPayload(
            pairing=await load_node(info, MentorshipPairing, result.value),
            user_errors=mentoring_errors(result.user_errors),
        )

    @mutation(
        "Answer a proposed pairing (the mentor: ACTIVE or DECLINED) or finish an active one "
        "(either side: COMPLETED or ENDED); finishing gives the mentor's place back."
    )
    async def set_mentorship_status(
        self,
        info: Info,
        input: Annotated[
            SetMentorshipStatusInput, strawberry.argument(description="The pairing and status.")
        ],
    ) -> MentorshipPairingPayload:
        async def write(session: AsyncSession) -> int:
            key = key_of(input.id, "MentorshipPairing", "id")
            await policy.require_pairing_mover(session, info.context.principal, key, input.status)
            return await service.move_pairing(session, key, input.status)

        result = await run_write(info, write, entity="MentorshipPairing", input=input)
        return MentorshipPairingPayload(
            pairing=await load_node(info, MentorshipPairing, result.value),
            user_errors=mentoring_errors(result.user_errors),
        )

    @mutation(
        "Change what a proposed or active pairing aims at: the mentor's or the creator "
        "mentored's owner, or staff."
    )
    async def update_mentorship_goals(
        self,
        info: Info,
        input: Annotated[
            UpdateMentorshipGoalsInput, strawberry.argument(description="The pairing and goals.")
        ],
    ) -> MentorshipPairingPayload:
        async def write(session: AsyncSession) -> int:
            key = key_of(input.id, "MentorshipPairing", "id")
            await policy.require_pair_member(session, info.context.principal, key)
            return await service.update_goals(session, key, input.goals)

        result = await run_write(info, write, entity="MentorshipPairing", input=input)
        return MentorshipPairingPayload(
            pairing=await load_node(info, MentorshipPairing, result.value),
            user_errors=mentoring_errors(result.user_errors),
        )
