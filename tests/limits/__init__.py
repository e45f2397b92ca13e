"""Limits applied before a request runs: shape, cost, rate, persisted documents."""
