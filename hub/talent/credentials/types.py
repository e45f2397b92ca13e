"""GraphQL types of verified skills."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry import relay

from hub.api.context import Info
from hub.api.enums import graphql_enum
from hub.api.nodes import MappedNode
from hub.api.relations import follows, follows_all
from hub.creators.enums import SkillLevel
from hub.creators.types import Creator
from hub.disciplines.types import Discipline
from hub.organisations.types import Organisation
from hub.talent.credentials.document import credential_url
from hub.talent.credentials.mapping import ACHIEVEMENT, CREDENTIAL
from hub.talent.credentials.verification import Verdict

graphql_enum(
    Verdict,
    name="CredentialVerdict",
    description="What checking a credential found.",
    values={
        Verdict.VALID: "Signed by a key the hub vouches for, as issued, and not revoked.",
        Verdict.REVOKED: "Genuine, but revoked by its issuer (see the reason).",
        Verdict.TAMPERED: "Changed since it was signed, or signed by a key the hub does not "
        "vouch for.",
        Verdict.UNKNOWN: "Signed by the hub, but it names no credential the hub holds.",
    },
)


@strawberry.type(
    description="What completing a programme attests (an Open Badges 3.0 Achievement)."
)
class Achievement(MappedNode):
    entity = ACHIEVEMENT

    id: relay.NodeID[int]
    issuer_organisation_id: strawberry.Private[int]
    discipline_id: strawberry.Private[int]
    level: SkillLevel = strawberry.field(description="The level the programme teaches.")
    achievement_type: str = strawberry.field(
        description="Open Badges' achievementType: Course, Workshop or Mentorship."
    )
    name: str = strawberry.field(description="Its name (the programme's title).")
    description: str = strawberry.field(description="What it is.")
    criteria: str = strawberry.field(description="What earns it.")

    issuer = follows(ACHIEVEMENT.relations.issuer, Organisation, "The host that issues it.")
    discipline = follows(
        ACHIEVEMENT.relations.discipline, Discipline, "The first discipline it attests (by slug)."
    )
    disciplines = follows_all(
        ACHIEVEMENT.relations.disciplines,
        list[Discipline],
        "Every discipline it attests, each at `level` (credentials issued before this was "
        "added quote only the first in their Open Badges document).",
    )


@strawberry.type(
    description="A verified skill: an achievement earned by a creator (an Open Badges 3.0 "
    "credential), fetchable and verifiable by anyone at `url`."
)
class Credential(MappedNode):
    entity = CREDENTIAL

    id: relay.NodeID[int]
    public_id: str = strawberry.field(description="Its id in its public URL.")
    creator_id: strawberry.Private[int]
    achievement_id: strawberry.Private[int]
    discipline_id: strawberry.Private[int]
    level: SkillLevel = strawberry.field(description="The level it attests.")
    sessions_attended: int = strawberry.field(description="Sessions the recipient attended.")
    sessions_total: int = strawberry.field(description="Sessions the programme had.")
    issued_at: datetime = strawberry.field(description="When it was issued.")
    revoked_at: datetime | None = strawberry.field(description="When its issuer revoked it.")
    revocation_reason: str | None = strawberry.field(description="Why it was revoked.")

    recipient = follows(CREDENTIAL.relations.recipient, Creator, "Who earned it.")
    achievement = follows(CREDENTIAL.relations.achievement, Achievement, "What it attests.")
    discipline = follows(CREDENTIAL.relations.discipline, Discipline, "The discipline.")

    @strawberry.field(
        description="Its public URL: the signed Open Badges 3.0 JSON-LD document; add "
        "`/verification` for the hub's verdict on it."
    )
    def url(self, info: Info) -> str:
        return credential_url(info.context.settings.public_url.rstrip("/"), self.public_id)


@strawberry.type(description="The verdict on a credential document.")
class CredentialVerification:
    verdict: Verdict = strawberry.field(description="What checking it found.")
    public_id: str | None = strawberry.field(description="The credential it names, if any.")
    revoked_at: datetime | None = strawberry.field(description="When it was revoked.")
    revocation_reason: str | None = strawberry.field(description="Why it was revoked.")
