"""Mutations for creators and their affiliations."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry import relay

from hub.accounts.policy import refuse_api_keys
from hub.api.context import Info
from hub.api.relations import load_node
from hub.api.scalars import CountryCode, LanguageCode
from hub.api.writes import fields_from, key_of, mutation, run_write
from hub.creators import policy, service
from hub.creators.enums import LanguageProficiency, SkillLevel
from hub.creators.errors import CreatorError, creator_errors
from hub.creators.types import Affiliation, Creator
from hub.projects import service as projects

UNSET = strawberry.UNSET


@strawberry.input(description="A discipline a creator practises.")
class CreatorDisciplineInput:
    discipline: str = strawberry.field(description="The discipline's slug.")
    level: SkillLevel = strawberry.field(description="How accomplished they are.")
    years_of_experience: int = strawberry.field(default=0, description="Years of practice.")


@strawberry.input(description="A language a creator speaks.")
class CreatorLanguageInput:
    language: LanguageCode = strawberry.field(description="ISO 639-1 code.")
    proficiency: LanguageProficiency = strawberry.field(description="How well.")


@strawberry.input(description="A link to a piece of work.")
class PortfolioLinkInput:
    title: str = strawberry.field(description="What the link shows.")
    url: str = strawberry.field(description="An http(s) address.")


@strawberry.input(description="A new creator profile.")
class CreateCreatorInput:
    handle: str = strawberry.field(description="Unique, URL-safe: a-z, 0-9 and inner hyphens.")
    display_name: str = strawberry.field(description="The name they go by.")
    country: CountryCode = strawberry.field(description="Country they are based in.")
    region: str | None = strawberry.field(
        default=UNSET,
        description="Region they are based in: the ISO 3166-2 code of a first-level "
        "subdivision of `country`, such as `KZ-75`.",
    )
    city: str | None = strawberry.field(default=UNSET, description="City.")
    birth_year: int | None = strawberry.field(default=UNSET, description="Year of birth.")
    bio: str | None = strawberry.field(default=UNSET, description="A few words about them.")
    open_to_collaboration: bool | None = strawberry.field(
        default=UNSET, description="Looking for projects (default true)."
    )
    is_mentor: bool | None = strawberry.field(
        default=UNSET, description="Willing to mentor (default false)."
    )
    disciplines: list[CreatorDisciplineInput] | None = strawberry.field(
        default=UNSET, description="Disciplines they practise."
    )
    languages: list[CreatorLanguageInput] | None = strawberry.field(
        default=UNSET, description="Languages they speak."
    )
    portfolio: list[PortfolioLinkInput] | None = strawberry.field(
        default=UNSET, description="Links to their work."
    )
    contact_email: str | None = strawberry.field(
        default=UNSET, description="Email to reach them at; private to them and staff."
    )
    phone: str | None = strawberry.field(
        default=UNSET, description="Phone number; private to them and staff."
    )


@strawberry.input(
    description="Changes to a creator. Omitted fields stay as they are; lists given replace "
    "the old ones; null clears a field that may be empty."
)
class UpdateCreatorInput:
    id: relay.GlobalID = strawberry.field(description="The creator to change.")
    handle: str | None = strawberry.field(default=UNSET, description="New handle.")
    display_name: str | None = strawberry.field(default=UNSET, description="New display name.")
    country: CountryCode | None = strawberry.field(default=UNSET, description="New country.")
    region: str | None = strawberry.field(
        default=UNSET,
        description="New region (ISO 3166-2 code, in the new or the kept country); null "
        "clears it. Moving to another country needs a region there, or null.",
    )
    city: str | None = strawberry.field(default=UNSET, description="New city.")
    birth_year: int | None = strawberry.field(default=UNSET, description="New year of birth.")
    bio: str | None = strawberry.field(default=UNSET, description="New bio.")
    open_to_collaboration: bool | None = strawberry.field(
        default=UNSET, description="Open to collaboration."
    )
    is_mentor: bool | None = strawberry.field(default=UNSET, description="Willing to mentor.")
    disciplines: list[CreatorDisciplineInput] | None = strawberry.field(
        default=UNSET, description="All disciplines they practise."
    )
    languages: list[CreatorLanguageInput] | None = strawberry.field(
        default=UNSET, description="All languages they speak."
    )
    portfolio: list[PortfolioLinkInput] | None = strawberry.field(
        default=UNSET, description="All links to their work."
    )
    contact_email: str | None = strawberry.field(
        default=UNSET, description="New contact email (private)."
    )
    phone: str | None = strawberry.field(default=UNSET, description="New phone number (private).")


@strawberry.input(description="Which creator to delete.")
class DeleteCreatorInput:
    id: relay.GlobalID = strawberry.field(description="The creator.")


@strawberry.type(description="The outcome of creating or changing a creator.")
class CreatorPayload:
    creator: Creator | None = strawberry.field(description="The creator, when it worked.")
    user_errors: list[CreatorError] = strawberry.field(
        description="Why it did not; empty if it did."
    )


@strawberry.type(description="The outcome of deleting a creator.")
class DeleteCreatorPayload:
    deleted_creator_id: relay.GlobalID | None = strawberry.field(
        description="The deleted creator's id, when it worked."
    )
    user_errors: list[CreatorError] = strawberry.field(
        description="Why it did not; empty if it did."
    )


@strawberry.input(description="A creator's tie to an organisation.")
class AddAffiliationInput:
    creator_id: relay.GlobalID = strawberry.field(description="The creator.")
    organisation_id: relay.GlobalID = strawberry.field(description="The organisation.")
    role: str = strawberry.field(description="Their role there.")
    since: date | None = strawberry.field(default=None, description="When it began.")
    until: date | None = strawberry.field(default=None, description="When it ended.")


@strawberry.input(description="Which affiliation to remove.")
class RemoveAffiliationInput:
    id: relay.GlobalID = strawberry.field(description="The affiliation.")


@strawberry.type(description="The outcome of adding an affiliation.")
class AddAffiliationPayload:
    affiliation: Affiliation | None = strawberry.field(description="The new affiliation.")
    user_errors: list[CreatorError] = strawberry.field(description="Why it did not work.")


@strawberry.type(description="The outcome of removing an affiliation.")
class RemoveAffiliationPayload:
    creator: Creator | None = strawberry.field(description="The creator it belonged to.")
    user_errors: list[CreatorError] = strawberry.field(description="Why it did not work.")


@strawberry.type
class CreatorMutations:
    @mutation(
        "Create a creator profile. A user owns the profile they create (one each); the admin "
        "token creates unowned profiles that staff later assign."
    )
    async def create_creator(
        self,
        info: Info,
        input: Annotated[
            CreateCreatorInput, strawberry.argument(description="The new creator profile.")
        ],
    ) -> CreatorPayload:
        today = info.context.reader.env.today
        principal = info.context.principal
        fields = fields_from(service.CreatorFields, input)

        async def write(session: AsyncSession) -> int:
            refuse_api_keys(principal)
            return await service.create_creator(session, fields, today, owner=principal.user_id)

        result = await run_write(info, write, entity="Creator", input=input)
        return CreatorPayload(
            creator=await load_node(info, Creator, result.value),
            user_errors=creator_errors(result.user_errors),
        )

    @mutation("Change a creator profile: its owner or staff.")
    async def update_creator(
        self,
        info: Info,
        input: Annotated[
            UpdateCreatorInput,
            strawberry.argument(
                description="The profile and the fields to change; omitted fields stay as they are."
            ),
        ],
    ) -> CreatorPayload:
        today = info.context.reader.env.today
        fields = fields_from(service.CreatorFields, input)

        async def write(session: AsyncSession) -> int:
            key = key_of(input.id, "Creator", "id")
            await policy.require_creator_owner(session, info.context.principal, key)
            return await service.update_creator(session, key, fields, today)

        result = await run_write(info, write, entity="Creator", input=input)
        return CreatorPayload(
            creator=await load_node(info, Creator, result.value),
            user_errors=creator_errors(result.user_errors),
        )

    @mutation("Delete a creator profile (its owner or staff); refused while they lead a project.")
    async def delete_creator(
        self,
        info: Info,
        input: Annotated[
            DeleteCreatorInput, strawberry.argument(description="The profile to delete.")
        ],
    ) -> DeleteCreatorPayload:
        async def write(session: AsyncSession) -> int:
            key = key_of(input.id, "Creator", "id")
            await policy.require_creator_owner(session, info.context.principal, key)
            await projects.refuse_removing_lead(session, creator_id=key)
            await service.delete_creator(session, key)
            return key

        result = await run_write(info, write, entity="Creator", input=input)
        return DeleteCreatorPayload(
            deleted_creator_id=None if result.user_errors else input.id,
            user_errors=creator_errors(result.user_errors),
        )

    @mutation("Record a creator's tie to an organisation: the creator's owner or staff.")
    async def add_affiliation(
        self,
        info: Info,
        input: Annotated[
            AddAffiliationInput,
            strawberry.argument(
                description="The creator, the organisation and the creator's role there."
            ),
        ],
    ) -> AddAffiliationPayload:
        async def write(session: AsyncSession) -> int:
            fields = service.AffiliationFields(
                creator_id=key_of(input.creator_id, "Creator", "creator_id"),
                organisation_id=key_of(input.organisation_id, "Organisation", "organisation_id"),
                role=input.role,
                since=input.since,
                until=input.until,
            )
            await policy.require_creator_owner(session, info.context.principal, fields.creator_id)
            return await service.add_affiliation(session, fields)

        result = await run_write(info, write, entity="Affiliation", input=input)
        return AddAffiliationPayload(
            affiliation=await load_node(info, Affiliation, result.value),
            user_errors=creator_errors(result.user_errors),
        )

    @mutation(
        "Remove a creator's tie to an organisation: the creator's owner, the organisation's "
        "admins or staff."
    )
    async def remove_affiliation(
        self,
        info: Info,
        input: Annotated[
            RemoveAffiliationInput, strawberry.argument(description="The affiliation to remove.")
        ],
    ) -> RemoveAffiliationPayload:
        async def write(session: AsyncSession) -> int:
            key = key_of(input.id, "Affiliation", "id")
            await policy.require_affiliation_remover(session, info.context.principal, key)
            return await service.remove_affiliation(session, key)

        result = await run_write(info, write, entity="Creator", input=input)
        return RemoveAffiliationPayload(
            creator=await load_node(info, Creator, result.value),
            user_errors=creator_errors(result.user_errors),
        )
