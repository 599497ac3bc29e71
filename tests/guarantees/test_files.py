"""Guarantees about journals trustcoach cannot read (promise 3) and what ``doctor`` finds
(promise 9).

A journal that is not exactly what this version writes is reported with the reason by every
command that meets it, and its bytes are never rewritten. ``doctor`` names each problem of the
home, says what to do, only looks, and exits 1 when it found something.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest

from tests.support.answers import JA_ANSWERS
from tests.support.crashes import dead_pid
from tests.support.journals import journal_paths
from tests.support.runner import one_sentence_error, run_cli
from tests.support.sessions import complete_session, unfinished_session
from tests.support.vaults import as_stored, plain_bytes

pytestmark = pytest.mark.usefixtures("fixed_clock")


def state_of(home: Path) -> dict[str, tuple[int, bytes | None, int]]:
    """Mode, bytes and modification time of everything under the home."""
    found = {}
    for path in sorted(home.rglob("*")):
        info = path.lstat()
        data = path.read_bytes() if stat.S_ISREG(info.st_mode) else None
        found[str(path.relative_to(home))] = (stat.S_IMODE(info.st_mode), data, info.st_mtime_ns)
    return found


# ---------------------------------------------------------------------------------------------
# Promise 3: a file trustcoach cannot read is never rewritten
# ---------------------------------------------------------------------------------------------


def _unknown_keys(valid: str) -> str:
    head, sep, rest = valid.partition("\n[[answers]]\n")
    rest = rest.replace("skipped = false\n", 'skipped = false\nmood = "calm"\n', 1)
    return f'{head}\nweather = "rain"\n{sep}{rest}'


UNREADABLE: dict[str, tuple[Any, str | None]] = {
    # name: (bytes from the text of a valid in-progress journal, a piece of the reason)
    "syntax-error": (
        lambda valid: valid.replace('status = "in_progress"', "status = in_progress").encode(),
        "is not valid TOML at line",
    ),
    "byte-order-mark": (lambda valid: b"\xef\xbb\xbf" + valid.encode(), "byte-order mark"),
    "shift-jis": (lambda valid: valid.encode("shift_jis"), "not UTF-8"),
    "deep-nesting": (lambda valid: b"a = " + b"[" * 100_000, "nested too deeply"),
    "newer-schema": (
        lambda valid: valid.replace("schema_version = 2", "schema_version = 3").encode(),
        "newer trustcoach",
    ),
    "unknown-keys": (lambda valid: _unknown_keys(valid).encode(), "unknown key"),
    "half-written": (lambda valid: valid.encode()[: len(valid.encode()) // 2], None),
    "empty": (lambda valid: b"", None),
    # Issue #15, item 4: a rating hand-edited to a word used to pass reading and crash resume.
    "rating-is-a-word": (
        lambda valid: valid.replace("value = 7\n", 'value = "abc"\n', 1).encode(),
        "a rating must be a whole number",
    ),
    # Issue #15, item 1: a journal whose id names another session (a copy) is never written.
    "copy-of-another-session": (
        lambda valid: _other_id(valid).encode(),
        "which is not its file name",
    ),
}


def _other_id(valid: str) -> str:
    """The journal with an id that is not its file name's: the same second, another suffix."""
    head, sep, rest = valid.partition('\nid = "')
    session_id, quote, tail = rest.partition('"')
    other = session_id[:-4] + ("0000" if session_id[-4:] != "0000" else "0001")
    return f"{head}{sep}{other}{quote}{tail}"


@pytest.fixture
def unreadable_home(isolated_home: Path, tmp_path: Path, home_kind: str) -> tuple[Path, Path]:
    """A home (plain, or locked) with a readable complete session and an in-progress journal
    to break."""
    complete_session(isolated_home, tmp_path, JA_ANSWERS, "ja")
    return isolated_home, unfinished_session(isolated_home)


@pytest.mark.parametrize("case", sorted(UNREADABLE))
def test_unreadable_journal_is_reported_by_every_command_and_never_rewritten(
    case: str, unreadable_home: tuple[Path, Path], tmp_path: Path
) -> None:
    """In a locked home the same bytes are sealed, as if written by a newer trustcoach or
    edited between an unlock and a lock: what does not read is still never rewritten."""
    home, path = unreadable_home
    build, reason_piece = UNREADABLE[case]
    valid = plain_bytes(home, path).decode().replace("Sam", "夫")  # Japanese, for Shift_JIS
    data = as_stored(home, path, build(valid))
    path.write_bytes(data)
    os.utime(path, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    session_id = path.stem

    def unchanged() -> None:
        assert path.read_bytes() == data, case
        assert path.stat().st_mtime_ns == 1_700_000_000_000_000_000, case

    listed = run_cli("list", "--json")
    assert listed.exit_code == 0, listed.stderr
    rows = {row["id"]: row for row in json.loads(listed.stdout)}
    assert rows[session_id]["status"] == "unreadable"
    reason = rows[session_id]["problem"]
    assert reason, rows[session_id]
    if reason_piece:
        assert reason_piece in reason, reason
    assert len(rows) == 2  # the readable session is still listed
    text = run_cli("list").stdout.splitlines()
    number = next(n for n, line in enumerate(text) if session_id in line)
    line = text[number + 1]  # why, on the line below
    assert "unreadable" in line and reason[:40] in line, line
    unchanged()

    # Both sessions started in the same second: their ids differ only in the random part.
    others = [p.stem for p in path.parent.glob("*.toml") if p != path]
    prefix = next(  # the shortest prefix that names this session alone
        session_id[:n]
        for n in range(len(session_id) - 3, len(session_id) + 1)
        if not any(other.startswith(session_id[:n]) for other in others)
    )
    for args in (
        ["show", session_id],
        ["show", prefix],  # a unique prefix finds it too
        ["export", session_id, "--format", "md"],
        ["export", session_id, "--format", "json"],
        ["export", session_id, "--format", "html", "--output", str(tmp_path / "out.html")],
        ["resume", session_id],
    ):
        result = run_cli(*args, input="Kept it.\n")
        assert result.exit_code == 1, (args, result.stdout, result.stderr)
        message = one_sentence_error(result.stderr)
        assert str(path) in message and reason in message, (args, message)
        unchanged()
    assert not (tmp_path / "out.html").exists()

    doctor = run_cli("doctor")
    assert doctor.exit_code == 1
    line = next(line for line in doctor.stdout.splitlines() if str(path) in line)
    assert line.startswith("problem") and reason in line, line
    unchanged()

    for args, stdin in (
        (["progress"], ""),
        (["progress", "--json"], ""),
        ([], ""),  # the home screen
        (["resume"], "Kept it.\n"),  # the latest unfinished session that can be read
        (["start", "--lang", "en", "--answers", str(tmp_path / "answers.toml")], ""),
    ):
        result = run_cli(*args, input=stdin)
        assert "Traceback" not in result.stdout + result.stderr, args
        assert result.exit_code in (0, 1), (args, result.exit_code, result.stderr)
        unchanged()
    assert len(journal_paths(home)) == 3


@pytest.mark.parametrize(
    "args",
    [
        ["progress"],
        ["progress", "--json"],
        ["resume"],
    ],
    ids=" ".join,
)
def test_commands_that_meet_an_unreadable_journal_say_so(
    args: list[str], isolated_home: Path, tmp_path: Path
) -> None:
    path = unfinished_session(isolated_home)
    data = b"\xef\xbb\xbf" + path.read_bytes()
    path.write_bytes(data)
    result = run_cli(*args, input="Kept it.\n")
    assert "Traceback" not in result.stdout + result.stderr
    said = result.stdout + result.stderr
    assert path.stem in said or "unreadable" in said or "cannot be read" in said, said
    assert path.read_bytes() == data


# ---------------------------------------------------------------------------------------------
# Promise 9: doctor finds what is wrong and says what to do
# ---------------------------------------------------------------------------------------------

BROKEN_PACK = """\
id = "broken"
lang = "en"
version = "1"
title = "Broken"
[[steps]]
id = "only"
title = "Only"
[[steps.questions]]
id = "q"
kind = "rating"
prompt = "How much?"
"""


def make_problem(kind: str, home: Path) -> tuple[str, str]:
    """Cause one problem; (a piece of doctor's line that names it, a piece that says what to do)."""
    journal = journal_paths(home)[0]
    if kind == "loose-journal":
        journal.chmod(0o644)
        return str(journal), "chmod 600"
    if kind == "loose-home":
        home.chmod(0o755)
        return str(home), "chmod 700"
    if kind == "loose-journals-folder":
        (home / "journals").chmod(0o750)
        return str(home / "journals"), "chmod 700"
    if kind == "leftover-temporary":
        temp = journal.parent / f".tmp-{journal.name}.{dead_pid()}"
        temp.write_bytes(journal.read_bytes()[:100])
        return temp.name, "delete"
    if kind == "unreadable-journal":
        journal.write_bytes(b"\xef\xbb\xbf" + journal.read_bytes())
        return str(journal), "byte-order mark"
    if kind == "broken-pack":
        pack = home / "packs" / "en" / "broken.toml"
        pack.parent.mkdir(parents=True)
        pack.write_text(BROKEN_PACK, "utf-8")
        return str(pack), "trustcoach pack validate"
    if kind == "journals-folder-is-a-link":
        real = home.parent / "real-journals"
        (home / "journals").rename(real)
        (home / "journals").symlink_to(real, target_is_directory=True)
        return "symbolic link", "real folder"
    if kind == "loose-index":
        (home / "index.sqlite3").chmod(0o644)
        return "index.sqlite3", "chmod 600"
    raise AssertionError(kind)


PROBLEMS = [
    "loose-journal",
    "loose-home",
    "loose-journals-folder",
    "leftover-temporary",
    "unreadable-journal",
    "broken-pack",
    "journals-folder-is-a-link",
    "loose-index",
]


@pytest.fixture
def healthy_home(isolated_home: Path, tmp_path: Path) -> Path:
    complete_session(isolated_home, tmp_path, JA_ANSWERS, "ja")
    unfinished_session(isolated_home)
    assert run_cli("list").exit_code == 0
    return isolated_home


def test_doctor_on_a_healthy_home_exits_0(healthy_home: Path) -> None:
    result = run_cli("doctor")
    assert result.exit_code == 0, result.stdout
    assert "Everything looks fine." in result.stdout
    assert not [line for line in result.stdout.splitlines() if line.startswith("problem")]


def test_doctor_before_the_first_session_exits_0(isolated_home: Path) -> None:
    result = run_cli("doctor")
    assert result.exit_code == 0, result.stdout
    assert not isolated_home.exists()  # doctor only looks


@pytest.mark.parametrize("kind", PROBLEMS)
def test_doctor_finds_each_problem_and_says_what_to_do(kind: str, healthy_home: Path) -> None:
    names, advice = make_problem(kind, healthy_home)
    before = state_of(healthy_home)
    result = run_cli("doctor")
    assert result.exit_code == 1, result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    problems = [line for line in result.stdout.splitlines() if line.startswith("problem")]
    assert len(problems) == 1, result.stdout
    assert names in problems[0] and advice in problems[0], problems[0]
    assert "1 problem found." in result.stdout
    assert state_of(healthy_home) == before  # doctor changes nothing


def test_doctor_finds_every_problem_at_once(healthy_home: Path) -> None:
    kinds = [
        "loose-journal",
        "loose-journals-folder",
        "leftover-temporary",
        "broken-pack",
        "loose-home",
    ]
    found = [make_problem(kind, healthy_home) for kind in kinds]
    result = run_cli("doctor")
    assert result.exit_code == 1
    problems = [line for line in result.stdout.splitlines() if line.startswith("problem")]
    for names, advice in found:
        assert any(names in line and advice in line for line in problems), (names, problems)
    assert f"{len(kinds)} problems found." in result.stdout
