"""Who may change a project, its participants and its open roles.

A project is edited by staff, its team's LEADs, the owner of its lead creator and the
admins of its lead organisation. Nobody adds a person to a project without them: a
lead or participant that is a creator profile joins only by its owner's hand.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.accounts.enums import ProjectRole
from hub.accounts.policy import administers_organisation, project_role, require_organisation_admin
from hub.api.principal import Denied, Principal
from hub.creators.policy import owns_creator, require_own_creator
from hub.i18n.messages import _
from hub.projects.models import OpenRole, Participant, Project


async def edits_project(session: AsyncSession, principal: Principal, project: Project) -> bool:
    """Staff, its LEADs, the owner of its lead creator and admins of its lead organisation."""
    if principal.is_staff:
        return True
    if project.lead_organisation_id is not None and await administers_organisation(
        session, principal, project.lead_organisation_id
    ):
        return True
    if await project_role(session, principal, project.id) is ProjectRole.LEAD:
        return True
    return await owns_creator(session, principal, project.lead_creator_id)


async def require_project_editor(
    session: AsyncSession, principal: Principal, project_id: int
) -> None:
    project = await session.get(Project, project_id)
    if project is not None and not await edits_project(session, principal, project):
        raise Denied(_("Only the project's leads (or its lead organisation's admins) may do this."))


async def require_role_editor(session: AsyncSession, principal: Principal, role_id: int) -> None:
    project_id = await session.scalar(select(OpenRole.project_id).where(OpenRole.id == role_id))
    if project_id is not None:
        await require_project_editor(session, principal, project_id)


async def require_lead_choice(
    session: AsyncSession,
    principal: Principal,
    project_id: int | None,
    organisation_id: int | None,
    creator_id: int | None,
) -> None:
    """A project's new lead joins it: an organisation by its admins, a creator only itself.

    ``project_id`` is the project being changed (``None`` for a new one); a lead that
    stays as it was needs nobody's consent again.
    """
    project = await session.get(Project, project_id) if project_id is not None else None
    if organisation_id is not None and (
        project is None or organisation_id != project.lead_organisation_id
    ):
        await require_organisation_admin(session, principal, organisation_id)
    if creator_id is not None and (project is None or creator_id != project.lead_creator_id):
        await require_own_creator(session, principal, creator_id)


async def require_participant_adder(
    session: AsyncSession,
    principal: Principal,
    project_id: int,
    creator_id: int | None,
    organisation_id: int | None,
) -> None:
    """The project's editors add participants: an organisation they administer, or their own
    creator profile. Anyone else joins by invitation (``inviteToProject``)."""
    await require_project_editor(session, principal, project_id)
    if (creator_id is None) != (organisation_id is None):  # else the input is refused anyway
        await require_lead_choice(session, principal, None, organisation_id, creator_id)


async def require_participant_remover(
    session: AsyncSession, principal: Principal, participant_id: int
) -> None:
    """The project's editors remove anyone; a participant may always leave on its own."""
    participant = await session.get(Participant, participant_id)
    if participant is None:
        return
    project = await session.get(Project, participant.project_id)
    if project is not None and await edits_project(session, principal, project):
        return
    if participant.organisation_id is not None and await administers_organisation(
        session, principal, participant.organisation_id
    ):
        return
    if await owns_creator(session, principal, participant.creator_id):
        return
    raise Denied(
        _("Only the project's leads, or the participant itself, may remove a participant.")
    )
