"""The translation catalogs, read from the ``.po`` files the package ships, and rendering.

The ``.po`` files are read once per process with Babel (no compiled ``.mo`` to keep in
step with them): parsing the few hundred entries takes milliseconds, and what is
translated is exactly what the reviewed ``.po`` says. Fuzzy entries are left out, so a
sentence a translator has not confirmed is answered in English rather than wrongly.
"""

from __future__ import annotations

import functools
import gettext
import io
from collections.abc import Callable
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from hub.i18n.locales import DEFAULT_LOCALE, Locale
from hub.i18n.messages import Message, ParamValue

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
DOMAIN = "hub"
TEMPLATE = LOCALES_DIR / f"{DOMAIN}.pot"


def po_path(locale: Locale) -> Path:
    return LOCALES_DIR / locale.tag / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalog(path: Path, locale: Locale | None = None) -> Catalog:
    with path.open("rb") as po:
        return read_po(po, locale=None if locale is None else locale.tag, domain=DOMAIN)


@functools.cache
def translations(locale: Locale) -> gettext.NullTranslations:
    """The catalog of ``locale`` as gettext reads it; English answers the msgids."""
    if locale is DEFAULT_LOCALE:
        return gettext.NullTranslations()
    compiled = io.BytesIO()
    write_mo(compiled, read_catalog(po_path(locale), locale), use_fuzzy=False)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def render(message: Message, locale: Locale) -> str:
    """``message`` in ``locale``, its parameters filled in (messages among them rendered too)."""
    catalog = translations(locale)
    if message.plural is None:
        text = catalog.gettext(message.msgid)
    else:
        text = catalog.ngettext(message.msgid, message.plural, message.count or 0)
    params = {name: render_value(value, locale) for name, value in message.params.items()}
    return text.format_map(params)


def render_value(value: ParamValue, locale: Locale) -> ParamValue:
    """A parameter as a sentence in ``locale`` shows it; plain values stay as they are."""
    if isinstance(value, Message):
        return render(value, locale)
    # Not isinstance(value, Localisable): a runtime Protocol check costs 100 times more.
    in_locale: Callable[[Locale], str] | None = getattr(value, "in_locale", None)
    return value if in_locale is None else in_locale(locale)
