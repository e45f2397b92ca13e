"""GraphQL enums declared over the domains' plain Python enums, every value described.

The domains' enums (``*/enums.py``) stay plain ``enum.Enum`` classes with string
values, used by tables and services that know nothing of GraphQL. A domain's
``types.py`` declares how one appears in the schema with ``graphql_enum``, which returns
the class itself: annotations keep naming the Python class, so a type checker sees one
type, not the result of a call. A member without a description is refused when the
module is imported, so a new member cannot reach the schema undescribed.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import TypeVar

import strawberry
from strawberry.types.enum import has_enum_definition

E = TypeVar("E", bound=enum.Enum)


class UndescribedEnum(ValueError):
    """A GraphQL enum was declared without a description for each of its values."""


def graphql_enum(
    cls: type[E],
    *,
    description: str,
    values: Mapping[E, str],
    name: str | None = None,
) -> type[E]:
    """Show ``cls`` in the schema as the enum ``name`` (default: the class name)."""
    missing = [member.name for member in cls if not values.get(member)]
    if missing:
        raise UndescribedEnum(f"{cls.__qualname__}: describe {', '.join(missing)}")
    if has_enum_definition(cls):
        raise ValueError(f"{cls.__qualname__} is already a GraphQL enum; declare it once.")
    declared = strawberry.enum(cls, name=name, description=description)
    assert has_enum_definition(declared)
    for value in declared.__strawberry_definition__.values:
        value.description = values[cls[value.name]]
    return cls
