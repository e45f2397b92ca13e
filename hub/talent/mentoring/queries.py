"""Root fields for mentoring."""

from __future__ import annotations

import enum
from typing import Annotated, Any

import strawberry
from sqlalchemy import ColumnElement, or_
from strawberry import relay

from hub.api.context import Info
from hub.api.global_ids import argument_key
from hub.api.pagination import Connection, QueryListing, connection
from hub.core.filters import all_of
from hub.talent.mentoring.enums import PairingStatus
from hub.talent.mentoring.models import MentorshipPairing as PairingRow
from hub.talent.mentoring.types import MentorshipPairing


@strawberry.enum(description="Which side of a pairing a creator is on.")
class PairingSide(enum.Enum):
    MENTOR = strawberry.enum_value("MENTOR", description="Pairings where they mentor.")
    MENTEE = strawberry.enum_value("MENTEE", description="Pairings where they are mentored.")
    EITHER = strawberry.enum_value("EITHER", description="Both.")


def pairing_conditions(
    creator: int, side: PairingSide, statuses: list[PairingStatus] | None
) -> tuple[ColumnElement[Any], ...]:
    sides = {
        PairingSide.MENTOR: PairingRow.mentor_id == creator,
        PairingSide.MENTEE: PairingRow.mentee_id == creator,
        PairingSide.EITHER: or_(PairingRow.mentor_id == creator, PairingRow.mentee_id == creator),
    }
    return all_of(sides[side], PairingRow.status.in_(statuses) if statuses else None)


@strawberry.type
class MentoringQueries:
    @connection(Connection[MentorshipPairing], "A creator's mentorship pairings, newest first.")
    def mentorship_pairings(
        self,
        info: Info,
        creator_id: Annotated[relay.GlobalID, strawberry.argument(description="The creator.")],
        side: Annotated[
            PairingSide, strawberry.argument(description="As mentor, as mentee, or either.")
        ] = PairingSide.EITHER,
        statuses: Annotated[
            list[PairingStatus] | None, strawberry.argument(description="In these statuses.")
        ] = None,
    ) -> QueryListing:
        creator = argument_key(creator_id, "Creator", "creatorId")
        return QueryListing(MentorshipPairing, pairing_conditions(creator, side, statuses))
