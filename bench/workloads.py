"""The benchmark's workloads: a GraphQL operation, the variables it is sent with, and,
where the foundation asks for it, the same answer built by PostgreSQL alone."""

from __future__ import annotations

import base64
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

NESTED_GRAPHQL = """
query Nested {
  projects(first: 50) {
    nodes {
      title
      participants(first: 50) {
        nodes {
          role
          creator {
            handle displayName country { code name } disciplines { level discipline { slug } }
          }
        }
      }
    }
  }
}
"""

# The physical limit for the nested answer: PostgreSQL picks the page first, then builds
# the whole JSON document for it in one statement.
NESTED_SQL = """
WITH page AS (SELECT id, title FROM project ORDER BY title, id LIMIT 50)
SELECT json_build_object('projects', json_build_object('nodes', coalesce(json_agg(
  json_build_object('title', page.title, 'participants', json_build_object('nodes', (
    SELECT coalesce(json_agg(json_build_object(
             'role', pa.role,
             'creator', CASE WHEN c.id IS NULL THEN NULL ELSE json_build_object(
               'handle', c.handle,
               'displayName', c.display_name,
               'country', json_build_object('code', co.code, 'name', co.name),
               'disciplines', (
                 SELECT coalesce(json_agg(json_build_object(
                          'level', cd.level,
                          'discipline', json_build_object('slug', d.slug))), '[]')
                 FROM creator_discipline cd JOIN discipline d ON d.id = cd.discipline_id
                 WHERE cd.creator_id = c.id)) END)
           ORDER BY pa.joined_on, pa.id), '[]')
    FROM (SELECT * FROM participant WHERE project_id = page.id
          ORDER BY joined_on, id LIMIT 50) pa
    LEFT JOIN creator c ON c.id = pa.creator_id
    LEFT JOIN country co ON co.code = c.country_code)))
  ORDER BY page.title, page.id), '[]')))
FROM page
"""

POINT_GRAPHQL = """
query Point($handle: String!) {
  creator(handle: $handle) {
    handle displayName country { code name } disciplines { level discipline { slug } }
  }
}
"""

POINT_SQL = """
SELECT json_build_object('creator', json_build_object(
  'handle', c.handle,
  'displayName', c.display_name,
  'country', json_build_object('code', co.code, 'name', co.name),
  'disciplines', (
    SELECT coalesce(json_agg(json_build_object(
             'level', cd.level, 'discipline', json_build_object('slug', d.slug))), '[]')
    FROM creator_discipline cd JOIN discipline d ON d.id = cd.discipline_id
    WHERE cd.creator_id = c.id)))
FROM creator c JOIN country co ON co.code = c.country_code
WHERE c.handle = $1
"""

MATCH_GRAPHQL = """
query Match($role: ID!) {
  matchCreators(roleId: $role, first: 20) {
    nodes {
      score
      creator { handle displayName country { code } }
      reasons { factor weight contribution detail }
    }
  }
}
"""

PATH_GRAPHQL = """
query Path($from: ID!, $to: ID!) {
  collaborationPath(from: $from, to: $to, maxHops: 4) {
    hops
    creators { handle }
    links { project { slug } }
  }
}
"""


PROGRAMMES_GRAPHQL = """
query Programmes($creator: ID!) {
  recommendedProgrammes(creatorId: $creator, first: 10) {
    nodes {
      score
      programme { slug title levelTaught }
      reasons { factor contribution detail }
    }
  }
}
"""

MENTORS_GRAPHQL = """
query Mentors($creator: ID!) {
  recommendedMentors(creatorId: $creator, first: 10) {
    nodes {
      score
      mentor { handle displayName country { code } }
      reasons { factor contribution detail }
    }
  }
}
"""


def global_id(type_name: str, key: int) -> str:
    """The opaque ID the API gives a row (Strawberry's relay format)."""
    return base64.b64encode(f"{type_name}:{key}".encode()).decode()


@dataclass(frozen=True)
class Sample:
    """Keys drawn once from the benchmark database, so every run asks the same things."""

    handles: list[str]
    open_roles: list[int]
    collaborating_creators: list[int]
    young_creators: list[int] = field(default_factory=list)
    """Creators born 2001 or later: the Talent Factory's audience."""


@dataclass(frozen=True)
class Workload:
    name: str
    description: str
    graphql: str
    variables: Callable[[Sample], list[dict[str, Any]]]
    # The same answer as one PostgreSQL statement, with its arguments per request.
    sql: str | None = None
    sql_arguments: Callable[[Sample], list[tuple[Any, ...]]] = field(default=lambda _: [()])


def _pairs(sample: Sample) -> list[dict[str, Any]]:
    chooser = random.Random(7)
    people = sample.collaborating_creators
    return [
        {"from": global_id("Creator", a), "to": global_id("Creator", b)}
        for a, b in (chooser.sample(people, 2) for _ in range(500))
    ]


WORKLOADS = [
    Workload(
        "nested",
        "first 50 projects, their participants, each creator's country and disciplines",
        NESTED_GRAPHQL,
        variables=lambda _: [{}],
        sql=NESTED_SQL,
    ),
    Workload(
        "point",
        "one creator by handle with country and disciplines",
        POINT_GRAPHQL,
        variables=lambda sample: [{"handle": handle} for handle in sample.handles],
        sql=POINT_SQL,
        sql_arguments=lambda sample: [(handle,) for handle in sample.handles],
    ),
    Workload(
        "match",
        "matchCreators(first: 20) for a random open role, with reasons",
        MATCH_GRAPHQL,
        variables=lambda sample: [{"role": global_id("OpenRole", k)} for k in sample.open_roles],
    ),
    Workload(
        "programmes",
        "recommendedProgrammes(first: 10) for a random young creator, with reasons",
        PROGRAMMES_GRAPHQL,
        variables=lambda sample: [
            {"creator": global_id("Creator", key)} for key in sample.young_creators
        ],
    ),
    Workload(
        "mentors",
        "recommendedMentors(first: 10) for a random young creator, with reasons",
        MENTORS_GRAPHQL,
        variables=lambda sample: [
            {"creator": global_id("Creator", key)} for key in sample.young_creators
        ],
    ),
    Workload(
        "path",
        "collaborationPath between two random creators who have collaborated, maxHops 4",
        PATH_GRAPHQL,
        variables=_pairs,
    ),
]
