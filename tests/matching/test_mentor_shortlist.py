"""recommendedMentors ranks the mentors practising the creator's own disciplines first (a
shortlist), then those and the mentors in the creator's country (a wider one), and ranks
everyone in the sectors only when neither settles the page: whichever does, the page is
the one the whole ranking gives."""

from __future__ import annotations

from hub.creators.enums import LanguageProficiency, SkillLevel
from hub.talent.mentoring.models import MentorCapacity
from tests.helpers import data_of
from tests.talent import world

MENTORS = """
query ($creator: ID!, $first: Int) {
  recommendedMentors(creatorId: $creator, first: $first) {
    nodes { score meetsRequirements tiedWithPrevious mentor { handle } }
  }
}
"""
KAZAKH = [("kk", LanguageProficiency.FLUENT)]


async def _mentor(factory, session, handle, discipline, level, country="KZ"):
    creator = await factory.creator(
        handle=handle, skills=[(discipline, level)], country=country, languages=KAZAKH
    )
    session.add(MentorCapacity(creator_id=creator, capacity=2, taken=0))
    await session.commit()


async def _ranked(client, statements, learner, first):
    with statements.record():
        data = await data_of(client, MENTORS, {"creator": learner.creator_id, "first": first})
    rankings = [sql for sql in statements.selects if "match_tier" in sql]
    return data["recommendedMentors"]["nodes"], len(rankings)


async def _learner(factory, level):
    return await world.person(
        factory,
        country="KZ",
        skills=[("animation", level)],
        languages=[("kk", LanguageProficiency.NATIVE)],
    )


async def test_the_shortlist_settles_a_page_with_the_page_the_whole_ranking_gives(
    client, factory, session, statements
):
    learner = await _learner(factory, SkillLevel.BEGINNER)
    for number in range(5):
        await _mentor(factory, session, f"zz-animator-{number}", "animation", SkillLevel.MASTER)
    # Masters in a neighbouring discipline: above the learner too, but their discipline
    # is worth half, so they score at most the ceiling and rank below every animator.
    for number in range(2):
        await _mentor(factory, session, f"zz-outsider-{number}", "vfx", SkillLevel.MASTER)

    page, page_rankings = await _ranked(client, statements, learner, 3)
    everyone, everyone_rankings = await _ranked(client, statements, learner, 50)

    assert page_rankings == 1  # settled by the shortlist: the whole ranking never ran
    assert everyone_rankings == 3  # a page no shortlist can fill falls back
    assert page == everyone[:3]
    assert [node["mentor"]["handle"] for node in page] == [
        "zz-animator-0",
        "zz-animator-1",
        "zz-animator-2",
    ]
    handles = [node["mentor"]["handle"] for node in everyone]
    assert handles.index("zz-animator-4") < handles.index("zz-outsider-0")
    assert all(node["meetsRequirements"] for node in everyone if "zz-" in node["mentor"]["handle"])


async def test_a_shortlist_that_cannot_settle_the_page_falls_back_to_everyone(
    client_with, factory, session, statements
):
    learner = await _learner(factory, SkillLevel.MASTER)
    # Nobody is above a master in animation: the shortlist (the animators) fills a page of
    # two with mentors who miss the requirement, and the vfx masters (above a beginner in
    # vfx, the learner's level there) meet it and outrank them.
    for number in range(3):
        await _mentor(factory, session, f"zz-peer-{number}", "animation", SkillLevel.BEGINNER)
    for number in range(2):
        await _mentor(factory, session, f"zz-outsider-{number}", "vfx", SkillLevel.MASTER)

    # With the level gap weighing 1, an animator not above the learner (7.5 of 8.5)
    # scores above the outsiders' ceiling (7 of 8.5): only the tier tells that the vfx
    # masters, who meet the requirement, come first.
    async with client_with(match_weight_level_gap=1.0) as client:
        page, page_rankings = await _ranked(client, statements, learner, 2)
        everyone, _ = await _ranked(client, statements, learner, 50)

    assert page_rankings == 2  # the shortlist's page was not final
    assert all(node["meetsRequirements"] for node in page)
    assert page == everyone[:2]
    handles = [node["mentor"]["handle"] for node in everyone]
    assert max(handles.index(f"zz-outsider-{n}") for n in range(2)) < min(
        handles.index(f"zz-peer-{n}") for n in range(3)
    )
    peers = [node for node in everyone if node["mentor"]["handle"].startswith("zz-peer-")]
    assert not any(node["meetsRequirements"] for node in peers)


async def test_mentors_in_the_creators_country_settle_a_page_the_practitioners_cannot(
    client, factory, session, statements
):
    learner = await _learner(factory, SkillLevel.MASTER)
    # Nobody is above a master in animation, so the animators miss the requirement and
    # the first shortlist cannot settle the page. Masters in vfx meet it: those in the
    # learner's country score above anyone abroad could (no LOCATION), so the second
    # shortlist settles the page without the masters abroad being ranked.
    await _mentor(factory, session, "zz-peer", "animation", SkillLevel.BEGINNER)
    for number in range(3):
        await _mentor(factory, session, f"zz-near-{number}", "vfx", SkillLevel.MASTER)
    for number in range(2):
        await _mentor(factory, session, f"zz-abroad-{number}", "vfx", SkillLevel.MASTER, "AM")

    page, page_rankings = await _ranked(client, statements, learner, 2)
    everyone, everyone_rankings = await _ranked(client, statements, learner, 50)

    assert page_rankings == 2  # the practitioners, then those and the compatriots
    assert everyone_rankings == 3
    assert page == everyone[:2]
    assert "zz-near-0" in [node["mentor"]["handle"] for node in page]
    handles = [node["mentor"]["handle"] for node in everyone]
    assert handles.index("zz-near-2") < handles.index("zz-abroad-0") < handles.index("zz-peer")
    assert all(node["meetsRequirements"] for node in page)


PAGED = """
query ($creator: ID!, $after: String) {
  recommendedMentors(creatorId: $creator, first: 2, after: $after) {
    nodes { score meetsRequirements tiedWithPrevious mentor { handle } }
    pageInfo { endCursor }
  }
}
"""


async def test_a_later_page_settled_by_the_second_shortlist_is_the_whole_rankings(
    client, factory, session, statements
):
    learner = await _learner(factory, SkillLevel.MASTER)
    await _mentor(factory, session, "zz-peer", "animation", SkillLevel.BEGINNER)
    for number in range(5):
        await _mentor(factory, session, f"zz-near-{number}", "vfx", SkillLevel.MASTER)
    for number in range(2):
        await _mentor(factory, session, f"zz-abroad-{number}", "vfx", SkillLevel.MASTER, "AM")
    creator = learner.creator_id
    first = await data_of(client, PAGED, {"creator": creator})
    cursor = first["recommendedMentors"]["pageInfo"]["endCursor"]
    with statements.record():
        second = await data_of(client, PAGED, {"creator": creator, "after": cursor})
    rankings = [sql for sql in statements.selects if "match_tier" in sql]
    everyone, _ = await _ranked(client, statements, learner, 50)

    assert len(rankings) == 2  # settled by the second shortlist
    assert second["recommendedMentors"]["nodes"] == everyone[2:4]
    assert first["recommendedMentors"]["nodes"] == everyone[:2]
