"""Running a mutation's write: a caller, one transaction, its audit, userErrors, fresh loaders."""

from __future__ import annotations

import dataclasses
import enum
import logging
import types
import typing
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import strawberry
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry import relay
from strawberry.permission import BasePermission
from strawberry.types.field import StrawberryField
from strawberry.utils.str_converters import to_camel_case

from hub.api.context import AuditEntry, Context
from hub.api.errors import HubError, RequestErrorCode, forbidden
from hub.api.global_ids import input_key
from hub.api.principal import Denied, Principal
from hub.core.db import Base, begin_write
from hub.core.unique_violations import violated_unique_constraint
from hub.core.validation import FieldCode, FieldError, Rejected
from hub.i18n.catalogs import render
from hub.i18n.messages import Message, _

logger = logging.getLogger("hub.errors")

T = TypeVar("T")
F = TypeVar("F")


SECRET_INPUTS = frozenset(
    {"password", "current_password", "new_password", "refresh_token", "token"}
)
"""Input fields never named in the audit log (their values never are, of any field)."""


class WriteAccess(BasePermission):
    """A write needs a caller: a user, the admin token, or an API key with ``WRITE``.

    Which writes a caller may make is decided per entity by ``hub.accounts.policy``,
    inside the write's transaction.
    """

    def has_permission(self, source: Any, info: strawberry.Info, **kwargs: Any) -> bool:
        principal: Principal = info.context.principal
        if not principal.is_authenticated:
            raise HubError(
                render(
                    _(
                        "Log in (`Authorization: Bearer <access token>`) or send an API key "
                        "to make changes."
                    ),
                    info.context.locale,
                ),
                RequestErrorCode.UNAUTHENTICATED,
            )
        if not principal.can_write:
            raise forbidden(
                Denied(_("This API key may only read: it does not have the WRITE scope.")),
                info.context.locale,
            )
        return True


def mutation(
    description: str, *, public: bool = False
) -> Callable[[Callable[..., Any]], StrawberryField]:
    """Declare a mutation field; all but the ``public`` ones (logging in) need a caller."""
    permissions: list[type[BasePermission]] = [] if public else [WriteAccess]

    def declare(resolver: Callable[..., Any]) -> StrawberryField:
        return strawberry.mutation(
            resolver, description=description, permission_classes=permissions
        )

    return declare


@dataclass(frozen=True)
class WriteResult(Generic[T]):
    value: T | None
    user_errors: list[FieldError]


async def run_write(
    info: strawberry.Info,
    write: Callable[[AsyncSession], Awaitable[T]],
    *,
    entity: str,
    input: object | None = None,
) -> WriteResult[T]:
    """Run ``write`` in its own transaction with its audit record; a refusal changes nothing.

    ``write`` returns the key of the ``entity`` it wrote, or a value with an
    ``audit_key``: the audit record names that entity. A permission rule's ``Denied``
    becomes a coded GraphQL error, recorded in the audit log in a transaction of its own.
    The request's idempotency key, if any, is marked inside the same transaction, so a
    committed write is never run again under that key.
    """
    context: Context = info.context
    session = context.session
    action, fields = info.field_name, given_fields(input)
    # Reads earlier in the request may have begun a transaction; the write wants its own.
    await session.rollback()
    try:
        async with session.begin():
            await begin_write(session)
            value = await write(session)
            key = value if isinstance(value, int) else getattr(value, "audit_key", None)
            await context.audit(session, context, AuditEntry(action, entity, key, fields))
            if context.mark_committed is not None:
                await context.mark_committed(session)
    except Denied as denied:
        async with session.begin():
            entry = AuditEntry(action, entity, None, fields, denied=True)
            await context.audit(session, context, entry)
        raise forbidden(denied, context.locale) from denied
    except Rejected as rejected:
        return WriteResult(None, rejected.errors)
    except IntegrityError as error:
        return WriteResult(None, [unique_violation(error, action)])
    finally:
        info.context.loaders.clear()
    # From here on the change is made: whatever fails while answering (re-reading the
    # payload, a lost connection) is reported as WRITE_COMMITTED, not as a failure.
    context.committed_fields.add(str(info.path.key))
    return WriteResult(value, [])


class UniqueCode(enum.Enum):
    """Codes for unique constraints that only some domains' writes can break; each of
    those domains declares the same value in its own code enum."""

    ALREADY_PARTICIPANT = "ALREADY_PARTICIPANT"
    ALREADY_MEMBER = "ALREADY_MEMBER"


@dataclass(frozen=True)
class UniqueRule:
    """What a client is told when a write breaks a unique constraint it can break."""

    code: enum.Enum
    field: str | None
    message: Message


USER_UNIQUE_CONSTRAINTS: dict[str, UniqueRule] = {
    "uq_creator_handle": UniqueRule(FieldCode.DUPLICATE, "handle", _("The handle is taken.")),
    "uq_organisation_slug": UniqueRule(FieldCode.DUPLICATE, "slug", _("The slug is taken.")),
    "uq_project_slug": UniqueRule(FieldCode.DUPLICATE, "slug", _("The slug is taken.")),
    "uq_user_account_email": UniqueRule(
        FieldCode.DUPLICATE, "email", _("An account with this email exists; log in instead.")
    ),
    "uq_creator_owner_user_id": UniqueRule(
        FieldCode.DUPLICATE,
        None,
        _("This user already owns a creator profile; one is the limit."),
    ),
    "uq_participant_project_id_creator_id": UniqueRule(
        UniqueCode.ALREADY_PARTICIPANT, None, _("They already take part in the project.")
    ),
    "uq_participant_project_id_organisation_id": UniqueRule(
        UniqueCode.ALREADY_PARTICIPANT, None, _("They already take part in the project.")
    ),
    "pk_organisation_member": UniqueRule(
        UniqueCode.ALREADY_MEMBER, None, _("They are already a member.")
    ),
    "pk_project_member": UniqueRule(
        UniqueCode.ALREADY_MEMBER, None, _("They are already a member.")
    ),
}
"""Unique constraints a client can break, by name: the services check these before
writing, so the database refuses one only when another write took the value first."""

CONFLICT = UniqueRule(
    FieldCode.CONFLICT,
    None,
    _("The change conflicts with another one made at the same time; reload and try again."),
)


def unique_violation(error: IntegrityError, action: str) -> FieldError:
    """The refusal for a unique violation; any other integrity error is a bug, re-raised.

    A named constraint gets its own code. Another unique violation is still two writes
    racing (rows replaced at the same time): ``CONFLICT``, logged so it can be named. A
    broken foreign key, NOT NULL or CHECK is never the client's doing: it propagates, to
    be logged and masked with the request id like any unexpected error.
    """
    name = violated_unique_constraint(error, Base.metadata)
    if name is None:
        raise error
    rule = USER_UNIQUE_CONSTRAINTS.get(name)
    if rule is None:
        logger.warning("%s broke unique constraint %s; answered CONFLICT", action, name)
        rule = CONFLICT
    field = () if rule.field is None else (rule.field,)
    return FieldError(field, rule.code, rule.message)


def key_of(global_id: relay.GlobalID, node_type: str, path: str) -> int:
    """The integer key inside a global ID of ``node_type``; an ``INVALID_ID`` userError if not."""
    return input_key(global_id, node_type, path)


def optional_key_of(global_id: relay.GlobalID | None, node_type: str, path: str) -> int | None:
    return None if global_id is None else key_of(global_id, node_type, path)


def given_fields(input: object | None) -> tuple[str, ...]:
    """The GraphQL names of the input fields a client gave, secrets left out."""
    if input is None or not dataclasses.is_dataclass(input):
        return ()
    given = []
    for field in dataclasses.fields(input):
        value = getattr(input, field.name)
        if field.name in SECRET_INPUTS or value is strawberry.UNSET:
            continue
        if value is None and field.default is not strawberry.UNSET:
            continue
        given.append(to_camel_case(field.name))
    return tuple(sorted(given))


def fields_from(fields_type: Callable[..., F], source: object, **overrides: Any) -> F:
    """Build a service's ``*Fields`` from a GraphQL input, keeping only what was given.

    An omitted field stays ``UNCHANGED``; ``null`` clears a nullable field and leaves a
    non-nullable one unchanged.
    """
    hints = typing.get_type_hints(fields_type)
    values: dict[str, Any] = {}
    for field in dataclasses.fields(fields_type):  # type: ignore[arg-type]
        value = getattr(source, field.name, strawberry.UNSET)
        if value is strawberry.UNSET:
            continue
        if value is None and not _accepts_none(hints[field.name]):
            continue
        values[field.name] = value
    values.update(overrides)
    return fields_type(**values)


def _accepts_none(annotation: Any) -> bool:
    return isinstance(annotation, types.UnionType) and type(None) in typing.get_args(annotation)
