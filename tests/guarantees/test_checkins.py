"""Check-ins are kept like journals: private whatever the umask, written atomically (a failed
save leaves the day as it was and no temporary file), never lost when two terminals check in at
once, and doctor checks them without mistaking them for journals."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import threading
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from tests.support.answers import EN_ANSWERS
from tests.support.clocks import JST
from tests.support.crashes import dead_pid
from tests.support.runner import ok, one_sentence_error, run_cli
from tests.support.sessions import start_unattended
from tests.support.vaults import PASSPHRASE, as_stored, is_sealed, plain_bytes
from trustcoach import files as tomlio
from trustcoach.journal.checkins.book import CheckinBook
from trustcoach.journal.history import CommitmentRow
from trustcoach.journal.store import JournalStore, Unreadable
from trustcoach.lock.vault import Vault

FIRST = "2026-12-01T21:00:00+09:00"


@pytest.fixture
def with_check_in(
    isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, home_kind: str
) -> Path:
    """A session on 12-01 and a check-in on 12-02 (all three commitments done), in a plain
    home and in a locked one (where the day's file is sealed); the day's file."""
    start_unattended(tmp_path, monkeypatch, FIRST, EN_ANSWERS, "--lang", "en")
    monkeypatch.setenv("TRUSTCOACH_NOW", "2026-12-02T21:00:00+09:00")
    assert run_cli("checkin", input="y\ny\ny\n").exit_code == 0
    day = isolated_home / "checkins" / "2026-12-02.toml"
    assert is_sealed(day) == (home_kind == "locked")
    return day


def test_a_failed_save_leaves_the_day_as_it_was(
    with_check_in: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = with_check_in.read_bytes()
    real_write = os.write

    def full(fd: int, data: Any) -> int:
        real_write(fd, bytes(data[:10]))
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(tomlio.os, "write", full)
    result = run_cli("checkin", input="n\nn\nn\n")
    monkeypatch.undo()
    assert result.exit_code == 1
    line = one_sentence_error(result.stderr)
    assert "could not save the check-in" in line and "No space left" in line
    assert with_check_in.read_bytes() == before
    assert sorted(p.name for p in with_check_in.parent.iterdir()) == [with_check_in.name]


def test_two_terminals_checking_in_at_once_keep_every_mark(
    isolated_home: Path, home_kind: str
) -> None:
    """Each mark is a read, a change and an atomic write of the day's file, under one lock:
    twenty writers, each marking its own commitment many times, lose none of them."""
    store = JournalStore(isolated_home, Vault(isolated_home, lambda attempt: PASSPHRASE))
    day = date(2026, 12, 2)
    moment = datetime(2026, 12, 2, 21, 0, tzinfo=JST)
    rows = [CommitmentRow("20261201-210000-aaaa", f"c{n}", "x", "2026-12-08") for n in range(20)]
    errors: list[BaseException] = []

    def mark(row: CommitmentRow) -> None:
        try:
            book = CheckinBook(store)
            for done in (False, True, False, True):
                book.record(day, row, done, moment)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=mark, args=(row,)) for row in rows]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    found = CheckinBook(store).read_day(day)
    assert not isinstance(found, Unreadable) and found is not None
    assert found.refs() == {row.ref: True for row in rows}
    store.release_all()


@pytest.mark.slow
def test_check_ins_are_private_whatever_the_umask(
    isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, home_kind: str
) -> None:
    start_unattended(tmp_path, monkeypatch, FIRST, EN_ANSWERS, "--lang", "en")
    done = subprocess.run(
        [sys.executable, "-m", "trustcoach", "checkin"],
        input="y\nn\n\n",
        capture_output=True,
        text=True,
        env={**os.environ, "TRUSTCOACH_NOW": "2026-12-02T21:00:00+09:00"},
        preexec_fn=lambda: os.umask(0),
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    folder = isolated_home / "checkins"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert [stat.S_IMODE(p.stat().st_mode) for p in folder.iterdir()] == [0o600]


def test_doctor_reads_check_ins_and_is_content(with_check_in: Path) -> None:
    result = run_cli("doctor")
    assert result.exit_code == 0, result.stdout
    assert "ok       1 day of check-ins read without problems" in result.stdout
    assert "Everything looks fine." in result.stdout


def test_doctor_notes_a_file_that_is_not_a_day_and_leaves_it(with_check_in: Path) -> None:
    copy = with_check_in.parent / "2026-12-02.sync-conflict-20261203-101010-ABC.toml"
    copy.write_bytes(with_check_in.read_bytes())
    result = run_cli("doctor")
    assert result.exit_code == 0, result.stdout
    assert f"{copy} is not a day of check-ins; trustcoach ignores it" in result.stdout
    assert copy.exists()


def make_problem(kind: str, day: Path) -> tuple[str, str]:
    """Damage the check-ins folder; what doctor must name, and the advice it must give."""
    if kind == "damaged-day":  # sealed again in a locked home, as a newer version might have
        home = day.parents[1]
        damaged = plain_bytes(home, day).replace(b"done = true", b"done = yes", 1)
        day.write_bytes(as_stored(home, day, damaged))
        return str(day), "trustcoach will not change it"
    if kind == "loose-day":
        day.chmod(0o644)
        return str(day), "chmod 600"
    if kind == "loose-folder":
        day.parent.chmod(0o755)
        return str(day.parent), "chmod 700"
    if kind == "leftover-temporary":
        temp = day.parent / f".tmp-{day.name}.{dead_pid()}"
        temp.write_bytes(day.read_bytes()[:20])
        return temp.name, "delete"
    raise AssertionError(kind)


@pytest.mark.parametrize("kind", ["damaged-day", "loose-day", "loose-folder", "leftover-temporary"])
def test_doctor_names_each_problem_of_the_check_ins_and_changes_nothing(
    kind: str, with_check_in: Path
) -> None:
    names, advice = make_problem(kind, with_check_in)
    before = {p.name: p.read_bytes() for p in with_check_in.parent.iterdir()}
    result = run_cli("doctor")
    assert result.exit_code == 1, result.stdout
    problems = [line for line in result.stdout.splitlines() if line.startswith("problem")]
    assert len(problems) == 1, result.stdout
    assert names in problems[0] and advice in problems[0], problems[0]
    assert {p.name: p.read_bytes() for p in with_check_in.parent.iterdir()} == before


def test_the_next_check_in_tidies_what_a_crash_left(with_check_in: Path) -> None:
    make_problem("leftover-temporary", with_check_in)
    make_problem("loose-day", with_check_in)
    assert run_cli("checkin", input="\nn\n\n").exit_code == 0
    assert [p.name for p in with_check_in.parent.iterdir()] == [with_check_in.name]
    assert stat.S_IMODE(with_check_in.stat().st_mode) == 0o600


@pytest.mark.parametrize("home_kind", ["locked"], indirect=True)
def test_a_sealed_day_that_does_not_open_is_named_and_left_alone(with_check_in: Path) -> None:
    """Another day's sealed file copied over this one does not open (it is bound to its own
    day): doctor names it, checkin refuses to write over it, and looking back still works."""
    other = with_check_in.with_name("2026-12-03.toml")
    other.write_bytes(with_check_in.read_bytes())  # bound to 12-02: it does not open as 12-03
    other.chmod(0o600)
    doctor = run_cli("doctor")
    assert doctor.exit_code == 1
    line = next(line for line in doctor.stdout.splitlines() if str(other) in line)
    assert "is locked and does not open" in line
    ok(run_cli("list"))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TRUSTCOACH_NOW", "2026-12-03T21:00:00+09:00")
        refused = run_cli("checkin", input="y\ny\ny\n")
    assert refused.exit_code == 1 and str(other) in refused.stderr
    assert other.read_bytes() == with_check_in.read_bytes()
