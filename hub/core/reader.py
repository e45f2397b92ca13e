"""One request's read access to the database, shared by all of its loaders."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any, TypeVar

from sqlalchemy import Executable, RowMapping
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.mapping import QueryEnv

T = TypeVar("T")


class Reader:
    """Runs a request's SELECTs one at a time on its session.

    GraphQL resolves sibling fields concurrently, so several DataLoaders can dispatch
    in the same tick; an AsyncSession must not be used concurrently, hence the lock.
    """

    def __init__(self, session: AsyncSession, env: QueryEnv) -> None:
        self.session = session
        self.env = env
        self._lock = asyncio.Lock()

    async def rows(
        self, statement: Executable, parameters: Mapping[str, Any] | None = None
    ) -> Sequence[RowMapping]:
        """The rows of a statement; ``parameters`` fill its named ``bindparam``s (a
        statement built once and run many times keeps its memoized cache key)."""
        async with self._lock:
            result = await self.session.execute(statement, parameters)
            return result.mappings().all()

    async def scalar(self, statement: Executable) -> Any:
        async with self._lock:
            return await self.session.scalar(statement)

    async def run(self, work: Callable[[AsyncSession], Awaitable[T]]) -> T:
        """Any other use of the session during a read (a permission check), in turn."""
        async with self._lock:
            return await work(self.session)
