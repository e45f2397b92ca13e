"""Organisations as partners for one organisation: factors, facts and candidates.

Definitions (see ``docs/matchmaking.md``):

- an organisation's *sectors* are the sectors of its disciplines; a partner's
  *complementary disciplines* are its disciplines in those sectors that the
  organisation itself lacks;
- an organisation's *working languages* are its country's national language and the
  languages its current members speak at a professional level or better;
- *prior collaboration* is a project both took part in.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import RowMapping, Select, Subquery, case, func, select, union_all

from hub.api.loaders import Loaders
from hub.config import Settings
from hub.core.mapping import QueryEnv
from hub.core.paging import Window
from hub.countries.mapping import COUNTRY
from hub.countries.models import Country
from hub.creators.enums import LanguageProficiency
from hub.creators.mapping import is_current_affiliation
from hub.creators.models import Affiliation, CreatorLanguage
from hub.disciplines.models import Discipline
from hub.i18n.words import LanguageName, Listing
from hub.matching.enums import MatchFactor
from hub.matching.scoring import Expr, Factor, as_value
from hub.matching.wording import Said
from hub.organisations.enums import OrganisationKind
from hub.organisations.mapping import ORGANISATION
from hub.organisations.models import Organisation, OrganisationDiscipline
from hub.projects.models import Participant, Project

COMPLEMENT_FULL = 3
"""Complementary disciplines that earn full credit; fewer earn a proportional share."""

WORKING_PROFICIENCY = (
    LanguageProficiency.PROFESSIONAL,
    LanguageProficiency.FLUENT,
    LanguageProficiency.NATIVE,
)
_SEPARATOR = "\n"


@dataclass(frozen=True)
class OrganisationProfile:
    """The organisation looking for partners, as the factors need it."""

    organisation_id: int
    country_code: str
    discipline_ids: frozenset[int]
    sector_ids: frozenset[int]
    languages: tuple[str, ...]
    project_ids: tuple[int, ...]
    """Projects it took part in."""


@dataclass(frozen=True)
class PartnerFacts:
    has_disciplines: bool
    complementary_count: Expr
    other_country: Expr
    language_count: int
    shared_languages: tuple[Expr, ...]
    joint_projects: Expr


@dataclass(frozen=True)
class PartnerView:
    country: str
    complementary: tuple[str, ...]
    shared_languages: tuple[LanguageName, ...]
    your_languages: tuple[LanguageName, ...]
    joint_projects: tuple[str, ...]


def _complementary_value(facts: PartnerFacts, _settings: Settings) -> Expr:
    count = facts.complementary_count
    return case((count >= COMPLEMENT_FULL, 1.0), else_=count * (1.0 / COMPLEMENT_FULL))


def _complementary_sentence(view: PartnerView, _value: float) -> list[Said]:
    if not view.complementary:
        return [Said("NO_COMPLEMENTARY_DISCIPLINES")]
    return [Said("COMPLEMENTARY_DISCIPLINES", disciplines=Listing.of(view.complementary))]


def _cross_border_sentence(view: PartnerView, value: float) -> list[Said]:
    return [Said("OTHER_COUNTRY" if value else "SAME_COUNTRY", country=view.country)]


def _shared_languages_value(facts: PartnerFacts, _settings: Settings) -> Expr:
    total: Expr = as_value(facts.shared_languages[0])
    for shared in facts.shared_languages[1:]:
        total = total + as_value(shared)
    return total * (1.0 / facts.language_count)


def _shared_languages_sentence(view: PartnerView, _value: float) -> list[Said]:
    yours = Listing.of(view.your_languages)
    if not view.shared_languages:
        return [Said("NO_SHARED_LANGUAGES", yours=yours)]
    return [Said("SHARED_LANGUAGES", shared=Listing.of(view.shared_languages), yours=yours)]


def _prior_collaboration_sentence(view: PartnerView, _value: float) -> list[Said]:
    if not view.joint_projects:
        return [Said("NO_JOINT_PROJECTS")]
    return [Said("JOINT_PROJECTS", projects=Listing.of(view.joint_projects))]


PARTNER_FACTORS: tuple[Factor[PartnerFacts, PartnerView], ...] = (
    Factor(
        MatchFactor.COMPLEMENTARY_DISCIPLINES,
        applies=lambda facts: facts.has_disciplines,
        value=_complementary_value,
        sentence=_complementary_sentence,
    ),
    Factor.flag(
        MatchFactor.CROSS_BORDER,
        lambda facts: True,
        lambda facts: facts.other_country,
        _cross_border_sentence,
    ),
    Factor(
        MatchFactor.SHARED_LANGUAGES,
        applies=lambda facts: facts.language_count > 0,
        value=_shared_languages_value,
        sentence=_shared_languages_sentence,
    ),
    Factor.flag(
        MatchFactor.PRIOR_COLLABORATION,
        lambda facts: True,
        lambda facts: facts.joint_projects > 0,
        _prior_collaboration_sentence,
    ),
)


def _working_languages(profile: OrganisationProfile, env: QueryEnv) -> Subquery:
    """Per organisation, one flag per working language of the seeker: does it work in it.

    One pass over the organisations' countries and their current members' languages,
    limited to the seeker's languages, rather than a lookup per organisation.
    """
    national = (
        select(Organisation.id.label("organisation_id"), Country.native_language.label("language"))
        .join(Country, Country.code == Organisation.country_code)
        .where(Country.native_language.in_(profile.languages))
    )
    members = (
        select(Affiliation.organisation_id, CreatorLanguage.language)
        .join(CreatorLanguage, CreatorLanguage.creator_id == Affiliation.creator_id)
        .where(
            is_current_affiliation(env),
            CreatorLanguage.proficiency.in_(WORKING_PROFICIENCY),
            CreatorLanguage.language.in_(profile.languages),
        )
    )
    spoken = union_all(national, members).subquery("spoken")
    flags = [
        func.max(case((spoken.c.language == language, 1), else_=0)).label(f"works_in_{index}")
        for index, language in enumerate(profile.languages)
    ]
    return (
        select(spoken.c.organisation_id, *flags)
        .group_by(spoken.c.organisation_id)
        .subquery("working_languages")
    )


async def organisation_profile(loaders: Loaders, organisation: RowMapping) -> OrganisationProfile:
    key = organisation["id"]
    reader = loaders.reader
    disciplines = await loaders.pages(ORGANISATION.relations.disciplines).load((key, Window()))
    projects = await loaders.pages(ORGANISATION.relations.projects).load((key, Window()))
    country = await loaders.entity(COUNTRY).load(organisation["country_code"])
    spoken = await reader.rows(
        select(CreatorLanguage.language)
        .join(Affiliation, Affiliation.creator_id == CreatorLanguage.creator_id)
        .where(
            Affiliation.organisation_id == key,
            is_current_affiliation(reader.env),
            CreatorLanguage.proficiency.in_(WORKING_PROFICIENCY),
        )
        .distinct()
    )
    languages = {row["language"] for row in spoken}
    if country is not None:
        languages.add(country["native_language"])
    return OrganisationProfile(
        organisation_id=key,
        country_code=organisation["country_code"],
        discipline_ids=frozenset(row["id"] for row in disciplines.rows),
        sector_ids=frozenset(row["sector_id"] for row in disciplines.rows),
        languages=tuple(sorted(languages)),
        project_ids=tuple(sorted(project["id"] for project in projects.rows)),
    )


@dataclass(frozen=True)
class PartnerCandidates:
    statement: Select[Any]
    facts: PartnerFacts


def partner_candidates(
    profile: OrganisationProfile,
    env: QueryEnv,
    kinds: Sequence[OrganisationKind] = (),
    countries: Sequence[str] = (),
    only_organisation_id: int | None = None,
) -> PartnerCandidates:
    """Every other organisation (of the kinds and countries asked for), with its facts;
    ``only_organisation_id`` narrows them to one, to explain it (``explainPartnerMatch``)."""

    def complementary(column: Expr) -> Expr:
        return (
            select(column)
            .select_from(OrganisationDiscipline)
            .join(Discipline, Discipline.id == OrganisationDiscipline.discipline_id)
            .where(
                OrganisationDiscipline.organisation_id == Organisation.id,
                Discipline.sector_id.in_(profile.sector_ids),
                OrganisationDiscipline.discipline_id.not_in(profile.discipline_ids),
            )
            .scalar_subquery()
        )

    def joint(column: Expr) -> Expr:
        return (
            select(column)
            .select_from(Participant)
            .join(Project, Project.id == Participant.project_id)
            .where(
                Participant.organisation_id == Organisation.id,
                Participant.project_id.in_(profile.project_ids),
            )
            .scalar_subquery()
        )

    statement = ORGANISATION.select(env).where(Organisation.id != profile.organisation_id)
    shared: tuple[Expr, ...] = ()
    if profile.languages:
        working = _working_languages(profile, env)
        statement = statement.outerjoin(working, working.c.organisation_id == Organisation.id)
        shared = tuple(
            func.coalesce(working.c[f"works_in_{index}"], 0) == 1
            for index in range(len(profile.languages))
        )
    if kinds:
        statement = statement.where(Organisation.kind.in_(kinds))
    if countries:
        statement = statement.where(Organisation.country_code.in_(countries))
    if only_organisation_id is not None:
        statement = statement.where(Organisation.id == only_organisation_id)
    statement = statement.add_columns(
        complementary(func.aggregate_strings(Discipline.name, _SEPARATOR)).label(
            "complementary_names"
        ),
        joint(func.aggregate_strings(Project.title, _SEPARATOR)).label("joint_titles"),
        *(
            case((condition, True), else_=False).label(f"shares_{index}")
            for index, condition in enumerate(shared)
        ),
    )
    facts = PartnerFacts(
        has_disciplines=bool(profile.discipline_ids),
        complementary_count=complementary(func.count()),
        other_country=Organisation.country_code != profile.country_code,
        language_count=len(profile.languages),
        shared_languages=shared,
        joint_projects=joint(func.count()),
    )
    return PartnerCandidates(statement, facts)


def _split(text: str | None) -> tuple[str, ...]:
    return tuple(sorted(text.split(_SEPARATOR))) if text else ()


def partner_view(
    profile: OrganisationProfile, row: RowMapping, country_names: Mapping[str, str]
) -> PartnerView:
    return PartnerView(
        country=country_names.get(row["country_code"], row["country_code"]),
        complementary=_split(row["complementary_names"]),
        shared_languages=tuple(
            LanguageName(language)
            for index, language in enumerate(profile.languages)
            if row[f"shares_{index}"]
        ),
        your_languages=tuple(LanguageName(language) for language in profile.languages),
        joint_projects=_split(row["joint_titles"]),
    )
