"""A credential as an Open Badges 3.0 document (JSON-LD), before it is signed.

Everything the document says was frozen when the credential was issued (``Badge``), so
the same credential always gives the same document and its proof stays valid; only
``public_url`` (``HUB_PUBLIC_URL``) places it. Revocation is not in the document: a
verifier reads it from ``credentialStatus``, a 1EdTech revocation list of the issuer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from hub.creators.enums import SkillLevel

OB3_CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
CREDENTIAL_TYPES = ["VerifiableCredential", "OpenBadgeCredential"]
REVOCATION_LIST_TYPE = "1EdTechRevocationList"


@dataclass(frozen=True)
class Badge:
    """What one credential attests, as it stood when issued."""

    public_id: str
    issued_at: datetime
    issuer_slug: str
    issuer_name: str
    recipient_handle: str
    recipient_name: str
    achievement_id: int
    achievement_name: str
    achievement_description: str
    criteria: str
    achievement_type: str
    discipline_slug: str
    level: SkillLevel
    result_level: SkillLevel
    programme_slug: str
    programme_title: str
    sessions_attended: int
    sessions_total: int


def xsd_datetime(moment: datetime) -> str:
    """A UTC instant as XSD dateTime, to the second (``2026-12-01T04:00:00Z``)."""
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def credential_url(public_url: str, public_id: str) -> str:
    return f"{public_url}/credentials/{public_id}"


def revocation_list_url(public_url: str, issuer_slug: str) -> str:
    return f"{public_url}/credentials/issuers/{issuer_slug}/revocations"


def ob3_document(badge: Badge, public_url: str) -> dict[str, Any]:
    """The unsigned OpenBadgeCredential for ``badge``, served under ``public_url``."""
    achievement_url = f"{public_url}/credentials/achievements/{badge.achievement_id}"
    level_description = f"{achievement_url}#level"
    return {
        "@context": OB3_CONTEXT,
        "id": credential_url(public_url, badge.public_id),
        "type": CREDENTIAL_TYPES,
        "name": badge.achievement_name,
        "issuer": {
            "id": f"urn:hub:organisation:{badge.issuer_slug}",
            "type": ["Profile"],
            "name": badge.issuer_name,
        },
        "validFrom": xsd_datetime(badge.issued_at),
        "credentialSubject": {
            "id": f"urn:hub:creator:{badge.recipient_handle}",
            "type": ["AchievementSubject"],
            "name": badge.recipient_name,
            "achievement": {
                "id": achievement_url,
                "type": ["Achievement"],
                "achievementType": badge.achievement_type,
                "name": badge.achievement_name,
                "description": badge.achievement_description,
                "criteria": {"narrative": badge.criteria},
                "tag": [badge.discipline_slug],
                "fieldOfStudy": badge.discipline_slug,
                "resultDescription": [
                    {
                        "id": level_description,
                        "type": ["ResultDescription"],
                        "name": "Level reached",
                        "resultType": "RubricCriterionLevel",
                        "allowedValue": [level.value for level in SkillLevel],
                        "requiredValue": badge.level.value,
                    }
                ],
            },
            "result": [
                {
                    "type": ["Result"],
                    "resultDescription": level_description,
                    "value": badge.result_level.value,
                }
            ],
        },
        "evidence": [
            {
                "id": f"urn:hub:programme:{badge.programme_slug}",
                "type": ["Evidence"],
                "name": badge.programme_title,
                "narrative": (
                    f"Attended {badge.sessions_attended} of {badge.sessions_total} sessions."
                ),
            }
        ],
        "credentialStatus": {
            "id": revocation_list_url(public_url, badge.issuer_slug),
            "type": REVOCATION_LIST_TYPE,
        },
    }
