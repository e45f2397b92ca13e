"""hub: a GraphQL backend for the creative industries of the CIS countries."""
