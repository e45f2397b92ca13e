"""How a creator's collaborators map onto SQL: an entity over the derived pairs."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ScalarSelect

from hub.collaboration.pairs import COLLABORATOR_PAIRS, latest_shared_project
from hub.core.mapping import Derived, Entity, QueryEnv, Relations, ToOne
from hub.creators import mapping as creators_mapping
from hub.projects import mapping as projects_mapping

_pairs = COLLABORATOR_PAIRS.c


def _latest_shared_project(_env: QueryEnv) -> ScalarSelect[Any]:
    return latest_shared_project(_pairs.creator_id, _pairs.collaborator_id)


class CollaboratorRelations(Relations):
    creator = ToOne(lambda: creators_mapping.CREATOR, key_field="collaborator_id")
    latest_shared_project = ToOne(
        lambda: projects_mapping.PROJECT, key_field="latest_shared_project_id"
    )


COLLABORATOR: Entity[CollaboratorRelations] = Entity(
    name="Collaborator",
    table=COLLABORATOR_PAIRS,
    # Unique within one creator's collaborators, which is all a page needs.
    key_field="collaborator_id",
    fields={
        "creator_id": _pairs.creator_id,
        "collaborator_id": _pairs.collaborator_id,
        "display_name": _pairs.display_name,
        "shared_project_count": _pairs.shared_project_count,
        "latest_shared_project_id": Derived(_latest_shared_project),
    },
    relations=CollaboratorRelations(),
    orderings={
        "SHARED_PROJECT_COUNT": _pairs.shared_project_count,
        "DISPLAY_NAME": _pairs.display_name,
    },
    default_ordering=(("SHARED_PROJECT_COUNT", True), ("DISPLAY_NAME", False)),
)
