"""The caller's language at the GraphQL edge: the ``Locale`` enum and which one applies.

Every request has a locale, negotiated from ``Accept-Language`` by the endpoint and kept
on the ``Context``. A field that offers a ``language`` argument lets the client choose
for that field alone; ``locale_for`` says which of the two wins.
"""

from __future__ import annotations

from typing import Annotated, TypeAlias

import strawberry

from hub.api.context import Info
from hub.api.enums import graphql_enum
from hub.i18n.catalogs import render
from hub.i18n.locales import Locale
from hub.i18n.messages import Message

graphql_enum(
    Locale,
    description="A language the hub writes its sentences in (messages, reasons). Without "
    "a `language` argument, the request's `Accept-Language` header decides (q-values "
    "respected; English when it names none of these); the answer's `Content-Language` "
    "header says which was used.",
    values={
        Locale.EN: "English (`en`), the default.",
        Locale.RU: "Russian (`ru`).",
        Locale.KK: "Kazakh (`kk`), in Cyrillic script.",
    },
)

LANGUAGE_DESCRIPTION = "The language of the text; default: the request's, from `Accept-Language`."

LanguageArgument: TypeAlias = Annotated[
    Locale | None, strawberry.argument(description=LANGUAGE_DESCRIPTION)
]
"""The ``language`` argument a field that returns sentences takes."""


def locale_for(info: Info, language: Locale | None = None) -> Locale:
    """The field's ``language`` argument when given, else the request's locale."""
    return info.context.locale if language is None else language


def localised(message: Message, info: Info, language: Locale | None = None) -> str:
    """``message`` as text in the locale that applies to this field."""
    return render(message, locale_for(info, language))
