"""The scoring model: a weighted mean of factors, in SQL for ranking, explained in Python.

A ``Factor`` says, once, when it applies, its value in [0, 1] as a SQL expression, and
the sentence that explains it. For one statement, ``weigh`` keeps the factors that
apply with a non-zero weight; ``ScoreColumns`` turns them into the selected value
columns and the score the statement orders by; ``explain`` reads a fetched row back
into reasons whose contributions add up to the score.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import ColumnElement, Float, RowMapping, and_, case, literal

from hub.config import Settings
from hub.i18n.locales import DEFAULT_LOCALE, Locale
from hub.matching.enums import MatchFactor
from hub.matching.wording import Said, sentences

Expr = ColumnElement[Any]
Condition = Expr | bool
"""A condition known in Python for the whole statement (a bool) or per row (SQL)."""

FactsT = TypeVar("FactsT")
ViewT = TypeVar("ViewT")

SCORE = "match_score"


def all_of(*conditions: Condition) -> Condition:
    """Conjunction that stays a Python bool while every part is one."""
    if any(condition is False for condition in conditions):
        return False
    # No part is False now, so every bool left is True and adds nothing.
    rest = [condition for condition in conditions if not isinstance(condition, bool)]
    return and_(*rest) if rest else True


def as_value(condition: Expr) -> Expr:
    """1.0 where the condition holds, 0.0 otherwise (also where it is unknown)."""
    return case((condition, 1.0), else_=0.0)


def mean(values: Sequence[Expr]) -> Expr:
    total: Expr = values[0]
    for value in values[1:]:
        total = total + value
    return total * (1.0 / len(values)) if len(values) > 1 else total


def number(value: float) -> Expr:
    """A float the database computes with as a double on both dialects."""
    return literal(value, Float)


@dataclass(frozen=True)
class Factor(Generic[FactsT, ViewT]):
    """One ingredient of a score, defined once for the SQL and the sentence."""

    kind: MatchFactor
    applies: Callable[[FactsT], Condition]
    value: Callable[[FactsT, Settings], Expr]
    sentence: Callable[[ViewT, float], list[Said]]

    def weight(self, settings: Settings) -> float:
        return float(getattr(settings, self.kind.weight_setting))

    @classmethod
    def flag(
        cls,
        kind: MatchFactor,
        applies: Callable[[FactsT], Condition],
        holds: Callable[[FactsT], Expr],
        sentence: Callable[[ViewT, float], list[Said]],
    ) -> Factor[FactsT, ViewT]:
        """A factor worth 1 where a condition on the row holds, and 0 elsewhere."""
        return cls(kind, applies, lambda facts, _settings: as_value(holds(facts)), sentence)


@dataclass(frozen=True)
class Weighed(Generic[FactsT, ViewT]):
    """A factor in one statement: its weight and its SQL, ready to select.

    A negative weight (prior collaboration may be a minus) is turned into a positive
    weight on the opposite value, so every value and contribution stays in [0, 1].
    """

    factor: Factor[FactsT, ViewT]
    weight: float
    applies: Condition
    value: Expr

    @property
    def value_label(self) -> str:
        return f"match_value_{self.factor.kind.value.lower()}"

    @property
    def applies_label(self) -> str:
        return f"match_applies_{self.factor.kind.value.lower()}"

    def applies_to(self, row: RowMapping) -> bool:
        return self.applies is True or bool(row[self.applies_label])


def weigh(
    factors: Sequence[Factor[FactsT, ViewT]], facts: FactsT, settings: Settings
) -> list[Weighed[FactsT, ViewT]]:
    weighed: list[Weighed[FactsT, ViewT]] = []
    for factor in factors:
        weight = factor.weight(settings)
        applies = factor.applies(facts)
        if applies is False or weight == 0:
            continue
        value = factor.value(facts, settings)
        if weight < 0:
            weight, value = -weight, 1.0 - value
        weighed.append(Weighed(factor, weight, applies, value))
    return weighed


def score_columns(weighed: Sequence[Weighed[Any, Any]]) -> tuple[list[Expr], Expr]:
    """The columns a ranked statement selects, and its score (the weighted mean).

    When every factor's applicability is known in Python, the denominator is a
    constant; otherwise each row sums the weights of the factors that apply to it.
    """
    columns: list[Expr] = []
    numerator: Expr = number(0.0)
    denominator: Expr | float = 0.0
    for item in weighed:
        columns.append(item.value.label(item.value_label))
        if item.applies is True:
            numerator = numerator + item.value * item.weight
            denominator = denominator + item.weight
        else:
            applies = item.applies
            assert not isinstance(applies, bool)
            columns.append(case((applies, True), else_=False).label(item.applies_label))
            numerator = numerator + case((applies, item.value * item.weight), else_=0.0)
            denominator = denominator + case((applies, item.weight), else_=0.0)
    if isinstance(denominator, float):
        score = numerator * (1.0 / denominator) if denominator else number(0.0)
    else:
        score = case((denominator > 0, numerator / denominator), else_=0.0)
    return columns, score


@dataclass(frozen=True)
class Reason:
    """Why a match scored what it did, for one factor."""

    factor: MatchFactor
    weight: float
    value: float
    contribution: float
    parts: list[Said]
    """What it says, one part per discipline or language asked (one for most factors)."""

    def detail(self, locale: Locale = DEFAULT_LOCALE) -> str:
        """The reason as one sentence in ``locale``."""
        return sentences(self.parts, locale)


def explain(
    row: RowMapping, weighed: Sequence[Weighed[Any, ViewT]], view: ViewT
) -> tuple[float, list[Reason]]:
    """The score of a fetched row and its reasons, largest contribution first.

    ``weight`` is a factor's share of the weights that apply to this row, so each
    contribution is ``weight * value`` and the contributions add up to the score.
    """
    applying = [item for item in weighed if item.applies_to(row)]
    total = sum(item.weight for item in applying)
    reasons = []
    for item in applying:
        value = float(row[item.value_label])
        share = item.weight / total
        parts = item.factor.sentence(view, value)
        reasons.append(Reason(item.factor.kind, share, value, share * value, parts))
    reasons.sort(key=lambda reason: -reason.contribution)
    score = sum(reason.contribution for reason in reasons)
    return min(1.0, max(0.0, score)), reasons
