"""Which GraphQL fields read which entity fields and follow which relations.

A mapped type declares its binding once, in its own class body: ``entity = CREATOR``,
stored fields named like the entity's fields, and relation fields made with
``hub.api.relations``. This module reads those declarations back, and the schema
builds a ``MappingRegistry`` of every mapped type it serves, for the agreement test
and for a query compiler to come.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from strawberry.types.base import get_object_definition

from hub.api.nodes import MappedType
from hub.api.relations import FOLLOWS, Follows
from hub.core.mapping import Entity, ToOne


@dataclass(frozen=True)
class Binding:
    """One mapped type's binding to its entity."""

    graphql_type: type[MappedType]
    entity: Entity[Any]
    fields: tuple[str, ...]
    """Stored fields, each read from the entity field of the same name."""
    relations: Mapping[str, Follows]
    """Relation fields by Python name, each following one relation of the entity."""

    @classmethod
    def of(cls, graphql_type: type[MappedType]) -> Binding:
        definition = get_object_definition(graphql_type, strict=True)
        relations = {
            field.python_name: field.metadata[FOLLOWS]
            for field in definition.fields
            if FOLLOWS in field.metadata
        }
        return cls(graphql_type, graphql_type.entity, graphql_type.stored_fields(), relations)


class MappingRegistry:
    """Every mapped type of one schema with its binding, built when the schema is."""

    def __init__(self, graphql_types: Iterable[type[MappedType]]) -> None:
        self._bindings = {graphql_type: Binding.of(graphql_type) for graphql_type in graphql_types}

    @classmethod
    def of_types(cls, types: Iterable[object]) -> MappingRegistry:
        """The registry of the mapped types among ``types`` (a schema's object types)."""
        return cls(
            candidate
            for candidate in types
            if isinstance(candidate, type) and issubclass(candidate, MappedType)
        )

    def __iter__(self) -> Iterator[Binding]:
        return iter(self._bindings.values())

    def __getitem__(self, graphql_type: type[MappedType]) -> Binding:
        return self._bindings[graphql_type]


def disagreements(binding: Binding) -> list[str]:
    """Where a mapped type and its entity disagree; empty when they agree.

    Every stored field must be a field of the entity; every relation field must follow
    a relation of the entity, to the entity of the type the field returns; a to-one
    relation's key must be one of the type's stored fields.
    """
    name, entity = binding.graphql_type.__name__, binding.entity
    found = [
        f"{name}.{field} is not a field of entity {entity.name}"
        for field in binding.fields
        if field not in entity.fields
    ]
    for field, follows in binding.relations.items():
        relation = follows.relation
        if relation not in entity.relations:
            found.append(f"{name}.{field} follows a relation that is not {entity.name}'s")
            continue
        target = follows.node_type.entity
        if relation.target is not target:
            found.append(
                f"{name}.{field} returns {follows.node_type.__name__} ({target.name}) but "
                f"its relation leads to {relation.target.name}"
            )
        if isinstance(relation, ToOne) and relation.key_field not in binding.fields:
            found.append(f"{name}.{field} needs {relation.key_field}, which {name} does not store")
    return found
