"""A deterministic synthetic dataset, sized by its number of creators, for benchmarks.

Everything else is in proportion: an organisation per 20 creators, a project per 10,
each with a team of 3 to 6 (most of them across borders), open roles on the projects
still hiring. The same ``(creators, seed)`` always gives the same rows. Rows are
written with Core bulk inserts and explicit keys, which is what makes 100,000 creators
load in well under a minute.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, select, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession

from hub.core.db import Base
from hub.countries.models import Country
from hub.countries.regions import regions_of
from hub.creators.enums import LanguageProficiency, SkillLevel
from hub.creators.models import Affiliation, Creator, CreatorDiscipline, CreatorLanguage
from hub.creators.search import creator_document
from hub.disciplines.models import Discipline
from hub.organisations.enums import OrganisationKind
from hub.organisations.models import Organisation, OrganisationDiscipline
from hub.organisations.search import organisation_document
from hub.projects.enums import ProjectStatus
from hub.projects.models import OpenRole, Participant, Project, ProjectDiscipline
from hub.projects.search import project_document
from hub.seed.reference import load_reference_data
from hub.seed.talent_synthetic import TALENT_TABLES, plan_talent

CREATED_AT = datetime(2026, 1, 1, tzinfo=UTC)
CHUNK = 10_000

# How many creators each country gets, relative to the others.
COUNTRY_WEIGHTS = {
    "KZ": 20, "UZ": 18, "RU": 12, "KG": 8, "TJ": 6, "AM": 6, "AZ": 6, "BY": 6,
    "MD": 4, "TM": 3, "GE": 3, "MN": 3, "UA": 2, "TR": 2, "AF": 1,
}  # fmt: skip

# (display name, Latin transliteration for the handle), in the script used locally.
_CYRILLIC_FIRST = [
    ("Айгерим", "aigerim"), ("Алибек", "alibek"), ("Дана", "dana"), ("Ерлан", "erlan"),
    ("Жанна", "zhanna"), ("Нурлан", "nurlan"), ("Асель", "asel"), ("Тимур", "timur"),
    ("Мадина", "madina"), ("Арман", "arman"), ("Елена", "elena"), ("Дмитрий", "dmitry"),
    ("Ольга", "olga"), ("Сергей", "sergey"), ("Бакыт", "bakyt"), ("Айдана", "aidana"),
    ("Фаррух", "farrukh"), ("Зарина", "zarina"), ("Ирина", "irina"), ("Максим", "maksim"),
]  # fmt: skip
_CYRILLIC_LAST = [
    ("Садыкова", "sadykova"), ("Ахметов", "akhmetov"), ("Жумабаева", "zhumabaeva"),
    ("Иванова", "ivanova"), ("Смирнов", "smirnov"), ("Токтогулов", "toktogulov"),
    ("Рахимова", "rakhimova"), ("Назаров", "nazarov"), ("Кузнецова", "kuznetsova"),
    ("Сулейменов", "suleimenov"), ("Абдуллаева", "abdullaeva"), ("Ковалёв", "kovalev"),
    ("Омарова", "omarova"), ("Исаков", "isakov"), ("Бекова", "bekova"), ("Лебедев", "lebedev"),
]  # fmt: skip
_LATIN_FIRST = [
    "Nilufar", "Jasur", "Dilnoza", "Rustam", "Aysel", "Elvin", "Gulnara", "Murad", "Mariam",
    "Ani", "Davit", "Nino", "Ion", "Elena", "Serdar", "Ogulgerek", "Emre", "Zeynep", "Sherzod",
    "Malika",
]  # fmt: skip
_LATIN_LAST = [
    "Xolmatova", "Karimov", "Aliyeva", "Mammadov", "Hasanova", "Petrosyan", "Grigoryan",
    "Beridze", "Kapanadze", "Rusu", "Ciobanu", "Atayev", "Yilmaz", "Demir", "Yusupova",
    "Tursunov",
]  # fmt: skip
_LATIN_SCRIPT_COUNTRIES = {"UZ", "AZ", "TM", "MD", "TR", "AM", "GE", "AF"}

_CITIES = {
    "KZ": ["Almaty", "Astana", "Shymkent", "Karaganda"], "UZ": ["Tashkent", "Samarkand", "Bukhara"],
    "RU": ["Moscow", "Kazan", "Saint Petersburg"], "KG": ["Bishkek", "Osh"],
    "TJ": ["Dushanbe", "Khujand"], "AM": ["Yerevan", "Gyumri"], "AZ": ["Baku", "Ganja"],
    "BY": ["Minsk", "Brest"], "MD": ["Chisinau"], "TM": ["Ashgabat"], "GE": ["Tbilisi"],
    "MN": ["Ulaanbaatar"], "UA": ["Kyiv"], "TR": ["Istanbul"], "AF": ["Kabul"],
}  # fmt: skip
# The ISO 3166-2 region each city above lies in.
_CITY_REGIONS = {
    "Almaty": "KZ-75", "Astana": "KZ-71", "Shymkent": "KZ-79", "Karaganda": "KZ-35",
    "Tashkent": "UZ-TK", "Samarkand": "UZ-SA", "Bukhara": "UZ-BU", "Moscow": "RU-MOW",
    "Kazan": "RU-TA", "Saint Petersburg": "RU-SPE", "Bishkek": "KG-GB", "Osh": "KG-GO",
    "Dushanbe": "TJ-DU", "Khujand": "TJ-SU", "Yerevan": "AM-ER", "Gyumri": "AM-SH",
    "Baku": "AZ-BA", "Ganja": "AZ-GA", "Minsk": "BY-HM", "Brest": "BY-BR", "Chisinau": "MD-CU",
    "Ashgabat": "TM-S", "Tbilisi": "GE-TB", "Ulaanbaatar": "MN-1", "Kyiv": "UA-30",
    "Istanbul": "TR-34", "Kabul": "AF-KAB",
}  # fmt: skip
_ELSEWHERE_SHARE = 0.3
"""The share of creators and organisations placed in any region of their country rather
than in one of the cities above (their city then unknown), so every region has people."""
_SECOND_LANGUAGES = ["ru", "en", "kk", "uz", "tr", "de", "fr", "zh"]
_CURRENCIES = ["USD", "EUR", "KZT", "UZS", "RUB"]
_PROJECT_WORDS = [
    "Silk Road", "Steppe", "Caspian", "Pamir", "Nomad", "Tien Shan", "Aral", "Samarkand",
    "Altai", "Ararat", "Turan", "Horizon", "Heritage", "Frontier", "Echoes", "Voices",
]  # fmt: skip
_PROJECT_KINDS = [
    "Animation Lab", "Film Co-production", "Game Jam", "Design Week", "Music Album",
    "Heritage Archive", "Festival", "Residency", "Exhibition", "Podcast Series",
]  # fmt: skip
_ROLE_TITLES = ["Animator", "Sound designer", "Producer", "Illustrator", "Developer", "Editor"]
_STATUSES = [
    (ProjectStatus.DRAFT, 5), (ProjectStatus.SEEKING_PARTNERS, 25),
    (ProjectStatus.IN_PROGRESS, 40), (ProjectStatus.COMPLETED, 25),
    (ProjectStatus.CANCELLED, 5),
]  # fmt: skip


class SyntheticDataError(RuntimeError):
    """The synthetic generator needs an empty, migrated database."""


@dataclass(frozen=True)
class SyntheticSummary:
    rows: dict[str, int] = field(default_factory=dict)


def format_summary(summary: SyntheticSummary) -> str:
    return ", ".join(f"{table}: {count:,}" for table, count in summary.rows.items())


@dataclass
class _Plan:
    """Rows to insert, table by table, in an order that satisfies foreign keys."""

    rows: dict[type[Base], list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))

    def add(self, model: type[Base], row: dict[str, Any]) -> None:
        self.rows[model].append(row)


@dataclass(frozen=True)
class _World:
    countries: list[str]
    weights: list[int]
    native_language: dict[str, str]
    disciplines: list[int]


def _weighted(rng: random.Random, pairs: Sequence[tuple[Any, int]]) -> Any:
    return rng.choices([item for item, _ in pairs], [weight for _, weight in pairs])[0]


def _person(rng: random.Random, country: str) -> tuple[str, str]:
    if country in _LATIN_SCRIPT_COUNTRIES:
        first, last = rng.choice(_LATIN_FIRST), rng.choice(_LATIN_LAST)
        return f"{first} {last}", f"{first}-{last}".lower()
    (first, first_latin), (last, last_latin) = (
        rng.choice(_CYRILLIC_FIRST),
        rng.choice(_CYRILLIC_LAST),
    )
    return f"{first} {last}", f"{first_latin}-{last_latin}"


def _place(
    rng: random.Random, places: random.Random, country: str
) -> tuple[str | None, str | None]:
    """A city and its region; or, now and then, a region anywhere in the country and no city.

    Regions are drawn from their own generator, ``places``, so the other rows stay the
    ones the same seed gave before regions existed.
    """
    city: str | None = rng.choice(_CITIES.get(country, ["Capital"]))
    region = _CITY_REGIONS.get(city or "")
    if places.random() < _ELSEWHERE_SHARE and (elsewhere := regions_of(country)):
        region = places.choice(elsewhere).code
        city = city if region == _CITY_REGIONS.get(city or "") else None
    return city, region


def _plan_creators(
    rng: random.Random, places: random.Random, plan: _Plan, world: _World, count: int
) -> dict[str, list[int]]:
    by_country: dict[str, list[int]] = defaultdict(list)
    for key in range(1, count + 1):
        country = rng.choices(world.countries, world.weights)[0]
        name, latin = _person(rng, country)
        handle = f"{latin[:30]}-{key}"
        city, region = _place(rng, places, country)
        is_young = rng.random() < 0.3
        birth_year = rng.randint(1991, 2008) if is_young else rng.randint(1950, 1990)
        plan.add(Creator, {
            "id": key, "handle": handle, "display_name": name, "country_code": country,
            "region_code": region, "city": city, "birth_year": birth_year, "bio": "",
            "open_to_collaboration": rng.random() < 0.85, "is_mentor": rng.random() < 0.05,
            "portfolio": [], "search_text": creator_document(name, handle, city),
            "created_at": CREATED_AT, "updated_at": CREATED_AT,
        })  # fmt: skip
        for discipline in rng.sample(world.disciplines, rng.randint(1, 3)):
            level = rng.choice(list(SkillLevel))
            plan.add(CreatorDiscipline, {
                "creator_id": key, "discipline_id": discipline, "level": level,
                "years_of_experience": (level.rank + 1) * rng.randint(1, 4),
            })  # fmt: skip
        languages = {world.native_language[country]: LanguageProficiency.NATIVE}
        for extra in rng.sample(_SECOND_LANGUAGES, rng.randint(0, 3)):
            languages.setdefault(extra, rng.choice(list(LanguageProficiency)[:4]))
        for language, proficiency in languages.items():
            plan.add(CreatorLanguage, {
                "creator_id": key, "language": language, "proficiency": proficiency,
            })  # fmt: skip
        by_country[country].append(key)
    return by_country


def _plan_organisations(
    rng: random.Random, places: random.Random, plan: _Plan, world: _World, count: int
) -> dict[str, list[int]]:
    by_country: dict[str, list[int]] = defaultdict(list)
    kinds = list(OrganisationKind)
    for key in range(1, count + 1):
        country = rng.choices(world.countries, world.weights)[0]
        kind = rng.choice(kinds)
        name = f"{rng.choice(_PROJECT_WORDS)} {kind.value.title()} {key}"
        slug = f"{name.lower().replace(' ', '-')}"
        city, region = _place(rng, places, country)
        plan.add(Organisation, {
            "id": key, "slug": slug, "name": name, "names": {"en": name}, "kind": kind,
            "country_code": country, "region_code": region, "city": city, "website": None,
            "description": "",
            "founded_year": rng.randint(1930, 2024),
            "member_since": date(2026, 1, 1) + timedelta(days=rng.randint(0, 300))
            if rng.random() < 0.2 else None,
            "search_text": organisation_document(name, {"en": name}, slug, city),
            "created_at": CREATED_AT, "updated_at": CREATED_AT,
        })  # fmt: skip
        for discipline in rng.sample(world.disciplines, rng.randint(1, 3)):
            plan.add(OrganisationDiscipline, {"organisation_id": key, "discipline_id": discipline})
        by_country[country].append(key)
    return by_country


def _plan_affiliations(
    rng: random.Random, plan: _Plan, creators: dict[str, list[int]], orgs: dict[str, list[int]]
) -> None:
    all_orgs = [key for keys in orgs.values() for key in keys]
    key = 0
    for country, members in creators.items():
        for creator in members:
            if rng.random() >= 0.5:
                continue
            local = orgs.get(country)
            organisation = rng.choice(local if local and rng.random() < 0.7 else all_orgs)
            key += 1
            since = date(2015, 1, 1) + timedelta(days=rng.randint(0, 3600))
            plan.add(Affiliation, {
                "id": key, "creator_id": creator, "organisation_id": organisation,
                "role": rng.choice(["Resident", "Staff", "Student", "Alumnus", "Founder"]),
                "since": since,
                "until": since + timedelta(days=rng.randint(200, 2000))
                if rng.random() < 0.3 else None,
            })  # fmt: skip


def _plan_projects(
    rng: random.Random,
    plan: _Plan,
    world: _World,
    count: int,
    creators: dict[str, list[int]],
    orgs: dict[str, list[int]],
) -> None:
    participant_key = 0
    role_key = 0
    for key in range(1, count + 1):
        status = _weighted(rng, _STATUSES)
        home = rng.choices(world.countries, world.weights)[0]
        lead_org = rng.choice(orgs[home]) if orgs.get(home) and rng.random() < 0.6 else None
        lead_creator = None if lead_org else rng.choice(creators[home] or [1])
        start = date(2019, 1, 1) + timedelta(days=rng.randint(0, 2500))
        currency = rng.choice(_CURRENCIES)
        title = f"{rng.choice(_PROJECT_WORDS)} {rng.choice(_PROJECT_KINDS)} {key}"
        slug = title.lower().replace(" ", "-")
        plan.add(Project, {
            "id": key, "slug": slug, "title": title, "summary": "", "description": "",
            "status": status, "lead_organisation_id": lead_org, "lead_creator_id": lead_creator,
            "start_date": start, "end_date": start + timedelta(days=rng.randint(60, 900)),
            "budget_minor": rng.randint(1_000, 5_000_000) * 100, "budget_currency": currency,
            "search_text": project_document(title, slug),
            "created_at": CREATED_AT, "updated_at": CREATED_AT,
        })  # fmt: skip
        for discipline in rng.sample(world.disciplines, rng.randint(1, 3)):
            plan.add(ProjectDiscipline, {"project_id": key, "discipline_id": discipline})
        team = _plan_team(rng, world, home, lead_org, lead_creator, creators, orgs)
        for kind, member in team:
            participant_key += 1
            is_lead = member in (lead_org, lead_creator) and (
                (kind == "organisation") == (lead_org is not None)
            )
            plan.add(Participant, {
                "id": participant_key, "project_id": key,
                "creator_id": member if kind == "creator" else None,
                "organisation_id": member if kind == "organisation" else None,
                "role": "Lead" if is_lead else rng.choice(_ROLE_TITLES),
                "joined_on": start + timedelta(days=rng.randint(0, 90)),
            })  # fmt: skip
        if status in (ProjectStatus.SEEKING_PARTNERS, ProjectStatus.IN_PROGRESS):
            for _ in range(rng.randint(1, 3)):
                role_key += 1
                headcount = rng.randint(1, 3)
                # On-site work happens in the project's home country (an on-site role
                # needs a location); no extra draw, so the rest of the world is unchanged.
                plan.add(OpenRole, {
                    "id": role_key, "project_id": key, "title": rng.choice(_ROLE_TITLES),
                    "description": "", "discipline_id": rng.choice(world.disciplines),
                    "required_languages": rng.sample(["ru", "en", "kk", "uz"], rng.randint(0, 2)),
                    "seniority": rng.choice(list(SkillLevel)), "headcount": headcount,
                    "filled_count": rng.randint(0, headcount - 1),
                    "remote_allowed": (remote := rng.random() < 0.6),
                    "preferred_countries": rng.sample(world.countries, rng.randint(0, 2)),
                    "location_country": None if remote else home,
                    "is_open": True, "created_at": CREATED_AT,
                })  # fmt: skip


def _plan_team(
    rng: random.Random,
    world: _World,
    home: str,
    lead_org: int | None,
    lead_creator: int | None,
    creators: dict[str, list[int]],
    orgs: dict[str, list[int]],
) -> list[tuple[str, int]]:
    """The lead plus 2 to 5 members: from anywhere (most teams), or from ``home`` only.

    A home country too small to staff a local team recruits across borders instead;
    draws stay bounded, so a team may come out smaller but generation always ends.
    """
    team: set[tuple[str, int]] = (
        {("organisation", lead_org)} if lead_org else {("creator", lead_creator or 1)}
    )
    size = rng.randint(3, 6)
    local_pool = len(creators.get(home, ())) + len(orgs.get(home, ()))
    cross_border = rng.random() < 0.7 or local_pool < 2 * size
    for _ in range(8 * size):
        if len(team) >= size:
            break
        country = rng.choices(world.countries, world.weights)[0] if cross_border else home
        if rng.random() < 0.7 and creators.get(country):
            team.add(("creator", rng.choice(creators[country])))
        elif orgs.get(country):
            team.add(("organisation", rng.choice(orgs[country])))
    return sorted(team)


def _chunks(rows: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), CHUNK):
        yield rows[start : start + CHUNK]


async def _world(connection: AsyncConnection) -> _World:
    countries = (await connection.execute(select(Country.code, Country.native_language))).all()
    codes = [code for code, _ in countries if code in COUNTRY_WEIGHTS]
    disciplines = list(await connection.scalars(select(Discipline.id).order_by(Discipline.id)))
    return _World(
        countries=codes,
        weights=[COUNTRY_WEIGHTS[code] for code in codes],
        native_language=dict(countries),
        disciplines=disciplines,
    )


async def load_synthetic(engine: AsyncEngine, *, creators: int, seed: int) -> SyntheticSummary:
    """Fill an empty, migrated database; refuses one that already has creators."""
    rng = random.Random(seed)
    places = random.Random(f"{seed}:places")
    async with engine.begin() as connection:
        if await connection.scalar(select(func.count()).select_from(Creator)):
            raise SyntheticDataError("The database already has creators; use an empty one.")
        async with AsyncSession(bind=connection) as session:
            await load_reference_data(session)
            await session.flush()
        world = await _world(connection)
        plan = _Plan()
        people = _plan_creators(rng, places, plan, world, creators)
        organisations = _plan_organisations(rng, places, plan, world, max(1, creators // 20))
        _plan_affiliations(rng, plan, people, organisations)
        _plan_projects(rng, plan, world, max(1, creators // 10), people, organisations)
        slugs = dict((await connection.execute(select(Discipline.id, Discipline.slug))).all())
        talent = random.Random(f"{seed}:talent")
        plan_talent(talent, plan.rows, plan.add, world.disciplines, slugs)
        order: list[type[Base]] = [
            Organisation, OrganisationDiscipline, Creator, CreatorDiscipline, CreatorLanguage,
            Affiliation, Project, ProjectDiscipline, Participant, OpenRole, *TALENT_TABLES,
        ]  # fmt: skip
        summary: dict[str, int] = {}
        for model in order:
            rows = plan.rows[model]
            for chunk in _chunks(rows):
                await connection.execute(insert(model), chunk)
            summary[model.__tablename__] = len(rows)
        if connection.dialect.name == "postgresql":
            await _advance_sequences(connection, order)
    # Fresh statistics: without them the planner takes the bulk-loaded tables for empty
    # and picks plans that are orders of magnitude slower on the first requests. On
    # PostgreSQL, VACUUM also marks the new pages all-visible, as autovacuum would in
    # time, so index-only scans can skip the table from the first request on.
    async with engine.connect() as connection:
        autocommit = await connection.execution_options(isolation_level="AUTOCOMMIT")
        postgresql = connection.dialect.name == "postgresql"
        await autocommit.execute(text("VACUUM ANALYZE" if postgresql else "ANALYZE"))
    return SyntheticSummary(summary)


async def _advance_sequences(connection: AsyncConnection, models: list[type[Any]]) -> None:
    """Explicit keys leave PostgreSQL's sequences behind; move them past the last key."""
    for model in models:
        if "id" not in model.__table__.c:
            continue
        table = model.__tablename__
        await connection.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT coalesce(max(id), 1) FROM {table}))"
            )
        )
