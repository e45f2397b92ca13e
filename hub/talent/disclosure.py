"""Small-number suppression: which published counts the public must not see.

A count of 1 to ``minimum - 1`` people could point at someone (the one applicant from a
region), so it is withheld ("primary" suppression). That alone is not enough when the
counts published together add up: a total minus the counts shown gives back a lone
withheld one. So more counts are withheld ("secondary" suppression, the smallest first)
until, in every sum published with its parts (``Sum``):

- the withheld members (the sum itself counts as one) are none, or at least two;
- when the sum is shown, its withheld parts add up to at least ``minimum``;

and, over all the sums together, no count withheld for being small has a single value
left that fits every sum and the counts shown, for someone who knows this rule (so
that such a count is between 1 and ``minimum - 1``, and one withheld to protect others
is 0 or at least ``minimum``). The last check is exact for sums that nest as a tree
(a total of countries, a country of its regions, a total of years): it works out the
values each count can take (unions of intervals) from its parts up and from its sum
down. Zero is shown: nobody is nobody. No SQL here: ``hub.talent.reach_queries``
applies it to the counts it read.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass

UNBOUNDED = 10**12
"""Larger than any count: the top of a range with no known top."""

Values = tuple[tuple[int, int], ...]
"""The values a count can take: sorted, disjoint, inclusive ranges."""


@dataclass(frozen=True)
class Sum:
    """A published count (``whole``) that is the sum of other published counts.

    Every count is a part of at most one sum, so the sums nest as a tree.
    """

    whole: Hashable
    parts: Sequence[Hashable]


def withheld_counts(
    counts: Mapping[Hashable, int], sums: Sequence[Sum], minimum: int
) -> set[Hashable]:
    """The keys of ``counts`` the public must not see, by the rule above."""
    small = {key for key, value in counts.items() if 0 < value < minimum}
    withheld = set(small)
    while True:
        failing = next((s for s in sums if not _holds(s, counts, withheld, minimum)), None)
        if failing is None:
            pinned = _pinned(counts, sums, withheld, small, minimum)
            if pinned is None:
                return withheld
            # The sum it is a part of; a total no sum holds is pinned by its own parts.
            failing = next(s for s in sums if pinned in s.parts or s.whole == pinned)
        if not _withhold_one_more(failing, counts, sums, withheld):
            return withheld


def _withhold_one_more(
    failing: Sum, counts: Mapping[Hashable, int], sums: Sequence[Sum], withheld: set[Hashable]
) -> bool:
    """Withhold the smallest count still shown under ``failing`` (else its whole, else
    under the sum above it); False when every count is withheld already."""
    target: Sum | None = failing
    while target is not None:
        candidates = [key for key in _subtree(target, sums) if key not in withheld]
        if candidates:
            withheld.add(min(candidates, key=lambda key: (counts[key], repr(key))))
            return True
        if target.whole not in withheld:
            withheld.add(target.whole)
            return True
        whole = target.whole
        target = next((s for s in sums if whole in s.parts), None)
    return False


def _holds(
    total: Sum, counts: Mapping[Hashable, int], withheld: set[Hashable], minimum: int
) -> bool:
    hidden = [part for part in total.parts if part in withheld]
    members = len(hidden) + (total.whole in withheld)
    if members == 0 or total.whole in withheld:
        return members != 1
    return members >= 2 and sum(counts[part] for part in hidden) >= minimum


def _subtree(total: Sum, sums: Sequence[Sum]) -> Iterator[Hashable]:
    """The parts of ``total`` and, below them, the parts of their own sums."""
    for part in total.parts:
        yield part
        for below in sums:
            if below.whole == part:
                yield from _subtree(below, sums)


def _pinned(
    counts: Mapping[Hashable, int],
    sums: Sequence[Sum],
    withheld: set[Hashable],
    small: set[Hashable],
    minimum: int,
) -> Hashable | None:
    """A count withheld for being small that only one value fits, if any."""

    def own(key: Hashable) -> Values:
        if key not in withheld:
            return ((counts[key], counts[key]),)
        if key in small:
            return ((1, minimum - 1),)
        return ((0, 0), (minimum, UNBOUNDED))

    below: dict[Hashable, Values] = {}

    def from_parts(key: Hashable) -> Values:
        if key not in below:
            values = own(key)
            for total in sums:
                if total.whole == key:
                    values = _meet(values, _sum_of([from_parts(p) for p in total.parts]))
            below[key] = values
        return below[key]

    def visit(key: Hashable, from_above: Values) -> Hashable | None:
        values = _meet(from_parts(key), from_above)
        if key in small and _size(values) == 1:
            return key
        for total in sums:
            if total.whole != key:
                continue
            context = _meet(own(key), from_above)
            for other in sums:
                if other.whole == key and other is not total:
                    context = _meet(context, _sum_of([from_parts(p) for p in other.parts]))
            for part in total.parts:
                siblings = [from_parts(p) for p in total.parts if p != part]
                found = visit(part, _minus(context, _sum_of(siblings)))
                if found is not None:
                    return found
        return None

    for root in {s.whole for s in sums} - {p for s in sums for p in s.parts}:
        found = visit(root, ((0, UNBOUNDED),))
        if found is not None:
            return found
    return None


def _normal(ranges: list[tuple[int, int]]) -> Values:
    merged: list[tuple[int, int]] = []
    for low, high in sorted((max(low, 0), min(high, UNBOUNDED)) for low, high in ranges):
        if low > high:
            continue
        if merged and low <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return tuple(merged)


def _sum_of(parts: Sequence[Values]) -> Values:
    total: Values = ((0, 0),)
    for values in parts:
        total = _normal([(a + c, b + d) for a, b in total for c, d in values])
    return total


def _minus(whole: Values, parts: Values) -> Values:
    return _normal([(a - d, b - c) for a, b in whole for c, d in parts])


def _meet(first: Values, second: Values) -> Values:
    return _normal(
        [(max(a, c), min(b, d)) for a, b in first for c, d in second if max(a, c) <= min(b, d)]
    )


def _size(values: Values) -> int:
    return sum(high - low + 1 for low, high in values)
