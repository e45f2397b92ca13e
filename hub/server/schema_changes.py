"""Which schema changes would break existing clients, and which of those were announced.

graphql-core's ``find_breaking_changes`` lists what a client written against the old
schema could trip on (a field, enum value or argument removed, a type changed, a
required argument added). A breaking change is announced, and so allowed, when either

- what it removes was deprecated first, with a reason, in the old schema (a field, an
  input field, an argument, an enum value; or a type every reference to which was), or
- ``schema/CHANGELOG.md`` records it: a line quoting the change as graphql-core words it,
  which the check prints (``- Breaking: Field Query.foo was removed. ...``). The
  changelog is part of the reviewed change, so a break is always a decision on record.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from graphql import (
    DEFAULT_DEPRECATION_REASON,
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    find_dangerous_changes,
    get_named_type,
)
from graphql import find_breaking_changes as graphql_breaking_changes

BREAKING_PREFIX = "- Breaking: "


@dataclass(frozen=True)
class SchemaChanges:
    """The breaking changes from one schema to the next, sorted by whether announced."""

    refused: list[str] = field(default_factory=list)
    announced: list[str] = field(default_factory=list)
    dangerous: list[str] = field(default_factory=list)


def compare(old: GraphQLSchema, new: GraphQLSchema, changelog: str) -> SchemaChanges:
    """Every change from ``old`` to ``new`` that could break or surprise a client."""
    deprecated = set(_removals_announced_by_deprecation(old))
    recorded = [line.strip() for line in changelog.splitlines()]
    changes = SchemaChanges(
        dangerous=[change.description for change in find_dangerous_changes(old, new)]
    )
    for change in graphql_breaking_changes(old, new):
        message = change.description
        if message in deprecated or _is_recorded(message, recorded):
            changes.announced.append(message)
        else:
            changes.refused.append(message)
    return changes


def _is_recorded(message: str, changelog_lines: list[str]) -> bool:
    """A changelog line ``- Breaking: <message>``, maybe followed by what clients must do."""
    entry = BREAKING_PREFIX + message
    return any(line.startswith(entry) for line in changelog_lines)


def _is_deprecated(reason: str | None) -> bool:
    """Deprecated with a reason a client can act on, not the directive's default."""
    return bool(reason and reason.strip() and reason != DEFAULT_DEPRECATION_REASON)


def _removals_announced_by_deprecation(old: GraphQLSchema) -> Iterator[str]:
    """The messages graphql-core would give for removing what ``old`` deprecated."""
    live_references: set[str] = set()
    references: set[str] = set()
    for type_ in _user_types(old):
        if isinstance(type_, GraphQLEnumType):
            for name, value in type_.values.items():
                if _is_deprecated(value.deprecation_reason):
                    yield f"Enum value {type_.name}.{name} was removed."
        if not isinstance(type_, GraphQLObjectType | GraphQLInterfaceType | GraphQLInputObjectType):
            continue
        for field_name, field_ in type_.fields.items():
            field_deprecated = _is_deprecated(field_.deprecation_reason)
            if field_deprecated:
                yield f"Field {type_.name}.{field_name} was removed."
            target = get_named_type(field_.type).name
            references.add(target)
            if not field_deprecated:
                live_references.add(target)
            for arg_name, arg in getattr(field_, "args", {}).items():
                arg_deprecated = _is_deprecated(arg.deprecation_reason)
                if arg_deprecated:
                    yield f"Argument {type_.name}.{field_name}({arg_name}:) was removed."
                target = get_named_type(arg.type).name
                references.add(target)
                if not (arg_deprecated or field_deprecated):
                    live_references.add(target)
    for type_ in _user_types(old):
        if isinstance(type_, GraphQLObjectType):
            live_references.update(interface.name for interface in type_.interfaces)
    for name in references - live_references:
        yield f"{name} was removed."


def _user_types(schema: GraphQLSchema) -> Iterator[GraphQLNamedType]:
    for name, type_ in schema.type_map.items():
        if not name.startswith("__"):
            yield type_


def changelog_lines(changes: list[str]) -> str:
    """What to add to the changelog to announce ``changes`` on purpose."""
    return "\n".join(f"{BREAKING_PREFIX}{change}" for change in changes)
