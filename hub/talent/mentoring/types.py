"""GraphQL types of mentoring."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry import relay

from hub.api.enums import graphql_enum
from hub.api.nodes import MappedNode
from hub.api.relations import follows
from hub.creators.types import Creator
from hub.talent.mentoring.enums import PairingStatus
from hub.talent.mentoring.mapping import MENTORSHIP_PAIRING
from hub.talent.mentoring.states import PAIRING_STATUS

graphql_enum(
    PairingStatus,
    description="Where a mentorship pairing stands.",
    values={
        PairingStatus.PROPOSED: "Asked for; the mentor has not answered. Holds a place.",
        PairingStatus.ACTIVE: "The mentor accepted; mentoring is under way. Holds a place.",
        PairingStatus.COMPLETED: "Mentoring ran its course. Final.",
        PairingStatus.ENDED: "Stopped before its course was run. Final.",
        PairingStatus.DECLINED: "The mentor said no. Final.",
    },
)


@strawberry.type(description="A mentor and a young creator they mentor, or were asked to.")
class MentorshipPairing(MappedNode):
    entity = MENTORSHIP_PAIRING

    id: relay.NodeID[int]
    mentor_id: strawberry.Private[int]
    mentee_id: strawberry.Private[int]
    status: PairingStatus = strawberry.field(description="Where it stands.")
    proposed_at: datetime = strawberry.field(description="When it was proposed.")
    started_at: datetime | None = strawberry.field(description="When the mentor accepted.")
    ended_at: datetime | None = strawberry.field(
        description="When it was completed, ended or declined."
    )

    mentor = follows(MENTORSHIP_PAIRING.relations.mentor, Creator, "The mentor.")
    mentee = follows(MENTORSHIP_PAIRING.relations.mentee, Creator, "The creator mentored.")

    @strawberry.field(description="The statuses it may move to from its current one.")
    def allowed_transitions(self) -> list[PairingStatus]:
        return sorted(PAIRING_STATUS.allowed(self.status), key=lambda status: status.value)
