"""The shortest chain of collaborators between two creators: bidirectional breadth-first.

The search grows two balls of creators, one around each end, a whole layer at a time,
always expanding the side whose frontier is smaller; each expansion is one SQL
statement over the frontier's keys. The first layer that touches the other ball fixes
the length, and every shortest chain runs through the creators where they touch.

Among equally short chains the search returns the one whose creators' keys, read from
``source`` to ``target``, are lowest at the first place they differ. Keys are given in
the order creators were added, so the rule is stable and needs no extra data.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise

from hub.collaboration.pairs import neighbours_of, representative_projects
from hub.core.reader import Reader


class SearchTooBroad(Exception):
    """A step would expand more creators than the configured cap allows."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"a step would expand {size} creators; the limit is {limit}")
        self.size = size
        self.limit = limit


@dataclass(frozen=True)
class Chain:
    """Creators from source to target, and the project linking each consecutive two."""

    creators: list[int]
    projects: list[int]


@dataclass
class _Ball:
    """Everything one side of the search has reached, layer by layer."""

    root: int
    radius: int = 0
    depth: dict[int, int] = field(default_factory=dict)
    # Every neighbour one layer closer to the root: the shortest-path DAG, not one tree.
    parents: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    frontier: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.depth[self.root] = 0
        self.frontier = {self.root}

    async def grow(self, reader: Reader) -> set[int]:
        """Add the next layer; returns it (empty when the ball cannot grow)."""
        self.radius += 1
        layer: set[int] = set()
        for row in await reader.rows(neighbours_of(self.frontier)):
            source, target = row["source"], row["target"]
            if self.depth.setdefault(target, self.radius) == self.radius:
                layer.add(target)
                self.parents[target].add(source)
        self.frontier = layer
        return layer

    def lowest_path_to(self, node: int) -> list[int]:
        """The path root..node whose keys are lowest at the first difference."""

        @cache
        def best(current: int) -> tuple[int, ...]:
            if current == self.root:
                return (current,)
            return (*min(best(parent) for parent in self.parents[current]), current)

        return list(best(node))


async def shortest_chain(
    reader: Reader, source: int, target: int, *, max_hops: int, max_frontier: int
) -> Chain | None:
    """The shortest chain of at most ``max_hops`` links, or ``None`` when there is none."""
    if source == target:
        return Chain([source], [])
    near, far = _Ball(source), _Ball(target)
    while near.radius + far.radius < max_hops:
        ball = near if len(near.frontier) <= len(far.frontier) else far
        if len(ball.frontier) > max_frontier:
            raise SearchTooBroad(len(ball.frontier), max_frontier)
        other = far if ball is near else near
        meeting = {node for node in await ball.grow(reader) if node in other.depth}
        if meeting:
            return await _chain_through(reader, near, far, meeting)
        if not ball.frontier:
            return None
    return None


async def _chain_through(reader: Reader, near: _Ball, far: _Ball, meeting: set[int]) -> Chain:
    """The lowest chain through the meeting creators, with a project for each link."""
    # All meeting creators are equally far from the source, so comparing the paths to
    # them decides at the latest on the meeting creator itself.
    head = min(near.lowest_path_to(node) for node in meeting)
    creators = head
    while creators[-1] != far.root:
        creators = [*creators, min(far.parents[creators[-1]])]
    hops = list(pairwise(creators))
    rows = await reader.rows(representative_projects(hops))
    project_of = {(row["source"], row["target"]): row["project_id"] for row in rows}
    return Chain(creators, [project_of[hop] for hop in hops])
