"""recommendedProgrammes, explainProgrammeMatch and recommendedMentors: who is offered
what, in which order, and why; the ineligible are left out with the rule that says so."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import update

from hub.creators.enums import LanguageProficiency, SkillLevel
from hub.talent.enums import ProgrammeFormat, ProgrammeStatus
from hub.talent.mentoring.models import MentorCapacity
from hub.talent.models import Programme
from tests.factories import global_id
from tests.helpers import data_of
from tests.matching.documents import REASONS, assert_explained, reason
from tests.talent import world


@dataclass(frozen=True)
class Prerequisite:
    discipline: str
    minimum_level: SkillLevel


PROGRAMMES = f"""
query ($creator: ID!, $first: Int, $after: String, $language: Locale) {{
  recommendedProgrammes(creatorId: $creator, first: $first, after: $after, language: $language) {{
    totalCount
    edges {{ cursor node {{ score programme {{ slug }} {REASONS} }} }}
    pageInfo {{ hasNextPage endCursor }}
  }}
}}
"""
EXPLAIN = f"""
query ($programme: ID!, $creator: ID!) {{
  explainProgrammeMatch(programmeId: $programme, creatorId: $creator) {{
    match {{ score programme {{ slug }} {REASONS} }}
    exclusions {{ code message }}
  }}
}}
"""
MENTORS = f"""
query ($creator: ID!, $first: Int) {{
  recommendedMentors(creatorId: $creator, first: $first) {{
    totalCount
    nodes {{ score mentor {{ handle }} {REASONS} }}
  }}
}}
"""


async def _programme(factory, host, slug, level, **fields):
    return await world.programme(
        factory,
        host.organisation,
        slug=slug,
        disciplines=fields.pop("disciplines", ["animation"]),
        level_taught=level,
        languages=fields.pop("languages", ["ru"]),
        **fields,
    )


async def _ranked(client, creator, **variables):
    data = await data_of(
        client, PROGRAMMES, {"creator": global_id("Creator", creator), "first": 50, **variables}
    )
    return data["recommendedProgrammes"]


def _slugs(ranked, prefix="zz-"):
    return [
        edge["node"]["programme"]["slug"]
        for edge in ranked["edges"]
        if edge["node"]["programme"]["slug"].startswith(prefix)
    ]


async def test_a_programme_at_the_creators_level_ranks_above_one_far_below(client, factory):
    host = await world.host(factory)
    await _programme(factory, host, "zz-beginners", SkillLevel.BEGINNER)
    await _programme(factory, host, "zz-at-level", SkillLevel.EXPERT)
    await _programme(factory, host, "zz-next-step", SkillLevel.MASTER)
    learner = await world.person(
        factory,
        skills=[("animation", SkillLevel.EXPERT)],
        languages=[("ru", LanguageProficiency.NATIVE)],
    )
    ranked = await _ranked(client, learner.creator)
    assert _slugs(ranked)[:2] in (["zz-at-level", "zz-next-step"], ["zz-next-step", "zz-at-level"])
    assert _slugs(ranked)[2] == "zz-beginners"
    nodes = {edge["node"]["programme"]["slug"]: edge["node"] for edge in ranked["edges"]}
    for node in nodes.values():
        assert_explained(node)
    assert reason(nodes["zz-at-level"], "LEVEL_FIT")["status"] == "MET"
    assert reason(nodes["zz-beginners"], "LEVEL_FIT")["value"] == 0.25
    assert reason(nodes["zz-beginners"], "LEVEL_FIT")["detail"] == (
        "taught at beginner, 3 levels below your expert in Animation"
    )
    assert reason(nodes["zz-at-level"], "LANGUAGE")["detail"] == (
        "taught in Russian, which you speak (native)"
    )


async def test_programmes_the_creator_cannot_apply_to_are_left_out(client, factory):
    host = await world.host(factory)
    learner = await world.person(factory, country="KZ", skills=[("animation", SkillLevel.ADVANCED)])
    await _programme(factory, host, "zz-open", SkillLevel.ADVANCED)
    await _programme(factory, host, "zz-draft", SkillLevel.ADVANCED, status=ProgrammeStatus.DRAFT)
    await _programme(factory, host, "zz-for-uzbeks", SkillLevel.ADVANCED, eligible_countries=["UZ"])
    await _programme(factory, host, "zz-for-adults", SkillLevel.ADVANCED, min_age=30)
    applied = await _programme(factory, host, "zz-applied", SkillLevel.ADVANCED)
    await world.application(factory, applied, learner.creator)
    assert _slugs(await _ranked(client, learner.creator)) == ["zz-open"]


async def test_explain_names_every_rule_that_leaves_a_programme_out(client, factory):
    host = await world.host(factory)
    learner = await world.person(factory, country="KZ", skills=[("animation", SkillLevel.BEGINNER)])
    strict = await _programme(
        factory,
        host,
        "zz-strict",
        SkillLevel.EXPERT,
        eligible_countries=["UZ"],
        max_age=15,
        prerequisites=[Prerequisite("animation", SkillLevel.ADVANCED)],
    )
    data = await data_of(
        client,
        EXPLAIN,
        {"programme": global_id("Programme", strict), "creator": learner.creator_id},
    )
    explained = data["explainProgrammeMatch"]
    assert explained["match"] is None
    assert [item["code"] for item in explained["exclusions"]] == [
        "TOO_OLD",
        "COUNTRY_NOT_ELIGIBLE",
        "PREREQUISITE_MISSING",
    ]


async def test_explain_gives_the_score_the_ranking_gives(client, factory):
    host = await world.host(factory)
    learner = await world.person(factory, skills=[("animation", SkillLevel.ADVANCED)])
    key = await _programme(
        factory, host, "zz-course", SkillLevel.ADVANCED, format=ProgrammeFormat.IN_PERSON,
        country="KZ", city="Almaty",
    )  # fmt: skip
    ranked = {
        edge["node"]["programme"]["slug"]: edge["node"]
        for edge in (await _ranked(client, learner.creator))["edges"]
    }
    data = await data_of(
        client, EXPLAIN, {"programme": global_id("Programme", key), "creator": learner.creator_id}
    )
    match = data["explainProgrammeMatch"]["match"]
    assert data["explainProgrammeMatch"]["exclusions"] == []
    assert match["score"] == ranked["zz-course"]["score"]
    assert match["reasons"] == ranked["zz-course"]["reasons"]
    assert (
        reason(match, "LOCATION")["detail"] == "held in person in Kazakhstan, where you are based"
    )


async def test_a_full_programme_ranks_below_one_with_a_seat(client, factory, session):
    host = await world.host(factory)
    learner = await world.person(factory, skills=[("animation", SkillLevel.ADVANCED)])
    full = await _programme(factory, host, "zz-full", SkillLevel.ADVANCED, capacity=1)
    await _programme(factory, host, "zz-roomy", SkillLevel.ADVANCED, capacity=1)
    await session.execute(update(Programme).where(Programme.id == full).values(seats_taken=1))
    await session.commit()
    ranked = await _ranked(client, learner.creator)
    assert _slugs(ranked) == ["zz-roomy", "zz-full"]
    nodes = [edge["node"] for edge in ranked["edges"]]
    full_node = next(n for n in nodes if n["programme"]["slug"] == "zz-full")
    assert reason(full_node, "FREE_SEATS")["detail"] == "every seat is taken: the waitlist only"


async def test_reasons_come_in_the_callers_language(client, factory):
    host = await world.host(factory)
    learner = await world.person(factory, skills=[("animation", SkillLevel.ADVANCED)])
    await _programme(factory, host, "zz-ru", SkillLevel.ADVANCED)
    ranked = await _ranked(client, learner.creator, language="RU")
    node = next(e["node"] for e in ranked["edges"] if e["node"]["programme"]["slug"] == "zz-ru")
    assert reason(node, "LEVEL_FIT")["code"] == "TAUGHT_AT_LEVEL"
    assert "Animation" not in reason(node, "LEVEL_FIT")["detail"]


async def _mentor(factory, session, handle, level, capacity=2, taken=0, **fields):
    creator = await factory.creator(handle=handle, skills=[("animation", level)], **fields)
    session.add(MentorCapacity(creator_id=creator, capacity=capacity, taken=taken))
    await session.commit()
    return creator


async def test_mentors_are_ranked_by_level_gap_language_country_and_places_left(
    client, factory, session
):
    learner = await world.person(
        factory,
        country="KZ",
        skills=[("animation", SkillLevel.BEGINNER)],
        languages=[("kk", LanguageProficiency.NATIVE)],
    )
    await _mentor(factory, session, "zz-master-kz", SkillLevel.MASTER, country="KZ",
                  languages=[("kk", LanguageProficiency.FLUENT)])  # fmt: skip
    await _mentor(factory, session, "zz-master-am", SkillLevel.MASTER, country="AM")
    await _mentor(factory, session, "zz-peer-kz", SkillLevel.BEGINNER, country="KZ",
                  languages=[("kk", LanguageProficiency.FLUENT)])  # fmt: skip
    await _mentor(factory, session, "zz-full", SkillLevel.MASTER, capacity=1, taken=1)
    data = await data_of(client, MENTORS, {"creator": learner.creator_id, "first": 50})
    nodes = [
        n for n in data["recommendedMentors"]["nodes"] if n["mentor"]["handle"].startswith("zz-")
    ]
    assert [n["mentor"]["handle"] for n in nodes] == ["zz-master-kz", "zz-master-am", "zz-peer-kz"]
    top = nodes[0]
    assert_explained(top)
    assert reason(top, "LEVEL_GAP")["detail"] == "master in Animation, 4 levels above your beginner"
    assert reason(top, "SHARED_LANGUAGES")["detail"] == "speaks Kazakh with you"
    assert reason(top, "MENTORING_CAPACITY")["detail"] == "mentoring places free: 2 of 2"
    assert reason(nodes[2], "LEVEL_GAP")["status"] == "MISSED"


async def test_a_creator_is_never_recommended_as_their_own_mentor(client, factory, session):
    mentor_user = await factory.user()
    mentor = await factory.creator(owner=mentor_user, skills=[("animation", SkillLevel.MASTER)])
    session.add(MentorCapacity(creator_id=mentor, capacity=3, taken=0))
    await session.commit()
    data = await data_of(client, MENTORS, {"creator": global_id("Creator", mentor), "first": 50})
    handles = [n["mentor"]["handle"] for n in data["recommendedMentors"]["nodes"]]
    assert all(n != "" for n in handles)
    assert global_id("Creator", mentor) not in handles
    assert date.today().year > 2000


async def test_a_page_of_programmes_or_mentors_costs_the_same_at_any_size(
    client, factory, session, statements
):
    host = await world.host(factory)
    learner = await world.person(factory, skills=[("animation", SkillLevel.INTERMEDIATE)])
    for number in range(12):
        await _programme(factory, host, f"zz-cost-{number:02}", SkillLevel.ADVANCED)
        await _mentor(factory, session, f"zz-mentor-{number:02}", SkillLevel.MASTER)
    costs = {}
    for query, field in ((PROGRAMMES, "recommendedProgrammes"), (MENTORS, "recommendedMentors")):
        for size in (2, 12):
            with statements.record():
                data = await data_of(client, query, {"creator": learner.creator_id, "first": size})
            costs[field, size] = len(statements.selects)
            assert data[field]["totalCount"] >= 12
    assert costs["recommendedProgrammes", 2] == costs["recommendedProgrammes", 12]
    assert costs["recommendedMentors", 2] == costs["recommendedMentors", 12]


PROGRAMMES_PAGE = """
query ($creator: ID!) {
  recommendedProgrammes(creatorId: $creator, first: 5) {
    nodes { score programme { slug } reasons { factor contribution detail } }
  }
}
"""
MENTORS_PAGE = """
query ($creator: ID!) {
  recommendedMentors(creatorId: $creator, first: 5) {
    nodes { score mentor { handle } reasons { factor contribution detail } }
  }
}
"""


async def test_a_page_of_programmes_or_mentors_takes_a_handful_of_statements(
    client, factory, session, statements
):
    """The creator, their disciplines and languages, the ranking, the page's disciplines
    (and for mentors their languages), the countries named: no credentials, no statement
    per row. Mentors: the shortlist of practitioners settles this page."""
    host = await world.host(factory)
    fluent_russian = [("ru", LanguageProficiency.FLUENT)]
    learner = await world.person(
        factory, country="KZ", skills=[("animation", SkillLevel.BEGINNER)], languages=fluent_russian
    )
    for number in range(8):
        await _programme(factory, host, f"zz-few-{number:02}", SkillLevel.INTERMEDIATE)
        await _mentor(
            factory, session, f"zz-few-mentor-{number:02}", SkillLevel.MASTER,
            country="KZ", languages=fluent_russian,
        )  # fmt: skip
    counts = {}
    for query, field in (
        (PROGRAMMES_PAGE, "recommendedProgrammes"),
        (MENTORS_PAGE, "recommendedMentors"),
    ):
        with statements.record():
            data = await data_of(client, query, {"creator": learner.creator_id})
        assert len(data[field]["nodes"]) == 5
        counts[field] = len(statements.selects)
    assert counts == {"recommendedProgrammes": 6, "recommendedMentors": 7}
