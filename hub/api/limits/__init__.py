"""What resolvers see of the request limits: the request's charge and ``rateLimit``.

Measuring a document (depth, aliases, tokens, cost) belongs to the endpoint, which alone
uses it: see ``hub.server.limits``.
"""
