"""Lazy, parameterised messages: what to say, decided where it is found; in which
language, decided at the API's edge.

A domain marks a sentence with ``_`` (or ``_n`` when a count decides its form) and passes
the values it mentions as named parameters; nothing is formatted before translation, so
a translator sees whole sentences with their ``{placeholders}`` (``hub messages
extract`` finds every literal passed to ``_`` and ``_n``). ``hub.i18n.catalogs.render``
turns a message into text in one locale.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from hub.i18n.locales import Locale

ParamValue = Any
"""A parameter: text and numbers as they are; a ``Message`` or another ``Localisable``
written out in the same locale as the sentence."""


class Localisable(Protocol):
    """A value that reads differently in each language (``hub.i18n.words``): any
    parameter with this method is written out by it."""

    def in_locale(self, locale: Locale) -> str: ...


@dataclass(frozen=True)
class Message:
    """A catalog entry (``msgid``, and ``plural`` with its ``count``) and its parameters."""

    msgid: str
    params: Mapping[str, ParamValue] = field(default_factory=lambda: MappingProxyType({}))
    plural: str | None = None
    count: int | None = None

    def with_params(self, **params: ParamValue) -> Message:
        """The same sentence with more parameters: a table's message, filled in later.

        A plural sentence takes its ``count`` here too when the table could not know it.
        """
        count = params.get("count", self.count) if self.plural is not None else None
        return Message(self.msgid, MappingProxyType({**self.params, **params}), self.plural, count)

    def __str__(self) -> str:
        """The English text, for logs and exceptions; clients get ``render``'s."""
        # Imported here: the catalogs module imports this one.
        from hub.i18n.catalogs import render
        from hub.i18n.locales import Locale

        return render(self, Locale.EN)


def _(msgid: str, /, **params: ParamValue) -> Message:
    """Mark ``msgid`` for translation; ``params`` fill its ``{placeholders}`` later."""
    return Message(msgid, MappingProxyType(params))


def _n(singular: str, plural: str, count: int | None = None, /, **params: ParamValue) -> Message:
    """A sentence whose form depends on ``count`` (Russian has three); ``{count}`` is set.

    In a table of sentences ``count`` is left out and given later with ``with_params``.
    """
    counted = {} if count is None else {"count": count}
    return Message(singular, MappingProxyType({**counted, **params}), plural, count)
