"""Language names and lists read in the sentence's language, from CLDR, with no catalog."""

from __future__ import annotations

import pytest

from hub.i18n.catalogs import render
from hub.i18n.locales import Locale
from hub.i18n.messages import Message, _
from hub.i18n.words import LanguageName, Listing

SPEAKS = Message("Required: {languages}.")


@pytest.mark.parametrize(
    ("locale", "text"),
    [
        (Locale.EN, "Required: Kazakh, Russian, and Uzbek."),
        (Locale.RU, "Required: казахский, русский и узбекский."),
        (Locale.KK, "Required: қазақ тілі, орыс тілі, өзбек тілі."),
    ],
)
def test_a_list_of_language_names_reads_in_the_sentences_language(locale, text):
    languages = Listing.of(LanguageName(code) for code in ("kk", "ru", "uz"))
    assert render(SPEAKS.with_params(languages=languages), locale) == text


def test_a_language_cldr_does_not_name_shows_its_code():
    assert LanguageName("qq").in_locale(Locale.RU) == "qq"


def test_messages_in_a_list_are_translated_too():
    assert Listing.of(["SHUT", _("none")]).in_locale(Locale.RU) == "SHUT и нет"
    assert Listing.of(["SHUT", _("none")]).in_locale(Locale.KK) == "SHUT және жоқ"
    assert Listing.of([]).in_locale(Locale.KK) == ""
