"""Mutations for organisations."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry import relay

from hub.api.context import Info
from hub.api.relations import load_node
from hub.api.scalars import CountryCode, LanguageCode
from hub.api.writes import fields_from, key_of, mutation, run_write
from hub.organisations import policy, service
from hub.organisations.enums import OrganisationKind
from hub.organisations.errors import OrganisationError, organisation_errors
from hub.organisations.types import Organisation
from hub.projects import service as projects

UNSET = strawberry.UNSET


@strawberry.input(description="A name in one language.")
class TranslationInput:
    language: LanguageCode = strawberry.field(description="ISO 639-1 code.")
    value: str = strawberry.field(description="The name in that language.")


@strawberry.input(description="A new organisation.")
class CreateOrganisationInput:
    slug: str = strawberry.field(description="Unique, URL-safe: a-z, 0-9 and inner hyphens.")
    name: str = strawberry.field(description="Its main name.")
    kind: OrganisationKind = strawberry.field(description="What kind of body it is.")
    country: CountryCode = strawberry.field(description="Country it is based in.")
    region: str | None = strawberry.field(
        default=UNSET,
        description="Region it is based in: the ISO 3166-2 code of a first-level "
        "subdivision of `country`, such as `KZ-75`.",
    )
    names: list[TranslationInput] | None = strawberry.field(
        default=UNSET, description="Its name in other languages."
    )
    city: str | None = strawberry.field(default=UNSET, description="City.")
    website: str | None = strawberry.field(default=UNSET, description="An http(s) address.")
    description: str | None = strawberry.field(default=UNSET, description="What it does.")
    disciplines: list[str] | None = strawberry.field(
        default=UNSET, description="Slugs of the disciplines it works in."
    )
    founded_year: int | None = strawberry.field(default=UNSET, description="Year founded.")
    member_since: date | None = strawberry.field(
        default=UNSET, description="When it joined the Association."
    )


@strawberry.input(
    description="Changes to an organisation. Omitted fields stay as they are; lists given "
    "replace the old ones; null clears a field that may be empty."
)
class UpdateOrganisationInput:
    id: relay.GlobalID = strawberry.field(description="The organisation to change.")
    slug: str | None = strawberry.field(default=UNSET, description="New slug.")
    name: str | None = strawberry.field(default=UNSET, description="New main name.")
    kind: OrganisationKind | None = strawberry.field(default=UNSET, description="New kind.")
    country: CountryCode | None = strawberry.field(default=UNSET, description="New country.")
    region: str | None = strawberry.field(
        default=UNSET,
        description="New region (ISO 3166-2 code, in the new or the kept country); null "
        "clears it. Moving to another country needs a region there, or null.",
    )
    names: list[TranslationInput] | None = strawberry.field(
        default=UNSET, description="All its names in other languages."
    )
    city: str | None = strawberry.field(default=UNSET, description="New city.")
    website: str | None = strawberry.field(default=UNSET, description="New website.")
    description: str | None = strawberry.field(default=UNSET, description="New description.")
    disciplines: list[str] | None = strawberry.field(
        default=UNSET, description="All the disciplines it works in."
    )
    founded_year: int | None = strawberry.field(default=UNSET, description="Year founded.")
    member_since: date | None = strawberry.field(
        default=UNSET, description="When it joined the Association."
    )


@strawberry.input(description="Which organisation to delete.")
class DeleteOrganisationInput:
    id: relay.GlobalID = strawberry.field(description="The organisation.")


@strawberry.type(description="The outcome of creating or changing an organisation.")
class OrganisationPayload:
    organisation: Organisation | None = strawberry.field(description="The organisation.")
    user_errors: list[OrganisationError] = strawberry.field(description="Why it did not work.")


@strawberry.type(description="The outcome of deleting an organisation.")
class DeleteOrganisationPayload:
    deleted_organisation_id: relay.GlobalID | None = strawberry.field(
        description="The deleted organisation's id, when it worked."
    )
    user_errors: list[OrganisationError] = strawberry.field(description="Why it did not work.")


async def _payload(
    info: Info, key: int | None, errors: list[OrganisationError]
) -> OrganisationPayload:
    return OrganisationPayload(
        organisation=await load_node(info, Organisation, key), user_errors=errors
    )


@strawberry.type
class OrganisationMutations:
    @mutation("Add an organisation; the user who adds it becomes its OWNER.")
    async def create_organisation(
        self,
        info: Info,
        input: Annotated[
            CreateOrganisationInput, strawberry.argument(description="The new organisation.")
        ],
    ) -> OrganisationPayload:
        today = info.context.reader.env.today
        principal = info.context.principal
        fields = fields_from(service.OrganisationFields, input)

        async def write(session: AsyncSession) -> int:
            policy.require_organisation_founder(principal)
            return await service.create_organisation(
                session, fields, today, owner=principal.user_id
            )

        result = await run_write(info, write, entity="Organisation", input=input)
        return await _payload(info, result.value, organisation_errors(result.user_errors))

    @mutation("Change an organisation: its owners and admins, or staff.")
    async def update_organisation(
        self,
        info: Info,
        input: Annotated[
            UpdateOrganisationInput,
            strawberry.argument(
                description="The organisation and the fields to change; omitted ones stay."
            ),
        ],
    ) -> OrganisationPayload:
        today = info.context.reader.env.today
        fields = fields_from(service.OrganisationFields, input)

        async def write(session: AsyncSession) -> int:
            key = key_of(input.id, "Organisation", "id")
            await policy.require_organisation_editor(session, info.context.principal, key)
            return await service.update_organisation(session, key, fields, today)

        result = await run_write(info, write, entity="Organisation", input=input)
        return await _payload(info, result.value, organisation_errors(result.user_errors))

    @mutation("Delete an organisation (its owners, or staff); refused while it leads a project.")
    async def delete_organisation(
        self,
        info: Info,
        input: Annotated[
            DeleteOrganisationInput, strawberry.argument(description="The organisation to delete.")
        ],
    ) -> DeleteOrganisationPayload:
        async def write(session: AsyncSession) -> int:
            key = key_of(input.id, "Organisation", "id")
            await policy.require_organisation_deleter(session, info.context.principal, key)
            await projects.refuse_removing_lead(session, organisation_id=key)
            await service.delete_organisation(session, key)
            return key

        result = await run_write(info, write, entity="Organisation", input=input)
        return DeleteOrganisationPayload(
            deleted_organisation_id=None if result.user_errors else input.id,
            user_errors=organisation_errors(result.user_errors),
        )
