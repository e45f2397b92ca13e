"""Check the demo dataset in ``db/seed/demo/`` against the rules the loader relies on.

Standard library only, so it runs before anything is installed:

    python3 db/seed/tools/check_demo.py

It reports every problem it finds (not just the first) and exits with status 1 if there
were any. Besides the services' own rules (enums, patterns, references, date ranges,
money with the currency's decimals) it checks the shape the demo promises: about 200
creators of whom a quarter to two fifths are young talents, every organisation kind,
at least 20 cross-border projects and at least 6 looking for partners.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

DEMO = Path(__file__).resolve().parent.parent / "demo"
TODAY = date(2026, 11, 23)  # the dataset describes the world as of this day
YOUNG_FROM = 1991  # born this year or later: 35 or under in 2026

SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]{1,58}[a-z0-9])$")
HANDLE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$")
KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")
LATIN_CITY = re.compile(r"^[A-Za-z][A-Za-z .'-]*$")
EXAMPLE_URL = re.compile(r"^https://example\.(com|org)/\S+$")

CIS_STATUSES = {"MEMBER", "ASSOCIATE", "OBSERVER", "FORMER", "NONE"}
KINDS = {
    "STUDIO",
    "COMPANY",
    "UNIVERSITY",
    "SCHOOL",
    "FUND",
    "TECHNOPARK",
    "GOVERNMENT",
    "NGO",
    "ASSOCIATION",
    "MEDIA",
}
LEVELS = ["BEGINNER", "INTERMEDIATE", "ADVANCED", "EXPERT", "MASTER"]
PROFICIENCIES = {"BASIC", "CONVERSATIONAL", "PROFESSIONAL", "FLUENT", "NATIVE"}
STATUSES = {"DRAFT", "SEEKING_PARTNERS", "IN_PROGRESS", "COMPLETED", "CANCELLED"}
CLOSED = {"COMPLETED", "CANCELLED"}
LEAD_ROLE = "Lead"  # the role the service gives a project's lead

# The CIS standing the dataset must give these countries.
EXPECTED_STATUS = {
    **dict.fromkeys("AM AZ BY KZ KG MD RU TJ UZ".split(), "MEMBER"),
    "TM": "ASSOCIATE",
    "AF": "OBSERVER",
    "MN": "OBSERVER",
    "GE": "FORMER",
    "UA": "FORMER",
}

# Currencies the demo may use, with their ISO 4217 minor digits.
MINOR_DIGITS = {
    "USD": 2,
    "EUR": 2,
    "RUB": 2,
    "KZT": 2,
    "UZS": 2,
    "AMD": 2,
    "KGS": 2,
    "BYN": 2,
    "AZN": 2,
    "TJS": 2,
    "MDL": 2,
    "TMT": 2,
    "TRY": 2,
    "MNT": 2,
    "GEL": 2,
    "CNY": 2,
}

ISO_639_1 = set(
    """
    aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv
    cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho
    hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku
    kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn
    no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm
    sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi
    vo wa wo xh yi yo za zh zu
    """.split()
)

KEYS = {
    "country": {"code", "names", "nativeLanguage", "cisStatus", "indicators"},
    "indicator": {"year", "valueAdded", "peopleEmployed", "shareOfGdpPercent", "source"},
    "sector": {"slug", "names", "disciplines"},
    "discipline": {"slug", "names"},
    "organisation": {
        "slug",
        "name",
        "names",
        "kind",
        "country",
        "city",
        "website",
        "description",
        "disciplines",
        "foundedYear",
        "memberSince",
    },
    "creator": {
        "handle",
        "displayName",
        "country",
        "city",
        "birthYear",
        "bio",
        "disciplines",
        "languages",
        "openToCollaboration",
        "isMentor",
        "portfolio",
        "affiliations",
    },
    "skill": {"slug", "level", "yearsOfExperience"},
    "language": {"code", "proficiency"},
    "link": {"title", "url"},
    "affiliation": {"organisation", "role", "since", "until"},
    "project": {
        "slug",
        "title",
        "summary",
        "description",
        "status",
        "leadOrganisation",
        "leadCreator",
        "disciplines",
        "startDate",
        "endDate",
        "budget",
        "participants",
        "openRoles",
    },
    "participant": {"creator", "organisation", "role", "joinedOn"},
    "role": {
        "title",
        "discipline",
        "requiredLanguages",
        "seniority",
        "headcount",
        "remoteAllowed",
        "preferredCountries",
        "filledCount",
        "isOpen",
    },
    "money": {"amount", "currency"},
}
# Keys an object may have beyond the contract (the loader reads them if present).
OPTIONAL_KEYS = {"role": {"description"}}


class Checker:
    def __init__(self) -> None:
        self.problems: list[str] = []

    def fail(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def expect(self, condition: bool, where: str, message: str) -> bool:
        if not condition:
            self.fail(where, message)
        return condition

    def keys(self, obj: Any, kind: str, where: str) -> bool:
        if not isinstance(obj, dict):
            self.fail(where, f"expected an object, got {type(obj).__name__}")
            return False
        wanted = KEYS[kind]
        missing = wanted - obj.keys()
        extra = obj.keys() - wanted - OPTIONAL_KEYS.get(kind, set())
        self.expect(not missing, where, f"missing keys {sorted(missing)}")
        self.expect(not extra, where, f"unexpected keys {sorted(extra)}")
        return not missing

    def text(self, value: Any, where: str, limit: int, required: bool = True) -> None:
        if value is None and not required:
            return
        if self.expect(isinstance(value, str), where, "expected a string"):
            self.expect(bool(value.strip()) or not required, where, "must not be empty")
            self.expect(value == value.strip(), where, "has leading or trailing spaces")
            self.expect(len(value) <= limit, where, f"longer than {limit} characters")

    def day(self, value: Any, where: str, nullable: bool = True) -> date | None:
        if value is None:
            self.expect(nullable, where, "must not be null")
            return None
        try:
            parsed = date.fromisoformat(value)
        except (TypeError, ValueError):
            self.fail(where, f"{value!r} is not an ISO date")
            return None
        self.expect(parsed.isoformat() == value, where, f"{value!r} is not YYYY-MM-DD")
        return parsed

    def money(self, value: Any, where: str) -> None:
        if value is None or not self.keys(value, "money", where):
            return
        currency, amount = value["currency"], value["amount"]
        if not self.expect(currency in MINOR_DIGITS, where, f"unknown currency {currency!r}"):
            return
        if not self.expect(isinstance(amount, str), where, "amount must be a decimal string"):
            return
        digits = MINOR_DIGITS[currency]
        pattern = rf"^\d+\.\d{{{digits}}}$" if digits else r"^\d+$"
        self.expect(
            re.fullmatch(pattern, amount) is not None,
            where,
            f"amount {amount!r} must have exactly {digits} decimals for {currency}",
        )
        try:
            self.expect(Decimal(amount) >= 0, where, "amount must not be negative")
        except InvalidOperation:
            self.fail(where, f"amount {amount!r} is not a number")

    def names(self, value: Any, where: str, required: tuple[str, ...] = ("en",)) -> None:
        if not self.expect(
            isinstance(value, dict) and bool(value), where, "names must be an object"
        ):
            return
        for code, name in value.items():
            self.expect(code in ISO_639_1, where, f"{code!r} is not an ISO 639-1 code")
            self.text(name, f"{where}.{code}", 200)
        for code in required:
            self.expect(code in value, where, f"names lack {code!r}")


def load(name: str) -> list[dict[str, Any]]:
    data = json.loads((DEMO / name).read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise SystemExit(f"{name}: expected a JSON list")
    return data


def check_format(check: Checker, name: str) -> None:
    """Files are pretty-printed with two spaces and readable (not \\u-escaped) text."""
    raw = (DEMO / name).read_text(encoding="utf-8")
    data = json.loads(raw)
    expected = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    check.expect(raw == expected, name, "not formatted as json.dumps(indent=2, ensure_ascii=False)")


def check_countries(check: Checker, countries: list[dict[str, Any]]) -> dict[str, dict]:
    by_code: dict[str, dict] = {}
    for i, country in enumerate(countries):
        where = f"countries[{i}]"
        if not check.keys(country, "country", where):
            continue
        code = country["code"]
        where = f"countries[{code}]"
        check.expect(
            COUNTRY_CODE.fullmatch(str(code)) is not None, where, "code must be ISO alpha-2"
        )
        check.expect(code not in by_code, where, "duplicate code")
        by_code[code] = country
        native = country["nativeLanguage"]
        check.expect(native in ISO_639_1, where, f"nativeLanguage {native!r} is not ISO 639-1")
        check.names(country["names"], f"{where}.names", ("en", "ru", native))
        check.expect(country["cisStatus"] in CIS_STATUSES, where, "unknown cisStatus")
        years: set[int] = set()
        for j, indicator in enumerate(country["indicators"]):
            iw = f"{where}.indicators[{j}]"
            if not check.keys(indicator, "indicator", iw):
                continue
            year = indicator["year"]
            check.expect(isinstance(year, int) and 2000 <= year <= TODAY.year, iw, "bad year")
            check.expect(year not in years, iw, "two indicators for one year")
            years.add(year)
            check.money(indicator["valueAdded"], f"{iw}.valueAdded")
            people = indicator["peopleEmployed"]
            check.expect(
                people is None or (isinstance(people, int) and people >= 0),
                iw,
                "bad peopleEmployed",
            )
            share = indicator["shareOfGdpPercent"]
            if share is not None:
                ok = isinstance(share, str) and re.fullmatch(r"\d{1,3}\.\d{2}", share) is not None
                if check.expect(ok, iw, "shareOfGdpPercent must be a string with 2 decimals"):
                    check.expect(Decimal(share) <= 100, iw, "shareOfGdpPercent above 100")
            check.text(indicator["source"], f"{iw}.source", 2000)
    for code, status in EXPECTED_STATUS.items():
        if check.expect(code in by_code, "countries", f"{code} is missing"):
            check.expect(
                by_code[code]["cisStatus"] == status, f"countries[{code}]", f"should be {status}"
            )
    kz = [
        i
        for i in by_code.get("KZ", {}).get("indicators", [])
        if i.get("peopleEmployed") == 143_000
        and i.get("valueAdded")
        and i["valueAdded"]["currency"] == "USD"
        and Decimal(i["valueAdded"]["amount"]) >= 2_000_000_000
    ]
    check.expect(bool(kz), "countries[KZ]", "needs the 2025 figures: > USD 2 bn, 143,000 employed")
    return by_code


def check_sectors(check: Checker, sectors: list[dict[str, Any]]) -> set[str]:
    slugs: set[str] = set()
    disciplines: set[str] = set()
    for i, sector in enumerate(sectors):
        where = f"sectors[{i}]"
        if not check.keys(sector, "sector", where):
            continue
        where = f"sectors[{sector['slug']}]"
        for slug in [sector["slug"]] + [d.get("slug") for d in sector["disciplines"]]:
            check.expect(
                KEBAB.fullmatch(str(slug)) is not None, where, f"{slug!r} is not kebab-case"
            )
            check.expect(len(str(slug)) <= 60, where, f"{slug!r} is longer than 60 characters")
            check.expect(slug not in slugs, where, f"slug {slug!r} used twice")
            slugs.add(slug)
        check.names(sector["names"], f"{where}.names", ("en", "ru"))
        for discipline in sector["disciplines"]:
            dw = f"{where}.{discipline.get('slug')}"
            if check.keys(discipline, "discipline", dw):
                check.names(discipline["names"], f"{dw}.names", ("en", "ru"))
                disciplines.add(discipline["slug"])
    check.expect(len(sectors) == 8, "sectors", f"expected 8 sectors, found {len(sectors)}")
    check.expect(
        35 <= len(disciplines) <= 45,
        "sectors",
        f"expected about 40 disciplines, found {len(disciplines)}",
    )
    return disciplines


def check_organisations(
    check: Checker, organisations: list[dict[str, Any]], countries: dict, disciplines: set[str]
) -> dict[str, dict]:
    by_slug: dict[str, dict] = {}
    for i, org in enumerate(organisations):
        where = f"organisations[{i}]"
        if not check.keys(org, "organisation", where):
            continue
        slug = org["slug"]
        where = f"organisations[{slug}]"
        check.expect(SLUG.fullmatch(str(slug)) is not None, where, "bad slug")
        check.expect(slug not in by_slug, where, "duplicate slug")
        by_slug[slug] = org
        check.text(org["name"], f"{where}.name", 200)
        check.names(org["names"], f"{where}.names")
        check.expect(org["kind"] in KINDS, where, f"unknown kind {org['kind']!r}")
        check.expect(org["country"] in countries, where, f"unknown country {org['country']!r}")
        city = org["city"]
        check.expect(
            city is None or LATIN_CITY.fullmatch(city) is not None, where, "city must be in Latin"
        )
        site = org["website"]
        check.expect(
            site is None or re.fullmatch(r"https?://[^\s/]+\S*", site) is not None,
            where,
            "bad website",
        )
        check.text(org["description"], f"{where}.description", 10_000)
        check.expect(
            len(set(org["disciplines"])) == len(org["disciplines"]), where, "repeated discipline"
        )
        for slug_ in org["disciplines"]:
            check.expect(slug_ in disciplines, where, f"unknown discipline {slug_!r}")
        founded = org["foundedYear"]
        check.expect(
            founded is None or (isinstance(founded, int) and 1000 <= founded <= TODAY.year),
            where,
            "bad foundedYear",
        )
        member = check.day(org["memberSince"], f"{where}.memberSince")
        check.expect(member is None or member <= TODAY, where, "memberSince is in the future")
    kinds = {org.get("kind") for org in organisations}
    check.expect(kinds >= KINDS, "organisations", f"kinds missing: {sorted(KINDS - kinds)}")
    org_countries = {org.get("country") for org in organisations}
    check.expect(len(org_countries) >= 6, "organisations", "need at least 6 countries")
    check.expect(25 <= len(organisations) <= 40, "organisations", "expected about 30")
    return by_slug


def check_creators(
    check: Checker,
    creators: list[dict[str, Any]],
    countries: dict,
    disciplines: set[str],
    organisations: dict[str, dict],
) -> dict[str, dict]:
    by_handle: dict[str, dict] = {}
    for i, creator in enumerate(creators):
        where = f"creators[{i}]"
        if not check.keys(creator, "creator", where):
            continue
        handle = creator["handle"]
        where = f"creators[{handle}]"
        check.expect(HANDLE.fullmatch(str(handle)) is not None, where, "bad handle")
        check.expect(handle not in by_handle, where, "duplicate handle")
        by_handle[handle] = creator
        check.text(creator["displayName"], f"{where}.displayName", 200)
        check.expect(creator["country"] in countries, where, "unknown country")
        check.expect(
            isinstance(creator["city"], str) and LATIN_CITY.fullmatch(creator["city"]) is not None,
            where,
            "city must be given in Latin",
        )
        birth = creator["birthYear"]
        if not check.expect(
            isinstance(birth, int) and 1950 <= birth <= 2008, where, "bad birthYear"
        ):
            continue
        age = TODAY.year - birth
        check.text(creator["bio"], f"{where}.bio", 5000)
        check.expect(
            isinstance(creator["openToCollaboration"], bool), where, "bad openToCollaboration"
        )
        check.expect(isinstance(creator["isMentor"], bool), where, "bad isMentor")

        skills = creator["disciplines"]
        check.expect(1 <= len(skills) <= 3, where, "needs 1 to 3 disciplines")
        seen: set[str] = set()
        for skill in skills:
            sw = f"{where}.disciplines"
            if not check.keys(skill, "skill", sw):
                continue
            check.expect(skill["slug"] in disciplines, sw, f"unknown discipline {skill['slug']!r}")
            check.expect(skill["slug"] not in seen, sw, f"{skill['slug']} twice")
            seen.add(skill["slug"])
            check.expect(skill["level"] in LEVELS, sw, f"bad level {skill['level']!r}")
            years = skill["yearsOfExperience"]
            check.expect(
                isinstance(years, int) and 0 <= years <= age - 12,
                sw,
                f"{years} years of {skill['slug']} at {age}",
            )
        if creator["isMentor"]:
            check.expect(birth < YOUNG_FROM, where, "mentors should be seniors")
            check.expect(
                any(s.get("level") in ("EXPERT", "MASTER") for s in skills),
                where,
                "mentors need an EXPERT or MASTER discipline",
            )

        codes = [lang.get("code") for lang in creator["languages"]]
        check.expect(len(set(codes)) == len(codes), where, "a language listed twice")
        for lang in creator["languages"]:
            if check.keys(lang, "language", f"{where}.languages"):
                check.expect(lang["code"] in ISO_639_1, where, f"bad language {lang['code']!r}")
                check.expect(lang["proficiency"] in PROFICIENCIES, where, "bad proficiency")
        check.expect(
            any(lang.get("proficiency") == "NATIVE" for lang in creator["languages"]),
            where,
            "needs a native language",
        )

        check.expect(len(creator["portfolio"]) <= 20, where, "too many portfolio links")
        for link in creator["portfolio"]:
            if check.keys(link, "link", f"{where}.portfolio"):
                check.text(link["title"], f"{where}.portfolio.title", 200)
                check.expect(
                    EXAMPLE_URL.fullmatch(link["url"]) is not None,
                    where,
                    f"portfolio url {link['url']!r} must be on example.com or example.org",
                )

        recorded: set[tuple[str, str, str | None]] = set()
        for affiliation in creator["affiliations"]:
            aw = f"{where}.affiliations"
            if not check.keys(affiliation, "affiliation", aw):
                continue
            org = organisations.get(affiliation["organisation"])
            check.expect(
                org is not None, aw, f"unknown organisation {affiliation['organisation']!r}"
            )
            check.text(affiliation["role"], f"{aw}.role", 200)
            since = check.day(affiliation["since"], f"{aw}.since")
            until = check.day(affiliation["until"], f"{aw}.until")
            if since and until:
                check.expect(until >= since, aw, "until is before since")
            if since:
                check.expect(since <= TODAY, aw, "since is in the future")
                check.expect(since.year >= birth + 10, aw, f"since {since} when born {birth}")
                if org and org["foundedYear"]:
                    check.expect(since.year >= org["foundedYear"], aw, "since before the founding")
            if until:
                check.expect(until <= TODAY, aw, "until is in the future")
            key = (affiliation["organisation"], affiliation["role"], affiliation["since"])
            check.expect(key not in recorded, aw, "the same affiliation twice")
            recorded.add(key)

    total = len(by_handle)
    check.expect(180 <= total <= 220, "creators", f"expected about 200, found {total}")
    young = sum(1 for c in by_handle.values() if c["birthYear"] >= YOUNG_FROM)
    check.expect(
        total / 4 <= young <= total * 2 / 5,
        "creators",
        f"{young} of {total} are young talents; expected between a quarter and two fifths",
    )
    mentors = sum(1 for c in by_handle.values() if c["isMentor"])
    check.expect(10 <= mentors <= 20, "creators", f"{mentors} mentors; expected 10 to 20")
    closed = sum(1 for c in by_handle.values() if not c["openToCollaboration"])
    check.expect(
        0.08 * total <= closed <= 0.22 * total, "creators", f"{closed} not open to collaboration"
    )
    affiliated = sum(1 for c in by_handle.values() if c["affiliations"])
    check.expect(
        0.5 * total <= affiliated <= 0.7 * total, "creators", f"{affiliated} have an affiliation"
    )
    per_country = Counter(c["country"] for c in by_handle.values())
    check.expect(len(per_country) >= 8, "creators", "need at least 8 countries")
    two_largest = {code for code, _ in per_country.most_common(2)}
    check.expect(two_largest == {"KZ", "UZ"}, "creators", f"largest groups are {two_largest}")
    return by_handle


def check_projects(
    check: Checker,
    projects: list[dict[str, Any]],
    countries: dict,
    disciplines: set[str],
    organisations: dict[str, dict],
    creators: dict[str, dict],
) -> None:
    slugs: set[str] = set()
    cross_border = 0
    seeking = 0
    statuses: Counter[str] = Counter()
    for i, project in enumerate(projects):
        where = f"projects[{i}]"
        if not check.keys(project, "project", where):
            continue
        slug = project["slug"]
        where = f"projects[{slug}]"
        check.expect(SLUG.fullmatch(str(slug)) is not None, where, "bad slug")
        check.expect(slug not in slugs, where, "duplicate slug")
        slugs.add(slug)
        check.text(project["title"], f"{where}.title", 200)
        check.text(project["summary"], f"{where}.summary", 500)
        check.expect(
            project["summary"].count(". ") == 0, f"{where}.summary", "should be one sentence"
        )
        check.text(project["description"], f"{where}.description", 20_000)
        status = project["status"]
        statuses[status] += 1
        check.expect(status in STATUSES, where, f"unknown status {status!r}")
        for slug_ in project["disciplines"]:
            check.expect(slug_ in disciplines, where, f"unknown discipline {slug_!r}")
        check.expect(
            len(set(project["disciplines"])) == len(project["disciplines"]),
            where,
            "repeated discipline",
        )
        start = check.day(project["startDate"], f"{where}.startDate")
        end = check.day(project["endDate"], f"{where}.endDate")
        if start and end:
            check.expect(end >= start, where, "endDate before startDate")
        if status == "COMPLETED":
            check.expect(end is not None and end <= TODAY, where, "completed projects have ended")
        if status in ("IN_PROGRESS", "COMPLETED", "CANCELLED"):
            check.expect(start is not None and start <= TODAY, where, f"{status} but not started")
        check.money(project["budget"], f"{where}.budget")

        lead_org, lead_creator = project["leadOrganisation"], project["leadCreator"]
        check.expect(lead_org is not None or lead_creator is not None, where, "needs a lead")
        if lead_org is not None:
            check.expect(lead_org in organisations, where, f"unknown lead {lead_org!r}")
        if lead_creator is not None:
            check.expect(lead_creator in creators, where, f"unknown lead {lead_creator!r}")

        members: set[tuple[str, str]] = set()
        member_countries: set[str] = set()
        for participant in project["participants"]:
            pw = f"{where}.participants"
            if not check.keys(participant, "participant", pw):
                continue
            creator, org = participant["creator"], participant["organisation"]
            if not check.expect((creator is None) != (org is None), pw, "exactly one member"):
                continue
            member = ("creator", creator) if creator else ("organisation", org)
            check.expect(member not in members, pw, f"{member[1]} takes part twice")
            members.add(member)
            record = creators.get(creator) if creator else organisations.get(org)
            if record is not None:
                member_countries.add(record["country"])
            else:
                check.fail(pw, f"unknown {member[0]} {member[1]!r}")
            check.text(participant["role"], f"{pw}.role", 200)
            joined = check.day(participant["joinedOn"], f"{pw}.joinedOn")
            is_lead = (creator is not None and creator == lead_creator) or (
                org is not None and org == lead_org
            )
            if not is_lead:  # a lead "joins" on the start date, which may lie ahead
                check.expect(joined is None or joined <= TODAY, pw, "joinedOn is in the future")
            if is_lead:
                check.expect(
                    participant["role"] == LEAD_ROLE, pw, f"the lead's role is {LEAD_ROLE!r}"
                )
                check.expect(
                    participant["joinedOn"] == project["startDate"],
                    pw,
                    "the lead joins on the start date (the service records it so)",
                )
        for kind, lead in (("organisation", lead_org), ("creator", lead_creator)):
            if lead is not None:
                check.expect((kind, lead) in members, where, f"lead {lead} is not a participant")
        if len(member_countries) >= 2:
            cross_border += 1

        open_roles = 0
        for role in project["openRoles"]:
            rw = f"{where}.openRoles"
            if not check.keys(role, "role", rw):
                continue
            check.text(role["title"], f"{rw}.title", 200)
            if "description" in role:
                check.text(role["description"], f"{rw}.description", 5000)
            check.expect(
                role["discipline"] in disciplines, rw, f"unknown discipline {role['discipline']!r}"
            )
            languages = role["requiredLanguages"]
            check.expect(len(set(languages)) == len(languages), rw, "a language twice")
            for code in languages:
                check.expect(code in ISO_639_1, rw, f"bad language {code!r}")
            check.expect(role["seniority"] in LEVELS, rw, f"bad seniority {role['seniority']!r}")
            headcount, filled = role["headcount"], role["filledCount"]
            check.expect(isinstance(headcount, int) and 1 <= headcount <= 1000, rw, "bad headcount")
            check.expect(
                isinstance(filled, int) and 0 <= filled <= headcount, rw, "bad filledCount"
            )
            check.expect(isinstance(role["remoteAllowed"], bool), rw, "bad remoteAllowed")
            for code in role["preferredCountries"]:
                check.expect(code in countries, rw, f"unknown country {code!r}")
            check.expect(isinstance(role["isOpen"], bool), rw, "bad isOpen")
            if role["isOpen"]:
                open_roles += 1
                check.expect(status not in CLOSED, rw, f"a {status} project has an open role")
        if status == "SEEKING_PARTNERS" and open_roles:
            seeking += 1

    check.expect(25 <= len(projects) <= 35, "projects", f"expected about 30, found {len(projects)}")
    check.expect(cross_border >= 20, "projects", f"only {cross_border} are cross-border")
    check.expect(seeking >= 6, "projects", f"only {seeking} seek partners with open roles")
    check.expect(statuses["DRAFT"] >= 1, "projects", "needs a DRAFT project")
    check.expect(statuses["CANCELLED"] >= 1, "projects", "needs a CANCELLED project")
    main_three = statuses["SEEKING_PARTNERS"] + statuses["IN_PROGRESS"] + statuses["COMPLETED"]
    check.expect(
        main_three >= 0.8 * len(projects), "projects", "most should be seeking, running or done"
    )

    used = {
        creator
        for p in projects
        for part in p.get("participants", [])
        if (creator := part.get("creator"))
    }
    partner_countries = (
        {c["country"] for h, c in creators.items() if h in used}
        | {
            organisations[o]["country"]
            for p in projects
            for part in p.get("participants", [])
            if (o := part.get("organisation")) in organisations
        }
        | {
            code
            for p in projects
            for r in p.get("openRoles", [])
            for code in r.get("preferredCountries", [])
        }
    )
    for code, country in countries.items():
        if country["cisStatus"] == "NONE":
            check.expect(
                code in partner_countries, f"countries[{code}]", "NONE country no project uses"
            )


def main() -> int:
    check = Checker()
    files = [
        "countries.json",
        "sectors.json",
        "organisations.json",
        "creators.json",
        "projects.json",
    ]
    for name in files:
        check_format(check, name)
    countries = check_countries(check, load("countries.json"))
    disciplines = check_sectors(check, load("sectors.json"))
    organisations = check_organisations(check, load("organisations.json"), countries, disciplines)
    creators = check_creators(check, load("creators.json"), countries, disciplines, organisations)
    check_projects(check, load("projects.json"), countries, disciplines, organisations, creators)
    check.expect((DEMO / "README.md").is_file(), "README.md", "missing")
    if check.problems:
        for problem in check.problems:
            print(problem)
        print(f"\n{len(check.problems)} problem(s) in {DEMO}")
        return 1
    print(f"demo dataset OK: {DEMO}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
