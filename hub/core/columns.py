"""Column types with the semantics the hub needs on both databases."""

from __future__ import annotations

import enum
from datetime import UTC, datetime

from sqlalchemy import DateTime, Dialect, Enum, TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on both databases (SQLite drops the offset)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; use datetime.now(UTC)")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def enum_column(enum_class: type[enum.Enum]) -> Enum:
    """A portable enum: a short string with a CHECK constraint, never a native PG type."""
    return Enum(
        enum_class,
        native_enum=False,
        create_constraint=True,
        length=max(len(member.name) for member in enum_class),
        name=f"{enum_class.__name__.lower()}",
        validate_strings=True,
    )


def utcnow() -> datetime:
    return datetime.now(UTC)
