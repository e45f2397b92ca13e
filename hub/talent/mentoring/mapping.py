"""How mentorship pairings map onto SQL."""

from __future__ import annotations

from hub.core.mapping import Entity, Relations, ToOne
from hub.creators import mapping as creators_mapping
from hub.talent.mentoring.models import MentorshipPairing


class PairingRelations(Relations):
    mentor = ToOne(lambda: creators_mapping.CREATOR, key_field="mentor_id")
    mentee = ToOne(lambda: creators_mapping.CREATOR, key_field="mentee_id")


MENTORSHIP_PAIRING: Entity[PairingRelations] = Entity(
    name="MentorshipPairing",
    table=MentorshipPairing.__table__,
    key_field="id",
    fields={
        "id": MentorshipPairing.id,
        "mentor_id": MentorshipPairing.mentor_id,
        "mentee_id": MentorshipPairing.mentee_id,
        "programme_id": MentorshipPairing.programme_id,
        "stored_goals": MentorshipPairing.goals,
        "status": MentorshipPairing.status,
        "proposed_at": MentorshipPairing.proposed_at,
        "started_at": MentorshipPairing.started_at,
        "ended_at": MentorshipPairing.ended_at,
    },
    relations=PairingRelations(),
    orderings={"PROPOSED_AT": MentorshipPairing.proposed_at},
    default_ordering=(("PROPOSED_AT", True),),
)
