"""The `hub` command's account tools, on each backend: what staff run by hand."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hub.cli import app as cli
from hub.cli import share_signing_key
from hub.config import Settings
from tests.conftest import (
    BACKENDS,
    POSTGRES_URL,
    _create_postgres_database,
    _drop_postgres_database,
)

PASSWORD = "a long enough password"


@pytest.fixture(params=BACKENDS)
def database_url(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """A fresh, empty database the CLI reaches through ``HUB_DATABASE_URL``."""
    if request.param == "sqlite":
        url = f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}"
    else:
        assert POSTGRES_URL
        url = asyncio.run(_create_postgres_database(POSTGRES_URL))
    monkeypatch.setenv("HUB_DATABASE_URL", url)
    yield url
    if request.param == "postgresql":
        assert POSTGRES_URL
        asyncio.run(_drop_postgres_database(POSTGRES_URL, url))


def hub(*arguments: str, stdin: str | None = None):
    return CliRunner().invoke(cli, list(arguments), input=stdin)


def test_create_staff_makes_a_staff_user_that_list_shows(database_url):
    assert hub("db", "upgrade").exit_code == 0

    created = hub(
        "users", "create-staff", "--email", " Moderator@Hub.Example ", "--password-stdin",
        stdin=PASSWORD + "\n",
    )  # fmt: skip

    assert created.exit_code == 0, created.output
    assert "Created staff user moderator@hub.example" in created.output
    listed = hub("users", "list")
    assert listed.exit_code == 0
    [line] = listed.output.strip().splitlines()
    assert line.split("\t")[1:3] == ["moderator@hub.example", "staff"]


def test_create_staff_refuses_a_taken_email_or_a_short_password_and_adds_no_one(database_url):
    assert hub("db", "upgrade").exit_code == 0
    assert hub(
        "users", "create-staff", "--email", "first@hub.example", "--password-stdin",
        stdin=PASSWORD + "\n",
    ).exit_code == 0  # fmt: skip

    taken = hub(
        "users", "create-staff", "--email", "FIRST@hub.example", "--password-stdin",
        stdin=PASSWORD + "\n",
    )  # fmt: skip
    short = hub(
        "users", "create-staff", "--email", "second@hub.example", "--password-stdin",
        stdin="short\n",
    )  # fmt: skip

    assert taken.exit_code == 1
    assert "email:" in taken.output
    assert short.exit_code == 1
    assert "password:" in short.output
    assert len(hub("users", "list").output.strip().splitlines()) == 1


def test_create_staff_on_a_database_behind_says_what_to_run(database_url):
    refused = hub(
        "users", "create-staff", "--email", "early@hub.example", "--password-stdin",
        stdin=PASSWORD + "\n",
    )  # fmt: skip

    assert refused.exit_code == 2
    assert "hub db upgrade" in refused.output
    assert "Traceback" not in refused.output


def test_several_workers_without_a_configured_key_share_one(monkeypatch):
    monkeypatch.delenv("HUB_JWT_SECRET", raising=False)

    share_signing_key(Settings(), workers=3)

    shared = os.environ["HUB_JWT_SECRET"]
    assert len(shared) >= 48
    # Each worker builds its settings from the environment it inherits.
    assert Settings().jwt_secret is not None
    assert Settings().jwt_secret.get_secret_value() == shared


def test_one_worker_or_a_configured_key_is_left_alone(monkeypatch):
    monkeypatch.delenv("HUB_JWT_SECRET", raising=False)
    share_signing_key(Settings(), workers=1)
    assert "HUB_JWT_SECRET" not in os.environ

    monkeypatch.setenv("HUB_JWT_SECRET", "configured-by-the-operator-and-long-enough")
    share_signing_key(Settings(), workers=4)
    assert os.environ["HUB_JWT_SECRET"] == "configured-by-the-operator-and-long-enough"


def test_worker_once_runs_the_queued_jobs_and_leaves_none(database_url, caplog):
    from hub.core.db import create_engine, create_session_factory
    from hub.core.jobs.mail import send_mail
    from hub.core.jobs.models import QueuedJob

    assert hub("db", "upgrade").exit_code == 0

    async def queue_and_count(queue: bool) -> int:
        from sqlalchemy import func, select

        engine = create_engine(database_url)
        try:
            async with create_session_factory(engine)() as session, session.begin():
                if queue:
                    await send_mail.defer(session, to="a@hub.example", subject="Hi", body="...")
                return int(await session.scalar(select(func.count()).select_from(QueuedJob)))
        finally:
            await engine.dispose()

    assert asyncio.run(queue_and_count(queue=True)) == 1
    with caplog.at_level("WARNING", logger="hub.mail"):
        ran = hub("worker", "--once")
    assert ran.exit_code == 0, ran.output
    assert "Ran 1 jobs." in ran.output
    assert any("a@hub.example" in record.getMessage() for record in caplog.records)
    assert asyncio.run(queue_and_count(queue=False)) == 0


def test_serve_no_jobs_tells_the_server_not_to_run_them(monkeypatch):
    started = {}
    monkeypatch.setattr("uvicorn.run", lambda app, **options: started.update(app=app))
    monkeypatch.setattr("hub.cli._prepare", lambda settings, demo: asyncio.sleep(0))
    monkeypatch.delenv("HUB_JOBS_IN_SERVER", raising=False)
    assert hub("serve", "--no-jobs").exit_code == 0
    assert "app" in started
    assert os.environ["HUB_JOBS_IN_SERVER"] == "false"
    assert Settings().jobs_in_server is False
    monkeypatch.delenv("HUB_JOBS_IN_SERVER")
