"""GraphQL types of mentoring."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry import relay

from hub.api.context import Info
from hub.api.enums import graphql_enum
from hub.api.nodes import MappedNode
from hub.api.relations import follows
from hub.creators.types import Creator
from hub.talent.access import ProgrammeAccess
from hub.talent.mentoring.enums import PairingStatus
from hub.talent.mentoring.mapping import MENTORSHIP_PAIRING
from hub.talent.mentoring.states import PAIRING_STATUS
from hub.talent.types import owned_creators_loader, programme_access_loader

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
    programme_id: strawberry.Private[int | None]
    stored_goals: strawberry.Private[str]
    status: PairingStatus = strawberry.field(description="Where it stands.")
    proposed_at: datetime = strawberry.field(description="When it was proposed.")
    started_at: datetime | None = strawberry.field(description="When the mentor accepted.")
    ended_at: datetime | None = strawberry.field(
        description="When it was completed, ended or declined."
    )

    mentor = follows(MENTORSHIP_PAIRING.relations.mentor, Creator, "The mentor.")
    mentee = follows(MENTORSHIP_PAIRING.relations.mentee, Creator, "The creator mentored.")

    @strawberry.field(
        description="What the pair hope to achieve: for the mentor, the creator mentored, "
        "staff and the admins of the host of the programme it belongs to (null for anyone "
        "else); empty when none was given."
    )
    async def goals(self, info: Info) -> str | None:
        return self.stored_goals if await self._sees_private(info) else None

    async def _sees_private(self, info: Info) -> bool:
        if info.context.principal.is_staff:
            return True
        owned = owned_creators_loader(info)
        if await owned.load(self.mentor_id) or await owned.load(self.mentee_id):
            return True
        if self.programme_id is None:
            return False
        access = await programme_access_loader(info).load(self.programme_id)
        return access is ProgrammeAccess.REVIEWER

    @strawberry.field(description="The statuses it may move to from its current one.")
    def allowed_transitions(self) -> list[PairingStatus]:
        return sorted(PAIRING_STATUS.allowed(self.status), key=lambda status: status.value)
