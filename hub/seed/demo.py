"""The demo dataset: loaded through the same services the API uses, so it obeys every rule."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.checks import UNCHANGED
from hub.core.paths import db_dir
from hub.creators import service as creators
from hub.creators.enums import LanguageProficiency, SkillLevel
from hub.creators.models import Creator
from hub.organisations import service as organisations
from hub.organisations.enums import OrganisationKind
from hub.projects import service as projects
from hub.projects.enums import ProjectStatus
from hub.seed.campaigns import load_demo_campaigns
from hub.seed.reference import load_reference_data
from hub.seed.skills_demo import load_skills
from hub.seed.talent import load_programmes


@dataclass(frozen=True)
class Skill:
    discipline: str
    level: SkillLevel
    years_of_experience: int


@dataclass(frozen=True)
class Language:
    language: str
    proficiency: LanguageProficiency


@dataclass(frozen=True)
class Link:
    title: str
    url: str


@dataclass(frozen=True)
class Translation:
    language: str
    value: str


@dataclass(frozen=True)
class Budget:
    amount: Decimal
    currency_code: str


def demo_dir() -> Path:
    return db_dir() / "seed" / "demo"


def _read(name: str) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads((demo_dir() / name).read_text(encoding="utf-8"))
    return data


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


async def is_empty(session: AsyncSession) -> bool:
    return not await session.scalar(select(func.count()).select_from(Creator))


async def load_demo(session: AsyncSession, today: date) -> dict[str, int]:
    """Load the demo dataset into an empty database; returns how many of each it added."""
    await load_reference_data(session)
    organisation_ids = await _load_organisations(session, today)
    creator_ids = await _load_creators(session, today, organisation_ids)
    project_count = await _load_projects(session, organisation_ids, creator_ids)
    talent = await load_programmes(session, today, organisation_ids, creator_ids)
    skills = await load_skills(session, creator_ids)
    campaign_count = await load_demo_campaigns(session, organisation_ids)
    return {
        "organisations": len(organisation_ids),
        "creators": len(creator_ids),
        "projects": project_count,
        **talent,
        **skills,
        "campaigns": campaign_count,
    }


async def _load_organisations(session: AsyncSession, today: date) -> dict[str, int]:
    ids: dict[str, int] = {}
    for item in _read("organisations.json"):
        fields = organisations.OrganisationFields(
            slug=item["slug"],
            name=item["name"],
            names=[Translation(lang, value) for lang, value in item["names"].items()],
            kind=OrganisationKind(item["kind"]),
            country=item["country"],
            region=item.get("region"),
            city=item.get("city"),
            website=item.get("website"),
            description=item.get("description") or "",
            disciplines=item.get("disciplines", []),
            founded_year=item.get("foundedYear"),
            member_since=_date(item.get("memberSince")),
        )
        ids[item["slug"]] = await organisations.create_organisation(session, fields, today)
    return ids


async def _load_creators(
    session: AsyncSession, today: date, organisation_ids: dict[str, int]
) -> dict[str, int]:
    ids: dict[str, int] = {}
    for item in _read("creators.json"):
        fields = creators.CreatorFields(
            handle=item["handle"],
            display_name=item["displayName"],
            country=item["country"],
            region=item.get("region"),
            city=item.get("city"),
            birth_year=item.get("birthYear"),
            bio=item.get("bio") or "",
            open_to_collaboration=item.get("openToCollaboration", True),
            is_mentor=item.get("isMentor", False),
            disciplines=[
                Skill(s["slug"], SkillLevel(s["level"]), s.get("yearsOfExperience", 0))
                for s in item.get("disciplines", [])
            ],
            languages=[
                Language(lang["code"], LanguageProficiency(lang["proficiency"]))
                for lang in item.get("languages", [])
            ],
            portfolio=[Link(link["title"], link["url"]) for link in item.get("portfolio", [])],
        )
        creator_id = await creators.create_creator(session, fields, today)
        ids[item["handle"]] = creator_id
        for affiliation in item.get("affiliations", []):
            await creators.add_affiliation(
                session,
                creators.AffiliationFields(
                    creator_id=creator_id,
                    organisation_id=organisation_ids[affiliation["organisation"]],
                    role=affiliation["role"],
                    since=_date(affiliation.get("since")),
                    until=_date(affiliation.get("until")),
                ),
            )
    return ids


async def _load_projects(
    session: AsyncSession, organisation_ids: dict[str, int], creator_ids: dict[str, int]
) -> int:
    items = _read("projects.json")
    for item in items:
        budget = item.get("budget")
        lead_organisation = item.get("leadOrganisation")
        lead_creator = item.get("leadCreator")
        status = ProjectStatus(item["status"])
        # Projects are created as they began, then moved along their allowed path, so the
        # demo data passes through the same transition rules as the API.
        project_id = await projects.create_project(
            session,
            projects.ProjectFields(
                slug=item["slug"],
                title=item["title"],
                summary=item.get("summary") or "",
                description=item.get("description") or "",
                status=ProjectStatus.IN_PROGRESS if status in projects.CLOSED_STATUSES else status,
                lead_organisation_id=organisation_ids[lead_organisation]
                if lead_organisation
                else None,
                lead_creator_id=creator_ids[lead_creator] if lead_creator else None,
                disciplines=item.get("disciplines", []),
                start_date=_date(item.get("startDate")),
                end_date=_date(item.get("endDate")),
                budget=Budget(Decimal(budget["amount"]), budget["currency"]) if budget else None,
            ),
        )
        for participant in item.get("participants", []):
            creator = participant.get("creator")
            organisation = participant.get("organisation")
            is_lead = (creator and creator == lead_creator) or (
                organisation and organisation == lead_organisation
            )
            if is_lead:
                continue
            await projects.add_participant(
                session,
                projects.ParticipantFields(
                    project_id=project_id,
                    creator_id=creator_ids[creator] if creator else None,
                    organisation_id=organisation_ids[organisation] if organisation else None,
                    role=participant["role"],
                    joined_on=_date(participant.get("joinedOn")),
                ),
            )
        for role in item.get("openRoles", []):
            role_id = await projects.open_role(
                session,
                project_id,
                projects.RoleFields(
                    title=role["title"],
                    description=role.get("description") or "",
                    discipline=role["discipline"],
                    required_languages=role.get("requiredLanguages", []),
                    seniority=SkillLevel(role["seniority"]),
                    headcount=role.get("headcount", 1),
                    filled_count=role.get("filledCount", 0),
                    remote_allowed=role.get("remoteAllowed", True),
                    preferred_countries=role.get("preferredCountries", []),
                    location_country=role.get("locationCountry", UNCHANGED),
                    location_city=role.get("locationCity", UNCHANGED),
                ),
            )
            if not role.get("isOpen", True):
                await projects.close_role(session, role_id)
        if status in projects.CLOSED_STATUSES:
            await projects.update_project(
                session, project_id, projects.ProjectFields(status=status)
            )
    return len(items)
