"""Mutations for projects, their participants and open roles."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry import relay

from hub.api.context import Info
from hub.api.relations import load_node
from hub.api.scalars import CountryCode, LanguageCode, MoneyInput
from hub.api.writes import fields_from, key_of, mutation, optional_key_of, run_write
from hub.creators.enums import LanguageProficiency, SkillLevel
from hub.funding.campaigns import refuse_deleting_funded_project
from hub.projects import policy, service
from hub.projects.enums import ProjectStatus, RoleRequirement
from hub.projects.errors import ProjectError, project_errors
from hub.projects.types import OpenRole, Participant, Project

UNSET = strawberry.UNSET


@strawberry.input(description="A new project. Its leads join it as participants.")
class CreateProjectInput:
    slug: str = strawberry.field(description="Unique, URL-safe: a-z, 0-9 and inner hyphens.")
    title: str = strawberry.field(description="The title.")
    summary: str | None = strawberry.field(default=UNSET, description="One sentence about it.")
    description: str | None = strawberry.field(default=UNSET, description="What it is.")
    status: ProjectStatus | None = strawberry.field(
        default=UNSET, description="DRAFT (default), SEEKING_PARTNERS or IN_PROGRESS."
    )
    lead_organisation_id: relay.GlobalID | None = strawberry.field(
        default=UNSET, description="The leading organisation (this or a lead creator)."
    )
    lead_creator_id: relay.GlobalID | None = strawberry.field(
        default=UNSET, description="The leading creator (this or a lead organisation)."
    )
    disciplines: list[str] | None = strawberry.field(
        default=UNSET, description="Slugs of the disciplines it involves."
    )
    start_date: date | None = strawberry.field(default=UNSET, description="When it starts.")
    end_date: date | None = strawberry.field(default=UNSET, description="When it ends.")
    budget: MoneyInput | None = strawberry.field(default=UNSET, description="Total budget.")


@strawberry.input(
    description="Changes to a project. Omitted fields stay as they are; lists given replace "
    "the old ones; null clears a field that may be empty."
)
class UpdateProjectInput:
    id: relay.GlobalID = strawberry.field(description="The project to change.")
    slug: str | None = strawberry.field(default=UNSET, description="New slug.")
    title: str | None = strawberry.field(default=UNSET, description="New title.")
    summary: str | None = strawberry.field(default=UNSET, description="New summary.")
    description: str | None = strawberry.field(default=UNSET, description="New description.")
    status: ProjectStatus | None = strawberry.field(
        default=UNSET, description="New status; see `Project.allowedTransitions`."
    )
    lead_organisation_id: relay.GlobalID | None = strawberry.field(
        default=UNSET, description="New leading organisation."
    )
    lead_creator_id: relay.GlobalID | None = strawberry.field(
        default=UNSET, description="New leading creator."
    )
    disciplines: list[str] | None = strawberry.field(
        default=UNSET, description="All the disciplines it involves."
    )
    start_date: date | None = strawberry.field(default=UNSET, description="New start.")
    end_date: date | None = strawberry.field(default=UNSET, description="New end.")
    budget: MoneyInput | None = strawberry.field(default=UNSET, description="New budget.")


@strawberry.input(description="Which project to delete.")
class DeleteProjectInput:
    id: relay.GlobalID = strawberry.field(description="The project.")


@strawberry.type(description="The outcome of creating or changing a project.")
class ProjectPayload:
    project: Project | None = strawberry.field(description="The project.")
    user_errors: list[ProjectError] = strawberry.field(description="Why it did not work.")


@strawberry.type(description="The outcome of deleting a project.")
class DeleteProjectPayload:
    deleted_project_id: relay.GlobalID | None = strawberry.field(
        description="The deleted project's id, when it worked."
    )
    user_errors: list[ProjectError] = strawberry.field(description="Why it did not work.")


@strawberry.input(description="A creator or an organisation joining a project.")
class AddParticipantInput:
    project_id: relay.GlobalID = strawberry.field(description="The project.")
    creator_id: relay.GlobalID | None = strawberry.field(
        default=None, description="The creator joining (or give `organisationId`)."
    )
    organisation_id: relay.GlobalID | None = strawberry.field(
        default=None, description="The organisation joining (or give `creatorId`)."
    )
    role: str = strawberry.field(description="What they will do.")
    joined_on: date | None = strawberry.field(default=None, description="When they joined.")


@strawberry.input(description="Which participant leaves.")
class RemoveParticipantInput:
    id: relay.GlobalID = strawberry.field(description="The participant.")


@strawberry.type(description="The outcome of adding a participant.")
class AddParticipantPayload:
    participant: Participant | None = strawberry.field(description="The new participant.")
    user_errors: list[ProjectError] = strawberry.field(description="Why it did not work.")


@strawberry.type(description="The outcome of removing a participant.")
class RemoveParticipantPayload:
    project: Project | None = strawberry.field(description="The project they left.")
    user_errors: list[ProjectError] = strawberry.field(description="Why it did not work.")


@strawberry.input(description="The proficiency a role asks for in one language.")
class LanguageMinimumInput:
    language: LanguageCode = strawberry.field(description="ISO 639-1 code.")
    proficiency: LanguageProficiency = strawberry.field(description="The least that will do.")


@strawberry.input(description="A position a project wants to fill.")
class OpenRoleInput:
    project_id: relay.GlobalID = strawberry.field(description="The project.")
    title: str = strawberry.field(description="The role's name.")
    description: str | None = strawberry.field(default=UNSET, description="What it involves.")
    discipline: str = strawberry.field(description="Slug of the role's discipline.")
    seniority: SkillLevel = strawberry.field(description="The level it asks for.")
    required_languages: list[LanguageCode] | None = strawberry.field(
        default=UNSET, description="Languages the person must speak."
    )
    headcount: int | None = strawberry.field(default=UNSET, description="Places (default 1).")
    remote_allowed: bool | None = strawberry.field(
        default=UNSET, description="Can be done remotely (default true)."
    )
    preferred_countries: list[CountryCode] | None = strawberry.field(
        default=UNSET, description="Countries the person would ideally come from."
    )
    strict_requirements: list[RoleRequirement] | None = strawberry.field(
        default=UNSET,
        description="Requirements whose miss leaves a candidate out; the others only rank "
        "those who miss them below those who meet every one (default none).",
    )
    language_minimums: list[LanguageMinimumInput] | None = strawberry.field(
        default=UNSET,
        description="The proficiency asked for in required languages; any other needs a "
        "working proficiency (`HUB_MATCH_MIN_LANGUAGE_PROFICIENCY`).",
    )
    prefers_exact_level: bool | None = strawberry.field(
        default=UNSET,
        description="Candidates far above the level asked for rank lower, as for a trainee "
        "role (default false).",
    )
    location_country: CountryCode | None = strawberry.field(
        default=UNSET, description="Where on-site work happens; null clears it."
    )
    location_city: str | None = strawberry.field(
        default=UNSET, description="The city of on-site work; null clears it."
    )


@strawberry.input(description="Changes to an open role; omitted fields stay as they are.")
class UpdateOpenRoleInput:
    id: relay.GlobalID = strawberry.field(description="The role.")
    title: str | None = strawberry.field(default=UNSET, description="New name.")
    description: str | None = strawberry.field(default=UNSET, description="New description.")
    discipline: str | None = strawberry.field(default=UNSET, description="New discipline slug.")
    seniority: SkillLevel | None = strawberry.field(default=UNSET, description="New level.")
    required_languages: list[LanguageCode] | None = strawberry.field(
        default=UNSET, description="All required languages."
    )
    headcount: int | None = strawberry.field(default=UNSET, description="New number of places.")
    filled_count: int | None = strawberry.field(default=UNSET, description="Places now taken.")
    remote_allowed: bool | None = strawberry.field(default=UNSET, description="Remote allowed.")
    preferred_countries: list[CountryCode] | None = strawberry.field(
        default=UNSET, description="All preferred countries."
    )
    strict_requirements: list[RoleRequirement] | None = strawberry.field(
        default=UNSET,
        description="Requirements whose miss leaves a candidate out; the others only rank "
        "those who miss them below those who meet every one (default none).",
    )
    language_minimums: list[LanguageMinimumInput] | None = strawberry.field(
        default=UNSET,
        description="The proficiency asked for in required languages; any other needs a "
        "working proficiency (`HUB_MATCH_MIN_LANGUAGE_PROFICIENCY`).",
    )
    prefers_exact_level: bool | None = strawberry.field(
        default=UNSET,
        description="Candidates far above the level asked for rank lower, as for a trainee "
        "role (default false).",
    )
    location_country: CountryCode | None = strawberry.field(
        default=UNSET, description="Where on-site work happens; null clears it."
    )
    location_city: str | None = strawberry.field(
        default=UNSET, description="The city of on-site work; null clears it."
    )


@strawberry.input(description="Which role to close.")
class CloseOpenRoleInput:
    id: relay.GlobalID = strawberry.field(description="The role.")


@strawberry.type(description="The outcome of opening, changing or closing a role.")
class OpenRolePayload:
    open_role: OpenRole | None = strawberry.field(description="The role.")
    user_errors: list[ProjectError] = strawberry.field(description="Why it did not work.")


def _project_fields(source: Any) -> service.ProjectFields:
    """Project fields with the lead IDs decoded into table keys."""
    leads: dict[str, int | None] = {}
    for name, node_type in (
        ("lead_organisation_id", "Organisation"),
        ("lead_creator_id", "Creator"),
    ):
        value = getattr(source, name)
        if value is not UNSET:
            leads[name] = optional_key_of(value, node_type, name)
    return fields_from(service.ProjectFields, source, **leads)


async def _project_payload(
    info: Info, key: int | None, errors: list[ProjectError]
) -> ProjectPayload:
    return ProjectPayload(project=await load_node(info, Project, key), user_errors=errors)


async def _role_payload(info: Info, key: int | None, errors: list[ProjectError]) -> OpenRolePayload:
    return OpenRolePayload(open_role=await load_node(info, OpenRole, key), user_errors=errors)


def _lead(value: int | object | None) -> int | None:
    return value if isinstance(value, int) else None


@strawberry.type
class ProjectMutations:
    @mutation(
        "Start a project; the user who starts it becomes its LEAD. A lead organisation must be "
        "one you administer; a lead creator, your own profile."
    )
    async def create_project(
        self,
        info: Info,
        input: Annotated[CreateProjectInput, strawberry.argument(description="The new project.")],
    ) -> ProjectPayload:
        principal = info.context.principal

        async def write(session: AsyncSession) -> int:
            fields = _project_fields(input)
            await policy.require_lead_choice(
                session,
                principal,
                None,
                _lead(fields.lead_organisation_id),
                _lead(fields.lead_creator_id),
            )
            return await service.create_project(session, fields, lead_user=principal.user_id)

        result = await run_write(info, write, entity="Project", input=input)
        return await _project_payload(info, result.value, project_errors(result.user_errors))

    @mutation("Change a project, including its status: its leads, or staff.")
    async def update_project(
        self,
        info: Info,
        input: Annotated[
            UpdateProjectInput,
            strawberry.argument(
                description="The project and the fields to change; omitted fields stay as they are."
            ),
        ],
    ) -> ProjectPayload:
        principal = info.context.principal

        async def write(session: AsyncSession) -> int:
            key = key_of(input.id, "Project", "id")
            fields = _project_fields(input)
            await policy.require_project_editor(session, principal, key)
            await policy.require_lead_choice(
                session,
                principal,
                key,
                _lead(fields.lead_organisation_id),
                _lead(fields.lead_creator_id),
            )
            return await service.update_project(session, key, fields)

        result = await run_write(info, write, entity="Project", input=input)
        return await _project_payload(info, result.value, project_errors(result.user_errors))

    @mutation("Delete a project with its participants and roles: its leads, or staff.")
    async def delete_project(
        self,
        info: Info,
        input: Annotated[
            DeleteProjectInput, strawberry.argument(description="The project to delete.")
        ],
    ) -> DeleteProjectPayload:
        async def write(session: AsyncSession) -> int:
            key = key_of(input.id, "Project", "id")
            await policy.require_project_editor(session, info.context.principal, key)
            await refuse_deleting_funded_project(session, key)
            await service.delete_project(session, key)
            return key

        result = await run_write(info, write, entity="Project", input=input)
        return DeleteProjectPayload(
            deleted_project_id=None if result.user_errors else input.id,
            user_errors=project_errors(result.user_errors),
        )

    @mutation(
        "Add an organisation you administer, or your own creator profile, to a project you "
        "lead. Other people join by accepting an invitation (`inviteToProject`)."
    )
    async def add_participant(
        self,
        info: Info,
        input: Annotated[
            AddParticipantInput, strawberry.argument(description="The project and who joins it.")
        ],
    ) -> AddParticipantPayload:
        async def write(session: AsyncSession) -> int:
            fields = service.ParticipantFields(
                project_id=key_of(input.project_id, "Project", "project_id"),
                creator_id=optional_key_of(input.creator_id, "Creator", "creator_id"),
                organisation_id=optional_key_of(
                    input.organisation_id, "Organisation", "organisation_id"
                ),
                role=input.role,
                joined_on=input.joined_on,
            )
            await policy.require_participant_adder(
                session,
                info.context.principal,
                fields.project_id,
                fields.creator_id,
                fields.organisation_id,
            )
            return await service.add_participant(session, fields)

        result = await run_write(info, write, entity="Participant", input=input)
        return AddParticipantPayload(
            participant=await load_node(info, Participant, result.value),
            user_errors=project_errors(result.user_errors),
        )

    @mutation(
        "Remove a participant from a project (its leads, or the participant leaving); the "
        "project's lead cannot be removed."
    )
    async def remove_participant(
        self,
        info: Info,
        input: Annotated[
            RemoveParticipantInput, strawberry.argument(description="The participant who leaves.")
        ],
    ) -> RemoveParticipantPayload:
        async def write(session: AsyncSession) -> int:
            key = key_of(input.id, "Participant", "id")
            await policy.require_participant_remover(session, info.context.principal, key)
            return await service.remove_participant(session, key)

        result = await run_write(info, write, entity="Project", input=input)
        return RemoveParticipantPayload(
            project=await load_node(info, Project, result.value),
            user_errors=project_errors(result.user_errors),
        )

    @mutation("Open a role on a project: its leads, or staff.")
    async def open_role(
        self,
        info: Info,
        input: Annotated[
            OpenRoleInput,
            strawberry.argument(description="The project and the role it wants to fill."),
        ],
    ) -> OpenRolePayload:
        async def write(session: AsyncSession) -> int:
            project = key_of(input.project_id, "Project", "project_id")
            await policy.require_project_editor(session, info.context.principal, project)
            return await service.open_role(session, project, fields_from(service.RoleFields, input))

        result = await run_write(info, write, entity="OpenRole", input=input)
        return await _role_payload(info, result.value, project_errors(result.user_errors))

    @mutation("Change an open role: the project's leads, or staff.")
    async def update_open_role(
        self,
        info: Info,
        input: Annotated[
            UpdateOpenRoleInput,
            strawberry.argument(
                description="The role and the fields to change; omitted fields stay as they are."
            ),
        ],
    ) -> OpenRolePayload:
        async def write(session: AsyncSession) -> int:
            key = key_of(input.id, "OpenRole", "id")
            await policy.require_role_editor(session, info.context.principal, key)
            return await service.update_role(session, key, fields_from(service.RoleFields, input))

        result = await run_write(info, write, entity="OpenRole", input=input)
        return await _role_payload(info, result.value, project_errors(result.user_errors))

    @mutation("Close an open role, which stops accepting people: the project's leads, or staff.")
    async def close_open_role(
        self,
        info: Info,
        input: Annotated[CloseOpenRoleInput, strawberry.argument(description="The role to close.")],
    ) -> OpenRolePayload:
        async def write(session: AsyncSession) -> int:
            key = key_of(input.id, "OpenRole", "id")
            await policy.require_role_editor(session, info.context.principal, key)
            return await service.close_role(session, key)

        result = await run_write(info, write, entity="OpenRole", input=input)
        return await _role_payload(info, result.value, project_errors(result.user_errors))
