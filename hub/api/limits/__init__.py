"""What a GraphQL operation will ask of the server, measured from its document alone.

Pure functions over the parsed document (and, for cost, the schema and the variables):
no request, no database, no settings object. The HTTP endpoint applies them before it
executes anything; ``rate_limit`` reports the outcome to resolvers.
"""
