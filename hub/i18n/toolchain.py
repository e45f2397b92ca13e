"""Keeping the catalogs in step with the code: extract, update, check (``hub messages``).

``extract`` writes the template ``hub.pot`` from every ``_``/``_n`` literal under
``hub/``; ``update`` merges it into each language's ``.po`` (new sentences untranslated,
changed ones fuzzy, for a translator to confirm); ``check`` lists what keeps a catalog
from being complete, and the test suite fails on any of it.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator, Sequence
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.catalog import Message as CatalogEntry
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import write_po

from hub.i18n.catalogs import DOMAIN, TEMPLATE, po_path, read_catalog
from hub.i18n.locales import TRANSLATED, Locale

SOURCE_DIR = TEMPLATE.parent.parent
KEYWORDS = {"_": None, "_n": (1, 2)}
"""The marking functions of ``hub.i18n.messages``: ``_(msgid)``, ``_n(singular, plural)``."""
COMMENT_TAG = "Translators:"
_MIXED_SCRIPT = re.compile(r"\b(?=\w*[A-Za-z])(?=\w*[\u0400-\u04FF])\w+")
"""A word of Latin and Cyrillic letters at once: a typo no reader sees (``c`` for ``с``)."""


def extracted() -> Catalog:
    """Every marked sentence in the code, with where it is used."""
    catalog = Catalog(
        project=DOMAIN,
        domain=DOMAIN,
        copyright_holder="the hub project",
        msgid_bugs_address="",
        fuzzy=False,
    )
    found = extract_from_dir(
        SOURCE_DIR,
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=(COMMENT_TAG,),
        strip_comment_tags=True,
    )
    for filename, lineno, msgid, comments, context in found:
        location = (f"{SOURCE_DIR.name}/{filename}", lineno)
        catalog.add(msgid, locations=[location], auto_comments=comments, context=context)
    return catalog


def write_catalog(catalog: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as po:
        # Without line numbers a sentence's entry moves only when its file does.
        write_po(po, catalog, width=100, sort_output=True, include_lineno=False)


def extract() -> int:
    """Rewrite the template from the code; the number of sentences in it."""
    catalog = extracted()
    write_catalog(catalog, TEMPLATE)
    return len(catalog)


def update() -> dict[Locale, int]:
    """Merge the template into each language's catalog; how many entries each lacks."""
    template = read_catalog(TEMPLATE)
    lacking = {}
    for locale in TRANSLATED:
        path = po_path(locale)
        catalog = read_catalog(path, locale) if path.exists() else Catalog(locale=locale.tag)
        catalog.update(template)
        catalog.obsolete.clear()
        write_catalog(catalog, path)
        lacking[locale] = len(catalog_problems(locale, template, catalog))
    return lacking


def template_problems(template: Catalog, code: Catalog) -> list[str]:
    """Sentences the ``code`` uses that the template lacks, and those it keeps for nothing."""
    kept = {entry.id for entry in template if entry.id}
    used = {entry.id for entry in code if entry.id}
    missing = [f"used in the code, missing from hub.pot: {_show(msgid)}" for msgid in used - kept]
    unused = [f"in hub.pot, used nowhere: {_show(msgid)}" for msgid in kept - used]
    return sorted(missing) + sorted(unused)


def catalog_problems(locale: Locale, template: Catalog, catalog: Catalog) -> list[str]:
    """What keeps ``locale``'s catalog from answering every sentence of the template."""
    return list(_catalog_problems(locale, template, catalog))


def _catalog_problems(locale: Locale, template: Catalog, catalog: Catalog) -> Iterator[str]:
    wanted = {entry.id for entry in template if entry.id}
    for entry in catalog:
        if entry.id and entry.id not in wanted:
            yield f"{locale.tag}: not in the template: {_show(entry.id)}"
    for msgid in sorted(wanted, key=str):
        found = catalog.get(_singular(msgid))
        if found is None:
            yield f"{locale.tag}: missing: {_show(msgid)}"
            continue
        yield from _entry_problems(locale, catalog, found)


def _entry_problems(locale: Locale, catalog: Catalog, entry: CatalogEntry) -> Iterator[str]:
    name = f"{locale.tag}: {_show(entry.id)}"
    strings = entry.string
    forms = [strings] if isinstance(strings, str) else list(strings or ())
    if entry.fuzzy:
        yield f"{name} is fuzzy: confirm or correct the translation"
    if not all(forms):
        yield f"{name} is not translated"
        return
    if entry.pluralizable and len(forms) != catalog.num_plurals:
        yield f"{name} has {len(forms)} plural forms, {locale.tag} needs {catalog.num_plurals}"
    expected = placeholders(entry.id if isinstance(entry.id, str) else entry.id[-1])
    for form in forms:
        if placeholders(form) != expected:
            yield f"{name}: the translation {form!r} has placeholders {sorted(placeholders(form))}"
        for word in _MIXED_SCRIPT.findall(form):
            yield f"{name}: {word!r} mixes Latin and Cyrillic letters"


def placeholders(text: str) -> set[str]:
    """The ``{name}`` fields of a format string (with any ``!r``), as ``format`` sees them."""
    fields = set()
    for _, name, _, conversion in string.Formatter().parse(text):
        if name is not None:
            fields.add(name + (f"!{conversion}" if conversion else ""))
    return fields


def all_problems() -> list[str]:
    """Everything ``hub messages check`` (and the test suite) refuses, as sentences."""
    template = read_catalog(TEMPLATE)
    problems = template_problems(template, extracted())
    for locale in TRANSLATED:
        problems.extend(catalog_problems(locale, template, read_catalog(po_path(locale), locale)))
    return problems


def _singular(msgid: str | Sequence[str]) -> str:
    return msgid if isinstance(msgid, str) else msgid[0]


def _show(msgid: str | Sequence[str]) -> str:
    return repr(_singular(msgid))
