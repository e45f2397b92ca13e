"""Choosing the caller's language from ``Accept-Language``, as RFC 9110 weighs it."""

from __future__ import annotations

import pytest

from hub.i18n.locales import Locale, negotiate


@pytest.mark.parametrize(
    ("header", "chosen"),
    [
        ("ru", Locale.RU),
        ("kk", Locale.KK),
        ("en", Locale.EN),
        ("ru-RU,ru;q=0.9,en;q=0.8", Locale.RU),
        ("kk-KZ", Locale.KK),
        ("KK", Locale.KK),
        ("en;q=0.5, kk;q=0.9, ru;q=0.7", Locale.KK),
        ("fr, de;q=0.9, ru;q=0.1", Locale.RU),
        ("ru;q=0.8, kk;q=0.8", Locale.RU),
        ("kk;q=0, ru;q=0.2", Locale.RU),
        ("ru;q=0", Locale.EN),
    ],
)
def test_the_most_wanted_supported_language_is_chosen(header, chosen):
    assert negotiate(header) is chosen


@pytest.mark.parametrize(
    "header",
    [None, "", "fr", "de-DE, uk;q=0.9", "*", "ru;q=abc", "ru;q=2", ";;,", "x" * 2000],
)
def test_no_usable_preference_means_english(header):
    assert negotiate(header) is Locale.EN
