"""Small helpers the tests share: posting GraphQL and reading answers."""

from __future__ import annotations

from typing import Any

import httpx

from tests.conftest import ADMIN_TOKEN

ADMIN = {"Authorization": f"Bearer {ADMIN_TOKEN}"}


async def graphql(
    client: httpx.AsyncClient,
    query: str,
    variables: dict[str, Any] | None = None,
    *,
    headers: dict[str, str] | None = None,
) -> dict[str, Any]:
    """POST an operation and return the response body, asserting it was served as JSON."""
    response = await client.post(
        "/graphql", json={"query": query, "variables": variables or {}}, headers=headers or {}
    )
    assert response.headers["content-type"].startswith("application/"), response.text
    body: dict[str, Any] = response.json()
    return body


async def data_of(
    client: httpx.AsyncClient,
    query: str,
    variables: dict[str, Any] | None = None,
    *,
    admin: bool = False,
    headers: dict[str, str] | None = None,
) -> dict[str, Any]:
    """The ``data`` of a successful operation; fails the test on any error."""
    body = await graphql(client, query, variables, headers=ADMIN if admin else headers)
    assert "errors" not in body, body["errors"]
    data: dict[str, Any] = body["data"]
    return data


def is_subscription(document: str) -> bool:
    """Whether an example operation is a subscription (served over WebSocket, not POST)."""
    from graphql import OperationDefinitionNode, OperationType, parse

    return any(
        isinstance(definition, OperationDefinitionNode)
        and definition.operation == OperationType.SUBSCRIPTION
        for definition in parse(document).definitions
    )
