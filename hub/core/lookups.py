"""Row lookups every service needs, with refusals phrased the same way everywhere."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import Select, SQLColumnExpression, exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.validation import FieldCode, Path, Problems, Rejected
from hub.i18n.messages import Message, _

Row = TypeVar("Row")


async def get_or_reject(
    session: AsyncSession, model: type[Row], key: Any, *, missing: Message, path: str = "id"
) -> Row:
    """The row with this primary key, or a NOT_FOUND refusal at ``path`` saying ``missing``."""
    row = await session.get(model, key)
    if row is None:
        raise Rejected.one(path, FieldCode.NOT_FOUND, missing)
    return row


async def any_row(session: AsyncSession, statement: Select[Any]) -> bool:
    return bool(await session.scalar(exists(statement).select()))


async def check_unique(
    session: AsyncSession,
    problems: Problems,
    path: Path | str,
    column: SQLColumnExpression[Any],
    value: str,
    *,
    key: SQLColumnExpression[Any],
    own_key: int | None,
) -> None:
    """``value`` is not already taken in ``column`` by another row than ``own_key``."""
    taken = select(key).where(column == value)
    if own_key is not None:
        taken = taken.where(key != own_key)
    if await any_row(session, taken):
        problems.add(
            path,
            FieldCode.DUPLICATE,
            _(
                "The {name} {value!r} is taken.",
                name=path if isinstance(path, str) else path[-1],
                value=value,
            ),
        )
