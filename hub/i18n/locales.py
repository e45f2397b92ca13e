"""The languages the hub answers in, and the choice of one from ``Accept-Language``."""

from __future__ import annotations

import enum
import functools

from babel.core import negotiate_locale


class Locale(enum.Enum):
    """A supported language, by its BCP 47 tag; English is the source language."""

    EN = "en"
    RU = "ru"
    KK = "kk"

    @property
    def tag(self) -> str:
        return self.value


DEFAULT_LOCALE = Locale.EN
TRANSLATED = (Locale.RU, Locale.KK)
"""The locales with a catalog; English messages are their own msgids."""

_TAGS = [locale.tag for locale in Locale]
_MAX_HEADER = 1000
"""Longer headers are not worth parsing: they are refused as no preference."""


@functools.lru_cache(maxsize=256)
def negotiate(accept_language: str | None) -> Locale:
    """The supported locale the caller prefers most, by q-value; English when none fits.

    Ranges are tried in order of their q-value (ties keep the caller's order); ``q=0``
    means "not this one". A region (``ru-RU``) matches its language (``ru``). Clients
    repeat one header on every request, so each answer is remembered.
    """
    preferred = _ranked_ranges(accept_language or "")
    chosen = negotiate_locale(preferred, _TAGS, sep="-") if preferred else None
    return Locale(chosen.lower()) if chosen else DEFAULT_LOCALE


def _ranked_ranges(header: str) -> list[str]:
    if len(header) > _MAX_HEADER:
        return []
    weighted: list[tuple[float, str]] = []
    for part in header.split(","):
        tag, *params = (piece.strip() for piece in part.split(";"))
        quality = _quality(params)
        if tag and tag != "*" and quality > 0:
            weighted.append((quality, tag))
    weighted.sort(key=lambda pair: -pair[0])
    return [tag for _, tag in weighted]


def _quality(params: list[str]) -> float:
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "q":
            try:
                quality = float(value)
            except ValueError:
                return 0.0
            return quality if 0.0 <= quality <= 1.0 else 0.0
    return 1.0
