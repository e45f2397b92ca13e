"""Talent mails are written in the applicant's language: their account's preferred one
(`setPreferredLanguage`), else English."""

from __future__ import annotations

import pytest

from tests.factories import global_id
from tests.helpers import data_of, graphql
from tests.talent import world
from tests.talent.world import DECIDE

SET_LANGUAGE = """
mutation ($input: SetPreferredLanguageInput!) {
  setPreferredLanguage(input: $input) { viewer { preferredLanguage } userErrors { code } }
}
"""


async def _applicant_speaking(client, factory, language, email):
    person = await world.person(factory, contact_email=email)
    if language is not None:
        data = await data_of(
            client, SET_LANGUAGE, {"input": {"language": language}}, headers=person.headers
        )
        assert data["setPreferredLanguage"] == {
            "viewer": {"preferredLanguage": language},
            "userErrors": [],
        }
    return person


async def _decide(client, host, key, decision):
    variables = {"input": {"id": global_id("ProgrammeApplication", key), "decision": decision}}
    body = await graphql(client, DECIDE, variables, headers=host.headers)
    assert body["data"]["decideApplication"]["userErrors"] == []


@pytest.mark.parametrize(
    ("language", "decision", "subject", "in_body"),
    [
        ("RU", "WAITLISTED", "Вы в листе ожидания программы «Анимация»", "листе ожидания"),
        ("RU", "REJECTED", "Ваша заявка в программу «Анимация»", "recommendedProgrammes"),
        ("RU", "ACCEPTED", "Место в программе «Анимация» ваше", "enrolInProgramme"),
        ("KK", "ACCEPTED", "«Анимация» бағдарламасындағы орын сіздікі", "enrolInProgramme"),
        (None, "WAITLISTED", "You are on the waitlist of Анимация", "waitlist"),
    ],
)
async def test_an_applicant_is_mailed_in_their_preferred_language(
    client, factory, mailbox, language, decision, subject, in_body
):
    host = await world.host(factory)
    programme = await world.programme(factory, host.organisation, title="Анимация", waitlist_size=3)
    applicant = await _applicant_speaking(client, factory, language, "aru@example.org")
    key = await world.application(factory, programme, applicant.creator)
    mailbox.messages.clear()
    await _decide(client, host, key, decision)
    (mail,) = [m for m in mailbox.messages if m.to == "aru@example.org"]
    assert mail.subject == subject
    assert in_body in mail.body


async def test_an_offer_names_its_deadline_in_the_applicants_language(client, factory, mailbox):
    host = await world.host(factory)
    programme = await world.programme(factory, host.organisation, title="Анимация")
    applicant = await _applicant_speaking(client, factory, "RU", "dana@example.org")
    key = await world.application(factory, programme, applicant.creator)
    mailbox.messages.clear()
    await _decide(client, host, key, "ACCEPTED")
    (mail,) = mailbox.messages
    assert mail.body.startswith("Вам предложено место в программе «Анимация».")
    assert " UTC; после этого предложение истечёт" in mail.body


async def test_the_preferred_language_can_be_cleared_and_is_for_people_only(client, factory):
    person = await _applicant_speaking(client, factory, "KK", "bek@example.org")
    data = await data_of(
        client, SET_LANGUAGE, {"input": {"language": None}}, headers=person.headers
    )
    assert data["setPreferredLanguage"]["viewer"] == {"preferredLanguage": None}
    anonymous = await graphql(client, SET_LANGUAGE, {"input": {"language": "RU"}})
    assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
