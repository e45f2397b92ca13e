"""GraphQL plumbing shared by every domain: context, nodes, loaders, pagination, errors."""
