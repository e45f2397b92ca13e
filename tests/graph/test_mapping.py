"""The read mapping: every mapped GraphQL type agrees with the entity it binds to."""

from __future__ import annotations

from typing import Any

import pytest
import strawberry
from graphql import GraphQLObjectType, get_named_type

from hub.api.binding import Binding, disagreements
from hub.api.nodes import MappedType
from hub.api.relations import follows, follows_all
from hub.config import Settings
from hub.countries.mapping import COUNTRY
from hub.creators.mapping import CREATOR
from hub.creators.types import Creator
from hub.server.schema import build_schema

MAPPING = build_schema(Settings()).mapping


def _all_subclasses(cls: type) -> set[type]:
    found = set(cls.__subclasses__())
    for subclass in list(found):
        found |= _all_subclasses(subclass)
    return found


@pytest.mark.parametrize(
    "binding", list(MAPPING), ids=lambda binding: binding.graphql_type.__name__
)
def test_every_mapped_type_agrees_with_its_entity(binding: Binding) -> None:
    assert disagreements(binding) == []


def test_the_schema_binds_every_mapped_type_and_every_relation_target_has_a_type() -> None:
    bound = {binding.graphql_type for binding in MAPPING}
    declared = {cls for cls in _all_subclasses(MappedType) if hasattr(cls, "entity")}
    assert declared <= bound
    entities = {binding.entity for binding in MAPPING}
    for binding in MAPPING:
        for _, relation in binding.entity.relations:
            assert relation.target in entities, f"{binding.entity.name} leads to an unmapped entity"


def test_relation_fields_are_read_from_the_declaration() -> None:
    creator = next(binding for binding in MAPPING if binding.graphql_type.__name__ == "Creator")
    assert creator.entity is CREATOR
    assert creator.relations["country"].relation is CREATOR.relations.country
    assert creator.relations["country"].node_type.entity is COUNTRY
    assert "is_young_talent" in creator.fields


def test_a_type_that_disagrees_with_its_entity_is_found_out() -> None:
    @strawberry.type(name="WrongCreator")
    class WrongCreator(MappedType):
        entity = CREATOR

        id: strawberry.Private[int]
        nickname: str
        country = follows(CREATOR.relations.country, Creator, "Leads elsewhere.")
        neighbours = follows_all(COUNTRY.relations.creators, list[Creator], "Not Creator's.")

    assert sorted(disagreements(Binding.of(WrongCreator))) == [
        "WrongCreator.country needs country_code, which WrongCreator does not store",
        "WrongCreator.country returns Creator (Creator) but its relation leads to Country",
        "WrongCreator.neighbours follows a relation that is not Creator's",
        "WrongCreator.nickname is not a field of entity Creator",
    ]


def _ordered_lists() -> list[Any]:
    """``(field, node type, orderBy values)`` for every list field that takes ``orderBy``."""
    schema = build_schema(Settings())._schema
    found = []
    for graphql_type in schema.type_map.values():
        if not isinstance(graphql_type, GraphQLObjectType):
            continue
        for name, field in graphql_type.fields.items():
            if "orderBy" not in field.args:
                continue
            order = get_named_type(field.args["orderBy"].type)
            values = list(get_named_type(order.fields["field"].type).values)
            node = get_named_type(get_named_type(field.type).fields["nodes"].type)
            origin = node.extensions["strawberry-definition"].origin
            label = f"{graphql_type.name}.{name}"
            found.append(pytest.param(label, origin, values, id=label))
    return found


ORDERED_LISTS = _ordered_lists()


def test_the_root_lists_that_take_an_order_are_all_found() -> None:
    assert {param.id for param in ORDERED_LISTS} >= {"Query.creators", "Query.projects"}


@pytest.mark.parametrize(("field", "node_type", "values"), ORDERED_LISTS)
def test_every_order_a_list_offers_is_an_ordering_of_its_entity(
    field: str, node_type: type[MappedType], values: list[str]
) -> None:
    assert set(values) <= set(node_type.entity.orderings), field
