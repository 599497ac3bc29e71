"""The command line around the session: click's own errors said in the command's language,
``trustcoach safety``, hints that name the program the way it can be run, and text for a person
wrapped only at a terminal."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest

from tests.helpers import (
    COUNSELOR,
    COUNSELOR_PACK,
    EN_ANSWERS,
    EN_LINES_BEFORE_COMMITMENTS,
    JA_ANSWERS,
    RESOURCES,
    counselor_answers,
    edit_like_a_counselor,
    feed,
    ok,
    pack_file,
    run_cli,
    start_unattended,
)
from trustcoach.catalog.say import name_program, say
from trustcoach.cli.terminal import invocation
from trustcoach.cli.terminal.output import echo

# ---------------------------------------------------------------------------------------------
# Click's errors about the command line
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "english", "japanese"),
    [
        (["list", "--jsn"], "there is no option --jsn here (did you mean --json?)", "--jsn"),
        (["lst"], "there is no command 'lst' (did you mean list?)", "「lst」というコマンド"),
        (["show"], "ID|latest is missing", "ID|latest を指定してください"),
        (["export", "latest", "--format"], "--format needs a value", "--format には値を"),
        (["show", "a", "b"], "there is more on the command line than it takes: b", "余分な指定"),
    ],
)
def test_a_wrong_command_line_is_one_sentence_in_the_command_language(
    monkeypatch: pytest.MonkeyPatch, args: list[str], english: str, japanese: str
) -> None:
    result = run_cli(*args)
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    command = " ".join(["trustcoach", *[a for a in args[:1] if a in ("list", "show", "export")]])
    assert line == f"trustcoach: {english}; '{command} --help' shows how to use it"
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    result = run_cli(*args)
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith("trustcoach: ")
    assert line.endswith(f"使い方は {command} --help で確認できます。")
    assert japanese in line
    assert "Usage" not in result.stderr and "Error" not in result.stderr


def test_a_group_without_its_command_shows_its_help() -> None:
    result = run_cli("pack")
    assert result.exit_code == 2
    assert "Usage: trustcoach pack" in result.stderr
    assert "validate" in result.stderr


def test_help_and_version_still_end_well() -> None:
    assert "Usage: trustcoach" in ok(run_cli("--help"))
    assert ok(run_cli("--version")).startswith("trustcoach ")


# ---------------------------------------------------------------------------------------------
# trustcoach safety
# ---------------------------------------------------------------------------------------------


def test_safety_shows_the_safety_text_without_a_session(isolated_home: Path) -> None:
    english = ok(run_cli("safety"))
    assert "danger" in english and "emergency" in english
    japanese = ok(run_cli("safety", "--lang", "ja"))
    assert "危険" in japanese and "相談窓口" in japanese
    assert not (isolated_home / "journals").exists()  # nothing was created to say it


def test_safety_shows_the_counselors_pack_of_the_latest_session(
    isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok(run_cli("pack", "init", COUNSELOR_PACK, "--lang", "en"))
    edit_like_a_counselor(pack_file(isolated_home, "en"), "en")
    answers = {**counselor_answers("A"), "sleep": 5}
    when = "2026-03-28T10:00:00+09:00"
    start_unattended(tmp_path, monkeypatch, when, answers, "--pack", COUNSELOR_PACK)
    out = ok(run_cli("safety"))
    for resource in RESOURCES["en"]:
        assert f"- {resource}" in out
    name, contact, _ = COUNSELOR["en"]
    assert f"Prepared by {name} ({contact})" in out
    assert "danger" in ok(run_cli("safety", "--pack", "trust-repair"))  # the built-in one


def test_safety_answers_even_when_the_latest_journal_is_unreadable(
    isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    start_unattended(tmp_path, monkeypatch, "2026-03-28T10:00:00+09:00", EN_ANSWERS)
    (journal,) = (isolated_home / "journals").glob("*.toml")
    journal.write_bytes(b"\xef\xbb\xbfnot a journal")
    assert "danger" in ok(run_cli("safety"))


def test_safety_is_offered_again_in_the_closing_and_in_help() -> None:
    lines = [*EN_LINES_BEFORE_COMMITMENTS, "Read together on Sundays", "", "", "", "8"]
    out = ok(run_cli("start", "--lang", "en", input=feed(lines)))
    closing = out[out.index("Summary") :]
    assert "'trustcoach safety' shows the safety text again" in closing
    assert "safety    Show the safety text again" in ok(run_cli("--help"))


# ---------------------------------------------------------------------------------------------
# Hints name the program as it can be run
# ---------------------------------------------------------------------------------------------


@pytest.fixture
def program_name() -> object:
    yield
    name_program("trustcoach")


@pytest.mark.usefixtures("program_name")
def test_a_hint_names_the_program_as_it_was_run(isolated_home: Path) -> None:
    name_program("~/trustcoach/.venv/bin/trustcoach")
    assert "~/trustcoach/.venv/bin/trustcoach start" in say("en", "no_sessions_yet")
    assert say("ja", "interrupted", id="X").endswith("~/trustcoach/.venv/bin/trustcoach resume X")


def fake_program(tmp_path: Path, name: str = "trustcoach") -> Path:
    folder = tmp_path / "venv" / "bin"
    folder.mkdir(parents=True)
    program = folder / name
    program.write_text("#!/bin/sh\n", "utf-8")
    program.chmod(0o755)
    return program


def test_how_run_is_trustcoach_when_that_is_this_program_on_the_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    program = fake_program(tmp_path)
    monkeypatch.setattr(sys, "argv", [str(program)])
    monkeypatch.setenv("PATH", str(program.parent))
    assert invocation.how_run() == "trustcoach"


def test_how_run_is_the_path_when_trustcoach_on_the_path_is_another_or_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    program = fake_program(tmp_path)
    other = fake_program(tmp_path / "elsewhere")
    monkeypatch.setattr(sys, "argv", [str(program)])
    monkeypatch.setenv("HOME", str(tmp_path))
    for path in (str(other.parent), str(tmp_path / "empty")):
        monkeypatch.setenv("PATH", path)
        assert invocation.how_run() == "~/venv/bin/trustcoach"
    monkeypatch.setenv("HOME", "/nowhere")
    assert invocation.how_run() == str(program)


def test_how_run_under_python_dash_m(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    python = fake_program(tmp_path, "python")
    monkeypatch.setattr(sys, "argv", [str(tmp_path / "trustcoach" / "__main__.py")])
    monkeypatch.setattr(sys, "executable", str(python))
    monkeypatch.setenv("HOME", "/nowhere")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert invocation.how_run() == f"{python} -m trustcoach"
    beside = python.parent / "trustcoach"
    beside.write_text("#!/bin/sh\n", "utf-8")
    beside.chmod(0o755)
    monkeypatch.setenv("PATH", str(python.parent))
    assert invocation.how_run() == "trustcoach"


def test_a_path_with_a_space_is_quoted(tmp_path: Path) -> None:
    assert invocation.shown_path("/opt/my tools/trustcoach") == "'/opt/my tools/trustcoach'"
    home = os.path.expanduser("~")
    assert invocation.shown_path(f"{home}/bin/trustcoach") == "~/bin/trustcoach"


# ---------------------------------------------------------------------------------------------
# Text for a person: wrapped at a terminal, as it is through a pipe
# ---------------------------------------------------------------------------------------------

LONG = "まだ振り返っていない約束があります。" * 6


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_echo_wraps_at_a_terminal_and_leaves_pipes_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    terminal = FakeTerminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    monkeypatch.setenv("COLUMNS", "40")
    echo(LONG)
    lines = terminal.getvalue().splitlines()
    assert len(lines) > 1 and "".join(lines) == LONG
    pipe = io.StringIO()
    monkeypatch.setattr(sys, "stdout", pipe)
    echo(LONG)
    assert pipe.getvalue() == LONG + "\n"
    echo(LONG, width=30)  # a width given is always used
    assert len(pipe.getvalue().splitlines()) > 2


def test_japanese_sessions_listed_through_a_pipe_are_not_wrapped(
    isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = {**JA_ANSWERS, "commitments": [LONG]}
    start_unattended(tmp_path, monkeypatch, "2026-03-28T10:00:00+09:00", answers, "--lang", "ja")
    assert LONG in ok(run_cli())
