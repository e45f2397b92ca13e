"""The wording of reasons: every sentence and word is in the catalogs, values stay raw."""

from __future__ import annotations

import string

import pytest

from hub.creators.enums import SkillLevel
from hub.i18n.catalogs import render
from hub.i18n.locales import Locale
from hub.i18n.words import LanguageName, Listing
from hub.matching.enums import ReasonCode
from hub.matching.wording import TEMPLATES, WORDS, Name, Said, levels, raw, sentences, word

TRANSLATED = [Locale.RU, Locale.KK]


def _placeholders(msgid: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(msgid) if name}


def _without_placeholders(msgid: str) -> str:
    return "".join(text for text, _, _, _ in string.Formatter().parse(msgid))


@pytest.mark.parametrize("locale", TRANSLATED, ids=lambda locale: locale.tag)
@pytest.mark.parametrize("code", list(ReasonCode), ids=lambda code: code.value)
def test_every_reason_code_has_a_translated_sentence(code, locale):
    template = TEMPLATES[code]
    params = {name: f"<{name}>" for name in _placeholders(template.msgid)}
    english = render(template.with_params(**params), Locale.EN)
    translated = render(template.with_params(**params), locale)
    if any(letter.isalpha() for letter in _without_placeholders(template.msgid)):
        assert translated != english
    assert all(f"<{name}>" in translated for name in params)


@pytest.mark.parametrize("locale", TRANSLATED, ids=lambda locale: locale.tag)
def test_every_word_a_sentence_inserts_is_translated(locale):
    for member, message in WORDS.items():
        assert render(message, locale) != message.msgid, member


def test_a_level_gap_takes_the_plural_form_of_each_language():
    said = Said(
        "LEVEL_BELOW",
        level=word(SkillLevel.BEGINNER),
        discipline="Animation",
        asked=word(SkillLevel.EXPERT),
        gap=levels(3),
    )
    assert sentences([said], Locale.EN) == "beginner in Animation, 3 levels below the expert asked"
    assert sentences([said], Locale.RU) == (
        "«Animation»: уровень «начинающий», на 3 уровня ниже запрошенного («эксперт»)"
    )
    assert render(levels(5), Locale.RU) == "5 уровней"
    assert render(levels(21), Locale.RU) == "21 уровень"
    assert render(levels(5), Locale.KK) == "5 деңгей"


def test_params_are_raw_values_whatever_the_sentence_says():
    said = Said(
        "LANGUAGES_WANTED",
        importance=word(SkillLevel.MASTER),
        languages=Listing.of([LanguageName("kk"), LanguageName("ru")]),
    )
    assert said.raw_params == (("importance", "master"), ("languages", "kk, ru"))
    assert raw(levels(2)) == "2"


def test_a_name_is_its_stored_translation_else_cldrs_else_the_main_name():
    armenia = Name("Armenia", {"en": "Armenia", "ru": "Армения"}, territory="AM")
    assert armenia == "Armenia"
    assert raw(armenia) == "Armenia"
    assert armenia.in_locale(Locale.RU) == "Армения"
    assert armenia.in_locale(Locale.KK) == "Армения"  # CLDR's, none stored
    animation = Name("Animation", {"ru": "Анимация"})
    assert animation.in_locale(Locale.KK) == "Animation"
