"""The benchmark's workloads: each a GraphQL operation and the same answer in one SQL query."""

from __future__ import annotations

from dataclasses import dataclass

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

# The physical limit for the nested answer: PostgreSQL builds the whole JSON document.
NESTED_SQL = """
SELECT json_build_object('projects', json_build_object('nodes', coalesce(json_agg(p), '[]')))
FROM (
  SELECT pr.title,
         json_build_object('nodes', (
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
           FROM (SELECT * FROM participant WHERE project_id = pr.id
                 ORDER BY joined_on, id LIMIT 50) pa
           LEFT JOIN creator c ON c.id = pa.creator_id
           LEFT JOIN country co ON co.code = c.country_code)) AS participants
  FROM project pr
  ORDER BY pr.title, pr.id
  LIMIT 50
) p
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


@dataclass(frozen=True)
class Workload:
    name: str
    description: str
    graphql: str
    sql: str
    takes_handle: bool


WORKLOADS = [
    Workload(
        "nested",
        "first 50 projects, their participants, each creator's country and disciplines",
        NESTED_GRAPHQL,
        NESTED_SQL,
        takes_handle=False,
    ),
    Workload(
        "point",
        "one creator by handle with country and disciplines",
        POINT_GRAPHQL,
        POINT_SQL,
        takes_handle=True,
    ),
]
