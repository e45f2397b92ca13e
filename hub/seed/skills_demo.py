"""Verified skills and mentoring in the demo data, through the same services the API uses:
a credential for every completed demo application, the demo mentors' places, and
pairings in every status (``db/seed/demo/mentoring.json``)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.paths import db_dir
from hub.talent.credentials.service import issue_credential
from hub.talent.enums import ApplicationStatus
from hub.talent.mentoring import service as mentoring
from hub.talent.mentoring.enums import PairingStatus
from hub.talent.models import ProgrammeApplication

PATHS = {
    PairingStatus.PROPOSED: (),
    PairingStatus.ACTIVE: (PairingStatus.ACTIVE,),
    PairingStatus.DECLINED: (PairingStatus.DECLINED,),
    PairingStatus.COMPLETED: (PairingStatus.ACTIVE, PairingStatus.COMPLETED),
    PairingStatus.ENDED: (PairingStatus.ACTIVE, PairingStatus.ENDED),
}
"""The moves from PROPOSED that reach each status."""


async def load_skills(session: AsyncSession, creator_ids: Mapping[str, int]) -> dict[str, int]:
    completed = await session.scalars(
        select(ProgrammeApplication.id)
        .where(ProgrammeApplication.status == ApplicationStatus.COMPLETED)
        .order_by(ProgrammeApplication.id)
    )
    credentials = [await issue_credential(session, key) for key in completed.all()]
    data: dict[str, Any] = json.loads(
        (db_dir() / "seed" / "demo" / "mentoring.json").read_text(encoding="utf-8")
    )
    for mentor in data["mentors"]:
        await mentoring.offer_mentoring(session, creator_ids[mentor["handle"]], mentor["capacity"])
    for item in data["pairings"]:
        fields = mentoring.PairingFields(
            mentor_id=creator_ids[item["mentor"]],
            mentee_id=creator_ids[item["mentee"]],
            goals=item["goals"],
        )
        key = await mentoring.propose_pairing(session, fields, None)
        for move in PATHS[PairingStatus(item["status"])]:
            await mentoring.move_pairing(session, key, move)
    return {
        "credentials": len(credentials),
        "mentors": len(data["mentors"]),
        "pairings": len(data["pairings"]),
    }
