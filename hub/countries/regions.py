"""First-level subdivisions of countries (ISO 3166-2), read from pycountry.

pycountry ships the Debian iso-codes data: the subdivision list and, through the gettext
domain ``iso3166-2``, its translations. The ISO name is the subdivision's name in its
national language, romanised as ISO 3166-2 lists it ("Almaty oblysy", "Toshkent").

iso-codes' translations are thin for Central Asia (in pycountry 26.2.16 Russian covers 7
of Kazakhstan's 20 subdivisions, some dated, and there is no Kazakh or Uzbek catalog), so
``region_names.toml`` beside this module holds reviewed names, keyed by ISO code: Russian
and the national language for every region of the CIS states and every region the demo
data uses. A reviewed name wins over iso-codes' translation; where neither has a name in a
language, ``Region.name_in`` answers the ISO name.

Only first-level subdivisions are regions: those without a parent code.
"""

from __future__ import annotations

import gettext
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import TYPE_CHECKING

import pycountry

if TYPE_CHECKING:
    from hub.i18n.locales import Locale

REGION_LANGUAGES: tuple[str, ...] = (
    "en", "ru", "kk", "uz", "ky", "tg", "tk", "az", "hy", "ka", "be", "uk", "ro",
)  # fmt: skip
"""The languages names are looked up in: English and the languages of the CIS countries."""

_DOMAIN = "iso3166-2"
_REVIEWED_NAMES = "region_names.toml"


@dataclass(frozen=True)
class Region:
    """A first-level subdivision of a country, e.g. ``KZ-75`` (Almaty, the city)."""

    code: str
    """The ISO 3166-2 code, ``KZ-75``."""
    country_code: str
    """The ISO 3166-1 alpha-2 code of its country, ``KZ``."""
    name: str
    """The ISO 3166-2 name (national language, romanised)."""
    kind: str
    """The ISO 3166-2 category, in English: ``Region``, ``City``, ``Republic``, ..."""
    names: Mapping[str, str] = field(default_factory=dict, compare=False)
    """Names by ISO 639-1 language code: the reviewed ones, else iso-codes' translations."""

    def name_in(self, language: str | None) -> str:
        """The name in ``language`` where one is known, else the ISO name."""
        if language is None:
            return self.name
        return self.names.get(language, self.name)

    def in_locale(self, locale: Locale) -> str:
        """Its name in a message's locale: a region is a parameter of ``_`` as it is."""
        return self.name_in(locale.tag)


def canonical_code(code: str) -> str:
    """A code as stored and compared: trimmed, upper case (``kz-75`` -> ``KZ-75``)."""
    return code.strip().upper()


def find_region(code: str) -> Region | None:
    """The region with this ISO 3166-2 code (case-insensitive), or None."""
    return _regions_by_code().get(canonical_code(code))


def regions_of(country_code: str) -> list[Region]:
    """A country's first-level subdivisions, by code; empty for an unknown country."""
    return list(_regions_by_country().get(canonical_code(country_code), ()))


def is_region_of(code: str, country_code: str) -> bool:
    """Whether ``code`` is a first-level subdivision of ``country_code``."""
    region = find_region(code)
    return region is not None and region.country_code == canonical_code(country_code)


@cache
def _catalogs() -> Mapping[str, Mapping[str, str]]:
    catalogs: dict[str, Mapping[str, str]] = {}
    for language in REGION_LANGUAGES:
        try:
            translation = gettext.translation(_DOMAIN, pycountry.LOCALES_DIR, languages=[language])
        except FileNotFoundError:
            continue
        catalogs[language] = _messages(translation)
    return catalogs


def _messages(translation: gettext.NullTranslations) -> Mapping[str, str]:
    """The msgid -> msgstr table of a compiled catalog."""
    catalog: dict[object, object] = getattr(translation, "_catalog", {})
    return {
        msgid: msgstr
        for msgid, msgstr in catalog.items()
        if isinstance(msgid, str) and isinstance(msgstr, str) and msgid and msgstr
    }


@cache
def reviewed_names() -> Mapping[str, Mapping[str, str]]:
    """The reviewed names of ``region_names.toml``: ISO code -> language -> name."""
    text = resources.files("hub.countries").joinpath(_REVIEWED_NAMES).read_text(encoding="utf-8")
    return MappingProxyType(
        {
            code: MappingProxyType({str(language): str(name) for language, name in names.items()})
            for code, names in tomllib.loads(text).items()
        }
    )


@cache
def _regions_by_code() -> Mapping[str, Region]:
    catalogs = _catalogs()
    reviewed = reviewed_names()
    regions: dict[str, Region] = {}
    for subdivision in pycountry.subdivisions:
        if subdivision.parent_code is not None:
            continue
        iso_name: str = subdivision.name
        names = {
            language: catalog[iso_name]
            for language, catalog in catalogs.items()
            if catalog.get(iso_name, iso_name) != iso_name
        }
        names.update(reviewed.get(subdivision.code, {}))
        regions[subdivision.code] = Region(
            code=subdivision.code,
            country_code=subdivision.country_code,
            name=iso_name,
            kind=subdivision.type,
            names=MappingProxyType(names),
        )
    return MappingProxyType(regions)


@cache
def _regions_by_country() -> Mapping[str, tuple[Region, ...]]:
    by_country: dict[str, list[Region]] = {}
    for region in sorted(_regions_by_code().values(), key=lambda region: region.code):
        by_country.setdefault(region.country_code, []).append(region)
    return MappingProxyType({code: tuple(regions) for code, regions in by_country.items()})
