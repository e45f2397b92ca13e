"""The ``search`` of a root list: what it narrows to, and the order when none is asked for."""

from __future__ import annotations

from typing import Any, Protocol

from sqlalchemy import ColumnElement, SQLColumnExpression

from hub.api.context import Info
from hub.api.nodes import MappedType
from hub.api.pagination import OrderInput, QueryListing, ordering
from hub.core.filters import TextSearch


class SearchFilter(Protocol):
    """A list's filter input with a ``search`` field."""

    search: str | None


def searched_listing(
    info: Info,
    node_type: type[MappedType],
    document: SQLColumnExpression[str],
    where: SearchFilter | None,
    conditions: tuple[ColumnElement[Any], ...],
    order_by: OrderInput | None = None,
) -> QueryListing:
    """A root list narrowed by ``where.search`` on ``document``, and ``conditions``.

    Without ``order_by``, a search orders the list by relevance.
    """
    search = where.search if where is not None else None
    text_search = TextSearch.of(search, info.context.settings.search_similarity_threshold)
    if text_search is None:
        return QueryListing(node_type, conditions, ordering(order_by))
    return QueryListing(
        node_type,
        (*conditions, text_search.matches(document)),
        ordering(order_by),
        leading_order=() if order_by is not None else text_search.relevance(document),
    )


def unsearched_listing(
    node_type: type[MappedType],
    where: SearchFilter | None,
    conditions: tuple[ColumnElement[Any], ...],
    order_by: OrderInput | None = None,
) -> QueryListing | None:
    """What ``searched_listing`` gives when no search narrows the list; ``None`` when one
    does (the compiled read path leaves searches to the resolver tree)."""
    search = where.search if where is not None else None
    if TextSearch.of(search, 0.0) is not None:
        return None
    return QueryListing(node_type, conditions, ordering(order_by))
