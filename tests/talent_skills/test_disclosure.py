"""Small-number suppression: no count below the minimum is shown, nor can it be worked
out from the totals and subtotals shown with it."""

from __future__ import annotations

import itertools

import pytest

from hub.talent.disclosure import Sum, withheld_counts

MINIMUM = 5


def recoverable(counts, sums, withheld, minimum=MINIMUM):
    """Withheld counts below ``minimum`` that only one assignment of the withheld counts
    fits (brute force over small values: up to 2 * minimum + 3), given the counts shown."""
    hidden = sorted(withheld, key=repr)
    small = {key for key in hidden if 0 < counts[key] < minimum}
    domains = [
        range(1, minimum) if key in small else [0, *range(minimum, 2 * minimum + 4)]
        for key in hidden
    ]
    seen: dict[object, set[int]] = {key: set() for key in small}
    for values in itertools.product(*domains):
        guess = {**counts, **dict(zip(hidden, values, strict=True))}
        if all(guess[s.whole] == sum(guess[p] for p in s.parts) for s in sums):
            for key in small:
                seen[key].add(guess[key])
    return {key for key, values in seen.items() if len(values) == 1}


def test_a_small_count_is_withheld_and_so_is_the_smallest_part_that_would_give_it_away():
    counts = {"total": 30, "KZ": 27, "UZ": 3}
    sums = [Sum("total", ["KZ", "UZ"])]
    assert withheld_counts(counts, sums, MINIMUM) == {"UZ", "KZ"}


def test_counts_at_or_above_the_minimum_and_zero_are_shown():
    counts = {"total": 12, "KZ": 7, "UZ": 5, "TJ": 0}
    assert withheld_counts(counts, [Sum("total", ["KZ", "UZ", "TJ"])], MINIMUM) == set()


def test_two_withheld_parts_adding_up_to_less_than_the_minimum_take_a_third_along():
    counts = {"total": 40, "a": 1, "b": 2, "c": 9, "d": 28}
    withheld = withheld_counts(counts, [Sum("total", ["a", "b", "c", "d"])], MINIMUM)
    assert withheld == {"a", "b", "c"}


def test_a_total_below_the_minimum_withholds_everything():
    counts = {"total": 3, "KZ": 2, "UZ": 1, "2025": 3}
    sums = [Sum("total", ["KZ", "UZ"]), Sum("total", ["2025"])]
    assert withheld_counts(counts, sums, MINIMUM) == {"total", "KZ", "UZ", "2025"}


def test_a_withheld_subtotal_is_not_given_back_by_its_shown_parts():
    counts = {"total": 20, "KZ": 16, "UZ": 4, "KZ-75": 10, "KZ-61": 6}
    sums = [Sum("total", ["KZ", "UZ"]), Sum("KZ", ["KZ-75", "KZ-61"])]
    withheld = withheld_counts(counts, sums, MINIMUM)
    assert {"UZ", "KZ"} <= withheld
    assert withheld & {"KZ-75", "KZ-61"}


def test_withheld_parts_at_their_largest_possible_values_are_not_left_pinned():
    counts = {"total": 20, "a": 4, "b": 4, "c": 12}
    withheld = withheld_counts(counts, [Sum("total", ["a", "b", "c"])], MINIMUM)
    assert recoverable(counts, [Sum("total", ["a", "b", "c"])], withheld) == set()
    assert withheld == {"a", "b", "c"}


@pytest.mark.parametrize("seed", range(24))
def test_no_withheld_small_count_can_be_worked_out_in_random_tables(seed):
    import random

    chance = random.Random(seed)
    regions = {f"KZ-{index}": chance.choice([0, 1, 2, 3, 4, 5, 6, 9]) for index in range(3)}
    others = {"UZ": chance.choice([1, 2, 4, 6]), "TJ": chance.choice([0, 3, 7])}
    counts = {**regions, **others, "KZ": sum(regions.values())}
    counts["total"] = counts["KZ"] + others["UZ"] + others["TJ"]
    sums = [Sum("total", ["KZ", "UZ", "TJ"]), Sum("KZ", list(regions))]
    withheld = withheld_counts(counts, sums, MINIMUM)
    assert {key for key, value in counts.items() if 0 < value < MINIMUM} <= withheld
    assert recoverable(counts, sums, withheld) == set()


def test_every_table_of_small_counts_ends_withheld_whole_and_nothing_fails():
    for total in range(1, MINIMUM):
        for first in range(total + 1):
            counts = {"total": total, "a": first, "b": total - first}
            withheld = withheld_counts(counts, [Sum("total", ["a", "b"])], MINIMUM)
            assert "total" in withheld
            assert recoverable(counts, [Sum("total", ["a", "b"])], withheld) == set()
