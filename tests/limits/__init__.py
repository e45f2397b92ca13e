"""Limits applied before a request runs: shape, cost, rate, persisted documents."""

from graphql import get_introspection_query

# What GraphiQL sends to draw its documentation: every limit must let it through.
GRAPHIQL_INTROSPECTION = get_introspection_query(
    descriptions=True,
    specified_by_url=True,
    directive_is_repeatable=True,
    schema_description=True,
    input_value_deprecation=True,
)
