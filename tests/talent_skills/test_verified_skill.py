"""VERIFIED_SKILL: a level attested by a valid credential ranks above one only declared.

The role requires Zulu, which no demo creator speaks, so only the creators made here appear.
"""

from __future__ import annotations

from sqlalchemy import select

from hub.creators.enums import LanguageProficiency, SkillLevel
from hub.disciplines.models import Discipline
from hub.talent.credentials.models import Credential
from hub.talent.credentials.service import revoke_credential
from tests.factories import global_id
from tests.helpers import data_of
from tests.matching.documents import (
    MATCH_CREATORS,
    REASONS,
    RECOMMENDED_ROLES,
    handles,
    reason,
)
from tests.talent_skills import builders

ZULU = [("zu", LanguageProficiency.NATIVE)]

EXPLAIN = f"""
query ($role: ID!, $creator: ID!) {{
  explainMatch(roleId: $role, creatorId: $creator) {{
    match {{ score creator {{ handle }} {REASONS} }}
    exclusions {{ code }}
  }}
}}
"""


async def _twins(factory, discipline="animation"):
    """Two advanced practitioners alike in every way the other factors read."""
    return [
        await factory.creator(
            handle=handle,
            country="UZ",
            skills=[(discipline, SkillLevel.ADVANCED)],
            languages=ZULU,
        )
        for handle in ("zz-declared", "zz-verified")
    ]


async def _role(factory, level=SkillLevel.ADVANCED, discipline="animation"):
    lead = await factory.creator(handle="zz-lead", country="KZ", languages=ZULU)
    project = await factory.project(lead_creator=lead)
    role = await factory.role(
        project, discipline=discipline, seniority=level, required_languages=["zu"]
    )
    return global_id("OpenRole", role)


async def _ranked(client, role):
    return (await data_of(client, MATCH_CREATORS, {"role": role}))["matchCreators"]


async def test_a_verified_level_ranks_above_the_same_level_only_declared(client, factory, sessions):
    _declared, verified = await _twins(factory)
    host = await factory.organisation()
    await builders.credential(sessions, host, verified, level=SkillLevel.ADVANCED)
    role = await _role(factory)
    ranked = await _ranked(client, role)
    assert handles(ranked) == ["zz-verified", "zz-declared"]
    top, second = (edge["node"] for edge in ranked["edges"])
    assert top["score"] > second["score"]
    assert reason(top, "VERIFIED_SKILL")["status"] == "MET"
    assert (
        reason(top, "VERIFIED_SKILL")["detail"] == "advanced in Animation attested by a credential"
    )
    assert reason(second, "VERIFIED_SKILL")["status"] == "MISSED"
    assert reason(second, "VERIFIED_SKILL")["detail"] == (
        "no credential attests a level in Animation"
    )


async def test_a_credential_below_the_level_asked_counts_half(client, factory, sessions):
    _declared, verified = await _twins(factory)
    host = await factory.organisation()
    await builders.credential(sessions, host, verified, level=SkillLevel.INTERMEDIATE)
    role = await _role(factory)
    top = (await _ranked(client, role))["edges"][0]["node"]
    assert top["creator"]["handle"] == "zz-verified"
    assert reason(top, "VERIFIED_SKILL")["value"] == 0.5
    assert reason(top, "VERIFIED_SKILL")["status"] == "PARTLY_MET"


async def test_a_revoked_credential_verifies_nothing(client, factory, sessions):
    _declared, verified = await _twins(factory)
    host = await factory.organisation()
    credential = await builders.credential(sessions, host, verified)
    async with sessions() as session, session.begin():
        await revoke_credential(session, credential, "Issued in error.", None)
    role = await _role(factory)
    nodes = [edge["node"] for edge in (await _ranked(client, role))["edges"]]
    assert {reason(node, "VERIFIED_SKILL")["value"] for node in nodes} == {0.0}
    assert nodes[0]["score"] == nodes[1]["score"]


async def test_a_verified_skill_scores_the_same_from_the_creators_side(client, factory, sessions):
    _declared, verified = await _twins(factory)
    host = await factory.organisation()
    await builders.credential(sessions, host, verified)
    role = await _role(factory)
    by_role = {
        edge["node"]["creator"]["handle"]: edge["node"]
        for edge in (await _ranked(client, role))["edges"]
    }
    roles = await data_of(
        client, RECOMMENDED_ROLES, {"creator": global_id("Creator", verified), "first": 50}
    )
    (mine,) = [n for n in roles["recommendedRoles"]["nodes"] if n["role"]["id"] == role]
    # The weights differ (recommendedRoles weighs LEVEL_FIT too); what is said does not.
    for key in ("value", "status", "detail", "parts"):
        assert (
            reason(mine, "VERIFIED_SKILL")[key]
            == reason(by_role["zz-verified"], "VERIFIED_SKILL")[key]
        )
    async with sessions() as session:
        assert await session.scalar(select(Credential.id).where(Credential.creator_id == verified))


async def _second_discipline_twins(factory, sessions):
    """Advanced sound designers, each holding a credential whose first discipline (by
    slug) is animation; only the second one's programme also taught sound design."""
    declared, verified = await _twins(factory, "sound-design")
    host = await factory.organisation()
    await builders.credential(sessions, host, declared)
    credential = await builders.credential(sessions, host, verified, also=["sound-design"])
    async with sessions() as session:
        first = await session.scalar(
            select(Discipline.slug)
            .join(Credential, Credential.discipline_id == Discipline.id)
            .where(Credential.id == credential)
        )
    assert first == "animation"
    return declared, verified


async def test_a_credentials_second_discipline_verifies_a_skill_as_its_first_would(
    client, factory, sessions
):
    _declared, verified = await _second_discipline_twins(factory, sessions)
    role = await _role(factory, discipline="sound-design")

    ranked = await _ranked(client, role)

    assert handles(ranked) == ["zz-verified", "zz-declared"]
    top, second = (edge["node"] for edge in ranked["edges"])
    assert top["score"] > second["score"]
    assert reason(top, "VERIFIED_SKILL")["status"] == "MET"
    assert reason(top, "VERIFIED_SKILL")["detail"] == (
        "advanced in Sound design attested by a credential"
    )
    # A credential in animation alone attests nothing in sound design.
    assert reason(second, "VERIFIED_SKILL")["status"] == "MISSED"
    roles = await data_of(
        client, RECOMMENDED_ROLES, {"creator": global_id("Creator", verified), "first": 50}
    )
    (mine,) = [n for n in roles["recommendedRoles"]["nodes"] if n["role"]["id"] == role]
    assert reason(mine, "VERIFIED_SKILL")["status"] == "MET"
    assert reason(mine, "VERIFIED_SKILL")["detail"] == reason(top, "VERIFIED_SKILL")["detail"]


async def test_explain_match_says_a_credentials_second_discipline_verifies_the_skill(
    client, factory, sessions
):
    declared, verified = await _second_discipline_twins(factory, sessions)
    role = await _role(factory, discipline="sound-design")

    explained = {
        handle: (
            await data_of(client, EXPLAIN, {"role": role, "creator": global_id("Creator", key)})
        )["explainMatch"]
        for handle, key in (("zz-declared", declared), ("zz-verified", verified))
    }

    ranked = {
        edge["node"]["creator"]["handle"]: edge["node"]
        for edge in (await _ranked(client, role))["edges"]
    }
    for handle, answer in explained.items():
        assert answer["exclusions"] == []
        assert answer["match"]["score"] == ranked[handle]["score"]
        assert answer["match"]["reasons"] == ranked[handle]["reasons"]
    lifted = reason(explained["zz-verified"]["match"], "VERIFIED_SKILL")
    assert lifted["status"] == "MET"
    assert lifted["detail"] == "advanced in Sound design attested by a credential"
    assert reason(explained["zz-declared"]["match"], "VERIFIED_SKILL")["detail"] == (
        "no credential attests a level in Sound design"
    )
