"""Ranking quality on labelled cases: precision@5 and nDCG@10 against a careful human.

``evaluation_cases.json`` holds the cases, each labelled by reading the demo data
against its criteria (with a rationale), not by running the ranker. The floors sit
slightly below what the ranker reaches, so a change that makes matches worse fails;
``docs/matchmaking.md`` records the figures. ``pytest -s`` prints them per case.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.helpers import data_of
from tests.matching.documents import MATCH_CREATORS, MATCH_CREATORS_FOR, handles, role_id

CASES = json.loads((Path(__file__).parent / "evaluation_cases.json").read_text())["cases"]

PRECISION_AT_5_FLOOR = 0.98
NDCG_AT_10_FLOOR = 0.98


def precision_at(k: int, ranked: list[str], relevant: dict[str, int]) -> float:
    """Share of the first ``k`` that are relevant, out of as many as could be."""
    hits = sum(1 for handle in ranked[:k] if relevant.get(handle, 0) > 0)
    return hits / min(k, len(relevant))


def ndcg_at(k: int, ranked: list[str], relevant: dict[str, int]) -> float:
    """Normalised discounted cumulative gain with graded relevance (gain 2^grade - 1)."""

    def dcg(grades: list[int]) -> float:
        return sum((2**grade - 1) / math.log2(rank + 2) for rank, grade in enumerate(grades[:k]))

    ideal = dcg(sorted(relevant.values(), reverse=True))
    return dcg([relevant.get(handle, 0) for handle in ranked]) / ideal


@dataclass(frozen=True)
class Score:
    name: str
    kind: str
    precision: float
    ndcg: float


FLOORS = {"matchCreators": (0.98, 0.97), "matchCreatorsFor": (0.98, 0.99)}
"""Per kind of ranking: the precision@5 and nDCG@10 floors (docs/matchmaking.md)."""


async def _ranked(client, case: dict[str, Any]) -> list[str]:
    if "role" in case:
        role = await role_id(client, case["role"]["project"], case["role"]["title"])
        data = await data_of(client, MATCH_CREATORS, {"role": role, "first": 10})
        return handles(data["matchCreators"])
    data = await data_of(client, MATCH_CREATORS_FOR, {"criteria": case["criteria"], "first": 10})
    return handles(data["matchCreatorsFor"])


def test_there_are_labelled_cases_with_rationales_for_the_issues_failures():
    assert len(CASES) >= 39
    assert sum(case["name"].startswith("issue 11, failure 1") for case in CASES) >= 3
    assert sum(case["name"].startswith("issue 11, failure 2") for case in CASES) >= 2
    assert all(case["relevant"] and case["rationale"] for case in CASES)


def test_the_metrics_reward_the_ideal_order_and_punish_misses():
    relevant = {"a": 2, "b": 1}
    assert precision_at(5, ["a", "b", "x"], relevant) == 1.0
    assert precision_at(5, ["x", "a"], relevant) == 0.5
    assert ndcg_at(10, ["a", "b"], relevant) == 1.0
    assert ndcg_at(10, ["b", "a"], relevant) < 1.0
    assert ndcg_at(10, ["x", "y"], relevant) == 0.0


async def test_the_ranker_meets_the_floors_on_the_labelled_cases(client):
    scores = []
    for case in CASES:
        ranked = await _ranked(client, case)
        relevant = case["relevant"]
        kind = "matchCreators" if "role" in case else "matchCreatorsFor"
        scores.append(
            Score(
                case["name"], kind, precision_at(5, ranked, relevant), ndcg_at(10, ranked, relevant)
            )
        )
    for score in scores:
        print(f"{score.precision:5.2f} {score.ndcg:5.2f}  {score.name}")
    precision = sum(score.precision for score in scores) / len(scores)
    ndcg = sum(score.ndcg for score in scores) / len(scores)
    print(f"mean precision@5 {precision:.3f}, mean nDCG@10 {ndcg:.3f} over {len(scores)} cases")
    assert precision >= PRECISION_AT_5_FLOOR
    assert ndcg >= NDCG_AT_10_FLOOR
    for kind, (precision_floor, ndcg_floor) in FLOORS.items():
        mine = [score for score in scores if score.kind == kind]
        precision = sum(score.precision for score in mine) / len(mine)
        ndcg = sum(score.ndcg for score in mine) / len(mine)
        print(f"{kind}: precision@5 {precision:.3f}, nDCG@10 {ndcg:.3f} over {len(mine)} cases")
        assert precision >= precision_floor, kind
        assert ndcg >= ndcg_floor, kind
