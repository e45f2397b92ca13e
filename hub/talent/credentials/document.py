"""A credential as an Open Badges 3.0 document (JSON-LD), before it is signed.

Everything the document says was frozen when the credential was issued (``Badge``), so
the same credential always gives the same document and its proof stays valid; only
``public_url`` (``HUB_PUBLIC_URL``) places it. Revocation is not in the document: a
verifier reads it from ``credentialStatus``, a 1EdTech revocation list of the issuer.

Two formats, chosen when a credential is issued and kept for good: format 1 (the first
credentials) attests one discipline and names its issuer by a ``urn:``; format 2 attests
every discipline the programme teaches (an ``alignment``, a ``resultDescription`` and a
``result`` each) and names its issuer by the URL of its profile, which the hub serves.
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


FIRST_FORMAT = 1
CURRENT_FORMAT = 2
"""The format newly issued credentials take."""


@dataclass(frozen=True)
class AttestedDiscipline:
    """A discipline an achievement attests and its level, named as when it was made."""

    slug: str
    name: str
    level: SkillLevel


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
    document_format: int = FIRST_FORMAT
    disciplines: tuple[AttestedDiscipline, ...] = ()
    """Every discipline attested (format 2; format 1 quotes ``discipline_slug`` only)."""


def xsd_datetime(moment: datetime) -> str:
    """A UTC instant as XSD dateTime, to the second (``2026-12-01T04:00:00Z``)."""
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def credential_url(public_url: str, public_id: str) -> str:
    return f"{public_url}/credentials/{public_id}"


def revocation_list_url(public_url: str, issuer_slug: str) -> str:
    return f"{public_url}/credentials/issuers/{issuer_slug}/revocations"


def issuer_urn(issuer_slug: str) -> str:
    """How format 1 documents name their issuer (its profile lists it as another id)."""
    return f"urn:hub:organisation:{issuer_slug}"


def issuer_profile_url(public_url: str, issuer_slug: str) -> str:
    """Where an issuer's Open Badges Profile is served: its id in format 2 documents."""
    return f"{public_url}/credentials/issuers/{issuer_slug}"


def achievement_url(public_url: str, achievement_id: int) -> str:
    return f"{public_url}/credentials/achievements/{achievement_id}"


def ob3_document(badge: Badge, public_url: str) -> dict[str, Any]:
    """The unsigned OpenBadgeCredential for ``badge``, served under ``public_url``, in the
    format it was issued in."""
    if badge.document_format == FIRST_FORMAT:
        return _first_format(badge, public_url)
    return _current_format(badge, public_url)


def _first_format(badge: Badge, public_url: str) -> dict[str, Any]:
    """Format 1, exactly as the first credentials were signed: change nothing here."""
    achievement = achievement_url(public_url, badge.achievement_id)
    level_description = f"{achievement}#level"
    return {
        "@context": OB3_CONTEXT,
        "id": credential_url(public_url, badge.public_id),
        "type": CREDENTIAL_TYPES,
        "name": badge.achievement_name,
        "issuer": {
            "id": issuer_urn(badge.issuer_slug),
            "type": ["Profile"],
            "name": badge.issuer_name,
        },
        "validFrom": xsd_datetime(badge.issued_at),
        "credentialSubject": {
            "id": f"urn:hub:creator:{badge.recipient_handle}",
            "type": ["AchievementSubject"],
            "name": badge.recipient_name,
            "achievement": {
                "id": achievement,
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


def _current_format(badge: Badge, public_url: str) -> dict[str, Any]:
    """Format 2: every discipline attested, each aligned, described and resulted; the
    issuer named by its profile's URL. Everything else as in format 1."""
    document = _first_format(badge, public_url)
    achievement = achievement_url(public_url, badge.achievement_id)
    alignments = {
        attested.slug: {
            "type": ["Alignment"],
            "targetType": "ext:Discipline",
            "targetCode": attested.slug,
            "targetName": attested.name,
            "targetUrl": f"{achievement}#discipline-{attested.slug}",
        }
        for attested in badge.disciplines
    }
    subject = document["credentialSubject"]
    subject["achievement"] |= {
        "tag": [attested.slug for attested in badge.disciplines],
        "fieldOfStudy": ", ".join(attested.name for attested in badge.disciplines),
        "alignment": list(alignments.values()),
        "resultDescription": [
            {
                "id": f"{achievement}#level-{attested.slug}",
                "type": ["ResultDescription"],
                "name": f"Level reached in {attested.name}",
                "resultType": "RubricCriterionLevel",
                "allowedValue": [level.value for level in SkillLevel],
                "requiredValue": attested.level.value,
                "alignment": [alignments[attested.slug]],
            }
            for attested in badge.disciplines
        ],
    }
    subject["result"] = [
        {
            "type": ["Result"],
            "resultDescription": f"{achievement}#level-{attested.slug}",
            "value": attested.level.value,
        }
        for attested in badge.disciplines
    ]
    document["issuer"] = {
        "id": issuer_profile_url(public_url, badge.issuer_slug),
        "type": ["Profile"],
        "name": badge.issuer_name,
    }
    return document
