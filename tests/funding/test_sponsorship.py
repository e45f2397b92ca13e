"""Seat sponsorships: the programme's host links a collected pledge to the scholarship seat
it paid for; its sponsor sees where the seat went (programme, the student's country and
region, graduation) only while the student consents, and nobody else sees it at all."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import func, select

from hub.core.columns import utcnow
from hub.funding import campaigns
from hub.funding.campaigns import CampaignFields, CampaignTarget, TierFields
from hub.funding.enums import CampaignPurpose, FundingModel, TierKind
from hub.funding.models import SeatSponsorship, SponsorConsent
from hub.talent import applications
from hub.talent.enums import ApplicationStatus
from tests.factories import Factory, global_id
from tests.funding.world import close_and_settle, launch, money, pledge
from tests.helpers import data_of, graphql
from tests.talent.world import Host, Person, decide, enrol, host, person, programme

ASSIGN = """
mutation ($input: AssignSponsoredSeatInput!) {
  assignSponsoredSeat(input: $input) {
    pledge { id }
    userErrors { field code message }
  }
}
"""
CONSENT = """
mutation ($input: SetSponsorConsentInput!) {
  setSponsorConsent(input: $input) {
    application { id }
    consentGiven
    userErrors { field code message }
  }
}
"""
SEAT = """
query ($id: ID!) {
  node(id: $id) {
    ... on Pledge {
      sponsoredSeat {
        consentGiven
        programme { slug }
        country { code }
        region { code }
        hasGraduated
      }
    }
  }
}
"""
WITHHELD = {
    "consentGiven": False,
    "programme": None,
    "country": None,
    "region": None,
    "hasGraduated": None,
}


@dataclass(frozen=True)
class Seats:
    host: Host
    programme: int
    slug: str
    campaign: int
    seat_tier: int
    thanks_tier: int


async def seats(factory: Factory) -> Seats:
    """A programme with scholarship seats and a live campaign sponsoring them."""
    owner = await host(factory)
    number = await factory.user()
    slug = f"sponsored-{number}"
    key = await programme(factory, owner.organisation, slug=slug, scholarship_seats=2)
    fields = CampaignFields(
        slug=f"seats-{number}",
        title=f"Seats {number}",
        goal=money("1"),
        model=FundingModel.KEEP_WHAT_YOU_RAISE,
        deadline_at=utcnow() + timedelta(days=30),
        story={"en": "Seats."},
    )
    target = CampaignTarget(CampaignPurpose.SCHOLARSHIP, programme_id=key)
    campaign: int = await factory._write(
        lambda s: campaigns.create_campaign(s, target, owner.organisation, None, fields)
    )
    seat = TierFields(
        title="One seat",
        kind=TierKind.SEAT_SPONSORSHIP,
        minimum=money("100000"),
        programme_id=key,
    )
    thanks = TierFields(title="Thanks", kind=TierKind.NO_REWARD, minimum=money("1"))
    seat_tier: int = await factory._write(lambda s: campaigns.add_tier(s, campaign, seat))
    thanks_tier: int = await factory._write(lambda s: campaigns.add_tier(s, campaign, thanks))
    await launch(factory, campaign)
    return Seats(owner, key, slug, campaign, seat_tier, thanks_tier)


async def scholar(
    factory: Factory, programme_id: int, *, scholarship: bool = True
) -> tuple[Person, int]:
    """A student from Almaty accepted (with a scholarship if asked) and enrolled."""
    student = await person(factory, country="KZ", region="KZ-75")
    fields = applications.ApplicationFields(motivation="Animation.", wants_scholarship=scholarship)
    application: int = await factory._write(
        lambda s: applications.apply(s, programme_id, student.creator, fields)
    )
    await decide(factory, application, ApplicationStatus.ACCEPTED)
    await enrol(factory, application)
    return student, application


def assign_input(pledge_id: int, application: int) -> dict[str, Any]:
    return {
        "input": {
            "pledgeId": global_id("Pledge", pledge_id),
            "applicationId": global_id("ProgrammeApplication", application),
        }
    }


def consent_input(application: int, consent: bool) -> dict[str, Any]:
    return {
        "input": {
            "applicationId": global_id("ProgrammeApplication", application),
            "consent": consent,
        }
    }


async def seat_seen_by(client: Any, pledge_id: int, headers: dict[str, str] | None) -> Any:
    body = await graphql(client, SEAT, {"id": global_id("Pledge", pledge_id)}, headers=headers)
    assert "errors" not in body, body["errors"]
    return body["data"]["node"]["sponsoredSeat"]


async def test_the_sponsor_sees_where_the_seat_went_only_while_the_student_consents(
    client, factory
):
    world = await seats(factory)
    sponsor = await factory.user()
    sponsor_headers = await factory.headers_for(sponsor)
    paid = await pledge(factory, world.campaign, "100000", tier=world.seat_tier, backer=sponsor)
    await close_and_settle(factory, world.campaign)
    student, application = await scholar(factory, world.programme)
    stranger = await factory.headers_for(await factory.user())

    assert await seat_seen_by(client, paid, sponsor_headers) is None  # not linked yet
    body = await graphql(
        client, ASSIGN, assign_input(paid, application), headers=world.host.headers
    )
    assert body["data"]["assignSponsoredSeat"] == {
        "pledge": {"id": global_id("Pledge", paid)},
        "userErrors": [],
    }
    assert await seat_seen_by(client, paid, sponsor_headers) == WITHHELD

    body = await graphql(client, CONSENT, consent_input(application, True), headers=student.headers)
    assert body["data"]["setSponsorConsent"]["consentGiven"] is True
    assert body["data"]["setSponsorConsent"]["userErrors"] == []
    seen = {
        "consentGiven": True,
        "programme": {"slug": world.slug},
        "country": {"code": "KZ"},
        "region": {"code": "KZ-75"},
        "hasGraduated": False,
    }
    assert await seat_seen_by(client, paid, sponsor_headers) == seen
    await factory._write(
        lambda s: applications.record_outcome(s, application, ApplicationStatus.COMPLETED)
    )
    assert await seat_seen_by(client, paid, sponsor_headers) == {**seen, "hasGraduated": True}

    for other in (stranger, world.host.headers, student.headers, None):
        assert await seat_seen_by(client, paid, other) is None

    await graphql(client, CONSENT, consent_input(application, False), headers=student.headers)
    assert await seat_seen_by(client, paid, sponsor_headers) == WITHHELD


async def _links(session: Any) -> int:
    return int(await session.scalar(select(func.count()).select_from(SeatSponsorship)))


async def test_a_seat_is_linked_only_to_a_collected_seat_sponsorship_and_a_scholarship_seat(
    client, factory, session
):
    world = await seats(factory)
    other = await seats(factory)
    sponsor = await factory.user()
    paid = await pledge(factory, world.campaign, "100000", tier=world.seat_tier, backer=sponsor)
    thanks = await pledge(factory, world.campaign, "5", tier=world.thanks_tier, backer=sponsor)
    await close_and_settle(factory, world.campaign)
    uncollected = await pledge(factory, other.campaign, "100000", tier=other.seat_tier)
    _, seat = await scholar(factory, world.programme)
    _, second_seat = await scholar(factory, world.programme)
    _, paying = await scholar(factory, world.programme, scholarship=False)
    _, elsewhere = await scholar(factory, other.programme)
    before = await _links(session)

    async def refused(pledge_id: int, application: int, headers: dict[str, str]) -> Any:
        body = await graphql(client, ASSIGN, assign_input(pledge_id, application), headers=headers)
        return body["data"]["assignSponsoredSeat"]["userErrors"]

    admin = world.host.headers
    assert [e["code"] for e in await refused(thanks, seat, admin)] == ["NOT_A_SEAT_SPONSORSHIP"]
    other_admin = other.host.headers
    (error,) = await refused(uncollected, elsewhere, other_admin)
    assert (error["code"], error["field"]) == ("PLEDGE_NOT_COLLECTED", ["pledgeId"])
    (error,) = await refused(paid, paying, admin)
    assert (error["code"], error["field"]) == ("NOT_A_SCHOLARSHIP_SEAT", ["applicationId"])
    assert [e["code"] for e in await refused(paid, elsewhere, admin)] == ["NOT_A_SCHOLARSHIP_SEAT"]
    assert [e["code"] for e in await refused(paid, 999_999, admin)] == ["NOT_FOUND"]
    assert await _links(session) == before

    body = await graphql(client, ASSIGN, assign_input(paid, seat), headers=other_admin)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await _links(session) == before

    assert await refused(paid, seat, admin) == []
    assert [e["code"] for e in await refused(paid, second_seat, admin)] == ["DUPLICATE"]
    assert await _links(session) == before + 1


async def test_only_the_student_gives_or_withdraws_consent_and_none_is_the_default(
    client, factory, session
):
    world = await seats(factory)
    student, application = await scholar(factory, world.programme)
    sponsor = await factory.headers_for(await factory.user())
    for headers in (sponsor, world.host.headers):
        body = await graphql(client, CONSENT, consent_input(application, True), headers=headers)
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await session.get(SponsorConsent, application) is None

    for consent in (True, True, False, False):
        body = await graphql(
            client, CONSENT, consent_input(application, consent), headers=student.headers
        )
        assert body["data"]["setSponsorConsent"]["consentGiven"] is consent
        session.expire_all()
        assert (await session.get(SponsorConsent, application) is not None) is consent

    body = await graphql(client, CONSENT, consent_input(999_999, True), headers=student.headers)
    (error,) = body["data"]["setSponsorConsent"]["userErrors"]
    assert (error["code"], error["field"]) == ("NOT_FOUND", ["applicationId"])
    assert body["data"]["setSponsorConsent"]["consentGiven"] is None


DEMO = """
{
  patronsBoard(country: "KZ", currency: "KZT", on: "2026-12-01") {
    patrons(first: 10) { nodes { organisation { slug isPatron } amounts { amount currencyCode } } }
  }
}
"""


async def test_the_demo_has_a_patrons_board_a_patron_and_sponsored_seats(client, session):
    data = await data_of(client, DEMO)
    board = [node["organisation"] for node in data["patronsBoard"]["patrons"]["nodes"]]
    # Kazakhfilm leads with 3.1 million pledged, but only 600 000 of it is collected yet.
    assert board[0] == {"slug": "kazakhfilm", "isPatron": False}
    assert {"slug": "turan-creative-fund", "isPatron": True} in board
    sound = await data_of(client, '{ organisation(slug: "nomad-sound-lab") { isPatron } }')
    assert sound["organisation"] == {"isPatron": True}  # 5 000 USD, at 512.35 KZT each
    rows = await session.execute(
        select(SeatSponsorship.application_id, SponsorConsent.application_id).outerjoin(
            SponsorConsent, SponsorConsent.application_id == SeatSponsorship.application_id
        )
    )
    links = rows.all()
    assert len(links) == 3
    assert sum(consent is not None for _seat, consent in links) == 2
