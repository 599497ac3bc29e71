"""Guarantees about the environment trustcoach runs in (issue #15, items 4, 5 and 7).

Every environment value trustcoach reads gets one sentence and exit 1 when it cannot be used,
never an unexpected problem (exit 70): ``TRUSTCOACH_HOME`` naming the home of an unknown user
or a path taken by a file (for every command, the home screen too), ``TRUSTCOACH_NOW`` that is
not a time or is outside the years trustcoach can simulate, ``TRUSTCOACH_LANG`` that is not a
language it speaks. ``COLUMNS`` is not an error: however narrow or wide it says the terminal
is, the session's screens keep between 20 and 1,000 columns and show every word.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.answers import EN_ANSWERS, write_answers
from tests.support.runner import one_sentence_error, run_cli

HOME_COMMANDS = [
    [],  # the home screen
    ["list"],
    ["list", "--json"],
    ["show", "latest"],
    ["progress"],
    ["resume"],
    ["export", "latest", "--format", "md"],
    ["export", "--since", "2026-01-01", "--format", "md"],
    ["doctor"],
    ["pack", "list"],
    ["pack", "show", "trust-repair", "--lang", "en"],
    ["pack", "init", "mine"],
    ["start", "--lang", "en"],
    ["start", "--lang", "en", "--answers", "{answers}"],
]


def refused_in_one_sentence(args: list[str], answers: Path, naming: str) -> str:
    result = run_cli(*[arg.format(answers=answers) for arg in args], input="Sam\n")
    assert result.exit_code == 1, (args, result.exit_code, result.stdout, result.stderr)
    sentence = one_sentence_error(result.stderr)
    assert naming in sentence, (args, sentence)
    return sentence


@pytest.mark.parametrize("args", HOME_COMMANDS, ids=lambda args: " ".join(args) or "home")
def test_a_home_of_an_unknown_user_is_one_sentence(
    args: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Issue #15, item 4: TRUSTCOACH_HOME='~nouser/x' made every command fail with an
    unexpected problem (RuntimeError, exit 70); now it is one sentence that names it."""
    monkeypatch.setenv("TRUSTCOACH_HOME", "~trustcoach-no-such-user/x")
    sentence = refused_in_one_sentence(args, write_answers(tmp_path, EN_ANSWERS), "TRUSTCOACH_HOME")
    assert "~trustcoach-no-such-user/x" in sentence


@pytest.mark.parametrize("args", HOME_COMMANDS, ids=lambda args: " ".join(args) or "home")
@pytest.mark.parametrize("where", ["a file", "under a file"])
def test_a_home_that_is_a_file_is_one_sentence_for_every_command(
    args: list[str],
    where: str,
    isolated_home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issue #15, item 5: TRUSTCOACH_HOME pointing to a regular file gave 'No sessions yet'
    and exit 0; now every command, the home screen too, says in one sentence that the home is
    not a folder, and the file is left as it was."""
    taken = isolated_home if where == "a file" else isolated_home.parent / "taken"
    taken.write_text("someone's notes", "utf-8")
    if where == "under a file":
        monkeypatch.setenv("TRUSTCOACH_HOME", str(taken / "home"))
    sentence = refused_in_one_sentence(args, write_answers(tmp_path, EN_ANSWERS), "not a folder")
    assert "TRUSTCOACH_HOME" in sentence
    assert taken.read_text("utf-8") == "someone's notes"


@pytest.mark.parametrize("args", HOME_COMMANDS, ids=lambda args: " ".join(args) or "home")
@pytest.mark.parametrize(
    "value",
    [
        "9999-12-31T23:00:00+09:00",
        "0001-01-01T00:00:00+09:00",
        "0001-01-01T00:00:00",
        "1969-07-20T20:17:00",
        "3000-01-01T00:00:00+00:00",
        "not a time",
        "2026-13-01",
    ],
)
def test_a_clock_that_cannot_be_simulated_is_one_sentence(
    args: list[str],
    value: str,
    isolated_home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issue #15, item 4: TRUSTCOACH_NOW at year 9999 overflowed (exit 70) and at year 0001
    gave a broken session id; now a value outside the years 1971 to 2999, or not a time at
    all, is one sentence naming TRUSTCOACH_NOW, and nothing is written: in every command, also
    those that never ask the time (list, show, doctor used to ignore the value)."""
    monkeypatch.setenv("TRUSTCOACH_NOW", value)
    refused_in_one_sentence(args, write_answers(tmp_path, EN_ANSWERS), "TRUSTCOACH_NOW")
    assert not list(isolated_home.rglob("*.toml"))


@pytest.mark.parametrize("args", [[], ["list"], ["start"]], ids=lambda a: " ".join(a) or "home")
def test_a_language_trustcoach_does_not_speak_is_one_sentence(
    args: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Issue #15, item 4: TRUSTCOACH_LANG gets one sentence too (every environment value)."""
    monkeypatch.setenv("TRUSTCOACH_LANG", "fr")
    refused_in_one_sentence(args, tmp_path, "TRUSTCOACH_LANG")


@pytest.mark.parametrize("columns", ["0", "1", "5", "19", "abc", "-3", "99999999999"])
def test_any_terminal_width_shows_every_word_of_the_session(
    columns: str, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue #15, item 7: COLUMNS=0 printed nothing but '> ' (no introduction, no question),
    COLUMNS of 5 or less emptied the boxes, and a huge COLUMNS ran out of memory (exit 70).
    Now every console keeps at least 20 and at most 1,000 columns: the words are all there."""
    monkeypatch.setenv("COLUMNS", columns)
    monkeypatch.setenv("TRUSTCOACH_NOW", "2026-11-26T10:00:00+09:00")
    result = run_cli("start", "--lang", "en", input="Sam\n")
    assert result.exit_code == 130, result.stdout + result.stderr
    words = set(result.stdout.split())
    for word in ("quiet", "space", "emergency", "Step", "partner"):
        assert word in words, (word, result.stdout[:600])
    assert max(len(line) for line in result.stdout.splitlines()) <= 1000
