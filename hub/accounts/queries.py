"""Root fields for accounts (``me``, ``auditLog``) and the lists organisations show their admins."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Annotated, Any

import strawberry
from sqlalchemy import ColumnElement
from strawberry import relay
from strawberry.dataloader import DataLoader

from hub.accounts import policy
from hub.accounts.enums import AuditOutcome, OrganisationRole
from hub.accounts.mapping import USER
from hub.accounts.models import AuditRecord as AuditRecordRow
from hub.accounts.types import AuditRecord, Viewer
from hub.api.context import Info
from hub.api.errors import HubError, RequestErrorCode, forbidden
from hub.api.global_ids import any_type_argument_key, optional_argument_key
from hub.api.keyset import KeysetListing, keyset_connection
from hub.api.pagination import Connection
from hub.api.principal import Denied, Principal, PrincipalKind
from hub.core.filters import all_of


@strawberry.input(description="Narrows the audit log; every given condition must hold.")
class AuditLogFilter:
    action: str | None = strawberry.field(
        default=None, description="One mutation, e.g. `updateProject`."
    )
    entity_id: relay.GlobalID | None = strawberry.field(
        default=None, description="Changes to this object."
    )
    entity_type: str | None = strawberry.field(
        default=None, description="Changes to objects of this type, e.g. `Creator`."
    )
    actor_user_id: relay.GlobalID | None = strawberry.field(
        default=None, description="Made by this user."
    )
    actor_api_key_id: relay.GlobalID | None = strawberry.field(
        default=None, description="Made with this API key."
    )
    outcome: AuditOutcome | None = strawberry.field(
        default=None, description="Carried out, or refused."
    )
    since: datetime | None = strawberry.field(default=None, description="At or after this time.")
    until: datetime | None = strawberry.field(default=None, description="Before this time.")


def audit_conditions(info: Info, where: AuditLogFilter | None) -> tuple[ColumnElement[Any], ...]:
    if where is None:
        return ()
    record = AuditRecordRow
    entity_key = any_type_argument_key(info, where.entity_id, "entityId")
    user_key = optional_argument_key(where.actor_user_id, "User", "actorUserId")
    key_key = optional_argument_key(where.actor_api_key_id, "ApiKey", "actorApiKeyId")
    return all_of(
        record.action == where.action if where.action else None,
        record.entity_type == where.entity_type if where.entity_type else None,
        record.entity_type == where.entity_id.type_name if where.entity_id else None,
        record.entity_id == entity_key if entity_key is not None else None,
        record.actor_user_id == user_key if user_key is not None else None,
        record.actor_api_key_id == key_key if key_key is not None else None,
        record.outcome == where.outcome if where.outcome else None,
        record.occurred_at >= where.since if where.since else None,
        record.occurred_at < where.until if where.until else None,
    )


@strawberry.type
class AccountQueries:
    @strawberry.field(description="You, when logged in with an access token; null otherwise.")
    async def me(self, info: Info) -> Viewer | None:
        principal = info.context.principal
        if principal.kind is not PrincipalKind.USER:
            return None
        row = await info.context.loaders.entity(USER).load(principal.user_id)
        return None if row is None else Viewer.from_row(row)

    @keyset_connection(
        Connection[AuditRecord],
        "Staff only: every change and refused attempt, newest first. Its cursors hold "
        "their record's place, so records added while paging never repeat or shift a page.",
    )
    def audit_log(
        self,
        info: Info,
        filter: Annotated[
            AuditLogFilter | None, strawberry.argument(description="Which records.")
        ] = None,
    ) -> KeysetListing:
        if not info.context.principal.is_staff:
            raise HubError("Only staff may read the audit log.", RequestErrorCode.FORBIDDEN)
        return KeysetListing(AuditRecord, audit_conditions(info, filter), keys=(("key", True),))


async def check_sees_memberships(info: Info, organisation_id: int) -> None:
    """An organisation's memberships are for its members and staff."""
    await _check(info, policy.check_organisation_member, organisation_id)


async def check_sees_invitations(info: Info, organisation_id: int) -> None:
    """An organisation's pending invitations are for its admins and staff."""
    await _check(info, policy.check_organisation_admin, organisation_id)


async def check_sees_api_keys(info: Info, organisation_id: int) -> None:
    """An organisation's API keys are for those who manage them, and staff."""
    await _check(info, policy.check_key_manager, organisation_id)


OrganisationRule = Callable[[Principal, OrganisationRole | None], None]


async def _check(info: Info, rule: OrganisationRule, organisation_id: int) -> None:
    """Apply ``rule`` with the caller's role, looked up for every organisation at once."""
    principal = info.context.principal
    role = None
    if not principal.is_staff:
        role = await _roles(info).load(organisation_id)
    try:
        rule(principal, role)
    except Denied as denied:
        raise forbidden(denied, info.context.locale) from denied


def _roles(info: Info) -> DataLoader[int, OrganisationRole | None]:
    reader, principal = info.context.reader, info.context.principal

    async def load(keys: Sequence[int]) -> list[OrganisationRole | None]:
        roles = await reader.run(lambda s: policy.organisation_roles(s, principal, keys))
        return [roles[key] for key in keys]

    return info.context.loaders.batch("organisation_roles", load)
