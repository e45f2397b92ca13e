"""Values that read differently in each language without a catalog entry, from CLDR.

Language names and lists of things come with Babel's locale data, so no translator has
to write "Kazakh" in Kazakh. They are parameters of a ``Message`` like any other and are
written out in the message's locale: ``_("Speaks {language}.", language=LanguageName("kk"))``.
CLDR gives names in the nominative case; phrase sentences so that is what they need
("язык: {language}").
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass

from babel import Locale as BabelLocale
from babel.lists import format_list

from hub.i18n.catalogs import render_value
from hub.i18n.locales import Locale
from hub.i18n.messages import ParamValue


@dataclass(frozen=True)
class LanguageName:
    """The name of the language ``code`` (ISO 639-1): Kazakh, казахский, қазақ тілі."""

    code: str

    def in_locale(self, locale: Locale) -> str:
        return str(_babel(locale).languages.get(self.code, self.code))


@dataclass(frozen=True)
class Listing:
    """Several values as one phrase: "a, b and c", "a, b и c", "a, b және c"."""

    items: tuple[ParamValue, ...]

    @classmethod
    def of(cls, items: Iterable[ParamValue]) -> Listing:
        return cls(tuple(items))

    def in_locale(self, locale: Locale) -> str:
        words = [str(render_value(item, locale)) for item in self.items]
        return format_list(words, locale=_babel(locale)) if words else ""


@functools.cache
def _babel(locale: Locale) -> BabelLocale:
    """Babel's data for ``locale``, parsed once: parsing it per word cost a match request
    several milliseconds."""
    return BabelLocale.parse(locale.tag)
