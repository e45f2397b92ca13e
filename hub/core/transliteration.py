"""One romanised *skeleton* for a name, whatever the script or transliteration it came in.

People in the region write the same name in Russian or Kazakh Cyrillic, in Kazakh's
2021 Latin alphabet, in Uzbek Latin, or in one of several English transliterations:
``Токаев``, ``Tokayev`` and ``Tokaev``; ``Алматы`` and ``Almaty``; ``Қазақстан`` and
``Qazaqstan``. The skeleton maps all of them onto one lossy Latin spelling, so that a
search compares skeletons and finds the name in any of its forms.

It is built in three steps, on text already folded by ``normalize_for_search``:

1. **Cyrillic to Latin**, one letter at a time (Russian, Kazakh, and the letters
   Kyrgyz, Tajik, Uzbek, Ukrainian, Belarusian and Mongolian add; ``ў`` follows
   Uzbek, where it is Latin ``oʻ``):

   ==========================  =====  ==========================  =====
   Cyrillic                    Latin  Cyrillic                    Latin
   ==========================  =====  ==========================  =====
   а ә                         a      п                           p
   б                           b      р                           r
   в                           v      с                           s
   г ғ ґ                       g      т                           t
   д                           d      у ұ ү ӯ                     u
   е ё э є                     e      ф                           f
   ж ҷ                         j      х һ ҳ                       h
   з                           z      ц                           ts
   и і ї ы й ӣ                 i      ч ҹ                         ch
   к қ                         k      ш щ                         sh
   л                           l      ь ъ                         (dropped)
   м                           m      ю                           iu
   н ң                         n      я                           ia
   о ө ў                       o      дж                          j
   ==========================  =====  ==========================  =====

2. **Latin letters with marks** fold to plain ones: ``ş ș š → sh``, ``ç č → ch``, ``ž → zh``,
   ``ţ ț → ts``, ``ə → a``, ``ı → i``, ``ğ → g``, ``q → k``, ``w → v``, ``x → h``
   (Uzbek and Azerbaijani ``x`` is Cyrillic ``х``), and every other diacritic is
   stripped (``ä ö ü ū ñ ý á ǵ`` → ``a o u u n y a g``). Apostrophes inside words
   (Uzbek ``oʻ gʻ``, the *tutuq belgisi* ``ʼ``, Kazakh 2018 ``a'``) are dropped.

3. **English spelling habits** are undone, in this order: ``shch → sh``,
   ``kh → h``, ``gh → g``, ``zh dzh dj → j``, ``ng → n``, ``y → i``, ``ie → e``
   (``Tokayev → tokaiev → tokaev``, ``Yerlan → erlan``), and doubled letters become
   single (``Almatty → almati``, ``Kassymov → kasimov``, ``Dmitriy → dmitri``).

The rules are applied to every input in the same order, so any two spellings that
reach the same skeleton match; what the skeleton cannot reconcile (``Artyom`` and
``Артём`` → ``artiom`` and ``artem``) is left to the fuzzy match. Scripts without a
table here (Armenian, Georgian) pass through unchanged.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_CYRILLIC = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "ґ": "g", "д": "d",
    "е": "e", "ё": "e", "э": "e", "є": "e", "ж": "j", "ҷ": "j", "з": "z", "и": "i",
    "і": "i", "ї": "i", "ы": "i", "й": "i", "ӣ": "i", "к": "k", "қ": "k", "л": "l",
    "м": "m", "н": "n", "ң": "n", "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s",
    "т": "t", "у": "u", "ұ": "u", "ү": "u", "ӯ": "u", "ў": "o", "ф": "f", "х": "h",
    "һ": "h", "ҳ": "h", "ц": "ts", "ч": "ch", "ҹ": "ch", "ш": "sh", "щ": "sh",
    "ь": "", "ъ": "", "ю": "iu", "я": "ia",
}  # fmt: skip

_LATIN = {
    "ş": "sh", "ș": "sh", "š": "sh", "ç": "ch", "č": "ch", "ž": "zh", "ţ": "ts", "ț": "ts",
    "ə": "a", "ı": "i", "ğ": "g", "q": "k", "w": "v", "x": "h", "ß": "ss", "æ": "ae",
    "ø": "o", "đ": "d",
}  # fmt: skip

# Marks that stand for a glottal stop or a modified letter inside a word.
_APOSTROPHES = re.compile(r"(?<=\w)['ʻʼ‘’`´](?=\w)")

_DIGRAPHS = (
    (re.compile("shch"), "sh"),
    (re.compile("kh"), "h"),
    (re.compile("gh"), "g"),
    (re.compile("dzh|zh|dj"), "j"),
    (re.compile("ng"), "n"),
    (re.compile("y"), "i"),
    (re.compile("ie"), "e"),
    (re.compile(r"([a-z])\1+"), r"\1"),
)


_LETTERS = str.maketrans({**_CYRILLIC, **_LATIN})


def _romanise(text: str) -> str:
    text = text.translate(_LETTERS)
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return bare.translate(_LETTERS)


@lru_cache(maxsize=65_536)
def skeleton(folded: str) -> str:
    """The romanised skeleton of text already folded by ``normalize_for_search``."""
    text = _romanise(_APOSTROPHES.sub("", folded.replace("дж", "j")))
    for pattern, replacement in _DIGRAPHS:
        text = pattern.sub(replacement, text)
    return text
