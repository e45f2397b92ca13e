"""Finding the longest string of a request: in literals anywhere, in variables at any depth."""

from graphql import parse

from hub.server.limits.text import Text, longest_literal, longest_variable


def test_the_longest_literal_is_found_in_nested_objects_lists_and_block_strings():
    document = parse(
        """query ($a: String = "four") {
          f(x: {y: ["one", "seventeen chars!!"]}) @d(r: "two")
          g(z: \"\"\"a block string\"\"\")
        }"""
    )

    longest = longest_literal(document)

    assert longest is not None
    assert longest.length == len("seventeen chars!!")
    assert longest.where == "the string literal at line 2, column 28"


def test_a_document_without_strings_has_no_longest_literal():
    assert longest_literal(parse("{ a(n: 1) { b } }")) is None


def test_the_longest_variable_is_named_by_its_path():
    variables = {"a": "xx", "input": {"bio": "x" * 5, "links": [{"title": "x" * 7}]}, "n": 3}

    assert longest_variable(variables) == Text("$input.links[0].title", 7)


def test_no_variables_means_no_longest_variable():
    assert longest_variable(None) is None
    assert longest_variable({"n": 1, "flag": True}) is None
