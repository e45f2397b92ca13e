"""Rules about disciplines that other domains' writes rely on."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.rules import RuleContext
from hub.core.validation import FieldCode, Path, Problems
from hub.disciplines.errors import DisciplineRuleCode
from hub.disciplines.models import Discipline
from hub.i18n.messages import _


async def discipline_ids(
    session: AsyncSession, problems: Problems, path: str, slugs: Sequence[str]
) -> list[int]:
    """Ids of the disciplines named by ``slugs``, in order; unknown slugs are problems."""
    if not slugs:
        return []
    rows = await session.execute(
        select(Discipline.slug, Discipline.id).where(Discipline.slug.in_(slugs))
    )
    found = {slug: key for slug, key in rows.all()}
    for index, slug in enumerate(slugs):
        if slug not in found:
            problems.add(
                (path, str(index)),
                DisciplineRuleCode.UNKNOWN_DISCIPLINE,
                _("{slug!r} is not a discipline.", slug=slug),
            )
    if len(set(slugs)) != len(slugs):
        problems.add(path, FieldCode.DUPLICATE, _("`{name}` names a discipline twice.", name=path))
    return [found[slug] for slug in slugs if slug in found]


async def discipline_id(
    session: AsyncSession, problems: Problems, path: str, slug: str
) -> int | None:
    found = await session.scalar(select(Discipline.id).where(Discipline.slug == slug))
    if found is None:
        problems.add(
            path,
            DisciplineRuleCode.UNKNOWN_DISCIPLINE,
            _("{slug!r} is not a discipline.", slug=slug),
        )
    return found


@dataclass(frozen=True)
class DisciplineIds:
    """A field rule (``hub.core.rules``): discipline slugs, none twice; their ids."""

    async def __call__(self, context: RuleContext, path: Path, value: Any) -> Any:
        return await discipline_ids(context.session, context.problems, path[-1], list(value))


@dataclass(frozen=True)
class DisciplineId:
    """A field rule (``hub.core.rules``): one discipline's slug; its id."""

    async def __call__(self, context: RuleContext, path: Path, value: Any) -> Any:
        return await discipline_id(context.session, context.problems, path[-1], value)
