"""Nested fields load through batched loaders: a page costs the same SQL at any size."""

from hub.creators.enums import LanguageProficiency, SkillLevel
from tests.helpers import data_of

NESTED_PROJECTS = """
query ($size: Int!) {
  projects(first: $size, orderBy: { field: SLUG, direction: ASC }) {
    totalCount
    nodes {
      title
      countries { code }
      participants(first: 20) {
        totalCount
        nodes {
          role
          creator {
            handle
            country { code name }
            disciplines { level discipline { slug sector { slug } } }
          }
          organisation { slug country { code } }
        }
      }
    }
  }
}
"""


async def _projects_with_teams(factory, count: int) -> None:
    for number in range(count):
        lead = await factory.creator(
            country="KZ",
            skills=[("animation", SkillLevel.ADVANCED)],
            languages=[("kk", LanguageProficiency.NATIVE)],
        )
        project = await factory.project(slug=f"aa-cost-{number:03}", lead_creator=lead)
        partner = await factory.creator(country="UZ", skills=[("animation", SkillLevel.EXPERT)])
        await factory.participant(project, creator=partner)
        await factory.participant(project, organisation=await factory.organisation(country="KG"))


async def test_a_page_of_projects_with_their_teams_costs_a_fixed_number_of_statements(
    client, factory, statements
):
    await _projects_with_teams(factory, 50)

    with statements.record():
        small = await data_of(client, NESTED_PROJECTS, {"size": 5})
    small_cost = len(statements.selects)
    with statements.record():
        large = await data_of(client, NESTED_PROJECTS, {"size": 50})
    large_cost = len(statements.selects)

    assert len(small["projects"]["nodes"]) == 5
    assert len(large["projects"]["nodes"]) == 50
    first = large["projects"]["nodes"][0]
    assert first["participants"]["totalCount"] == 3
    assert {code["code"] for code in first["countries"]} == {"KZ", "UZ", "KG"}
    assert large_cost == small_cost
    # One statement each: the page, its count, project countries, participants,
    # creators, organisations, creators' countries, organisations' countries, creator
    # disciplines, disciplines, sectors.
    assert large_cost <= 11, statements.selects
