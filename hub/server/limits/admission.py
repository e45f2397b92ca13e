"""Everything decided about a request before it runs, in order.

1. the document: the query sent, or a persisted one by hash (trusted documents only,
   when so configured);
2. its length in characters and its size in tokens, before parsing it;
3. the longest string in the variables, then in the document's literals;
4. the operation to run (subscriptions over WebSocket, the rest over HTTP), its depth,
   aliases and cost; over a limit, it is refused;
5. the client's rate limit, charged with the cost; out of points, it is refused (429).

Nothing is executed, and no SQL runs, for a refused request; refused requests are
charged nothing.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace
from typing import Any

import orjson
from graphql import (
    DocumentNode,
    GraphQLError,
    GraphQLSchema,
    OperationDefinitionNode,
    OperationType,
    parse,
)

from hub.api.errors import RequestErrorCode
from hub.api.limits.charge import Charge
from hub.config import Settings
from hub.server.limits.cost import PageSizes, operation_cost
from hub.server.limits.persisted import PersistedQueries, Resolved
from hub.server.limits.rate_limit import RateLimiter
from hub.server.limits.refusal import Refused
from hub.server.limits.shape import Shape, count_tokens, fragments_of, shape_of
from hub.server.limits.text import Text, longest_literal, longest_variable
from hub.server.params import GraphQLParams


@dataclass(frozen=True)
class Analysis:
    """A document parsed, with the operation a request chose, or why none can be."""

    document: DocumentNode | None  # None when it does not parse: the executor says why
    operation: OperationDefinitionNode | None
    problem: str | None
    longest_literal: Text | None = None


@functools.lru_cache(maxsize=1024)
def analyse(query: str, operation_name: str | None) -> Analysis:
    if not query.strip():
        return Analysis(None, None, "The document is empty.")
    try:
        document = parse(query)
    except GraphQLError:
        return Analysis(None, None, None)
    return replace(_operation(document, operation_name), longest_literal=longest_literal(document))


def _operation(document: DocumentNode, operation_name: str | None) -> Analysis:
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name:
        operations = [o for o in operations if o.name and o.name.value == operation_name]
        if not operations:
            return Analysis(
                document, None, f"The document has no operation named {operation_name!r}."
            )
    elif not operations:
        return Analysis(document, None, "The document has no operation to run.")
    elif len(operations) > 1:
        return Analysis(
            document, None, "The document has several operations; say which one in `operationName`."
        )
    return Analysis(document, operations[0], None)


COST_CACHE_SIZE = 4096

WRONG_TRANSPORT = {
    False: "Subscriptions are not supported by this endpoint.",
    True: "This WebSocket runs subscriptions only; send queries and mutations over HTTP.",
}
"""Why an operation is refused, by whether it came over WebSocket."""


@functools.lru_cache(maxsize=1024)
def _count_tokens(query: str, limit: int) -> int:
    return count_tokens(query, limit)


@functools.lru_cache(maxsize=1024)
def _shape(query: str, operation_name: str | None) -> Shape:
    analysis = analyse(query, operation_name)
    assert analysis.document is not None
    assert analysis.operation is not None
    return shape_of(analysis.operation, fragments_of(analysis.document))


def _cost_shape(variables: dict[str, Any] | None) -> bytes:
    """The variables as far as a cost can tell them apart: strings all look alike."""
    shaped = {
        name: None if isinstance(value, str) else value for name, value in (variables or {}).items()
    }
    return orjson.dumps(shaped, option=orjson.OPT_SORT_KEYS, default=str)


@dataclass(frozen=True)
class Plan:
    """What will run: the document, its operation's kind (None: a request error), its cost."""

    resolved: Resolved
    kind: OperationType | None
    problem: str | None
    cost: int


class Admission:
    def __init__(
        self,
        schema: GraphQLSchema,
        settings: Settings,
        persisted: PersistedQueries,
        limiter: RateLimiter | None,
    ) -> None:
        self.schema = schema
        self.settings = settings
        self.persisted = persisted
        self.limiter = limiter
        self.pages = PageSizes(settings.default_page_size, settings.max_page_size)
        self._costs: dict[tuple[str, str | None, bytes], int] = {}

    async def plan(self, params: GraphQLParams, client: str, *, websocket: bool = False) -> Plan:
        """Resolve and measure the document; raise ``Refused`` when it breaks a limit.

        Over HTTP an operation is a query or a mutation; over a ``websocket``, a
        subscription: the other kind is a request error (a ``problem``).
        """
        resolved = await self.persisted.resolve(params.query, params.extensions)
        self._check_length(resolved.document)
        limit = self.settings.max_tokens
        if _count_tokens(resolved.document, limit) > limit:
            raise Refused(
                RequestErrorCode.TOO_MANY_TOKENS,
                f"The document has more than {limit} tokens.",
                details={"maxTokens": limit},
            )
        self._check_text(longest_variable(params.variables))
        analysis = analyse(resolved.document, params.operation_name)
        self._check_text(analysis.longest_literal)
        if analysis.document is None or analysis.operation is None:
            return Plan(resolved, None, analysis.problem, 0)
        if (analysis.operation.operation is OperationType.SUBSCRIPTION) is not websocket:
            return Plan(resolved, None, WRONG_TRANSPORT[websocket], 0)
        cost = self._cost(resolved.document, params.operation_name, analysis, params.variables)
        refusal = self._broken_limit(resolved.document, params.operation_name, cost)
        if refusal is not None:
            raise refusal.with_extensions(await self.report(client, cost, None))
        return Plan(resolved, analysis.operation.operation, None, cost)

    def _check_length(self, document: str) -> None:
        limit = self.settings.max_document_length
        if len(document) > limit:
            raise Refused(
                RequestErrorCode.DOCUMENT_TOO_LONG,
                f"The document is {len(document)} characters long, over the limit of {limit}.",
                details={"length": len(document), "maxDocumentLength": limit},
            )

    def _check_text(self, text: Text | None) -> None:
        limit = self.settings.max_text_length
        if text is not None and text.length > limit:
            raise Refused(
                RequestErrorCode.TEXT_TOO_LONG,
                f"The text in {text.where} is {text.length} characters long, over the limit "
                f"of {limit}.",
                details={"length": text.length, "maxTextLength": limit},
            )

    async def charge(self, client: str, cost: int) -> Charge | None:
        """Spend the cost from the client's points; ``None`` when there is no rate limit."""
        if self.limiter is None:
            return None
        outcome = await self.limiter.charge(client, cost)
        if outcome.allowed:
            return outcome.charge
        charge = outcome.charge
        raise Refused(
            RequestErrorCode.RATE_LIMITED,
            f"This query costs {cost} points and {charge.remaining} of {charge.limit} are "
            f"left in this minute; try again in {outcome.retry_after} s.",
            status=429,
            headers={"Retry-After": str(outcome.retry_after)},
            details={"cost": cost, "retryAfter": outcome.retry_after},
            extensions=self._cost_extension(cost, charge),
        )

    async def report(self, client: str, cost: int, charge: Charge | None) -> dict[str, Any]:
        """``extensions`` of a response: the cost, and the client's rate-limit state."""
        if charge is None and self.limiter is not None:
            charge = (await self.limiter.peek(client, cost)).charge
        return self._cost_extension(cost, charge)

    def _cost_extension(self, cost: int, charge: Charge | None) -> dict[str, Any]:
        cost_report: dict[str, Any] = {
            "requestedQueryCost": cost,
            "maximumAvailable": self.settings.max_query_cost,
        }
        if charge is not None:
            cost_report["throttleStatus"] = charge.as_throttle_status()
        return {"cost": cost_report}

    def _cost(
        self,
        query: str,
        operation_name: str | None,
        analysis: Analysis,
        variables: dict[str, Any] | None,
    ) -> int:
        """The operation's cost, computed once per document and cost-shaping variables.

        Only numbers (page sizes) and lists (IDs) change a cost, so requests that differ in
        their strings alone (a handle, a search) share one computation.
        """
        key = (query, operation_name, _cost_shape(variables))
        if key not in self._costs:
            assert analysis.document is not None
            assert analysis.operation is not None
            if len(self._costs) >= COST_CACHE_SIZE:
                self._costs.pop(next(iter(self._costs)))
            self._costs[key] = operation_cost(
                self.schema, analysis.document, analysis.operation, variables, self.pages
            )
        return self._costs[key]

    def _broken_limit(self, query: str, operation_name: str | None, cost: int) -> Refused | None:
        """The first limit the operation breaks, in the order the documentation gives."""
        settings = self.settings
        shape = _shape(query, operation_name)
        checks = [
            (RequestErrorCode.QUERY_TOO_DEEP, "depth", shape.depth, settings.max_query_depth),
            (RequestErrorCode.TOO_MANY_ALIASES, "aliases", shape.aliases, settings.max_aliases),
            (RequestErrorCode.QUERY_TOO_COSTLY, "cost", cost, settings.max_query_cost),
        ]
        for code, key, value, limit in checks:
            if value > limit:
                return Refused(
                    code,
                    f"The operation's {_NOUNS[key]} is {value}, over the limit of {limit}."
                    + _ADVICE.get(code, ""),
                    details={key: value, f"max{key.capitalize()}": limit},
                )
        return None


_NOUNS = {"depth": "depth", "aliases": "number of aliases", "cost": "cost"}


_ADVICE = {
    RequestErrorCode.QUERY_TOO_COSTLY: " Ask for smaller pages (`first`/`last`) or fewer "
    "nested lists.",
}
