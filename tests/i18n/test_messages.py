"""Lazy messages: nothing is written out until a locale is known."""

from __future__ import annotations

from hub.core.states import IllegalTransition
from hub.core.validation import FieldCode, Rejected
from hub.i18n.catalogs import render
from hub.i18n.locales import Locale
from hub.i18n.messages import _, _n
from hub.projects.enums import ProjectStatus
from hub.projects.states import PROJECT_STATUS


def test_a_message_keeps_its_msgid_and_parameters_apart_until_rendered():
    message = _("`{name}` must not be empty.", name="title")
    assert (message.msgid, dict(message.params)) == (
        "`{name}` must not be empty.",
        {"name": "title"},
    )
    assert render(message, Locale.RU) == "Поле `title` не может быть пустым."
    assert render(message, Locale.KK) == "`title` бос болмауы керек."


def test_a_message_given_as_a_parameter_is_rendered_in_the_same_language():
    shape = _("lowercase Latin letters, digits and inner hyphens")
    message = _("`{name}` must be {shape} ({value!r} is not).", name="slug", shape=shape, value="X")
    assert render(message, Locale.RU) == (
        "Значение `slug` может содержать только строчные латинские буквы, цифры и дефисы внутри "
        "('X' не подходит)."
    )


def test_a_table_message_is_filled_in_later_without_changing_the_table():
    template = _("A {current} project cannot become {wanted} (allowed: {allowed}).")
    filled = template.with_params(current="DRAFT", wanted="COMPLETED", allowed="CANCELLED")
    assert dict(template.params) == {}
    assert str(filled) == "A DRAFT project cannot become COMPLETED (allowed: CANCELLED)."


def test_an_illegal_move_is_worded_in_each_language_with_the_states_as_codes():
    try:
        PROJECT_STATUS.check(ProjectStatus.COMPLETED, ProjectStatus.DRAFT)
    except IllegalTransition as illegal:
        refusal = illegal.message
    assert render(refusal, Locale.RU) == (
        "Проект в статусе COMPLETED не может перейти в статус DRAFT (допустимо: нет)."
    )
    assert render(refusal, Locale.KK) == (
        "COMPLETED мәртебесіндегі жоба DRAFT мәртебесіне өте алмайды (рұқсат етілгені: жоқ)."
    )


def test_an_exception_carrying_messages_reads_in_english_in_logs():
    rejected = Rejected.one(
        "title", FieldCode.REQUIRED, _("`{name}` must not be empty.", name="title")
    )
    assert str(rejected) == "`title` must not be empty."


def test_a_plural_sentence_in_a_table_takes_its_count_when_filled_in():
    table = {
        "EXPERIENCE": _n("{count} year beyond the minimum.", "{count} years beyond the minimum.")
    }
    filled = table["EXPERIENCE"].with_params(count=3)
    assert (filled.count, str(filled)) == (3, "3 years beyond the minimum.")
    assert str(table["EXPERIENCE"].with_params(count=1)) == "1 year beyond the minimum."
    assert table["EXPERIENCE"].count is None
