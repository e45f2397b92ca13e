"""Generate ``db/seed/demo/creators.json``: about 200 fictional creators.

Deterministic: the random generator has a fixed seed, so running the script again writes
the same file. The JSON file is the deliverable and is committed; this script is only how
it was made. The words it draws from (names, cities, titles, phrases, the pinned creators)
live in ``creator_vocabulary.json`` beside it; this file holds only how they are combined.
``projects.json`` refers to creators by handle: after changing the vocabulary or the seed,
run ``./dev test tests/test_demo_dataset.py tests/seed`` and repair any project that lost
a participant.

    python3 db/seed/tools/generate_creators.py

Every person here is invented. Names are drawn from common given names and surnames of
each country and written the way people there usually write them: Kazakh, Kyrgyz, Tajik,
Russian, Belarusian and Mongolian names mostly in Cyrillic; Uzbek, Azerbaijani, Turkmen,
Moldovan and Turkish names in Latin; a few Armenian and Georgian names in their own
scripts. Organisations and disciplines come from the other demo files.
"""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

SEED = 2026
YEAR = 2026  # the dataset describes the world as of late 2026
LAST_START = date(2026, 10, 1)  # no affiliation starts after this
DEMO = Path(__file__).resolve().parent.parent / "demo"

T = TypeVar("T")

LEVELS = ("BEGINNER", "INTERMEDIATE", "ADVANCED", "EXPERT", "MASTER")


@dataclass(frozen=True)
class Craft:
    """Words for one discipline: the person's title, what they focus on, job titles."""

    role: str  # English title, "Animator"
    ru: tuple[str, str]  # Russian title for a man and for a woman
    focus: tuple[str, ...]  # English: "... focused on <focus>"
    focus_ru: tuple[str, ...]  # Russian, nominative: "Специализация — <focus>"
    jobs: tuple[str, str, str] | None = None  # junior, regular and senior job titles


@dataclass(frozen=True)
class People:
    """One naming tradition within a country, and the languages its people speak."""

    country: str
    weight: float
    native: str
    male: tuple[str, ...]
    female: tuple[str, ...]
    surnames: tuple[str, ...]
    script: str = "latn"  # the script the names are written in: cyrl, latn, armn, geor
    latin_share: float = 0.0  # share of Cyrillic-named people who write their name in Latin
    patronymics: tuple[str, ...] = ()  # Kazakh "-ұлы / -қызы" surnames from fathers' names
    cities: tuple[str, ...] = ()  # restrict to these cities
    russian: str = "ru-fluent"  # key into RUSSIAN_LEVELS
    extra: tuple[tuple[str, float, tuple[str, ...]], ...] = ()  # (language, chance, levels)


def _w(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# --- The vocabulary: creator_vocabulary.json beside this script ----------------------------

VOCABULARY = json.loads(Path(__file__).with_name("creator_vocabulary.json").read_text("utf-8"))


def _pairs(rows: list[list[Any]]) -> list[tuple[Any, Any]]:
    return [(first, second) for first, second in rows]


def _tuples(table: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    return {key: tuple(values) for key, values in table.items()}


CRAFTS: dict[str, Craft] = {
    slug: Craft(
        c["role"],
        (c["ru"][0], c["ru"][1]),
        tuple(c["focus"]),
        tuple(c["focusRu"]),
        (c["jobs"][0], c["jobs"][1], c["jobs"][2]) if "jobs" in c else None,
    )
    for slug, c in VOCABULARY["crafts"].items()
}
ETHNO: dict[str, list[tuple[str, str]]] = {
    country: _pairs(rows) for country, rows in VOCABULARY["ethno"].items()
}
RELATED = _tuples(VOCABULARY["related"])
STRENGTHS = _tuples(VOCABULARY["strengths"])
YOUNG_FIELDS: dict[str, int] = VOCABULARY["youngFields"]
RARE = _tuples(VOCABULARY["rare"])
PORTFOLIO = _tuples(VOCABULARY["portfolio"])
CITY_RU: dict[str, tuple[str, str]] = {
    city: (russian, locative) for city, (russian, locative) in VOCABULARY["cityRu"].items()
}
CITIES: dict[str, list[tuple[str, float]]] = {
    country: _pairs(rows) for country, rows in VOCABULARY["cities"].items()
}
CITY_REGIONS: dict[str, str] = VOCABULARY["cityRegions"]
COUNTS: dict[str, int] = VOCABULARY["counts"]
RUSSIAN_BIO: dict[str, float] = VOCABULARY["russianBio"]
ARMENIAN: dict[str, str] = VOCABULARY["armenian"]
GEORGIAN: dict[str, str] = VOCABULARY["georgian"]
Levels = list[tuple[str | None, float]]
RUSSIAN_LEVELS: dict[str, tuple[Levels, Levels]] = {
    group: (_pairs(young), _pairs(older))
    for group, (young, older) in VOCABULARY["russianLevels"].items()
}
ENGLISH_LEVELS: tuple[Levels, Levels] = (
    _pairs(VOCABULARY["englishLevels"][0]),
    _pairs(VOCABULARY["englishLevels"][1]),
)
CYRILLIC: dict[str, str] = VOCABULARY["cyrillic"]
LATIN: dict[str, str] = VOCABULARY["latin"]
HANDLE_LETTERS: dict[str, dict[str, str]] = VOCABULARY["handleLetters"]
NOTABLE = set(VOCABULARY["notable"])
CROSS_BORDER = _tuples(VOCABULARY["crossBorder"])


PEOPLES: tuple[People, ...] = tuple(
    People(
        p["country"],
        p["weight"],
        p["native"],
        _w(p["male"]),
        _w(p["female"]),
        _w(p["surnames"]),
        script=p.get("script", "latn"),
        latin_share=p.get("latinShare", 0.0),
        patronymics=_w(p.get("patronymics", "")),
        cities=tuple(p.get("cities", ())),
        russian=p.get("russian", "ru-fluent"),
        extra=tuple((e["language"], e["chance"], tuple(e["levels"])) for e in p.get("extra", ())),
    )
    for p in VOCABULARY["peoples"]
)


def to_latin(text: str, language: str = "") -> str:
    """Cyrillic to readable Latin: 'Жұлдыз Серікқызы' -> 'Zhuldyz Serikkyzy'."""
    out = []
    for char in text:
        low = char.lower()
        if low in CYRILLIC:
            latin = "h" if language == "be" and low == "г" else CYRILLIC[low]
            out.append(latin.capitalize() if char != low else latin)
        else:
            out.append(char)
    return "".join(out)


def handle_of(name: str, country: str, language: str = "") -> str:
    """A lowercase ASCII handle: 'Leyla Məmmədova' -> 'leyla-mammadova'."""
    special = HANDLE_LETTERS.get(country, {})
    out = []
    for char in to_latin(name, language).lower().replace("i̇", "i"):
        char = special.get(char, char)
        out.append(LATIN.get(char, char))
    text = "".join(out)
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return re.sub(r"-{2,}", "-", text)


def feminine(surname: str) -> str:
    """Russian-pattern surnames take a feminine ending; others do not change."""
    for masculine, fem in (("ский", "ская"), ("скі", "ская")):
        if surname.endswith(masculine):
            return surname[: -len(masculine)] + fem
    if surname.endswith(("ов", "ев", "ёв", "ин", "ын")):
        return surname + "а"
    if surname.endswith(("ov", "ev", "ow", "ew")):  # Uzbek, Azerbaijani, Turkmen
        return surname + "a"
    return surname


# --- The generator ------------------------------------------------------------------------


@dataclass
class Person:
    handle: str
    name: str
    female: bool
    country: str
    city: str
    birth: int
    people: People
    skills: list[tuple[str, str, int]] = field(default_factory=list)
    mentor: bool = False
    collaborating: bool = True
    pinned: bool = False
    bio: str | None = None
    affiliations: list[dict[str, Any]] | None = None  # None: not decided yet
    languages: list[tuple[str, str]] | None = None


@dataclass(frozen=True)
class Pin:
    name: str
    female: bool
    country: str
    city: str
    birth: int
    skills: str  # "animation ADVANCED 6, illustration INTERMEDIATE 4"
    affiliations: tuple[tuple[str, str, str, str | None], ...] = ()  # org, role, since, until
    mentor: bool = False
    handle: str | None = None  # for names in Armenian or Georgian script

    def skill_list(self) -> list[tuple[str, str, int]]:
        parts = (item.split() for item in self.skills.split(","))
        return [(slug, level, int(years)) for slug, level, years in parts]


PINNED: tuple[Pin, ...] = tuple(
    Pin(
        p["name"],
        p["female"],
        p["country"],
        p["city"],
        p["birth"],
        p["skills"],
        tuple(
            (a["organisation"], a["role"], a["since"], a["until"])
            for a in p.get("affiliations", ())
        ),
        mentor=p.get("mentor", False),
        handle=p.get("handle"),
    )
    for p in VOCABULARY["pinned"]
)

MENTORS = 15


def weighted(rng: random.Random, options: Sequence[tuple[T, float]]) -> T:
    """One of the values, drawn with the given weights."""
    values = [value for value, _ in options]
    return rng.choices(values, weights=[weight for _, weight in options])[0]


def level_for(years: int, rng: random.Random) -> str:
    """Skill follows experience, give or take a step; not every veteran is a master."""
    index = 0 if years < 2 else 1 if years < 5 else 2 if years < 12 else 3 if years < 22 else 4
    if index == 4 and rng.random() < 0.4:
        index = 3
    roll = rng.random()
    if roll < 0.15 and index > 0:
        index -= 1
    elif roll > 0.93 and (index == 2 or (index == 3 and years >= 15)) and years >= 6:
        index += 1
    return LEVELS[index]


class Generator:
    def __init__(self, sectors: list[dict[str, Any]], organisations: list[dict[str, Any]]) -> None:
        self.rng = random.Random(SEED)
        self.sector_of = {d["slug"]: s["slug"] for s in sectors for d in s["disciplines"]}
        self.organisations = organisations
        self.handles: set[str] = set()
        self.names: set[str] = set()
        self.used: Counter[tuple[str, str]] = Counter()

    # -- names --

    def pick_people(self, country: str) -> People:
        groups = [p for p in PEOPLES if p.country == country]
        return weighted(self.rng, [(p, p.weight) for p in groups])

    def fresh(self, options: tuple[str, ...], country: str) -> str:
        """A random name, preferring ones not yet used in the country, so fewer namesakes."""
        for _ in range(4):
            choice = self.rng.choice(options)
            if not self.used[country, choice]:
                break
        self.used[country, choice] += 1
        return choice

    def make_name(self, people: People, female: bool, young: bool) -> str:
        rng = self.rng
        given = self.fresh(people.female if female else people.male, people.country)
        if people.patronymics and rng.random() < 0.18:
            father = rng.choice([name for name in people.patronymics if name != given])
            surname = father + ("қызы" if female else "ұлы")
        else:
            surname = self.fresh(people.surnames, people.country)
            surname = feminine(surname) if female else surname
        armenian = given in ARMENIAN and surname in ARMENIAN
        if people.country == "AM" and armenian and rng.random() < 0.45:
            return f"{ARMENIAN[given]} {ARMENIAN[surname]}"
        if people.country == "GE" and rng.random() < 0.7:
            return f"{GEORGIAN[given]} {GEORGIAN[surname]}"
        name = f"{given} {surname}"
        if people.script == "cyrl" and rng.random() < people.latin_share * (1.6 if young else 0.6):
            name = to_latin(name, people.native)
        return name

    def latin_name(self, name: str, country: str) -> str:
        """The Latin form a handle is made from (Armenian and Georgian via the tables)."""
        table = {native: latin for t in (ARMENIAN, GEORGIAN) for latin, native in t.items()}
        return " ".join(table.get(part, part) for part in name.split())

    def claim(
        self, name: str, country: str, language: str, handle: str | None = None
    ) -> str | None:
        if self.latin_name(name, country) in NOTABLE:
            return None
        handle = handle or handle_of(self.latin_name(name, country), country, language)
        if handle in self.handles or name in self.names or not 3 <= len(handle) <= 40:
            return None
        self.handles.add(handle)
        self.names.add(name)
        return handle

    # -- skills --

    def pick_primary(self, country: str, birth: int) -> str:
        strong = STRENGTHS.get(country, ())
        options = []
        for slug in CRAFTS:
            weight = 3.0 if slug in strong else 1.0
            if slug in YOUNG_FIELDS and birth < 1975:
                weight *= 0.2
            if slug in RARE.get(country, ()):
                weight *= 0.15
            options.append((slug, weight))
        return weighted(self.rng, options)

    def practice(self, slug: str, career: int, share: tuple[float, float]) -> tuple[str, str, int]:
        """Years in a discipline (capped for young fields) and the level they earned."""
        years = round(career * self.rng.uniform(*share))
        years = min(years, YOUNG_FIELDS.get(slug, 90))
        return slug, level_for(years, self.rng), years

    def make_skills(self, country: str, birth: int) -> list[tuple[str, str, int]]:
        rng = self.rng
        age = YEAR - birth
        career = max(age - rng.randint(17, 23), 1)
        primary = self.pick_primary(country, birth)
        skills = [self.practice(primary, max(career, 2), (0.6, 1.0))]
        extra = rng.choices((0, 1, 2), weights=(35, 45, 20))[0]
        for slug in rng.sample(RELATED[primary], k=min(extra, len(RELATED[primary]))):
            skills.append(self.practice(slug, career, (0.15, 0.7)))
        return skills

    # -- languages --

    def make_languages(self, person: Person) -> list[tuple[str, str]]:
        rng = self.rng
        people = person.people
        young = person.birth >= 1991
        spoken = [(people.native, "NATIVE")]
        if people.native != "ru":
            level = weighted(rng, RUSSIAN_LEVELS[people.russian][0 if young else 1])
            if level:
                spoken.append(("ru", level))
        if (
            person.country in ("UZ",)
            and person.city in ("Samarkand", "Bukhara")
            and rng.random() < 0.4
        ):
            spoken.append(("tg", "FLUENT"))  # Samarkand and Bukhara are largely Tajik-speaking
        english = weighted(rng, ENGLISH_LEVELS[0 if young else 1])
        if person.country in ("GE", "TR", "AM") and english in (None, "BASIC"):
            english = "CONVERSATIONAL"
        if english:
            spoken.append(("en", english))
        for code, chance, levels in people.extra:
            if rng.random() < chance and code not in dict(spoken):
                spoken.append((code, rng.choice(levels)))
        return spoken

    # -- bios --

    def make_bio(self, person: Person) -> str:
        rng = self.rng
        slug, _level, years = person.skills[0]
        craft = CRAFTS[slug]
        focus_pairs = list(zip(craft.focus, craft.focus_ru, strict=True))
        if slug == "ethno-music":
            focus_pairs = ETHNO[person.country]
        focus, focus_ru = rng.choice(focus_pairs)
        city = person.city
        city_ru, in_city = CITY_RU[city]
        if rng.random() < RUSSIAN_BIO[person.country]:
            title = craft.ru[1 if person.female else 0]
            lead = rng.choice(
                (
                    f"{title}, живёт и работает {in_city}. Основное направление — {focus_ru}.",
                    f"{title} ({city_ru}), {years} {plural_years(years)} в профессии. "
                    f"Специализация — {focus_ru}.",
                    f"Работает {in_city} как {lower_first(title)}; "
                    f"главное в портфолио — {focus_ru}.",
                )
            )
            tail = self.russian_tail(person)
        else:
            lead = rng.choice(
                (
                    f"{craft.role} based in {city}, focused on {focus}.",
                    f"{craft.role} with {years} {'year' if years == 1 else 'years'} "
                    f"of experience in {focus}.",
                    f"{city}-based {lower_first(craft.role)} working on {focus}.",
                )
            )
            tail = self.english_tail(person)
        return f"{lead} {tail}".strip()

    def russian_tail(self, person: Person) -> str:
        rng = self.rng
        f = person.female
        if person.mentor:
            return (
                "Наставница программы молодых талантов Ассоциации."
                if f
                else "Наставник программы молодых талантов Ассоциации."
            )
        if not person.collaborating:
            return "Сейчас не берёт новых проектов."
        if person.birth >= 1991 and rng.random() < 0.5:
            return rng.choice(
                (
                    "Ищет команду для первого международного проекта.",
                    ("Открыта" if f else "Открыт")
                    + " к копродукции с коллегами из Центральной Азии и Кавказа.",
                    ("Участница" if f else "Участник")
                    + " молодёжных резиденций и творческих лабораторий.",
                )
            )
        return rng.choice(
            (
                "",
                "Преподаёт на выходных курсах для подростков.",
                "Работает на казахском, русском и английском."
                if self.works_in(person, "kk", "ru", "en")
                else "",
                ("Участвовала" if f else "Участвовал") + " в проектах в нескольких странах СНГ.",
            )
        )

    @staticmethod
    def works_in(person: Person, *codes: str) -> bool:
        """Whether the person works in these languages (or in any three) at a professional level."""
        good = {c for c, p in person.languages or [] if p in ("PROFESSIONAL", "FLUENT", "NATIVE")}
        return set(codes) <= good if codes else len(good) >= 3

    def english_tail(self, person: Person) -> str:
        rng = self.rng
        craft = CRAFTS[person.skills[0][0]]
        if person.mentor:
            role = lower_first(craft.role)
            return f"Mentors early-career {role}s in the Association's talent programme."
        if not person.collaborating:
            return "Not taking on new collaborations at the moment."
        if person.birth >= 1991 and rng.random() < 0.5:
            return rng.choice(
                (
                    "Looking for collaborators for a first cross-border project.",
                    "Open to co-productions with teams from Central Asia and the Caucasus.",
                    "Regular at youth residencies and creative labs.",
                )
            )
        return rng.choice(
            (
                "",
                "Teaches weekend workshops for teenagers.",
                "Has worked on projects in several CIS countries.",
                "Works in three languages." if self.works_in(person) else "",
            )
        )

    # -- affiliations --

    def make_affiliations(self, person: Person) -> list[dict[str, Any]]:
        """Usually one organisation, sometimes two; mostly at home, in the person's field."""
        rng = self.rng
        if rng.random() > 0.8:
            return []
        disciplines = {slug for slug, _, _ in person.skills}
        sectors = {self.sector_of[slug] for slug in disciplines}
        senior = LEVELS.index(person.skills[0][1]) >= 3 and person.birth < 1980
        options: list[tuple[dict[str, Any], float]] = []
        for org in self.organisations:
            overlap = disciplines & set(org["disciplines"])
            related = sectors & {self.sector_of[slug] for slug in org["disciplines"]}
            kind = org["kind"]
            weight = 0.0
            if kind == "GOVERNMENT":
                weight = 0.5 if senior and org["country"] == person.country else 0.0
            elif org["country"] == person.country:
                if overlap:
                    weight = 4.0
                elif related and kind in ("UNIVERSITY", "ASSOCIATION", "NGO", "FUND"):
                    weight = 0.8
            elif overlap and org["slug"] in CROSS_BORDER.get(person.country, ()):
                weight = 1.2
            if weight:
                options.append((org, weight))
        if not options:
            # Many studied their field at a university at home.
            options = [
                (org, 1.0)
                for org in self.organisations
                if org["kind"] == "UNIVERSITY"
                and org["country"] == person.country
                and sectors & {self.sector_of[slug] for slug in org["disciplines"]}
            ]
        if not options:
            return []
        chosen = [weighted(rng, options)]
        if rng.random() < 0.2 and len(options) > 1:
            second = weighted(rng, options)
            if second is not chosen[0]:
                chosen.append(second)
        result = []
        for org in chosen:
            affiliation = self.affiliation(person, org)
            if affiliation:
                result.append(affiliation)
        return result

    def affiliation(self, person: Person, org: dict[str, Any]) -> dict[str, Any] | None:
        """A role that fits the organisation and the person's seniority, with dates."""
        rng = self.rng
        shared = [skill for skill in person.skills if skill[0] in org["disciplines"]]
        slug, level, _years = shared[0] if shared else person.skills[0]
        rank = LEVELS.index(level)
        age = YEAR - person.birth
        kind = org["kind"]
        founded = org["foundedYear"] or 1991
        if kind == "UNIVERSITY" and (
            not shared or org["country"] != person.country or (age > 27 and rng.random() < 0.35)
        ):
            return self.studied(person, org)
        if kind == "SCHOOL" and age <= 30:
            return self.studied(person, org, school=True)
        min_age = 20
        if kind in ("STUDIO", "COMPANY"):
            craft = CRAFTS[slug]
            jobs = craft.jobs or (
                f"Junior {lower_first(craft.role)}",
                craft.role,
                f"Lead {lower_first(craft.role)}",
            )
            tier = 0 if rank <= 1 else 1 if rank == 2 else 2
            role, min_age = jobs[tier], (19, 23, 28)[tier]
        elif kind == "UNIVERSITY":
            if age <= 24:
                role, min_age = "Student", 18
            elif rank >= 4:
                role, min_age = rng.choice(("Professor", "Head of department")), 38
            elif rank == 3:
                role, min_age = rng.choice(("Associate professor", "Senior lecturer")), 30
            else:
                role, min_age = rng.choice(("Lecturer", "Master's student")), 23
        elif kind == "SCHOOL":
            role, min_age = "Workshop leader", 24
        elif kind == "TECHNOPARK":
            role = "Resident start-up founder" if rank >= 3 else "Resident"
        elif kind == "FUND":
            if rank >= 3 and age > 35:
                role, min_age = "Expert council member", 35
            else:
                role = "Grant recipient"
            founded += 1
        elif kind == "GOVERNMENT":
            role, min_age = "Member of the expert council on creative industries", 40
        elif kind == "NGO":
            role = "Programme coordinator" if rank >= 2 else "Volunteer"
        elif kind == "ASSOCIATION":
            role, min_age = ("Board member", 35) if rank >= 3 and age > 35 else ("Member", 20)
        else:  # MEDIA
            role = {
                "journalism": "Correspondent",
                "photography": "Staff photographer",
                "podcasting": "Host",
                "sound-design": "Sound producer",
            }.get(slug, "Contributor")
        earliest = max(founded, person.birth + min_age)
        if earliest > LAST_START.year:
            return None
        year = rng.randint(max(earliest, LAST_START.year - 15), LAST_START.year)
        since = min(date(year, 9 if role == "Student" else rng.randint(1, 12), 1), LAST_START)
        until = None
        if rng.random() < 0.2:
            end_year = since.year + rng.randint(1, 5)
            if end_year < YEAR:
                until = date(end_year, rng.randint(1, 12), 1)
                until = max(until, date(since.year + 1, since.month, 1))
        return self.dated(org, role, since, until)

    def studied(
        self, person: Person, org: dict[str, Any], school: bool = False
    ) -> dict[str, Any] | None:
        """Past studies: a university from about 18, an after-school programme from about 13."""
        rng = self.rng
        start = person.birth + (rng.randint(12, 14) if school else rng.randint(17, 19))
        start = max(start, org["foundedYear"] or 1991)
        if start - person.birth > (16 if school else 30):
            return None
        end = date(start + (rng.randint(3, 4) if school else rng.choice((4, 5))), 6, 30)
        return self.dated(org, "Student", date(start, 9, 1), end if end < LAST_START else None)

    @staticmethod
    def dated(org: dict[str, Any], role: str, since: date, until: date | None) -> dict[str, Any]:
        return {
            "organisation": org["slug"],
            "role": role,
            "since": since.isoformat(),
            "until": until.isoformat() if until else None,
        }

    # -- portfolio --

    def make_portfolio(self, person: Person) -> list[dict[str, str]]:
        rng = self.rng
        sector = self.sector_of[person.skills[0][0]]
        titles = list(PORTFOLIO[sector])
        if person.skills[0][0] == "podcasting":
            titles[0] = "Podcast feed"
        if person.skills[0][0] == "fashion-design":
            titles[2] = "Lookbook {y}"
        count = 1 if LEVELS.index(person.skills[0][1]) <= 1 else rng.choice((1, 2, 2, 3))
        links = []
        domain = rng.choice(("example.com", "example.org"))
        for title in rng.sample(titles, k=count):
            text = title.format(y=rng.randint(2022, 2026))
            path = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
            links.append({"title": text, "url": f"https://{domain}/{person.handle}/{path}"})
        return links

    # -- people --

    def birth_year(self, young: bool) -> int:
        rng = self.rng
        if young:
            return rng.choice(range(1991, 2006))
        band = weighted(rng, [((1952, 1964), 10), ((1965, 1979), 35), ((1980, 1990), 55)])
        return rng.randint(*band)

    def pinned(self) -> list[Person]:
        people = []
        for pin in PINNED:
            cyrillic = re.search("[а-яәіңғүұқөһ]", pin.name.lower()) is not None
            groups = [p for p in PEOPLES if p.country == pin.country]
            script = "cyrl" if cyrillic else "latn"
            group = next((p for p in groups if p.script == script), groups[0])
            handle = self.claim(pin.name, pin.country, group.native, pin.handle)
            assert handle, f"pinned creator {pin.name} clashes with another"
            person = Person(
                handle, pin.name, pin.female, pin.country, pin.city, pin.birth, group,
                pin.skill_list(), mentor=pin.mentor, pinned=True,
            )  # fmt: skip
            if pin.affiliations:
                person.affiliations = [
                    {"organisation": org, "role": role, "since": since, "until": until}
                    for org, role, since, until in pin.affiliations
                ]
            people.append(person)
        return people

    def generate(self) -> list[Person]:
        rng = self.rng
        people = self.pinned()
        for country, total in COUNTS.items():
            have = sum(1 for p in people if p.country == country)
            young_wanted = round(total * 0.34) - sum(
                1 for p in people if p.country == country and p.birth >= 1991
            )
            slots = [i < young_wanted for i in range(total - have)]
            rng.shuffle(slots)
            for young in slots:
                while True:
                    group = self.pick_people(country)
                    female = rng.random() < 0.5
                    name = self.make_name(group, female, young)
                    handle = self.claim(name, country, group.native)
                    if handle:
                        break
                cities = group.cities or tuple(c for c, _ in CITIES[country])
                weights = [dict(CITIES[country]).get(c, 1) for c in cities]
                city = rng.choices(cities, weights=weights)[0]
                birth = self.birth_year(young)
                person = Person(handle, name, female, country, city, birth, group)
                person.skills = self.make_skills(country, birth)
                people.append(person)
        self.choose_mentors(people)
        for person in people:
            if not person.mentor and not person.pinned and rng.random() < 0.15:
                person.collaborating = False
            person.languages = self.make_languages(person)
            person.bio = self.make_bio(person)
            if person.affiliations is None:
                person.affiliations = self.make_affiliations(person)
        return people

    def choose_mentors(self, people: list[Person]) -> None:
        """Seniors with the most experience become mentors, spread over countries."""
        wanted = MENTORS - sum(p.mentor for p in people)
        candidates = [
            p
            for p in people
            if not p.mentor and p.birth <= 1985 and p.skills[0][1] in ("EXPERT", "MASTER")
        ]
        candidates.sort(key=lambda p: (-p.skills[0][2], p.handle))
        taken: dict[str, int] = {}
        for person in people:
            if person.mentor:
                taken[person.country] = taken.get(person.country, 0) + 1
        for person in candidates:
            if wanted == 0:
                break
            if taken.get(person.country, 0) >= 2:
                continue
            person.mentor = True
            taken[person.country] = taken.get(person.country, 0) + 1
            wanted -= 1


def plural_years(n: int) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return "год"
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return "года"
    return "лет"


def lower_first(text: str) -> str:
    """'Film director' -> 'film director', but 'UX/UI designer' and 'XR developer' keep case."""
    first = text.split()[0]
    return (
        text
        if first.isupper() or "/" in first or first[:2].isupper()
        else text[0].lower() + text[1:]
    )


def to_json(person: Person, generator: Generator) -> dict[str, object]:
    return {
        "handle": person.handle,
        "displayName": person.name,
        "country": person.country,
        "region": CITY_REGIONS[person.city],
        "city": person.city,
        "birthYear": person.birth,
        "bio": person.bio,
        "disciplines": [
            {"slug": slug, "level": level, "yearsOfExperience": years}
            for slug, level, years in person.skills
        ],
        "languages": [{"code": c, "proficiency": p} for c, p in person.languages or []],
        "openToCollaboration": person.collaborating,
        "isMentor": person.mentor,
        "portfolio": generator.make_portfolio(person),
        "affiliations": person.affiliations,
    }


def main() -> None:
    sectors = json.loads((DEMO / "sectors.json").read_text(encoding="utf-8"))
    organisations = json.loads((DEMO / "organisations.json").read_text(encoding="utf-8"))
    generator = Generator(sectors, organisations)
    people = generator.generate()
    data = [to_json(person, generator) for person in people]
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    (DEMO / "creators.json").write_text(text, encoding="utf-8")
    print(f"wrote {len(data)} creators to {DEMO / 'creators.json'}")


if __name__ == "__main__":
    main()
