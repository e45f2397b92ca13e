"""Mentoring: what mentors offer, and pairings that never exceed it. No GraphQL.

A mentor's places are counted in ``mentor_capacity.taken``, which only moves through
conditional UPDATEs: taking a place succeeds only while ``taken < capacity``, so two
proposals racing for a mentor's last place cannot both win, on either database. A
pairing's status likewise moves only from the status it was read in, so two answers
racing on one pairing give back its place once.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.checks import check_text
from hub.core.columns import utcnow
from hub.core.lookups import any_row, get_or_reject
from hub.core.states import IllegalTransition
from hub.core.validation import Problems, Rejected
from hub.creators.service import creator_exists
from hub.i18n.messages import _
from hub.talent.mentoring.enums import PairingStatus
from hub.talent.mentoring.errors import MentoringErrorCode
from hub.talent.mentoring.models import MentorCapacity, MentorshipPairing
from hub.talent.mentoring.states import PAIRING_STATUS

MAX_GOALS_LENGTH = 2_000
MAX_CAPACITY = 50


async def offer_mentoring(session: AsyncSession, creator_id: int, capacity: int) -> int:
    """Set how many mentees the creator takes at once (0 stops new pairings)."""
    if not await creator_exists(session, creator_id):
        raise Rejected.one("creator_id", MentoringErrorCode.NOT_FOUND, _("No such creator."))
    if not 0 <= capacity <= MAX_CAPACITY:
        raise Rejected.one(
            "capacity",
            MentoringErrorCode.OUT_OF_RANGE,
            _("A capacity is between 0 and {maximum}.", maximum=MAX_CAPACITY),
        )
    row = await session.get(MentorCapacity, creator_id, with_for_update=True)
    if row is None:
        session.add(MentorCapacity(creator_id=creator_id, capacity=capacity, taken=0))
    elif capacity < row.taken:
        raise Rejected.one(
            "capacity",
            MentoringErrorCode.CAPACITY_BELOW_TAKEN,
            _(
                "{taken} pairings are proposed or active; the capacity cannot be lower.",
                taken=row.taken,
            ),
        )
    else:
        row.capacity = capacity
    await session.flush()
    return creator_id


async def _take_place(session: AsyncSession, mentor_id: int) -> bool:
    taken = await session.execute(
        update(MentorCapacity)
        .where(
            MentorCapacity.creator_id == mentor_id, MentorCapacity.taken < MentorCapacity.capacity
        )
        .values(taken=MentorCapacity.taken + 1)
        .execution_options(synchronize_session=False)
    )
    return bool(taken.rowcount == 1)  # type: ignore[attr-defined]


async def _give_back_place(session: AsyncSession, mentor_id: int) -> None:
    await session.execute(
        update(MentorCapacity)
        .where(MentorCapacity.creator_id == mentor_id, MentorCapacity.taken > 0)
        .values(taken=MentorCapacity.taken - 1)
        .execution_options(synchronize_session=False)
    )


@dataclass(frozen=True)
class PairingFields:
    mentor_id: int
    mentee_id: int
    goals: str | None = None
    programme_id: int | None = None


async def propose_pairing(
    session: AsyncSession, fields: PairingFields, proposed_by_user_id: int | None
) -> int:
    """A proposed pairing, holding one of the mentor's places until it is answered."""
    problems = Problems()
    goals = check_text(problems, "goals", fields.goals, max_length=MAX_GOALS_LENGTH, required=False)
    for path, key in (("mentor_id", fields.mentor_id), ("mentee_id", fields.mentee_id)):
        if not await creator_exists(session, key):
            problems.add(path, MentoringErrorCode.NOT_FOUND, _("No such creator."))
    if fields.mentor_id == fields.mentee_id:
        problems.add(
            "mentee_id", MentoringErrorCode.SELF_PAIRING, _("A creator cannot mentor themselves.")
        )
    problems.raise_any()
    offer = await session.get(MentorCapacity, fields.mentor_id)
    if offer is None or offer.capacity == 0:
        raise Rejected.one(
            "mentor_id", MentoringErrorCode.NOT_A_MENTOR, _("The creator offers no mentoring.")
        )
    if await any_row(
        session,
        select(MentorshipPairing.id).where(
            MentorshipPairing.mentor_id == fields.mentor_id,
            MentorshipPairing.mentee_id == fields.mentee_id,
            MentorshipPairing.status.in_([PairingStatus.PROPOSED, PairingStatus.ACTIVE]),
        ),
    ):
        raise Rejected.one(
            "mentee_id",
            MentoringErrorCode.ALREADY_PAIRED,
            _("The two already have a proposed or active pairing."),
        )
    if not await _take_place(session, fields.mentor_id):
        raise Rejected.one(
            "mentor_id",
            MentoringErrorCode.MENTOR_FULL,
            _("Every place this mentor offers is taken."),
        )
    pairing = MentorshipPairing(
        mentor_id=fields.mentor_id,
        mentee_id=fields.mentee_id,
        programme_id=fields.programme_id,
        status=PairingStatus.PROPOSED,
        goals=goals or "",
        proposed_by_user_id=proposed_by_user_id,
    )
    session.add(pairing)
    await session.flush()
    await PAIRING_STATUS.record(session, pairing.id, None, PairingStatus.PROPOSED)
    return pairing.id


async def update_goals(session: AsyncSession, pairing_id: int, goals: str | None) -> int:
    """Rewrite what a proposed or active pairing aims at (empty clears it); a finished
    pairing keeps the goals it ended with."""
    pairing = await get_or_reject(
        session, MentorshipPairing, pairing_id, missing=_("No such pairing.")
    )
    problems = Problems()
    checked = check_text(problems, "goals", goals, max_length=MAX_GOALS_LENGTH, required=False)
    if not pairing.status.holds_place:
        problems.add(
            "id",
            MentoringErrorCode.PAIRING_FINISHED,
            _("The pairing is over; its goals can no longer change."),
        )
    problems.raise_any()
    pairing.goals = checked or ""
    await session.flush()
    return pairing.id


async def move_pairing(session: AsyncSession, pairing_id: int, wanted: PairingStatus) -> int:
    """Answer or end a pairing; leaving PROPOSED or ACTIVE for good gives the place back."""
    pairing = await get_or_reject(
        session, MentorshipPairing, pairing_id, missing=_("No such pairing.")
    )
    current = pairing.status
    try:
        PAIRING_STATUS.check(current, wanted)
    except IllegalTransition as illegal:
        raise Rejected.one(
            "status", MentoringErrorCode.INVALID_STATUS_TRANSITION, illegal.message
        ) from illegal
    if wanted is current:
        return pairing.id
    now = utcnow()
    moved = await session.execute(
        update(MentorshipPairing)
        .where(MentorshipPairing.id == pairing.id, MentorshipPairing.status == current)
        .values(
            status=wanted,
            started_at=now if wanted is PairingStatus.ACTIVE else MentorshipPairing.started_at,
            ended_at=None if wanted.holds_place else now,
        )
        .execution_options(synchronize_session=False)
    )
    if moved.rowcount != 1:  # type: ignore[attr-defined]
        raise Rejected.one(
            "id",
            MentoringErrorCode.CONFLICT,
            _("The pairing was changed at the same time; reload and try again."),
        )
    if current.holds_place and not wanted.holds_place:
        await _give_back_place(session, pairing.mentor_id)
    await PAIRING_STATUS.record(session, pairing.id, current, wanted)
    await session.refresh(pairing)
    return pairing.id
