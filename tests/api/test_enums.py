"""GraphQL enums declared over plain Python enums: described in full, values unchanged."""

import enum

import pytest
from graphql import GraphQLEnumType

from hub.api.enums import UndescribedEnum, graphql_enum
from hub.config import Settings
from hub.creators.enums import SkillLevel
from hub.server.schema import build_schema


def test_a_member_without_a_description_is_refused_when_declared():
    class Colour(enum.Enum):
        RED = "RED"
        BLUE = "BLUE"

    with pytest.raises(UndescribedEnum, match="BLUE"):
        graphql_enum(Colour, description="A colour.", values={Colour.RED: "Warm."})


def test_an_enum_declared_twice_is_refused():
    class Shape(enum.Enum):
        ROUND = "ROUND"

    graphql_enum(Shape, description="A shape.", values={Shape.ROUND: "Like a ball."})
    with pytest.raises(ValueError, match="declare it once"):
        graphql_enum(Shape, description="A shape.", values={Shape.ROUND: "Like a ball."})


def test_the_declared_enum_is_the_python_enum_with_its_string_values():
    assert SkillLevel.EXPERT.value == "EXPERT"
    assert SkillLevel("MASTER") is SkillLevel.MASTER
    schema = build_schema(Settings())._schema
    served = schema.type_map["SkillLevel"]
    assert isinstance(served, GraphQLEnumType)
    assert served.values["EXPERT"].description


def test_a_renamed_enum_is_served_under_its_graphql_name():
    schema = build_schema(Settings())._schema
    assert isinstance(schema.type_map["MatchImportance"], GraphQLEnumType)
    assert "Importance" not in schema.type_map
