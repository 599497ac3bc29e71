"""``trustcoach lock``, ``lock --change`` and ``unlock``: a whole home encrypted at rest.

Once locked, no word the person wrote is on disk in the clear: not in a journal, not in the
index, not in a temporary file; every command still shows them; a changed or swapped file is
named and left alone; a wrong passphrase is one sentence."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tests.support.answers import EN_LINES_BEFORE_COMMITMENTS, TEXT_QUESTIONS, feed
from tests.support.histories import Planned
from tests.support.journals import journal_paths, list_json
from tests.support.runner import ok, refused, run_cli
from tests.support.vaults import (
    NEW_PASSPHRASE,
    PASSPHRASE,
    home_files,
    is_sealed,
    passphrase_file,
    plain_bytes,
    read_any_journal,
    words_on_disk,
)
from trustcoach.lock import crypto

# ---------------------------------------------------------------------------------------------
# What the person wrote, and where it may be
# ---------------------------------------------------------------------------------------------


def written_words(history: list[Planned]) -> list[str]:
    """Every text the person entered in the history: answers, commitments, review notes."""
    words: list[str] = []
    for plan in history:
        words += [plan.answers[q] for q in ("partner", *TEXT_QUESTIONS)]
        words += plan.texts
        words += [r["note"] for r in plan.reviews.values() if isinstance(r, dict)]
    return words


SECRETS = [
    "SECRETselfview 自分を信じたい",
    "SECRETcostly 隠しごと",
    "SECRETcommit Read together on Sundays",
]


def new_session_lines() -> list[str]:
    """A whole English session at the keyboard whose texts carry SECRETS."""
    lines = list(EN_LINES_BEFORE_COMMITMENTS)
    lines[1] = SECRETS[0]  # self_view
    lines[lines.index("Hiding things")] = SECRETS[1]  # costly_actions
    return [*lines, SECRETS[2], "", "", "", "8"]


def test_nothing_written_is_on_disk_in_the_clear_once_locked(
    history: list[Planned], passphrase: str, isolated_home: Path
) -> None:
    words = written_words(history)
    assert words_on_disk(isolated_home, words), "the search must find them in a plain home"
    before = list_json()
    ok(run_cli("lock"))
    assert words_on_disk(isolated_home, words) == []
    for args in (
        ["list"],
        ["list", "--json"],
        ["progress"],
        ["progress", "--json"],
        ["show", "latest"],
        ["export", history[0].id, "--format", "json"],
        [],
    ):
        out = ok(run_cli(*args))
        assert words_on_disk(isolated_home, words) == [], args
    assert history[0].texts[0] in out or "S4" in out  # the home screen shows the words
    assert list_json() == before
    assert words_on_disk(isolated_home, words) == []


def test_a_session_in_a_locked_home_leaves_no_word_in_the_clear(
    passphrase: str, isolated_home: Path, fixed_clock: str
) -> None:
    """Started, interrupted, resumed, looked back at, checked in the next evening: the
    journal, the index, the day's check-ins and every temporary file hold sealed bytes only."""
    ok(run_cli("lock"))
    lines = new_session_lines()
    assert run_cli("start", "--lang", "en", input=feed(lines[:3])).exit_code == 130
    assert words_on_disk(isolated_home, SECRETS) == []
    ok(run_cli("resume", input=feed(lines[3:])))
    ok(run_cli("list"))
    ok(run_cli("progress"))
    with pytest.MonkeyPatch.context() as mp:  # the next evening's check-in
        mp.setenv("TRUSTCOACH_NOW", "2026-11-27T21:00:00+09:00")
        ok(run_cli("checkin", input="y\nn\n\n\n"))
        shown = json.loads(ok(run_cli("progress", "--json")))
    assert [c["done_days"] for c in shown["open_commitments"]] == [1, 0]
    assert words_on_disk(isolated_home, SECRETS) == []
    (day,) = (isolated_home / "checkins").iterdir()
    assert is_sealed(day)
    (path,) = journal_paths(isolated_home)
    assert is_sealed(path)
    journal = read_any_journal(isolated_home, path)
    assert journal["status"] == "complete"
    assert SECRETS[2] in [c["text"] for c in journal["commitments"]]
    assert SECRETS[0] in ok(run_cli("show", "latest"))


def test_every_byte_written_while_locked_is_sealed(
    passphrase: str, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not only the files that remain: every write trustcoach makes, temporary files of the
    atomic saves included, carries no word in the clear."""
    from trustcoach import files

    ok(run_cli("lock"))
    written: list[bytes] = []
    real_write = os.write

    def recording(fd: int, data: Any) -> int:
        written.append(bytes(data))
        return real_write(fd, data)

    monkeypatch.setattr(files.os, "write", recording)
    ok(run_cli("start", "--lang", "en", input=feed(new_session_lines())))
    ok(run_cli("list"))
    monkeypatch.undo()
    assert len(written) > 20
    assert all(chunk.startswith(crypto.MAGIC) for chunk in written)
    for secret in SECRETS:
        assert not any(secret.encode() in chunk for chunk in written)


# ---------------------------------------------------------------------------------------------
# Changed, swapped and foreign files
# ---------------------------------------------------------------------------------------------


@pytest.fixture
def locked_history(history: list[Planned], passphrase: str, isolated_home: Path) -> list[Planned]:
    ok(run_cli("lock"))
    return history


def test_a_changed_byte_names_that_journal_and_the_others_still_open(
    locked_history: list[Planned], isolated_home: Path
) -> None:
    first, *rest = journal_paths(isolated_home)
    data = bytearray(first.read_bytes())
    data[len(data) // 2] ^= 0x20
    first.write_bytes(bytes(data))
    rows = list_json()
    problems = [row for row in rows if row["status"] == "unreadable"]
    assert [row["id"] for row in problems] == [first.stem]
    assert "is locked and does not open" in problems[0]["problem"]
    assert len(rows) == len(rest) + 1
    shown = run_cli("show", first.stem)
    assert str(first) in refused(shown)
    assert "is locked and does not open" in shown.stderr
    ok(run_cli("show", rest[0].stem))
    assert first.read_bytes() == bytes(data), "a file that does not open is never rewritten"


def test_two_journals_swapped_are_both_refused(
    locked_history: list[Planned], isolated_home: Path
) -> None:
    """A sealed journal is bound to its name: swapping the files of two sessions never shows
    one session's answers as the other's."""
    a, b = journal_paths(isolated_home)[:2]
    data_a, data_b = a.read_bytes(), b.read_bytes()
    a.write_bytes(data_b)
    b.write_bytes(data_a)
    rows = {row["id"]: row for row in list_json()}
    assert rows[a.stem]["status"] == rows[b.stem]["status"] == "unreadable"
    assert "belongs under another name" in rows[a.stem]["problem"]
    refused(run_cli("show", a.stem))
    assert (a.read_bytes(), b.read_bytes()) == (data_b, data_a)


def test_a_journal_from_another_locked_home_says_so(
    locked_history: list[Planned], isolated_home: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other-home"
    target = journal_paths(isolated_home)[0]
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TRUSTCOACH_HOME", str(other))
        ok(run_cli("lock"))
        ok(run_cli("start", "--answers", str(write_answers_here(tmp_path))))
    (foreign,) = journal_paths(other)
    target.write_bytes(foreign.read_bytes())
    row = next(r for r in list_json() if r["id"] == target.stem)
    assert "was locked with another key" in row["problem"]


def write_answers_here(folder: Path) -> Path:
    from tests.support.answers import EN_ANSWERS, write_answers

    return write_answers(folder, EN_ANSWERS, name="other-answers.toml")


def test_a_sealed_journal_without_the_key_file_is_named(
    locked_history: list[Planned], isolated_home: Path
) -> None:
    (isolated_home / "lock.toml").rename(isolated_home.parent / "lock.toml.away")
    rows = list_json()
    assert {row["status"] for row in rows} == {"unreadable"}
    assert "has no key file (lock.toml)" in rows[0]["problem"]


# ---------------------------------------------------------------------------------------------
# The passphrase
# ---------------------------------------------------------------------------------------------

WORD_COMMANDS = [
    [],
    ["list"],
    ["progress"],
    ["show", "latest"],
    ["export", "latest", "--format", "md"],
    ["resume"],
    ["start", "--lang", "en"],
    ["lock", "--change"],
    ["unlock"],
    ["forget", "latest", "--yes"],
]


@pytest.mark.parametrize("args", WORD_COMMANDS, ids=lambda a: " ".join(a) or "home")
def test_a_wrong_passphrase_is_one_sentence_and_changes_nothing(
    args: list[str], locked_history: list[Planned], isolated_home: Path, tmp_path: Path
) -> None:
    wrong = passphrase_file(tmp_path, "not the passphrase", name="wrong")
    before = home_files(isolated_home)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TRUSTCOACH_PASSPHRASE_FILE", str(wrong))
        mp.setenv("TRUSTCOACH_NEW_PASSPHRASE_FILE", str(wrong))
        sentence = refused(run_cli(*args, input="Sam\n"))
    assert "does not open this home" in sentence
    assert home_files(isolated_home) == before


@pytest.mark.parametrize("args", WORD_COMMANDS[:7], ids=lambda a: " ".join(a) or "home")
def test_without_a_terminal_or_a_file_the_passphrase_is_asked_for_in_one_sentence(
    args: list[str], locked_history: list[Planned], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TRUSTCOACH_PASSPHRASE_FILE")
    sentence = refused(run_cli(*args, input="Sam\n"))
    assert "type its passphrase at a terminal" in sentence
    assert "TRUSTCOACH_PASSPHRASE_FILE" in sentence


@pytest.mark.parametrize(
    "args",
    [["--help"], ["--version"], ["pack", "list"], ["pack", "show", "trust-repair"], ["doctor"]],
    ids=" ".join,
)
def test_commands_that_need_no_words_never_ask(
    args: list[str], locked_history: list[Planned], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TRUSTCOACH_PASSPHRASE_FILE")
    derived: list[int] = []
    monkeypatch.setattr(crypto, "derive", lambda *a: derived.append(1) or b"")
    ok(run_cli(*args))
    assert derived == []


def test_the_passphrase_is_derived_once_per_command(
    locked_history: list[Planned], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Argon2id is the slow step on purpose: a session that reads the index, every due
    commitment and then saves after each answer still derives the key once."""
    real = crypto.derive
    calls: list[int] = []

    def counted(*args: Any) -> bytes:
        calls.append(1)
        return real(*args)

    monkeypatch.setattr(crypto, "derive", counted)
    for args in (["list"], ["progress"], ["show", "latest"], []):
        calls.clear()
        ok(run_cli(*args))
        assert len(calls) == 1, args
    calls.clear()
    result = run_cli("start", "--lang", "en", input="n\nSam\nI try\n7\n")
    assert result.exit_code == 130, result.stdout + result.stderr
    assert len(calls) == 1


@pytest.mark.parametrize(
    ("content", "works"),
    [
        (f"{PASSPHRASE}\n", True),
        (f"{PASSPHRASE}\r\nsecond line\n", True),
        (PASSPHRASE, True),  # no line ending at all
        (f"{PASSPHRASE} \n", False),  # a space is part of a passphrase
        ("\n" + PASSPHRASE, False),  # the first line is empty
    ],
    ids=["newline", "crlf-and-more", "no-newline", "trailing-space", "empty-first-line"],
)
def test_a_passphrase_file_gives_its_first_line(
    content: str, works: bool, locked_history: list[Planned], tmp_path: Path
) -> None:
    path = tmp_path / "given"
    path.write_bytes(content.encode())
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TRUSTCOACH_PASSPHRASE_FILE", str(path))
        result = run_cli("list")
    if works:
        ok(result)
    else:
        assert str(path) in refused(result)


def test_a_passphrase_file_may_be_a_pipe(locked_history: list[Planned], tmp_path: Path) -> None:
    """As ``TRUSTCOACH_PASSPHRASE_FILE=<(pass show trustcoach)`` gives it."""
    import threading

    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)

    def write() -> None:
        with fifo.open("w", encoding="utf-8") as handle:
            handle.write(PASSPHRASE + "\n")

    writer = threading.Thread(target=write)
    writer.start()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TRUSTCOACH_PASSPHRASE_FILE", str(fifo))
        listed = ok(run_cli("list"))
    writer.join(timeout=5)
    assert not writer.is_alive(), "the passphrase was never read from the pipe"
    rows = [" ".join(line.split()) for line in listed.splitlines()]
    for plan in locked_history:  # the home opened: a row of the date, both ratings and the id
        row = f"{plan.day.isoformat()} {plan.self_trust} {plan.partner_trust} "
        assert any(r.startswith(row) and r.endswith(plan.id) for r in rows), (plan.id, listed)


@pytest.mark.parametrize("kind", ["missing", "folder", "device"])
def test_a_passphrase_file_that_cannot_be_read_is_one_sentence(
    kind: str, locked_history: list[Planned], tmp_path: Path
) -> None:
    path = {"missing": tmp_path / "nope", "folder": tmp_path, "device": Path("/dev/zero")}[kind]
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TRUSTCOACH_PASSPHRASE_FILE", str(path))
        assert str(path) in refused(run_cli("list"))


# ---------------------------------------------------------------------------------------------
# lock --change, unlock, and locking again
# ---------------------------------------------------------------------------------------------


def test_a_new_passphrase_locks_every_file_again_and_the_old_one_opens_nothing(
    locked_history: list[Planned], isolated_home: Path, tmp_path: Path
) -> None:
    ok(run_cli("list"))
    before = home_files(isolated_home)
    plain = {p: plain_bytes(isolated_home, p) for p in before if is_sealed(p)}
    new = passphrase_file(tmp_path, NEW_PASSPHRASE, name="new")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TRUSTCOACH_NEW_PASSPHRASE_FILE", str(new))
        assert "locked again with a new key" in ok(run_cli("lock", "--change"))
    after = home_files(isolated_home)
    assert set(after) == set(before)
    assert all(after[p] != before[p] for p in plain), "every sealed file, sealed again"
    assert "does not open this home" in refused(run_cli("list"))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TRUSTCOACH_PASSPHRASE_FILE", str(new))
        ok(run_cli("list"))
        words = {p: d for p, d in plain.items() if p.name != "index.locked"}  # list rewrote it
        assert {p: plain_bytes(isolated_home, p, NEW_PASSPHRASE) for p in words} == words


def test_a_new_passphrase_that_is_too_short_changes_nothing(
    locked_history: list[Planned], isolated_home: Path, tmp_path: Path
) -> None:
    before = home_files(isolated_home)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TRUSTCOACH_NEW_PASSPHRASE_FILE", str(passphrase_file(tmp_path, "short")))
        assert "shorter than 8 characters" in refused(run_cli("lock", "--change"))
    assert home_files(isolated_home) == before


def test_unlock_gives_back_exactly_the_files_that_were_locked(
    history: list[Planned], passphrase: str, isolated_home: Path
) -> None:
    """Byte for byte, a hand-damaged journal and a sync tool's copy included."""
    first = journal_paths(isolated_home)[0]
    damaged = first.with_name("20261001-100000-dead.toml")
    damaged.write_bytes(b'schema_version = 1\nid = "20261001-100000-dead"\nstatus = [\n')
    copy = first.with_name(f"{first.stem}.sync-conflict-20261120-101010-ABCDEF1.toml")
    copy.write_bytes(first.read_bytes())
    ok(run_cli("checkin", input="y\nn\n\ny\n\n\n\n\n"))
    plain = {p: d for p, d in home_files(isolated_home).items() if p.suffix == ".toml"}
    assert any(p.parent.name == "checkins" for p in plain)
    ok(run_cli("lock"))
    assert all(is_sealed(p) for p in plain)
    assert not (isolated_home / "index.sqlite3").exists()
    ok(run_cli("list"))
    assert (isolated_home / "index.locked").exists()
    out = ok(run_cli("unlock"))
    assert "This home is unlocked" in out
    after = home_files(isolated_home)
    assert {p: d for p, d in after.items() if p.suffix == ".toml"} == plain
    assert not (isolated_home / "lock.toml").exists()
    assert not (isolated_home / "index.locked").exists()
    assert "This home is not locked." in ok(run_cli("unlock"))


def test_lock_removes_what_a_crash_left_in_the_clear(
    history: list[Planned], passphrase: str, isolated_home: Path
) -> None:
    """A temporary file a crash left mid-save holds plain words; so does SQLite's journal of
    the index. Locking removes both, not only the files it encrypts."""
    from tests.support.crashes import dead_pid

    journal = journal_paths(isolated_home)[0]
    stale = journal.parent / f".tmp-{journal.name}.{dead_pid()}"
    stale.write_bytes(journal.read_bytes()[:3000])
    side = isolated_home / "index.sqlite3-journal"
    side.write_bytes(journal.read_bytes())
    words = written_words(history)
    assert words_on_disk(isolated_home, words)
    ok(run_cli("lock"))
    assert not stale.exists() and not side.exists()
    assert words_on_disk(isolated_home, words) == []


def test_a_copy_of_a_session_opens_once_renamed_to_its_journal(
    locked_history: list[Planned], isolated_home: Path
) -> None:
    """What doctor says to do with a sync tool's copy works in a locked home too: the session
    shows as it did before, with its words, and is no longer a copy."""
    journal = journal_paths(isolated_home)[0]
    before = ok(run_cli("show", journal.stem))
    copy = journal.with_name(f"{journal.stem} 2.toml")
    copy.write_bytes(journal.read_bytes())
    journal.unlink()
    copy.rename(journal)
    shown = ok(run_cli("show", journal.stem))
    assert shown == before
    plan = locked_history[0]
    assert plan.id in shown.splitlines()[0]
    assert all(text in shown for text in plan.texts)
    row = next(row for row in list_json() if row["id"] == journal.stem)
    assert row["status"] == "complete"


def test_lock_says_how_many_files_it_encrypted(
    history: list[Planned], passphrase: str, isolated_home: Path
) -> None:
    count = len(journal_paths(isolated_home))
    said = " ".join(ok(run_cli("lock")).split())
    assert f"This home is locked: {count} files that hold your words are encrypted" in said


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "every session you write from now on is encrypted"),
        ("ja", "これから書くセッションは、すべて暗号化されます。"),
    ],
)
def test_locking_a_home_with_nothing_in_it_yet_speaks_of_what_comes(
    lang: str,
    expected: str,
    passphrase: str,
    isolated_home: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TRUSTCOACH_LANG", lang)
    said = "".join(ok(run_cli("lock")).split())
    assert "".join(expected.split()) in said
    assert "0" not in said.replace(str(isolated_home), "")


def test_lock_twice_says_so_and_changes_nothing(
    locked_history: list[Planned], isolated_home: Path
) -> None:
    before = home_files(isolated_home)
    assert "already locked" in ok(run_cli("lock"))
    assert home_files(isolated_home) == before


def test_a_plain_index_left_in_a_locked_home_is_removed(
    locked_history: list[Planned], isolated_home: Path
) -> None:
    index = isolated_home / "index.sqlite3"
    with sqlite3.connect(index) as db:
        db.execute("CREATE TABLE commitments (text TEXT)")
        db.execute("INSERT INTO commitments VALUES ('S1 walk after dinner [/]')")
    ok(run_cli("list"))
    assert not index.exists()


def test_lock_names_a_file_it_cannot_lock_and_locks_the_others(
    history: list[Planned], passphrase: str, isolated_home: Path
) -> None:
    fifo = isolated_home / "journals" / "20261001-100000-ffff.toml"
    os.mkfifo(fifo)
    result = run_cli("lock")
    assert result.exit_code == 1
    assert f"{fifo} is a named pipe (FIFO), not a regular file; it was not locked" in result.stderr
    assert all(is_sealed(p) for p in journal_paths(isolated_home) if p != fifo)


def test_a_second_lock_waits_for_nobody_while_a_command_holds_the_home(
    locked_history: list[Planned], isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A session open in another terminal holds the home: lock, unlock and a new passphrase
    are refused (after a short wait) rather than changing files under it."""
    from trustcoach.journal.store import JournalStore
    from trustcoach.lock import vault as vault_module

    monkeypatch.setattr(vault_module.Vault.hold_alone, "__defaults__", (0.2,))
    other = JournalStore(isolated_home, vault_module.Vault(isolated_home))
    assert other.vault.locked
    before = home_files(isolated_home)
    for args in (["unlock"], ["lock", "--change"]):
        assert "open in another terminal" in refused(run_cli(*args))
    other.release_all()
    assert home_files(isolated_home) == before


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_progress_bar_fits_a_narrow_screen_and_erases_itself(
    lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Locking 10,000 journals shows a bar; at 60 columns, with a Japanese label (two cells a
    character), it must stay on one line, or erasing it leaves half a bar on the screen."""
    import io

    from trustcoach.cli.terminal.progress import ProgressBar
    from trustcoach.text import columns

    monkeypatch.setenv("COLUMNS", "60")
    bar = ProgressBar(lang, "converting_files")
    bar.stream, bar.enabled = io.StringIO(), True
    for done in (50, 5000, 10000):
        bar(done, 10000)
    drawn = bar.stream.getvalue()
    lines = [part for part in drawn.split("\r") if part and not part.startswith("\x1b")]
    assert len(lines) == 3 and "10000/10000" in lines[-1]
    assert all(columns(line) <= 60 for line in lines), lines
    assert drawn.endswith("\r\x1b[2K")
