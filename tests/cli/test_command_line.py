"""The command line around the session: click's own errors said in the command's language,
``trustcoach safety``, hints that name the program the way it can be run, and text for a person
wrapped only at a terminal."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.support.answers import (
    EN_ANSWERS,
    EN_LINES_BEFORE_COMMITMENTS,
    JA_ANSWERS,
    counselor_answers,
    feed,
)
from tests.support.packs import (
    COUNSELOR,
    COUNSELOR_PACK,
    RESOURCES,
    edit_like_a_counselor,
    pack_file,
)
from tests.support.runner import Result, ok, run_cli
from tests.support.sessions import start_unattended, unfinished_session
from trustcoach.catalog.say import say
from trustcoach.cli.app import main
from trustcoach.cli.terminal import invocation
from trustcoach.cli.terminal.output import echo
from trustcoach.journal.store import JournalStore

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


def test_help_is_said_in_the_language_of_its_command_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """--lang on the command line, else the environment's language; each run reads its own."""
    english = "Start a new guided session; every answer is saved as you give it."
    japanese = "新しいセッションを始めます。回答は一つ答えるごとに保存されます。"
    assert english in ok(run_cli("start", "--help"))
    for args in (["start", "--lang", "ja", "--help"], ["start", "--help", "--lang=ja"]):
        shown = ok(run_cli(*args))
        assert japanese in shown and "--answers <path>  TOML ファイルの回答で" in shown
        assert "help_" not in shown
    assert english in ok(run_cli("start", "--help"))  # the next run reads its own again
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    assert "start     新しいセッションを始めます。\n" in ok(run_cli("--help"))
    assert "このヘルプを表示して終わります。" in run_cli("pack").stderr  # a group's own help
    assert english in ok(run_cli("start", "--lang", "en", "--help"))


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


def run_as_typed(program: Path, *args: str) -> Result:
    """trustcoach run as a shell runs it: ``main()`` reads ``sys.argv``, ``program`` first."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sys, "argv", [str(program), *args])
        with CliRunner().isolation() as (out, err, _):
            try:
                main()
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 0
            sys.stdout.flush()
            sys.stderr.flush()
            return Result(code, out.getvalue().decode(), err.getvalue().decode())


def test_a_hint_names_the_program_as_it_was_run(
    isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run by a path that is not trustcoach on the PATH, every hint names that path: a screen's,
    an error's, a message inside an error, the words of a command; the next run (as the tests
    run it) names trustcoach again: nothing of one run stays for the next."""
    program = fake_program(tmp_path)
    monkeypatch.setenv("HOME", "/nowhere")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    shown = str(program)
    assert f"Begin with: {shown} start (in Japanese: {shown} start --lang ja)" in (
        run_as_typed(program).stdout
    )
    refused = run_as_typed(program, "resume").stderr
    no_session = f"there is no unfinished session: '{shown} start' begins a new one"
    assert refused == f"trustcoach: {no_session}\n"
    assert f"'{shown} resume --help' shows how" in run_as_typed(program, "resume", "-x").stderr
    assert f"'{shown} start'" in run_as_typed(program, "show", "latest").stderr
    assert f"{shown} start" in run_as_typed(program, "checkin").stdout
    assert "Begin with: trustcoach start" in ok(run_cli())


def test_each_run_chooses_its_language_again(isolated_home: Path) -> None:
    """A session's language, or --lang, is the language of that run only."""
    assert "パック" in run_cli("start", "--lang", "ja", "--pack", "nope").stderr
    expected = "trustcoach: 'nope' is not a session id (like 20261126-140512-a3f9)\n"
    assert run_cli("show", "nope").stderr == expected


def test_a_session_s_own_language_takes_over_for_what_the_run_says_after(
    isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Resumed in an English environment, a Japanese session says its interruption and that it
    is complete in Japanese: the run speaks the session's language once it knows it."""
    stopped = run_cli("start", "--lang", "ja", input="妻\n")
    assert stopped.exit_code == 130
    (path,) = (isolated_home / "journals").glob("*.toml")
    resumed = run_cli("resume", input="")
    assert resumed.exit_code == 130
    assert resumed.stderr.strip() == say("ja", "interrupted", id=path.stem)
    start_unattended(tmp_path, monkeypatch, "2026-03-28T10:00:00+09:00", JA_ANSWERS, "--lang", "ja")
    (done,) = {p.stem for p in (isolated_home / "journals").glob("*.toml")} - {path.stem}
    shown = ok(run_cli("resume", done))
    assert shown.strip() == say("ja", "session_already_complete", id=done)


def test_a_run_lets_go_of_its_sessions_however_it_ends(isolated_home: Path) -> None:
    """A resume stopped by the end of its input still lets the session go: the next run in
    the same process (a flock is held per open file) may hold it."""
    path = unfinished_session(isolated_home)
    assert run_cli("resume", path.stem, input="").exit_code == 130
    store = JournalStore(isolated_home)
    store.hold(path.stem)  # UsageError (session_busy) if the run had kept its lock
    store.release_all()


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
