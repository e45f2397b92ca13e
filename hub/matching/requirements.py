"""Requirements before preferences: the tier a candidate ranks in, and who is left out.

A role's requirements (``RoleRequirement``: discipline, level, languages at the
proficiency asked, location for on-site work) are conditions, not weights: whoever
meets every one that applies ranks above whoever misses one, whatever the weights.
A strict requirement leaves out whoever misses it instead. Both sides build the same
``Requirement`` values, as SQL over their own rows (``candidates.py``, ``roles.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import and_, case, or_, true

from hub.matching.scoring import Condition, Expr
from hub.projects.enums import RoleRequirement


@dataclass(frozen=True)
class Requirement:
    """One requirement in one statement: where it applies, where it is met, whether strict."""

    kind: RoleRequirement
    applies: Condition
    met: Expr
    """True where met; NULL counts as missed."""
    strict: Condition


def _holds_or_irrelevant(requirement: Requirement, *, only_strict: bool) -> Condition:
    """The requirement is met, or does not apply (or, ``only_strict``, is soft) here."""
    exempt: list[Expr] = []
    for condition in (requirement.applies, requirement.strict if only_strict else True):
        if condition is False:
            return True
        if not isinstance(condition, bool):
            exempt.append(~condition)
    met = case((requirement.met, True), else_=False)
    return or_(*exempt, met) if exempt else met


def exclusions(requirements: Sequence[Requirement]) -> list[Expr]:
    """WHERE clauses leaving out whoever misses a strict requirement."""
    clauses: list[Expr] = []
    for requirement in requirements:
        holds = _holds_or_irrelevant(requirement, only_strict=True)
        if holds is not True:
            assert not isinstance(holds, bool)
            clauses.append(holds)
    return clauses


def meets_all(requirements: Sequence[Requirement]) -> Expr:
    """1 where every requirement that applies is met, else 0: the tier, best first."""
    parts = [_holds_or_irrelevant(requirement, only_strict=False) for requirement in requirements]
    conditions = [part for part in parts if not isinstance(part, bool)]
    if not conditions:
        return case((true(), 1), else_=0)
    return case((and_(*conditions), 1), else_=0)
