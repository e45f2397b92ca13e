"""The ``hub`` command: serve, run jobs, migrate, seed, export the schema, keep the catalogs."""

from __future__ import annotations

import asyncio
import os
import secrets
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Annotated

import orjson
import typer
import uvicorn
from sqlalchemy.ext.asyncio import AsyncEngine

from hub.config import Settings
from hub.core.db import create_engine, create_session_factory
from hub.core.migrations import current_revision, head_revision, upgrade
from hub.logs import access_log_enabled, configure_logging

app = typer.Typer(
    help="hub: the creative-industries graph of the CIS, over GraphQL.", no_args_is_help=True
)
db_app = typer.Typer(help="Database migrations.", no_args_is_help=True)
seed_app = typer.Typer(help="Load data.", no_args_is_help=True)
schema_app = typer.Typer(help="The exported GraphQL schema (SDL).", no_args_is_help=True)
users_app = typer.Typer(help="User accounts.", no_args_is_help=True)
credentials_app = typer.Typer(help="Verifiable credentials' signing keys.", no_args_is_help=True)
messages_app = typer.Typer(
    help="The translation catalogs (hub/locales): extract, update, check.", no_args_is_help=True
)
app.add_typer(db_app, name="db")
app.add_typer(users_app, name="users")
app.add_typer(seed_app, name="seed")
app.add_typer(schema_app, name="schema")
app.add_typer(messages_app, name="messages")
app.add_typer(credentials_app, name="credentials")
funding_app = typer.Typer(help="Crowdfunding: payments and the ledger.", no_args_is_help=True)
app.add_typer(funding_app, name="funding")

SCHEMA_PATH = Path("schema") / "schema.graphql"
CHANGELOG_PATH = Path("schema") / "CHANGELOG.md"
OPERATIONS_PATH = Path("schema") / "operations"
MANIFEST_PATH = Path("trusted-documents.json")
WORKER_START_SECONDS = 60


def _settings() -> Settings:
    settings = Settings()
    configure_logging(settings)
    return settings


async def _with_engine(settings: Settings) -> AsyncEngine:
    return create_engine(settings.database_url, echo=settings.sql_echo)


async def _prepare(settings: Settings, demo: bool) -> None:
    """Migrate the embedded database and load the demo data when asked and empty."""
    from hub.seed.demo import is_empty, load_demo

    engine = await _with_engine(settings)
    try:
        if settings.migrates_on_start:
            await upgrade(engine)
        await _require_current(engine)
        if demo:
            async with create_session_factory(engine)() as session, session.begin():
                if await is_empty(session):
                    counts = await load_demo(session, date.today())
                    typer.echo(f"Loaded the demo dataset: {counts}")
    finally:
        await engine.dispose()


async def _require_current(engine: AsyncEngine) -> None:
    """Stop with what to run when the database is behind this code's migrations."""
    from hub.server.app import DatabaseBehind, check_revision

    try:
        await check_revision(engine)
    except DatabaseBehind as behind:
        typer.echo(str(behind), err=True)
        raise typer.Exit(code=2) from behind


def share_signing_key(settings: Settings, workers: int) -> None:
    """Give every worker one token-signing key when none is configured (development).

    Each process would otherwise sign with its own random key, and a token issued by
    one worker would be refused by the next. Workers read the environment at start.
    """
    if workers > 1 and settings.jwt_secret is None:
        os.environ["HUB_JWT_SECRET"] = secrets.token_urlsafe(48)
        typer.echo(
            "HUB_JWT_SECRET is not set: this run's workers share a random signing key; "
            "sessions end when the server stops.",
            err=True,
        )


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    demo: Annotated[bool, typer.Option(help="Load the demo dataset if empty.")] = False,
    workers: Annotated[int, typer.Option(help="Worker processes (PostgreSQL only).")] = 1,
    jobs: Annotated[
        bool | None,
        typer.Option(
            "--jobs/--no-jobs",
            help="Run queued jobs in the server too (default: HUB_JOBS_IN_SERVER, on); "
            "--no-jobs when `hub worker` processes run them.",
        ),
    ] = None,
) -> None:
    """Serve the GraphQL API (GraphiQL at /graphql in a browser)."""
    from hub.server.app import create_app
    from hub.server.limits.headers import parser_buffer_bytes

    settings = _settings()
    if jobs is not None:
        # Workers started by uvicorn read their settings from the environment.
        os.environ["HUB_JOBS_IN_SERVER"] = "true" if jobs else "false"
        settings = settings.model_copy(update={"jobs_in_server": jobs})
    asyncio.run(_prepare(settings, demo))
    typer.echo(f"hub is serving GraphQL at http://{host}:{port}/graphql")
    # httptools (the default parser) has no limit of its own; with h11 this one applies.
    head_limit = parser_buffer_bytes(settings)
    if workers > 1:
        share_signing_key(settings, workers)
        uvicorn.run(
            "hub.server.asgi:app",
            host=host,
            port=port,
            workers=workers,
            log_level=settings.log_level.lower(),
            access_log=access_log_enabled(settings),
            h11_max_incomplete_event_size=head_limit,
            # A worker answers uvicorn's health check only once the hub is imported and
            # built, which takes longer than the 5 s default on a busy machine: with it,
            # workers were killed and restarted over and over before serving anything.
            timeout_worker_healthcheck=WORKER_START_SECONDS,
        )
    else:
        uvicorn.run(
            create_app(settings),
            host=host,
            port=port,
            log_level=settings.log_level.lower(),
            access_log=access_log_enabled(settings),
            h11_max_incomplete_event_size=head_limit,
        )


@app.command()
def worker(
    once: Annotated[
        bool, typer.Option("--once", help="Run the jobs due now, then stop (for cron).")
    ] = False,
) -> None:
    """Run queued jobs (mail now; webhooks later) until stopped, beside `hub serve --no-jobs`.

    Start as many as you like on PostgreSQL: each job runs in one of them only.
    """
    from hub.server.jobs import runner_for
    from hub.server.mail import mailer_for

    settings = _settings()

    async def run() -> None:
        engine = await _with_engine(settings)
        try:
            await _require_current(engine)
            sessions = create_session_factory(engine)
            runner = runner_for(settings, sessions, mailer_for(settings))
            if once:
                typer.echo(f"Ran {await runner.run_due()} jobs.")
                return
            stop = asyncio.Event()
            loop = asyncio.get_running_loop()
            for stopping in (signal.SIGINT, signal.SIGTERM):
                loop.add_signal_handler(stopping, stop.set)
            typer.echo("hub worker is running jobs; stop it with Ctrl-C.")
            await runner.run(engine, stop)
        finally:
            await engine.dispose()

    asyncio.run(run())


@db_app.command("upgrade")
def db_upgrade(revision: Annotated[str, typer.Argument()] = "head") -> None:
    """Apply migrations up to REVISION (default: the latest)."""
    settings = _settings()

    async def run() -> None:
        engine = await _with_engine(settings)
        try:
            await upgrade(engine, revision)
            typer.echo(f"Database at {await current_revision(engine)}.")
        finally:
            await engine.dispose()

    asyncio.run(run())


@db_app.command("current")
def db_current() -> None:
    """Show the database's migration and the code's latest."""
    settings = _settings()

    async def run() -> None:
        engine = await _with_engine(settings)
        try:
            typer.echo(f"database: {await current_revision(engine)}  code: {head_revision()}")
        finally:
            await engine.dispose()

    asyncio.run(run())


@credentials_app.command("new-key")
def credentials_new_key() -> None:
    """Print a new Ed25519 signing key for HUB_CREDENTIAL_SIGNING_KEY, and its did:key
    (what HUB_CREDENTIAL_RETIRED_KEYS names once it is rotated out)."""
    from hub.talent.credentials.keys import new_seed, seed_did

    seed = new_seed()
    typer.echo(f"HUB_CREDENTIAL_SIGNING_KEY={seed}")
    typer.echo(f"did:key: {seed_did(seed)}")


@seed_app.command("demo")
def seed_demo() -> None:
    """Load the demo dataset into an empty, migrated database."""
    from hub.seed.demo import is_empty, load_demo

    settings = _settings()

    async def run() -> None:
        engine = await _with_engine(settings)
        try:
            await _require_current(engine)
            async with create_session_factory(engine)() as session, session.begin():
                if not await is_empty(session):
                    typer.echo("The database already has creators; nothing loaded.", err=True)
                    raise typer.Exit(code=1)
                typer.echo(f"Loaded: {await load_demo(session, date.today())}")
        finally:
            await engine.dispose()

    asyncio.run(run())


@seed_app.command("synthetic")
def seed_synthetic(
    creators: Annotated[int, typer.Option(min=1, help="How many creators.")] = 10_000,
    seed: Annotated[int, typer.Option(help="Random seed; the same seed, the same data.")] = 1,
) -> None:
    """Generate a deterministic synthetic dataset (for benchmarks) into an empty database."""
    from hub.seed.synthetic import SyntheticDataError, format_summary, load_synthetic

    settings = _settings()

    async def run() -> None:
        engine = await _with_engine(settings)
        try:
            await _require_current(engine)
            started = time.perf_counter()
            summary = await load_synthetic(engine, creators=creators, seed=seed)
            typer.echo(format_summary(summary))
            typer.echo(f"in {time.perf_counter() - started:.1f} s")
        except SyntheticDataError as refused:
            typer.echo(str(refused), err=True)
            raise typer.Exit(code=1) from refused
        finally:
            await engine.dispose()

    asyncio.run(run())


def _read_password(from_stdin: bool) -> str:
    """A password from standard input or a prompt: never from argv, which shells keep."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    return str(typer.prompt("Password", hide_input=True, confirmation_prompt=True))


@users_app.command("create-staff")
def users_create_staff(
    email: Annotated[str, typer.Option(help="The staff member's login email.")],
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
) -> None:
    """Create a staff user, who moderates everything."""
    from hub.accounts.service import create_user
    from hub.core.validation import Rejected

    settings = _settings()
    password = _read_password(password_stdin)

    async def run() -> None:
        engine = await _with_engine(settings)
        try:
            await _require_current(engine)
            async with create_session_factory(engine)() as session, session.begin():
                user = await create_user(session, settings, email, password, is_staff=True)
            typer.echo(f"Created staff user {user.email} (id {user.id}).")
        except Rejected as refused:
            for error in refused.errors:
                typer.echo(f"{'.'.join(error.field) or 'input'}: {error.message}", err=True)
            raise typer.Exit(code=1) from refused
        finally:
            await engine.dispose()

    asyncio.run(run())


@users_app.command("list")
def users_list() -> None:
    """List users: id, email, staff or not, when they joined."""
    from sqlalchemy import select

    from hub.accounts.models import User

    settings = _settings()

    async def run() -> None:
        engine = await _with_engine(settings)
        try:
            async with create_session_factory(engine)() as session:
                for user in await session.scalars(select(User).order_by(User.id)):
                    staff = "staff" if user.is_staff else "-"
                    typer.echo(f"{user.id}\t{user.email}\t{staff}\t{user.created_at:%Y-%m-%d}")
        finally:
            await engine.dispose()

    asyncio.run(run())


def _live_sdl() -> str:
    from hub.server.schema import build_schema

    return build_schema(Settings()).as_str().rstrip() + "\n"


@schema_app.command("export")
def schema_export(path: Annotated[Path, typer.Option()] = SCHEMA_PATH) -> None:
    """Write the live schema to schema/schema.graphql."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_live_sdl(), encoding="utf-8")
    typer.echo(f"Wrote {path}")


@schema_app.command("check")
def schema_check(
    path: Annotated[Path, typer.Option(help="The committed schema.")] = SCHEMA_PATH,
    against: Annotated[
        Path | None,
        typer.Option(help="The schema clients use today (default: the committed one)."),
    ] = None,
    against_ref: Annotated[
        str | None,
        typer.Option(help="Or the committed schema at this git revision, e.g. `main`."),
    ] = None,
    changelog: Annotated[
        Path, typer.Option(help="Where breaking changes are announced.")
    ] = CHANGELOG_PATH,
) -> None:
    """Fail on a change that breaks clients unless announced, or when PATH is stale.

    A breaking change is announced by deprecating, with a reason, what it removes in an
    earlier release, or by recording it in the changelog (the check prints the lines).
    """
    from graphql import GraphQLError
    from graphql import build_schema as build_from_sdl

    from hub.server.schema_changes import changelog_lines, compare

    live = _live_sdl()
    baseline = _baseline(path, against, against_ref)
    if baseline is not None:
        recorded = changelog.read_text(encoding="utf-8") if changelog.exists() else ""
        try:
            published = build_from_sdl(baseline)
        except (GraphQLError, TypeError) as error:  # unparsable, or parsed but invalid
            typer.echo(f"The schema to compare with is not a schema: {error}", err=True)
            raise typer.Exit(code=2) from error
        changes = compare(published, build_from_sdl(live), recorded)
        for change in changes.dangerous:
            typer.echo(f"dangerous: {change}", err=True)
        for change in changes.announced:
            typer.echo(f"breaking, announced: {change}", err=True)
        if changes.refused:
            typer.echo(
                "These changes break existing clients. Deprecate what they remove first "
                f"(with a reason), or announce them in {changelog}:\n"
                + changelog_lines(changes.refused),
                err=True,
            )
            raise typer.Exit(code=1)
    if not path.exists() or path.read_text(encoding="utf-8") != live:
        typer.echo(f"{path} is out of date: run `hub schema export`.", err=True)
        raise typer.Exit(code=1)
    typer.echo(f"{path} matches the live schema; no unannounced breaking change.")


def _baseline(path: Path, against: Path | None, against_ref: str | None) -> str | None:
    """The schema clients use today: a file, a git revision's, or the committed one."""
    if against is not None:
        return against.read_text(encoding="utf-8")
    if against_ref is not None:
        shown = subprocess.run(
            ["git", "show", f"{against_ref}:./{path.as_posix()}"],
            capture_output=True,
            text=True,
            check=False,
        )
        if shown.returncode != 0:
            typer.echo(f"Cannot read {path} at {against_ref}: {shown.stderr.strip()}", err=True)
            raise typer.Exit(code=2)
        return shown.stdout
    return path.read_text(encoding="utf-8") if path.exists() else None


@schema_app.command("manifest")
def schema_manifest(
    operations: Annotated[
        Path, typer.Option(help="Directory of *.graphql operations to register.")
    ] = OPERATIONS_PATH,
    path: Annotated[Path, typer.Option(help="Manifest to write.")] = MANIFEST_PATH,
) -> None:
    """Write the trusted-documents manifest (HUB_TRUSTED_DOCUMENTS) from the operations."""
    from hub.server.limits.persisted import manifest_of

    files = sorted(operations.glob("*.graphql"))
    if not files:
        typer.echo(f"No *.graphql operations in {operations}.", err=True)
        raise typer.Exit(code=1)
    manifest = manifest_of(file.read_text(encoding="utf-8") for file in files)
    path.write_bytes(orjson.dumps(manifest, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS))
    typer.echo(f"Wrote {len(manifest)} trusted documents to {path}")


@messages_app.command("extract")
def messages_extract() -> None:
    """Rewrite hub/locales/hub.pot from the sentences the code marks with _ and _n."""
    from hub.i18n.toolchain import extract

    typer.echo(f"Wrote {extract()} sentences to hub/locales/hub.pot")


@messages_app.command("update")
def messages_update() -> None:
    """Merge hub.pot into each language's .po: new sentences empty, changed ones fuzzy."""
    from hub.i18n.toolchain import update

    for locale, lacking in update().items():
        typer.echo(f"{locale.tag}: {lacking} entries to translate or confirm")


@messages_app.command("check")
def messages_check() -> None:
    """Fail when hub.pot is stale or a catalog is incomplete, fuzzy or misplaced."""
    from hub.i18n.toolchain import all_problems

    problems = all_problems()
    for problem in problems:
        typer.echo(problem, err=True)
    if problems:
        raise typer.Exit(code=1)
    typer.echo("The catalogs are complete and match the code.")


@funding_app.command("reconcile")
def funding_reconcile(
    older_than: Annotated[
        float,
        typer.Option(
            help="Seconds a gateway call must have gone unanswered: younger ones may still "
            "be in flight in a server."
        ),
    ] = 120.0,
) -> None:
    """Repair pledges whose gateway state and hub state differ (unanswered gateway calls)."""
    from datetime import timedelta

    import hub.models  # noqa: F401  (every table: a pledge's foreign keys name other domains')
    from hub.funding.gateway import payment_gateway
    from hub.funding.payments import write_transactions
    from hub.funding.reconcile import reconcile

    settings = _settings()

    async def run() -> None:
        engine = await _with_engine(settings)
        try:
            transactions = write_transactions(create_session_factory(engine))
            done = await reconcile(
                transactions,
                payment_gateway(transactions),
                older_than=timedelta(seconds=max(older_than, 0)),
            )
            typer.echo(
                f"answered {len(done.answered)}, sent again {len(done.resent)}, "
                f"failed {len(done.failed)}, still unanswered {len(done.unanswered)}"
            )
        finally:
            await engine.dispose()

    asyncio.run(run())


rates_app = typer.Typer(
    help="Exchange rates, for summaries across currencies.", no_args_is_help=True
)
app.add_typer(rates_app, name="rates")


@rates_app.command("load")
def rates_load(
    path: Annotated[Path, typer.Argument(help="CSV: date,base,quote,rate,source")],
) -> None:
    """Load exchange rates (each day's rate of a pair replaces the one loaded before)."""
    from hub.core.db import begin_write
    from hub.funding.rates import RatesFileError, load_rates, read_rates

    settings = _settings()
    try:
        rows = read_rates(path)
    except (OSError, RatesFileError) as error:
        typer.echo(f"{path}: {error}", err=True)
        raise typer.Exit(code=1) from error

    async def run() -> None:
        engine = await _with_engine(settings)
        try:
            async with create_session_factory(engine)() as session, session.begin():
                await begin_write(session)
                count = await load_rates(session, rows)
            typer.echo(f"loaded {count} rates")
        finally:
            await engine.dispose()

    asyncio.run(run())


def main() -> None:
    app()


if __name__ == "__main__":
    main()
