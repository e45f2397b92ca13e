"""A write the database refuses: a race a user can cause gets its code, a bug is not a race."""

import logging

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

import hub.core.rules as field_rules
import hub.creators.service as creator_service
from hub.accounts.enums import OrganisationRole
from hub.accounts.models import OrganisationMember
from hub.core.db import Base
from hub.core.unique_violations import violated_unique_constraint
from hub.creators.enums import LanguageProficiency
from hub.creators.models import Creator, CreatorLanguage
from hub.projects.models import Participant
from tests.helpers import ADMIN, graphql

CREATE = """
mutation ($input: CreateCreatorInput!) {
  createCreator(input: $input) { creator { handle } userErrors { field code message } }
}
"""


def _creator_input(handle: str) -> dict[str, object]:
    return {"handle": handle, "displayName": "Race Runner", "country": "KZ"}


async def _creators_named(session, handle: str) -> int:
    return await session.scalar(
        select(func.count()).select_from(Creator).where(Creator.handle == handle)
    )


def _error_records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "hub.errors" and r.levelno >= logging.ERROR]


# The dialect-specific part: which constraint a refused write broke


async def _refusal(session, row: object) -> IntegrityError:
    async with session.begin_nested():
        session.add(row)
        with pytest.raises(IntegrityError) as caught:
            await session.flush()
    return caught.value


async def test_a_duplicate_handle_names_its_unique_constraint(session, factory):
    await factory.creator(handle="taken-handle")
    error = await _refusal(
        session, Creator(handle="taken-handle", display_name="Second", country_code="KZ")
    )
    assert violated_unique_constraint(error, Base.metadata) == "uq_creator_handle"


async def test_a_duplicate_pair_names_its_two_column_constraint(session, factory):
    creator = await factory.creator()
    project = await factory.project(lead_creator=creator)
    other = await factory.creator()
    await factory.participant(project, creator=other)
    error = await _refusal(session, Participant(project_id=project, creator_id=other, role="Again"))
    assert violated_unique_constraint(error, Base.metadata) == (
        "uq_participant_project_id_creator_id"
    )


async def test_a_duplicate_primary_key_names_the_primary_key(session, factory):
    organisation, user = await factory.organisation(), await factory.user()
    await factory.member(organisation, user)
    again = OrganisationMember(
        organisation_id=organisation, user_id=user, role=OrganisationRole.ADMIN
    )
    error = await _refusal(session, again)
    assert violated_unique_constraint(error, Base.metadata) == "pk_organisation_member"


async def test_a_broken_foreign_key_is_not_a_unique_violation(session):
    error = await _refusal(
        session, Creator(handle="nowhere-creator", display_name="Nowhere", country_code="XX")
    )
    assert violated_unique_constraint(error, Base.metadata) is None


async def test_a_missing_required_value_is_not_a_unique_violation(session):
    error = await _refusal(
        session, Creator(handle="nameless-creator", display_name=None, country_code="KZ")
    )
    assert violated_unique_constraint(error, Base.metadata) is None


# What the client sees


async def test_a_handle_taken_by_a_write_at_the_same_time_is_a_duplicate_handle(
    client, factory, session, monkeypatch
):
    await factory.creator(handle="raced-handle")

    async def checked_before_the_other_write_committed(*_args: object, **_kwargs: object) -> None:
        return None

    # The other write commits between this one's check and its insert.
    monkeypatch.setattr(field_rules, "check_unique", checked_before_the_other_write_committed)
    body = await graphql(client, CREATE, {"input": _creator_input("raced-handle")}, headers=ADMIN)

    assert body["data"]["createCreator"] == {
        "creator": None,
        "userErrors": [
            {"field": ["handle"], "code": "DUPLICATE", "message": "The handle is taken."}
        ],
    }
    assert await _creators_named(session, "raced-handle") == 1


@pytest.mark.parametrize(
    ("handle", "broken"),
    [
        ("dangling-country", {"display_name": "Dangling", "country_code": "XX"}),
        ("missing-name", {"display_name": None, "country_code": "KZ"}),
    ],
    ids=["foreign-key", "not-null"],
)
async def test_a_write_that_breaks_a_rule_by_a_bug_is_an_internal_error_and_is_logged(
    client, session, monkeypatch, caplog, handle, broken
):
    async def buggy_create(session, *_args: object, **_kwargs: object) -> int:
        creator = Creator(handle=handle, **broken)
        session.add(creator)
        await session.flush()
        return creator.id

    monkeypatch.setattr(creator_service, "create_creator", buggy_create)
    caplog.set_level(logging.ERROR, logger="hub.errors")
    body = await graphql(
        client,
        CREATE,
        {"input": _creator_input(handle)},
        headers={**ADMIN, "X-Request-ID": f"bug-{handle}"},
    )

    (error,) = body["errors"]
    assert error["extensions"] == {
        "code": "INTERNAL_SERVER_ERROR",
        "requestId": f"bug-{handle}",
    }
    assert "CONFLICT" not in str(body)
    (record,) = _error_records(caplog)
    assert record.exc_info is not None
    assert isinstance(record.exc_info[1], IntegrityError)
    assert await _creators_named(session, handle) == 0


async def test_a_unique_violation_no_user_can_name_is_a_conflict_and_is_logged(
    client, session, monkeypatch, caplog
):
    async def racing_create(session, *_args: object, **_kwargs: object) -> int:
        creator = Creator(handle="twice-spoken", display_name="Twice", country_code="KZ")
        session.add(creator)
        await session.flush()
        # Two writers replacing the same languages at once insert the same row twice.
        for _ in range(2):
            session.add(
                CreatorLanguage(
                    creator_id=creator.id, language="kk", proficiency=LanguageProficiency.NATIVE
                )
            )
        await session.flush()
        return creator.id

    monkeypatch.setattr(creator_service, "create_creator", racing_create)
    caplog.set_level(logging.WARNING, logger="hub.errors")
    body = await graphql(client, CREATE, {"input": _creator_input("twice-spoken")}, headers=ADMIN)

    (refusal,) = body["data"]["createCreator"]["userErrors"]
    assert refusal["code"] == "CONFLICT"
    assert "errors" not in body
    warnings = [r for r in caplog.records if r.name == "hub.errors"]
    assert [r.levelno for r in warnings] == [logging.WARNING]
    assert "pk_creator_language" in warnings[0].getMessage()
    assert await _creators_named(session, "twice-spoken") == 0
