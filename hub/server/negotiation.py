"""Choosing the response media type from the ``Accept`` header (RFC 9110)."""

from __future__ import annotations

import enum
import functools
from collections.abc import Sequence
from dataclasses import dataclass


class MediaType(enum.StrEnum):
    GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"
    JSON = "application/json"
    HTML = "text/html"


@dataclass(frozen=True)
class _Range:
    type: str
    subtype: str
    quality: float
    position: int

    def matches(self, media: MediaType) -> bool:
        kind, sub = media.value.split("/")
        return self.type in ("*", kind) and self.subtype in ("*", sub)

    @property
    def specificity(self) -> int:
        return (self.type != "*") + (self.subtype != "*")


def _ranges(accept: str) -> list[_Range]:
    ranges = []
    for position, part in enumerate(accept.split(",")):
        media, *params = (piece.strip() for piece in part.split(";"))
        if "/" not in media:
            continue
        kind, sub = media.lower().split("/", 1)
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        ranges.append(_Range(kind, sub, quality, position))
    return ranges


def preferred(accept: str | None, offered: Sequence[MediaType]) -> MediaType | None:
    """The offered type the client ranks highest; ties go to the order of ``offered``.

    A missing header means ``application/graphql-response+json`` (the GraphQL over HTTP
    default since 2025-01-01); a wildcard alone means plain ``application/json``.
    A client sends the same header on every request, so each choice is remembered.
    """
    if accept is None or not accept.strip():
        return offered[0]
    return _preferred(accept, tuple(offered))


@functools.lru_cache(maxsize=256)
def _preferred(accept: str, offered: tuple[MediaType, ...]) -> MediaType | None:
    best: tuple[float, int, int, int] | None = None
    choice: MediaType | None = None
    for rank, media in enumerate(offered):
        matching = [r for r in _ranges(accept) if r.matches(media)]
        if not matching:
            continue
        most_specific = max(matching, key=lambda r: (r.specificity, -r.position))
        if most_specific.quality <= 0:
            continue
        exact = most_specific.specificity == 2
        # Prefer the higher quality, then an exact mention, then the header's order.
        score = (most_specific.quality, exact, -most_specific.position, -rank)
        if best is None or score > best:
            best, choice = score, media
    if (
        choice is MediaType.GRAPHQL_RESPONSE_JSON
        and not _names(accept, choice)
        and MediaType.JSON in offered
        and _quality(accept, MediaType.JSON) > 0
    ):
        # A bare wildcard keeps legacy clients on application/json, unless they refused it.
        return MediaType.JSON
    return choice


def _names(accept: str, media: MediaType) -> bool:
    return any(r.specificity == 2 and r.matches(media) for r in _ranges(accept))


def _quality(accept: str, media: MediaType) -> float:
    """The quality the most specific matching range gives ``media`` (0 if none)."""
    matching = [r for r in _ranges(accept) if r.matches(media)]
    if not matching:
        return 0.0
    return max(matching, key=lambda r: (r.specificity, -r.position)).quality
