"""The catalogs stay in step with the code: the template is current, every language complete.

The checks run on the shipped files first, then on small catalogs built here, to show
that each kind of problem (a sentence missing, a fuzzy entry, a placeholder renamed, a
plural form short) is caught and not waved through.
"""

from __future__ import annotations

import pytest
from babel.messages.catalog import Catalog

from hub.i18n.catalogs import TEMPLATE, po_path, read_catalog, render
from hub.i18n.locales import TRANSLATED, Locale
from hub.i18n.messages import Message, _n
from hub.i18n.toolchain import catalog_problems, extracted, placeholders, template_problems

SENTENCE = "`{name}` must not be empty."
COUNTED = ("At most {count} link fits.", "At most {count} links fit.")


@pytest.fixture(scope="module")
def template() -> Catalog:
    return read_catalog(TEMPLATE)


def test_the_template_holds_every_sentence_the_code_marks_and_no_other(template):
    assert template_problems(template, extracted()) == []


@pytest.mark.parametrize("locale", TRANSLATED, ids=lambda locale: locale.tag)
def test_each_language_translates_every_sentence_with_the_same_placeholders(locale, template):
    catalog = read_catalog(po_path(locale), locale)
    assert catalog_problems(locale, template, catalog) == []


def _template(*msgids: str | tuple[str, str]) -> Catalog:
    catalog = Catalog(domain="hub")
    for msgid in msgids:
        catalog.add(msgid)
    return catalog


def test_a_sentence_marked_in_the_code_but_missing_from_the_template_is_reported():
    code = _template(SENTENCE, "A new sentence.")
    assert template_problems(_template(SENTENCE), code) == [
        "used in the code, missing from hub.pot: 'A new sentence.'"
    ]


def test_a_sentence_the_code_no_longer_marks_is_reported_too():
    assert template_problems(_template(SENTENCE, "Gone."), _template(SENTENCE)) == [
        "in hub.pot, used nowhere: 'Gone.'"
    ]


def test_a_missing_an_empty_and_a_fuzzy_translation_are_each_reported():
    template = _template(SENTENCE, "Second.", "Third.")
    catalog = Catalog(locale="ru", domain="hub")
    catalog.add("Second.", "")
    catalog.add("Third.", "Третье.", flags=["fuzzy"])
    assert catalog_problems(Locale.RU, template, catalog) == [
        "ru: 'Second.' is not translated",
        "ru: 'Third.' is fuzzy: confirm or correct the translation",
        f"ru: missing: {SENTENCE!r}",
    ]


def test_a_translation_whose_placeholders_differ_from_its_msgid_is_reported():
    template = _template(SENTENCE)
    catalog = Catalog(locale="kk", domain="hub")
    catalog.add(SENTENCE, "`{field}` бос болмауы керек.")
    [problem] = catalog_problems(Locale.KK, template, catalog)
    assert "placeholders ['field']" in problem


def test_a_plural_entry_needs_every_form_its_language_has():
    template = _template(COUNTED)
    catalog = Catalog(locale="ru", domain="hub")
    catalog.add(COUNTED, ("Не более {count} ссылки.", "Не более {count} ссылок."))
    assert catalog_problems(Locale.RU, template, catalog) == [
        "ru: 'At most {count} link fits.' has 2 plural forms, ru needs 3"
    ]


def test_a_sentence_a_language_keeps_but_the_template_dropped_is_reported():
    catalog = Catalog(locale="ru", domain="hub")
    catalog.add(SENTENCE, "`{name}` не может быть пустым.")
    catalog.add("Gone.", "Нет.")
    assert catalog_problems(Locale.RU, _template(SENTENCE), catalog) == [
        "ru: not in the template: 'Gone.'"
    ]


def test_placeholders_are_the_fields_format_fills_with_their_conversion():
    assert placeholders("{code!r} is not {name}; {{literal}}") == {"code!r", "name"}


@pytest.mark.parametrize(
    ("count", "russian"),
    [
        (1, "Допускается не более 1 ссылки."),
        (2, "Допускается не более 2 ссылок."),
        (5, "Допускается не более 5 ссылок."),
        (21, "Допускается не более 21 ссылки."),
        (111, "Допускается не более 111 ссылок."),
    ],
)
def test_russian_chooses_among_its_three_plural_forms_by_the_count(count, russian):
    message = _n(*COUNTED, count)
    assert render(message, Locale.RU) == russian
    assert render(message, Locale.KK) == f"Ең көбі {count} сілтеме болуы мүмкін."
    assert render(message, Locale.EN) == (
        "At most 1 link fits." if count == 1 else f"At most {count} links fit."
    )


def test_a_sentence_no_catalog_knows_is_answered_as_written():
    message = Message("Not in any catalog, {who}.", {"who": "Ada"})
    assert [render(message, locale) for locale in Locale] == ["Not in any catalog, Ada."] * 3


def test_a_word_mixing_latin_and_cyrillic_letters_is_reported():
    template = _template(SENTENCE)
    catalog = Catalog(locale="ru", domain="hub")
    catalog.add(SENTENCE, "`{name}` не может быть пустым (тeкст).")  # a Latin "e"
    assert catalog_problems(Locale.RU, template, catalog) == [
        f"ru: {SENTENCE!r}: 'тeкст' mixes Latin and Cyrillic letters"
    ]
