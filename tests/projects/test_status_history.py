"""A project's status moves are checked by its state machine and kept, in order."""

from __future__ import annotations

from sqlalchemy import select

from hub.core.states import StateTransition
from hub.projects.enums import ProjectStatus
from tests.factories import global_id
from tests.helpers import data_of

UPDATE = """
mutation ($input: UpdateProjectInput!) {
  updateProject(input: $input) { project { status } userErrors { field code message } }
}
"""


async def _history(session, project: int) -> list[tuple[str | None, str]]:
    session.expire_all()
    moves = await session.scalars(
        select(StateTransition)
        .where(StateTransition.machine == "project.status", StateTransition.entity_id == project)
        .order_by(StateTransition.id)
    )
    return [(move.from_state, move.to_state) for move in moves]


async def test_each_status_move_is_kept_and_staying_put_is_not(client, factory, session):
    project = await factory.project(status=ProjectStatus.DRAFT)
    assert await _history(session, project) == [(None, "DRAFT")]
    for status in ["SEEKING_PARTNERS", "SEEKING_PARTNERS", "IN_PROGRESS", "COMPLETED"]:
        data = await data_of(
            client,
            UPDATE,
            {"input": {"id": global_id("Project", project), "status": status}},
            admin=True,
        )
        assert data["updateProject"]["userErrors"] == []
    assert await _history(session, project) == [
        (None, "DRAFT"),
        ("DRAFT", "SEEKING_PARTNERS"),
        ("SEEKING_PARTNERS", "IN_PROGRESS"),
        ("IN_PROGRESS", "COMPLETED"),
    ]


async def test_a_refused_move_lists_the_allowed_ones_and_is_not_kept(client, factory, session):
    project = await factory.project(status=ProjectStatus.SEEKING_PARTNERS)
    data = await data_of(
        client,
        UPDATE,
        {"input": {"id": global_id("Project", project), "status": "COMPLETED"}},
        admin=True,
    )
    [error] = data["updateProject"]["userErrors"]
    assert error["code"] == "INVALID_STATUS_TRANSITION"
    assert error["message"] == (
        "A SEEKING_PARTNERS project cannot become COMPLETED (allowed: CANCELLED, IN_PROGRESS)."
    )
    assert await _history(session, project) == [(None, "SEEKING_PARTNERS")]
