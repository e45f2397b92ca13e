"""Running a mutation's write: permission, one transaction, userErrors, fresh loaders."""

from __future__ import annotations

import dataclasses
import hmac
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

from hub.api.errors import HubError, RequestErrorCode, UserError
from hub.core.validation import ErrorCode, Rejected

T = TypeVar("T")
F = TypeVar("F")


def is_admin_token(configured: str | None, authorization: str | None) -> bool:
    """Whether an ``Authorization`` header carries the configured admin token."""
    if not configured or not authorization:
        return False
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer":
        return False
    return hmac.compare_digest(token.strip().encode(), configured.encode())


class AdminTokenRequired(BasePermission):
    """Until accounts exist, only holders of ``HUB_ADMIN_TOKEN`` may write."""

    message = "This operation needs `Authorization: Bearer <admin token>`."

    def has_permission(self, source: Any, info: strawberry.Info, **kwargs: Any) -> bool:
        context = info.context
        if context.settings.admin_token is None:
            raise HubError(
                "Writes are disabled: this server has no admin token configured.",
                RequestErrorCode.FORBIDDEN,
            )
        if not context.is_admin:
            raise HubError(self.message, RequestErrorCode.UNAUTHENTICATED)
        return True


def mutation(description: str) -> Any:
    """Declare a mutation field; every one of them requires the admin token."""
    return strawberry.mutation(description=description, permission_classes=[AdminTokenRequired])


@dataclass(frozen=True)
class WriteResult(Generic[T]):
    value: T | None
    user_errors: list[UserError]


async def run_write(
    info: strawberry.Info, write: Callable[[AsyncSession], Awaitable[T]]
) -> WriteResult[T]:
    """Run ``write`` in its own transaction; a ``Rejected`` write changes nothing."""
    session: AsyncSession = info.context.session
    # Reads earlier in the request may have begun a transaction; the write wants its own.
    await session.rollback()
    try:
        async with session.begin():
            value = await write(session)
    except Rejected as rejected:
        return WriteResult(None, [UserError.from_field_error(e) for e in rejected.errors])
    except IntegrityError:
        return WriteResult(
            None,
            [
                UserError(
                    field=None,
                    code=ErrorCode.CONFLICT,
                    message="The change conflicts with another one made at the same time; "
                    "reload and try again.",
                )
            ],
        )
    finally:
        info.context.loaders.clear()
    return WriteResult(value, [])


def key_of(global_id: relay.GlobalID, node_type: str, path: str) -> int:
    """The integer key inside a global ID of ``node_type``; a userError otherwise."""
    if global_id.type_name == node_type:
        try:
            return int(global_id.node_id)
        except ValueError:
            pass
    raise Rejected.one(path, ErrorCode.NOT_FOUND, f"`{path}` is not the id of a {node_type}.")


def optional_key_of(global_id: relay.GlobalID | None, node_type: str, path: str) -> int | None:
    return None if global_id is None else key_of(global_id, node_type, path)


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
