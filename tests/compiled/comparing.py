"""Comparing one operation's answers from the compiled path and the resolver tree."""

from __future__ import annotations

from typing import Any

import httpx


def comparable(body: dict[str, Any]) -> dict[str, Any]:
    """The answer without the rate limit's running state, which each request changes."""
    cost = body.get("extensions", {}).get("cost", {})
    return {
        "data": body.get("data"),
        "errors": body.get("errors"),
        "cost": {key: value for key, value in cost.items() if key != "throttleStatus"},
    }


async def answers_alike(
    compiled: httpx.AsyncClient,
    resolvers: httpx.AsyncClient,
    query: str,
    variables: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Send the operation through both paths; their statuses and answers must be equal."""
    payload = {"query": query, "variables": variables or {}}
    answered = await compiled.post("/graphql", json=payload)
    expected = await resolvers.post("/graphql", json=payload)
    print(
        "DEBUG",
        answered.status_code,
        expected.status_code,
        query,
        variables,
        answered.text[:300],
        expected.text[:300],
    )
    assert answered.status_code == expected.status_code, (query, variables)
    assert comparable(answered.json()) == comparable(expected.json()), (query, variables)
    body: dict[str, Any] = answered.json()
    return body
