"""Limits the endpoint applies before executing: persisted documents, static limits,
query cost and the rate limit, with their stores (in memory, or shared in Redis)."""
