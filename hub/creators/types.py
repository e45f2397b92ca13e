"""GraphQL types for creators, their disciplines, languages and affiliations."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, TypeVar

import strawberry
from strawberry import relay

from hub.accounts.policy import sees_private_fields
from hub.api.context import Info
from hub.api.enums import graphql_enum
from hub.api.nodes import MappedNode, MappedType
from hub.api.pagination import Connection
from hub.api.relations import follows, follows_all, follows_pages
from hub.api.scalars import LanguageCode
from hub.countries.types import Region
from hub.creators.enums import LanguageProficiency, SkillLevel
from hub.creators.mapping import AFFILIATION, CREATOR, CREATOR_DISCIPLINE, CREATOR_LANGUAGE
from hub.funding.badges import has_patron_badge

if TYPE_CHECKING:
    from hub.collaboration.types import Collaborator
    from hub.countries.types import Country
    from hub.disciplines.types import Discipline
    from hub.organisations.types import Organisation
    from hub.projects.types import Participant, Project
    from hub.talent.credentials.types import Credential

CollaboratorRef = Annotated["Collaborator", strawberry.lazy("hub.collaboration.types")]
CredentialRef = Annotated["Credential", strawberry.lazy("hub.talent.credentials.types")]
_T = TypeVar("_T")

CountryRef = Annotated["Country", strawberry.lazy("hub.countries.types")]
CreatorRef = Annotated["Creator", strawberry.lazy("hub.creators.types")]
DisciplineRef = Annotated["Discipline", strawberry.lazy("hub.disciplines.types")]
OrganisationRef = Annotated["Organisation", strawberry.lazy("hub.organisations.types")]
ParticipantRef = Annotated["Participant", strawberry.lazy("hub.projects.types")]
ProjectRef = Annotated["Project", strawberry.lazy("hub.projects.types")]

graphql_enum(
    SkillLevel,
    description="How accomplished someone is in a discipline, lowest first.",
    values={
        SkillLevel.BEGINNER: "Learning the discipline; works under guidance.",
        SkillLevel.INTERMEDIATE: "Does ordinary work in it on their own.",
        SkillLevel.ADVANCED: "Does demanding work in it and guides others.",
        SkillLevel.EXPERT: "Recognised for their work in it; leads others.",
        SkillLevel.MASTER: "Among the best in the discipline; sets its standards.",
    },
)
graphql_enum(
    LanguageProficiency,
    description="How well someone speaks a language, lowest first.",
    values={
        LanguageProficiency.BASIC: "Simple everyday phrases.",
        LanguageProficiency.CONVERSATIONAL: "Holds an everyday conversation.",
        LanguageProficiency.PROFESSIONAL: "Works in the language.",
        LanguageProficiency.FLUENT: "Speaks it with ease, as a native speaker would.",
        LanguageProficiency.NATIVE: "Their first language.",
    },
)


@strawberry.type(description="A link to a piece of a creator's work.")
class PortfolioLink:
    title: str = strawberry.field(description="What the link shows.")
    url: str = strawberry.field(description="Where it is.")


@strawberry.type(name="CreatorDiscipline", description="A creator's skill in one discipline.")
class CreatorSkill(MappedType):
    entity = CREATOR_DISCIPLINE

    creator_id: strawberry.Private[int]
    discipline_id: strawberry.Private[int]
    level: SkillLevel = strawberry.field(description="How accomplished they are.")
    years_of_experience: int = strawberry.field(description="Years of practice.")

    discipline = follows(CREATOR_DISCIPLINE.relations.discipline, DisciplineRef, "The discipline.")


@strawberry.type(description="A language a creator speaks.")
class CreatorLanguage(MappedType):
    entity = CREATOR_LANGUAGE

    language: LanguageCode = strawberry.field(description="ISO 639-1 code.")
    proficiency: LanguageProficiency = strawberry.field(description="How well.")


@strawberry.type(description="A creator's tie to an organisation: staff, resident, student...")
class Affiliation(MappedNode):
    entity = AFFILIATION

    id: relay.NodeID[int]
    creator_id: strawberry.Private[int]
    organisation_id: strawberry.Private[int]
    role: str = strawberry.field(description="The creator's role there.")
    since: date | None = strawberry.field(description="When it began.")
    until: date | None = strawberry.field(description="When it ended; null while it lasts.")
    is_current: bool = strawberry.field(description="It has not ended.")

    creator = follows(AFFILIATION.relations.creator, CreatorRef, "The creator.")

    organisation = follows(AFFILIATION.relations.organisation, OrganisationRef, "The organisation.")


@strawberry.type(description="A creator: a young talent or a seasoned professional.")
class Creator(MappedNode):
    entity = CREATOR

    id: relay.NodeID[int]
    handle: str = strawberry.field(description="Unique, URL-safe name.")
    display_name: str = strawberry.field(description="The name they go by, in their script.")
    country_code: strawberry.Private[str]
    region_code: strawberry.Private[str | None]
    city: str | None = strawberry.field(description="City they are based in.")
    birth_year: strawberry.Private[int | None]
    bio: str = strawberry.field(description="A few words about them.")
    open_to_collaboration: bool = strawberry.field(description="Looking for projects to join.")
    is_mentor: bool = strawberry.field(description="Willing to mentor young talents.")
    is_young_talent: bool = strawberry.field(
        description="Aged 35 or under this year (the age is a setting)."
    )
    portfolio_links: strawberry.Private[list[dict[str, str]]]
    contact_email: strawberry.Private[str | None]
    phone: strawberry.Private[str | None]
    owner_user_id: strawberry.Private[int | None]
    created_at: datetime = strawberry.field(description="When the profile was created (UTC).")
    updated_at: datetime = strawberry.field(description="When it last changed (UTC).")

    def _private(self, info: Info, value: _T) -> _T | None:
        return value if sees_private_fields(info.context.principal, self.owner_user_id) else None

    @strawberry.field(
        name="birthYear",
        description="Year of birth: private, null unless you own the profile or are staff. "
        "Everyone sees `isYoungTalent`.",
    )
    def visible_birth_year(self, info: Info) -> int | None:
        return self._private(info, self.birth_year)

    @strawberry.field(
        name="contactEmail",
        description="Email to reach them at: private, null unless you own the profile or are "
        "staff.",
    )
    def visible_contact_email(self, info: Info) -> str | None:
        return self._private(info, self.contact_email)

    @strawberry.field(
        name="phone",
        description="Phone number: private, null unless you own the profile or are staff.",
    )
    def visible_phone(self, info: Info) -> str | None:
        return self._private(info, self.phone)

    @strawberry.field(description="Whether you may edit this profile (you own it, or are staff).")
    def viewer_can_edit(self, info: Info) -> bool:
        return sees_private_fields(info.context.principal, self.owner_user_id)

    @strawberry.field(
        description="Holds the `patron` badge: what they gave in PUBLIC pledges (for "
        "themselves), collected less refunds, reached the hub's threshold (a setting)."
    )
    async def is_patron(self, info: Info) -> bool:
        return await has_patron_badge(info, "creator", self.id)

    country = follows(CREATOR.relations.country, CountryRef, "Country they are based in.")

    @strawberry.field(description="Region of the country they are based in (ISO 3166-2).")
    def region(self) -> Region | None:
        return Region.by_code(self.region_code)

    @strawberry.field(description="Links to their work.")
    def portfolio(self) -> list[PortfolioLink]:
        return [
            PortfolioLink(title=link["title"], url=link["url"]) for link in self.portfolio_links
        ]

    disciplines = follows_all(
        CREATOR.relations.disciplines,
        list[CreatorSkill],
        "Disciplines they practise, most accomplished first.",
    )

    languages = follows_all(
        CREATOR.relations.languages, list[CreatorLanguage], "Languages they speak, best first."
    )

    affiliations = follows_pages(
        CREATOR.relations.affiliations,
        Connection[Affiliation],
        "Organisations they are or were part of.",
    )

    participations = follows_pages(
        CREATOR.relations.participations,
        Connection[ParticipantRef],
        "Their places in projects, with their roles.",
    )

    projects = follows_pages(
        CREATOR.relations.projects,
        Connection[ProjectRef],
        "Projects they take part in.",
    )

    collaborators = follows_pages(
        CREATOR.relations.collaborators,
        Connection[CollaboratorRef],
        "People they take part in projects with: most shared projects first, then by name.",
    )

    credentials = follows_pages(
        CREATOR.relations.credentials,
        Connection[CredentialRef],
        "Their verified skills: credentials earned by completing programmes, newest first; "
        "revoked ones are left out.",
    )
