"""Finding creators: filters, search across scripts, ordering and their relations."""

from datetime import date

from hub.creators.enums import LanguageProficiency as P
from hub.creators.enums import SkillLevel as L
from tests.factories import global_id
from tests.helpers import data_of

FIND = """
query ($filter: CreatorFilter, $order: CreatorOrder) {
  creators(first: 100, filter: $filter, orderBy: $order) { totalCount nodes { handle } }
}
"""


async def _handles(client, filter, order=None, *, admin=False) -> list[str]:
    data = await data_of(client, FIND, {"filter": filter, "order": order}, admin=admin)
    return [node["handle"] for node in data["creators"]["nodes"]]


async def _make_cast(factory) -> None:
    this_year = date.today().year
    await factory.creator(
        handle="zz-young-animator",
        display_name="Жанна Алматинская",
        city="Алматы",
        country="KZ",
        birth_year=this_year - 22,
        skills=[("animation", L.ADVANCED)],
        languages=[("kk", P.NATIVE), ("ru", P.FLUENT)],
    )
    await factory.creator(
        handle="zz-senior-mentor",
        display_name="Rustam Karimov",
        city="Tashkent",
        country="UZ",
        birth_year=this_year - 50,
        is_mentor=True,
        skills=[("animation", L.MASTER)],
        languages=[("uz", P.NATIVE), ("ru", P.FLUENT), ("kk", P.CONVERSATIONAL)],
    )
    await factory.creator(
        handle="zz-closed-designer",
        display_name="Ani Petrosyan",
        country="AM",
        birth_year=this_year - 36,
        open_to_collaboration=False,
        languages=[("hy", P.NATIVE)],
    )


async def test_search_folds_case_in_cyrillic(client, factory):
    await _make_cast(factory)
    # The demo's creators in "Almaty" match too now: search reaches across scripts.
    assert "zz-young-animator" in await _handles(client, {"search": "алматы"})
    # First; creators in "Almaty", which shares its stem, follow as fuzzy matches.
    assert (await _handles(client, {"search": "АЛМАТИНСКАЯ"}))[0] == "zz-young-animator"
    assert await _handles(client, {"search": "rustam karimov"}) == ["zz-senior-mentor"]


async def test_search_treats_like_wildcards_as_text(client, factory):
    await _make_cast(factory)
    assert await _handles(client, {"search": "%"}) == []
    assert await _handles(client, {"search": "zz_"}) == []


async def test_filters_combine_and_each_narrows(client, factory):
    await _make_cast(factory)
    mine = {"search": "zz "}
    assert set(await _handles(client, mine)) == {
        "zz-young-animator",
        "zz-senior-mentor",
        "zz-closed-designer",
    }
    assert await _handles(client, {**mine, "countries": ["UZ"]}) == ["zz-senior-mentor"]
    assert await _handles(client, {**mine, "youngTalent": True}) == ["zz-young-animator"]
    assert set(await _handles(client, {**mine, "youngTalent": False})) == {
        "zz-senior-mentor",
        "zz-closed-designer",
    }
    assert await _handles(client, {**mine, "isMentor": True}) == ["zz-senior-mentor"]
    assert await _handles(client, {**mine, "openToCollaboration": False}) == ["zz-closed-designer"]


async def test_the_young_talent_threshold_is_inclusive_of_age_35(client, factory):
    await _make_cast(factory)
    assert "zz-closed-designer" not in await _handles(
        client, {"search": "zz ", "youngTalent": True}
    )
    await factory.creator(handle="zz-exactly-35", birth_year=date.today().year - 35)
    young = await _handles(client, {"search": "zz ", "youngTalent": True})
    assert "zz-exactly-35" in young


async def test_languages_filter_needs_every_language_listed(client, factory):
    await _make_cast(factory)
    mine = {"search": "zz "}
    assert set(await _handles(client, {**mine, "languages": ["kk"]})) == {
        "zz-young-animator",
        "zz-senior-mentor",
    }
    assert await _handles(client, {**mine, "languages": ["kk", "uz"]}) == ["zz-senior-mentor"]


async def test_a_sector_slug_matches_every_discipline_in_it(client, factory):
    await _make_cast(factory)
    sector = await data_of(client, '{ discipline(slug: "animation") { sector { slug } } }')
    sector_slug = sector["discipline"]["sector"]["slug"]
    by_discipline = await _handles(client, {"search": "zz ", "disciplines": ["animation"]})
    by_sector = await _handles(client, {"search": "zz ", "disciplines": [sector_slug]})
    assert set(by_discipline) == set(by_sector) == {"zz-young-animator", "zz-senior-mentor"}


async def test_staff_may_order_by_birth_year_descending(client, factory):
    await _make_cast(factory)
    handles = await _handles(
        client, {"search": "zz "}, {"field": "BIRTH_YEAR", "direction": "DESC"}, admin=True
    )
    assert handles == ["zz-young-animator", "zz-closed-designer", "zz-senior-mentor"]


async def test_a_creator_reaches_their_projects_and_the_project_reaches_them(client, factory):
    creator = await factory.creator(handle="zz-traveller")
    organisation = await factory.organisation(slug="zz-studio")
    project = await factory.project(slug="zz-joint", lead_organisation=organisation)
    await factory.participant(project, creator=creator, role="Composer")
    data = await data_of(
        client,
        """{ creator(handle: "zz-traveller") {
              projects { totalCount nodes { slug leadOrganisation { slug } } }
              participations { nodes { role project { slug } } } } }""",
    )
    assert data["creator"]["projects"]["nodes"] == [
        {"slug": "zz-joint", "leadOrganisation": {"slug": "zz-studio"}}
    ]
    assert data["creator"]["participations"]["nodes"] == [
        {"role": "Composer", "project": {"slug": "zz-joint"}}
    ]
    organisation_view = await data_of(
        client, '{ organisation(slug: "zz-studio") { projects { nodes { slug } } } }'
    )
    assert organisation_view["organisation"]["projects"]["nodes"] == [{"slug": "zz-joint"}]


async def test_affiliations_are_navigable_both_ways(client, factory):
    creator = await factory.creator(handle="zz-resident")
    organisation = await factory.organisation(slug="zz-technopark")
    data = await data_of(
        client,
        """mutation ($input: AddAffiliationInput!) { addAffiliation(input: $input) {
             affiliation { role isCurrent creator { handle } organisation { slug } }
             userErrors { code } } }""",
        {
            "input": {
                "creatorId": global_id("Creator", creator),
                "organisationId": global_id("Organisation", organisation),
                "role": "Resident",
                "since": "2024-01-01",
            }
        },
        admin=True,
    )
    assert data["addAffiliation"] == {
        "affiliation": {
            "role": "Resident",
            "isCurrent": True,
            "creator": {"handle": "zz-resident"},
            "organisation": {"slug": "zz-technopark"},
        },
        "userErrors": [],
    }
    members = await data_of(
        client,
        '{ organisation(slug: "zz-technopark") { members { nodes { creator { handle } } } } }',
    )
    assert members["organisation"]["members"]["nodes"] == [{"creator": {"handle": "zz-resident"}}]


async def test_an_affiliation_that_ends_before_it_begins_is_refused(client, factory):
    data = await data_of(
        client,
        """mutation ($input: AddAffiliationInput!) { addAffiliation(input: $input) {
             affiliation { role } userErrors { field code } } }""",
        {
            "input": {
                "creatorId": global_id("Creator", await factory.creator()),
                "organisationId": global_id("Organisation", await factory.organisation()),
                "role": "Student",
                "since": "2024-09-01",
                "until": "2023-06-30",
            }
        },
        admin=True,
    )
    assert data["addAffiliation"] == {
        "affiliation": None,
        "userErrors": [{"field": ["until"], "code": "INVALID_DATE_RANGE"}],
    }
