"""Locking and unlocking a home can be cut short at any moment and lose nothing: every file is
plain or sealed, never half, every command reads both, and running the command again finishes
it. The same for a new passphrase: the old or the new one opens the home, never neither (and
never both: test_key_rotation.py kills it at every step of every file).

The kills are deterministic (the crash hook of support/crashes.py, at each step of each file's
replacement), as are the full disks (a write that fails with ENOSPC)."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.support.answers import EN_ANSWERS
from tests.support.clocks import NOW
from tests.support.crashes import CRASH_POINTS, CRASH_SITECUSTOMIZE
from tests.support.journals import journal_paths, list_json
from tests.support.runner import ok, one_sentence_error, refused, run_cli
from tests.support.sessions import complete_session, unfinished_session
from tests.support.vaults import (
    NEW_PASSPHRASE,
    PASSPHRASE,
    home_files,
    is_sealed,
    passphrase_file,
    plain_bytes,
    words_on_disk,
)
from trustcoach import files

pytestmark = pytest.mark.usefixtures("fixed_clock")

# Locks made by the child processes below cost a millisecond, as the ones made in this process.
FAST_KDF_HOOK = """
import trustcoach.lock.crypto as _crypto
_crypto.DEFAULT_PARAMS = _crypto.KdfParams(memory_kib=64, iterations=1, lanes=1)
"""

WORDS = ["Secret partner 七海", "SECRET view 自分を責めてしまう"]


@pytest.fixture
def three_sessions(isolated_home: Path, tmp_path: Path, passphrase: str) -> dict[Path, bytes]:
    """Two complete sessions and an unfinished one, in a plain home; their plain bytes."""
    answers = {**EN_ANSWERS, "partner": WORDS[0], "self_view": WORDS[1]}
    complete_session(isolated_home, tmp_path, answers)
    complete_session(isolated_home, tmp_path, answers)
    unfinished_session(isolated_home)
    ok(run_cli("list"))  # a plain index too, with the commitments in it
    return {path: path.read_bytes() for path in journal_paths(isolated_home)}


def crash(home: Path, tmp_path: Path, spec: str, *args: str, where: str = "") -> None:
    """Run trustcoach with args, killed (SIGKILL) at the save and the step of ``spec``."""
    hook = tmp_path / "crash-hook"
    hook.mkdir(exist_ok=True)
    (hook / "sitecustomize.py").write_text(FAST_KDF_HOOK + CRASH_SITECUSTOMIZE, "utf-8")
    env = {
        **os.environ,
        "TRUSTCOACH_HOME": str(home),
        "TRUSTCOACH_NOW": NOW,
        "TRUSTCOACH_TEST_CRASH": spec,
        "PYTHONPATH": os.pathsep.join(p for p in (str(hook), os.environ.get("PYTHONPATH")) if p),
    }
    if where:
        env["TRUSTCOACH_TEST_CRASH_IN"] = where
    done = subprocess.run(
        [sys.executable, "-m", "trustcoach", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == -signal.SIGKILL, f"not interrupted: {done.stdout}{done.stderr}"


def assert_all_readable(home: Path, plain: dict[Path, bytes]) -> None:
    """Every journal opens to exactly its plain bytes, and every command reads them all."""
    for path, data in plain.items():
        assert plain_bytes(home, path) == data, path
    rows = list_json()
    assert len(rows) == len(plain)
    assert all(row["status"] != "unreadable" for row in rows), rows


@pytest.mark.slow
@pytest.mark.parametrize("point", CRASH_POINTS)
@pytest.mark.parametrize("save", [1, 2])
def test_a_lock_killed_at_any_step_leaves_every_file_readable_and_lock_finishes_it(
    save: int, point: str, three_sessions: dict[Path, bytes], isolated_home: Path, tmp_path: Path
) -> None:
    crash(isolated_home, tmp_path, f"{save}:{point}", "lock")
    assert (isolated_home / "lock.toml").exists(), "the key file is written first"
    assert not (isolated_home / "index.sqlite3").exists(), "the plain index goes next"
    sealed = [is_sealed(path) for path in three_sessions]
    assert sealed == sorted(sealed, reverse=True), "files are locked in order, none half"
    assert_all_readable(isolated_home, three_sessions)
    result = run_cli("start", "--lang", "en", input="2\nn\nSam\n")  # a half-locked home works
    assert result.exit_code == 130, result.stdout + result.stderr
    new = [p for p in journal_paths(isolated_home) if p not in three_sessions]
    assert len(new) == 1 and is_sealed(new[0]), "what is written now is sealed"
    # Leaving the unfinished session rewrote it, sealed: when it was the last file still plain
    # (ids are random, so the order of the files is), nothing is left for lock to finish.
    still_plain = [p for p in journal_paths(isolated_home) if not is_sealed(p)]
    finished = ok(run_cli("lock"))
    said = "The interrupted lock is finished" if still_plain else "This home is already locked"
    assert said in finished
    assert all(is_sealed(path) for path in journal_paths(isolated_home))
    assert words_on_disk(isolated_home, WORDS) == []
    complete = {p: d for p, d in three_sessions.items() if b'"in_progress"' not in d}
    assert_all_readable_after(isolated_home, complete)  # the unfinished one was left since


def assert_all_readable_after(home: Path, plain: dict[Path, bytes]) -> None:
    for path, data in plain.items():
        assert plain_bytes(home, path) == data, path


@pytest.mark.slow
@pytest.mark.parametrize("point", CRASH_POINTS)
@pytest.mark.parametrize("save", [1, 2])
def test_an_unlock_killed_at_any_step_leaves_every_file_readable_and_unlock_finishes_it(
    save: int, point: str, three_sessions: dict[Path, bytes], isolated_home: Path, tmp_path: Path
) -> None:
    ok(run_cli("lock"))
    crash(isolated_home, tmp_path, f"{save}:{point}", "unlock")
    assert (isolated_home / "lock.toml").exists(), "the key file goes last"
    assert_all_readable(isolated_home, three_sessions)
    assert "This home is unlocked" in ok(run_cli("unlock"))
    assert not (isolated_home / "lock.toml").exists()
    assert {p: p.read_bytes() for p in three_sessions} == three_sessions


@pytest.mark.slow
@pytest.mark.parametrize("point", CRASH_POINTS)
def test_a_new_passphrase_killed_at_any_step_leaves_the_old_or_the_new_one(
    point: str, three_sessions: dict[Path, bytes], isolated_home: Path, tmp_path: Path
) -> None:
    ok(run_cli("lock"))
    journals = {p: p.read_bytes() for p in three_sessions}
    new = passphrase_file(tmp_path, NEW_PASSPHRASE, name="new")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TRUSTCOACH_NEW_PASSPHRASE_FILE", str(new))
        # The second file of that name opened for writing is the new key file's temporary one
        # (the first is the old key file, kept open to be overwritten once it is replaced).
        # The files locked again after it: test_key_rotation.py.
        crash(isolated_home, tmp_path, f"2:{point}", "lock", "--change", where="lock.toml")
    opens = []
    for words in (PASSPHRASE, NEW_PASSPHRASE):
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("TRUSTCOACH_PASSPHRASE_FILE", str(passphrase_file(tmp_path, words, "p")))
            opens.append(run_cli("list").exit_code == 0)
    assert opens in ([True, False], [False, True]), opens
    assert opens == ([False, True] if point == "after-rename" else [True, False])
    assert {p: p.read_bytes() for p in three_sessions} == journals


def failing_write(after: int) -> Any:
    """os.write that finds the disk full at its ``after``-th call (each file is one call)."""
    real = os.write
    calls: list[int] = []

    def write(fd: int, data: Any) -> int:
        calls.append(fd)
        if len(calls) >= after:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(fd, data)

    return write


@pytest.mark.parametrize("command", ["lock", "unlock"])
def test_a_full_disk_mid_lock_is_one_sentence_and_the_command_again_finishes(
    command: str,
    three_sessions: dict[Path, bytes],
    isolated_home: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if command == "unlock":
        ok(run_cli("lock"))
    before = home_files(isolated_home)
    with monkeypatch.context() as patch:
        patch.setattr(files.os, "write", failing_write(3 if command == "lock" else 2))
        result = run_cli(command)
    sentence = refused(result)
    assert "No space left on device" in sentence
    assert f"'trustcoach {command}' again" in sentence
    assert [p for p in isolated_home.rglob(".tmp-*")] == []
    assert_all_readable(isolated_home, three_sessions)
    changed = [p for p in three_sessions if before.get(p) != p.read_bytes()]
    assert 0 < len(changed) < len(three_sessions)
    ok(run_cli(command))
    assert all(is_sealed(p) == (command == "lock") for p in three_sessions)
    assert_all_readable_after(isolated_home, three_sessions)


def test_forget_all_destroys_the_key_before_any_journal(
    three_sessions: dict[Path, bytes], isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from trustcoach.journal import folder
    from trustcoach.lock import keyfile

    ok(run_cli("lock"))
    key_file = (isolated_home / "lock.toml").read_bytes()
    removed: list[str] = []
    real_unlink = os.unlink

    def unlink(path: Any, *args: Any, **kwargs: Any) -> None:
        removed.append(Path(path).name)
        real_unlink(path, *args, **kwargs)

    overwritten: list[bytes] = []
    real_write = os.write

    def write(fd: int, data: Any) -> int:
        overwritten.append(bytes(data))
        return real_write(fd, data)

    monkeypatch.setattr(keyfile.os, "unlink", unlink)
    monkeypatch.setattr(keyfile.os, "write", write)
    monkeypatch.setattr(folder.os, "unlink", unlink)
    monkeypatch.delenv("TRUSTCOACH_PASSPHRASE_FILE")  # forgetting everything needs none
    out = ok(run_cli("forget", "--all", "--yes"))
    monkeypatch.undo()
    assert removed[0] == "lock.toml", removed
    assert [len(data) for data in overwritten] == [len(key_file)]  # overwritten in place first
    assert overwritten[0] != key_file
    assert {path.name for path in three_sessions} <= set(removed)
    assert "no longer locked" in out
    assert sorted(p.name for p in isolated_home.iterdir()) == ["journals", "locks"]
    assert journal_paths(isolated_home) == []


def test_forget_one_session_of_a_locked_home_leaves_no_row_of_it_in_the_index(
    three_sessions: dict[Path, bytes], isolated_home: Path
) -> None:
    import sqlite3

    ok(run_cli("lock"))
    ok(run_cli("list"))
    first = next(iter(three_sessions))
    index = isolated_home / "index.locked"
    ok(run_cli("forget", first.stem, "--yes"))
    db = sqlite3.connect(":memory:")
    db.deserialize(plain_bytes(isolated_home, index))
    for table, column in (("sessions", "id"), ("commitments", "session"), ("files", "id")):
        rows = db.execute(f"SELECT count(*) FROM {table} WHERE {column} = ?", (first.stem,))
        assert rows.fetchone()[0] == 0, table
    assert db.execute("SELECT count(*) FROM sessions").fetchone()[0] == 2
    assert is_sealed(index)


def test_a_lock_cut_short_is_named_by_doctor(
    three_sessions: dict[Path, bytes], isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as patch:
        patch.setattr(files.os, "write", failing_write(3))
        refused(run_cli("lock"))
    (isolated_home / "index.sqlite3").write_bytes(b"plain words")
    doctor = run_cli("doctor")
    assert doctor.exit_code == 1
    lines = doctor.stdout.splitlines()
    plain = [p for p in three_sessions if not is_sealed(p)]
    for path in plain:
        line = next(line for line in lines if str(path) in line)
        assert line.startswith("problem") and "trustcoach lock" in line, line
    assert any("index.sqlite3" in line and "in the clear" in line for line in lines)
    assert any(line.startswith("ok") and "this home is locked" in line for line in lines)


def test_doctor_needs_no_passphrase_and_checks_the_journals_with_one(
    three_sessions: dict[Path, bytes], isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok(run_cli("lock"))
    with_passphrase = ok(run_cli("doctor"))
    assert "3 journals read without problems" in with_passphrase
    monkeypatch.delenv("TRUSTCOACH_PASSPHRASE_FILE")
    without = ok(run_cli("doctor"))
    assert "were not opened" in without
    assert "journals read without problems" not in without
    foreign = next(iter(three_sessions))
    data = bytearray(foreign.read_bytes())
    data[5:13] = b"\xff" * 8  # the key id of another key
    foreign.write_bytes(bytes(data))
    found = run_cli("doctor")
    assert found.exit_code == 1
    line = next(line for line in found.stdout.splitlines() if str(foreign) in line)
    assert "another key" in line


def test_a_damaged_key_file_is_one_sentence_and_left_alone(
    three_sessions: dict[Path, bytes], isolated_home: Path
) -> None:
    ok(run_cli("lock"))
    key_file = isolated_home / "lock.toml"
    damaged = key_file.read_bytes().replace(b"memory_kib = 64", b"memory_kib = 99999999999")
    key_file.write_bytes(damaged)
    sentence = one_sentence_error(run_cli("list").stderr)
    assert str(key_file) in sentence and "memory_kib" in sentence
    assert key_file.read_bytes() == damaged
    doctor = run_cli("doctor")
    assert doctor.exit_code == 1 and str(key_file) in doctor.stdout
