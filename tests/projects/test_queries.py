"""Finding projects: status, cross-border, open roles, countries, disciplines, search."""

from hub.projects.enums import ProjectStatus
from tests.helpers import data_of

FIND = """
query ($filter: ProjectFilter) {
  projects(first: 100, filter: $filter, orderBy: { field: SLUG, direction: ASC }) {
    totalCount nodes { slug }
  }
}
"""


async def _slugs(client, filter) -> list[str]:
    data = await data_of(client, FIND, {"filter": filter})
    return [node["slug"] for node in data["projects"]["nodes"]]


async def _make_projects(factory) -> None:
    kz = await factory.creator(country="KZ")
    await factory.project(
        slug="zz-home", lead_creator=kz, title="Домашний проект", disciplines=["animation"]
    )
    abroad = await factory.project(
        slug="zz-abroad", lead_creator=kz, title="Joint Venture", status=ProjectStatus.IN_PROGRESS
    )
    await factory.participant(abroad, organisation=await factory.organisation(country="TJ"))
    await factory.role(abroad)


async def test_cross_border_means_two_or_more_countries(client, factory):
    await _make_projects(factory)
    mine = {"search": "zz "}
    assert await _slugs(client, {**mine, "crossBorder": True}) == ["zz-abroad"]
    assert await _slugs(client, {**mine, "crossBorder": False}) == ["zz-home"]


async def test_has_open_roles_status_and_country_filters(client, factory):
    await _make_projects(factory)
    mine = {"search": "zz "}
    assert await _slugs(client, {**mine, "hasOpenRoles": True}) == ["zz-abroad"]
    assert await _slugs(client, {**mine, "hasOpenRoles": False}) == ["zz-home"]
    assert await _slugs(client, {**mine, "statuses": ["SEEKING_PARTNERS"]}) == ["zz-home"]
    assert await _slugs(client, {**mine, "countries": ["TJ"]}) == ["zz-abroad"]
    assert await _slugs(client, {**mine, "countries": ["KZ"]}) == ["zz-abroad", "zz-home"]
    assert await _slugs(client, {**mine, "disciplines": ["animation"]}) == ["zz-home"]


async def test_search_finds_titles_in_cyrillic_whatever_the_case(client, factory):
    await _make_projects(factory)
    assert await _slugs(client, {"search": "ДОМАШНИЙ"}) == ["zz-home"]


async def test_a_country_lists_the_projects_its_people_take_part_in(client, factory):
    await _make_projects(factory)
    data = await data_of(
        client, '{ country(code: "TJ") { projects(first: 100) { nodes { slug } } } }'
    )
    assert "zz-abroad" in [node["slug"] for node in data["country"]["projects"]["nodes"]]
    assert "zz-home" not in [node["slug"] for node in data["country"]["projects"]["nodes"]]
