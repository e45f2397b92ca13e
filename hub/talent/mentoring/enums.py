from __future__ import annotations

import enum


class PairingStatus(enum.Enum):
    PROPOSED = "PROPOSED"
    ACTIVE = "ACTIVE"
    COMPLETED = "COMPLETED"
    ENDED = "ENDED"
    DECLINED = "DECLINED"

    @property
    def holds_place(self) -> bool:
        """Proposed and active pairings count against the mentor's capacity."""
        return self in (PairingStatus.PROPOSED, PairingStatus.ACTIVE)


PAIRING_TRANSITIONS: dict[PairingStatus, frozenset[PairingStatus]] = {
    PairingStatus.PROPOSED: frozenset({PairingStatus.ACTIVE, PairingStatus.DECLINED}),
    PairingStatus.ACTIVE: frozenset({PairingStatus.COMPLETED, PairingStatus.ENDED}),
    PairingStatus.COMPLETED: frozenset(),
    PairingStatus.ENDED: frozenset(),
    PairingStatus.DECLINED: frozenset(),
}
