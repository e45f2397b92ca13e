"""`hub schema check`: a change that breaks clients fails unless deprecated first or recorded."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from graphql import build_schema, print_schema
from typer.testing import CliRunner

from hub.cli import app as cli
from hub.config import Settings
from hub.server.schema import build_schema as build_served_schema
from hub.server.schema_changes import compare

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "schema" / "schema.graphql"

OLD = """
type Query {
  "A creator by handle."
  creator(handle: String!, locale: String @deprecated(reason: "Use `language`.")): Creator
  "Every creator."
  creators: [Creator!]!
  legacyCreators: [LegacyCreator!]! @deprecated(reason: "Use `creators`.")
}
type Creator {
  handle: String!
  nickname: String @deprecated(reason: "Use `handle`.")
  oldName: String @deprecated
  level: Level
}
type LegacyCreator { handle: String! }
enum Level { BEGINNER EXPERT GURU @deprecated(reason: "Use EXPERT.") }
"""


def schema_of(sdl: str):
    return build_schema(sdl)


def test_removing_a_field_clients_use_is_refused():
    new = OLD.replace("  creators: [Creator!]!\n", "")

    changes = compare(schema_of(OLD), schema_of(new), changelog="")

    assert changes.refused == ["Field Query.creators was removed."]


def test_removing_what_was_deprecated_with_a_reason_is_allowed():
    new = (
        OLD.replace('  nickname: String @deprecated(reason: "Use `handle`.")\n', "")
        .replace(' GURU @deprecated(reason: "Use EXPERT.")', "")
        .replace(', locale: String @deprecated(reason: "Use `language`.")', "")
        .replace('  legacyCreators: [LegacyCreator!]! @deprecated(reason: "Use `creators`.")\n', "")
        .replace("type LegacyCreator { handle: String! }\n", "")
    )

    changes = compare(schema_of(OLD), schema_of(new), changelog="")

    assert changes.refused == []
    assert sorted(changes.announced) == [
        "Argument Query.creator(locale:) was removed.",
        "Enum value Level.GURU was removed.",
        "Field Creator.nickname was removed.",
        "Field Query.legacyCreators was removed.",
        "LegacyCreator was removed.",
    ]


def test_a_deprecation_without_a_reason_does_not_announce_a_removal():
    new = OLD.replace("  oldName: String @deprecated\n", "")

    changes = compare(schema_of(OLD), schema_of(new), changelog="")

    assert changes.refused == ["Field Creator.oldName was removed."]


def test_a_type_still_referenced_by_a_live_field_cannot_go_with_a_deprecated_one():
    old = OLD.replace("type Creator {", "type Creator {\n  twin: LegacyCreator")
    new = old.replace(
        '  legacyCreators: [LegacyCreator!]! @deprecated(reason: "Use `creators`.")\n', ""
    )

    changes = compare(schema_of(old), schema_of(new), changelog="")

    assert changes.refused == []  # LegacyCreator stays: Creator.twin still returns it
    new_without_type = new.replace("  twin: LegacyCreator\n", "").replace(
        "type LegacyCreator { handle: String! }\n", ""
    )
    refused = compare(schema_of(old), schema_of(new_without_type), changelog="").refused
    assert "Field Creator.twin was removed." in refused


def test_a_break_recorded_in_the_changelog_is_allowed():
    new = OLD.replace("  creators: [Creator!]!\n", "")
    changelog = "## 2026-11-30\n\n- Breaking: Field Query.creators was removed. Page instead.\n"

    changes = compare(schema_of(OLD), schema_of(new), changelog=changelog)

    assert changes.refused == []
    assert changes.announced == ["Field Query.creators was removed."]


def test_a_change_merely_mentioned_in_the_changelog_is_not_announced():
    new = OLD.replace("  creators: [Creator!]!\n", "")
    changelog = "Field Query.creators was removed. (Someone said so in passing.)\n"

    changes = compare(schema_of(OLD), schema_of(new), changelog=changelog)

    assert changes.refused == ["Field Query.creators was removed."]


def test_additions_are_allowed():
    new = OLD.replace(
        "  handle: String!\n  nickname", "  handle: String!\n  bio: String\n  nickname"
    )
    new += "type Studio { name: String! }\n"

    changes = compare(schema_of(OLD), schema_of(new), changelog="")

    assert changes == compare(schema_of(OLD), schema_of(OLD), changelog="")
    assert changes.refused == changes.announced == []


def test_a_required_argument_added_is_refused_and_an_enum_value_added_is_dangerous():
    new = OLD.replace("creators: [Creator!]!", "creators(first: Int!): [Creator!]!").replace(
        "enum Level { BEGINNER", "enum Level { MASTER BEGINNER"
    )

    changes = compare(schema_of(OLD), schema_of(new), changelog="")

    assert changes.refused == ["A required argument Query.creators(first:) was added."]
    assert changes.dangerous == ["Enum value Level.MASTER was added."]


# The command, against the served schema.

runner = CliRunner()


def served_sdl() -> str:
    return build_served_schema(Settings()).as_str().rstrip() + "\n"


def check(*arguments: str, changelog: Path | None = None):
    options = ["schema", "check", "--path", str(SCHEMA)]
    if changelog is not None:
        options += ["--changelog", str(changelog)]
    return runner.invoke(cli, [*options, *arguments])


def without_query_field(sdl: str, name: str) -> str:
    schema = build_schema(sdl)
    assert schema.query_type is not None
    del schema.query_type.fields[name]
    return print_schema(schema)


def with_extra_query_field(sdl: str, field: str) -> str:
    return sdl.replace("type Query {\n", f"type Query {{\n  {field}\n", 1)


def test_the_committed_schema_passes_the_check():
    result = check()

    assert result.exit_code == 0, result.output
    assert "matches the live schema" in result.output


def test_a_field_clients_have_that_the_server_dropped_fails_the_check(tmp_path):
    baseline = tmp_path / "published.graphql"
    baseline.write_text(with_extra_query_field(served_sdl(), "retired: String"))

    result = check("--against", str(baseline), changelog=tmp_path / "none.md")

    assert result.exit_code == 1
    assert "- Breaking: Field Query.retired was removed." in result.output


def test_the_dropped_field_passes_when_it_was_deprecated_first(tmp_path):
    baseline = tmp_path / "published.graphql"
    baseline.write_text(
        with_extra_query_field(served_sdl(), 'retired: String @deprecated(reason: "Use node.")')
    )

    result = check("--against", str(baseline), changelog=tmp_path / "none.md")

    assert result.exit_code == 0, result.output
    assert "breaking, announced: Field Query.retired was removed." in result.output


def test_the_dropped_field_passes_when_the_changelog_records_it(tmp_path):
    baseline = tmp_path / "published.graphql"
    baseline.write_text(with_extra_query_field(served_sdl(), "retired: String"))
    changelog = tmp_path / "CHANGELOG.md"
    changelog.write_text("## 2026-11-30\n\n- Breaking: Field Query.retired was removed.\n")

    result = check("--against", str(baseline), changelog=changelog)

    assert result.exit_code == 0, result.output


def test_a_field_the_server_added_passes_against_an_older_schema(tmp_path):
    baseline = tmp_path / "published.graphql"
    baseline.write_text(without_query_field(served_sdl(), "rateLimit"))
    assert "rateLimit" not in baseline.read_text()

    result = check("--against", str(baseline))

    assert result.exit_code == 0, result.output


def test_a_stale_committed_schema_fails_even_without_breaking_changes(tmp_path):
    stale = tmp_path / "schema.graphql"
    stale.write_text(without_query_field(served_sdl(), "rateLimit"))

    result = runner.invoke(cli, ["schema", "check", "--path", str(stale)])

    assert result.exit_code == 1
    assert "out of date" in result.output


def test_the_baseline_can_be_the_schema_at_a_git_revision(tmp_path, monkeypatch):
    if subprocess.run(["git", "--version"], capture_output=True, check=False).returncode != 0:
        pytest.fail("git is needed to read a schema at a revision")
    repository = tmp_path / "repository"
    (repository / "schema").mkdir(parents=True)
    git = ["git", "-C", str(repository), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    committed = repository / "schema" / "schema.graphql"
    committed.write_text(with_extra_query_field(served_sdl(), "retired: String"))
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "published"], check=True)
    committed.write_text(served_sdl())
    monkeypatch.chdir(repository)

    refused = runner.invoke(cli, ["schema", "check", "--against-ref", "HEAD"])
    unknown = runner.invoke(cli, ["schema", "check", "--against-ref", "no-such-ref"])

    assert refused.exit_code == 1
    assert "- Breaking: Field Query.retired was removed." in refused.output
    assert unknown.exit_code == 2


def test_an_unreadable_baseline_is_a_clear_error(tmp_path):
    baseline = tmp_path / "published.graphql"
    baseline.write_text("type Query {")

    result = check("--against", str(baseline))

    assert result.exit_code == 2
    assert "is not a schema" in result.output
